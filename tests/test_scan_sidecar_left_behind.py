"""A photo moved or renamed in a file manager keeps its tags, but its XMP sidecar stayed where it
was, beside no photo: nothing said so, and a keyword added to it in digiKam before the move was
never read. The sidecar is now read for the moved photo still, and listed in Problems with what
to do (move it beside the photo under its name, or delete it), told once by the scan that finds
it (CLI and the app's status line); put beside the photo, or deleted, it is no longer listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core.try_again import try_again
from tests import photo_factory as pf
from tests.cli_helpers import run
from tests.gui_helpers import open_window, scan
from tests.keyword_readers import exiftool_set
from tests.scan_helpers import new_library, run_scan
from tests.store_helpers import tag_states


def _photo_and_sidecar(folder: Path) -> tuple[Path, Path]:
    photo = pf.real_photo(folder / "IMG_1.jpg", "chelsea")
    pf.real_photo(folder / "IMG_2.jpg", "coffee")
    sidecar = folder / "IMG_1.jpg.xmp"
    exiftool_set(sidecar, "-XMP-dc:Subject=Rome", "-XMP-lr:HierarchicalSubject=Trips|Rome")
    return photo, sidecar


def test_a_sidecar_left_behind_is_read_and_listed_once(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = tmp_path / "card"
    photo, sidecar = _photo_and_sidecar(card / "2024")
    with new_library() as lib:
        run_scan(lib, [card], engine)
        assert tag_states(lib.db, photo)["Trips/Rome"] == "file"
        # Moved and renamed in a file manager; the sidecar stays, edited in digiKam meanwhile.
        moved = card / "Rome" / "cat.jpg"
        moved.parent.mkdir()
        photo.rename(moved)
        exiftool_set(sidecar, "-XMP-dc:Subject+=Colosseum")
        summary = run_scan(lib, [card], engine)
        assert summary.moved == 1
        states = tag_states(lib.db, moved)
        assert (states["Trips/Rome"], states["Colosseum"]) == ("file", "file")
        assert summary.problems == 0  # nothing failed to be read
        assert list(summary.left_sidecars) == [str(sidecar)]
        assert (
            f"move this file to {card / 'Rome' / 'cat.jpg.xmp'}"
            in (summary.left_sidecars[str(sidecar)])
        )
        # Told once: the next scan lists it still, and says nothing of it.
        assert run_scan(lib, [card], engine).left_sidecars == {}
        # File ▸ Problems' Try Again has nothing to read: it says so, and the row stays.
        [tried] = try_again(lib, [str(sidecar)], lambda: engine, None).files
        assert tried.words().startswith("IMG_1.jpg.xmp is still left behind: the XMP sidecar of")

    code, out, _ = run(capsys, "problems")
    assert "1 XMP sidecar left behind by a photo moved or renamed" in out
    assert str(sidecar) in out
    code, out, _ = run(capsys, "stats")
    assert "problems: 1 XMP sidecar left behind by a photo moved or renamed" in out

    # The user moves it beside the photo, as the row says: read there, no longer listed.
    sidecar.rename(moved.with_name("cat.jpg.xmp"))
    with new_library() as lib:
        assert run_scan(lib, [card], engine).left_sidecars == {}
        assert tag_states(lib.db, moved)["Colosseum"] == "file"
    code, out, _ = run(capsys, "stats")
    assert "problems: none" in out


def test_the_app_says_a_renamed_photo_left_its_sidecar(qtbot, engine, tmp_path: Path) -> None:
    card = tmp_path / "card"
    photo, sidecar = _photo_and_sidecar(card)
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, card)
    photo.rename(card / "cat.jpg")  # renamed in place: IMG_1.jpg.xmp is beside no photo now
    scan(qtbot, window, card)
    assert (
        f"A moved photo left its XMP sidecar behind: {sidecar} (File ▸ Problems says what to do)"
        in window.status.currentMessage()
    )
    sidecar.unlink()  # deleted: no longer listed, and the tags it gave stay
    scan(qtbot, window, card)
    assert "sidecar" not in window.status.currentMessage()
    assert tag_states(window.db, card / "cat.jpg")["Trips/Rome"] == "file"
    assert window.db.execute("SELECT count(*) FROM problems").fetchone()[0] == 0


def test_a_left_sidecar_of_a_photo_deleted_since_is_unlisted(engine, tmp_path: Path) -> None:  # noqa: ANN001
    card = tmp_path / "card"
    photo, sidecar = _photo_and_sidecar(card)
    with new_library() as lib:
        run_scan(lib, [card], engine)
        moved = photo.rename(card / "cat.jpg")
        assert list(run_scan(lib, [card], engine).left_sidecars) == [str(sidecar)]
        # The photo deleted: its row says no more that the sidecar is read for it.
        moved.unlink()
        run_scan(lib, [card], engine)
        assert lib.db.execute("SELECT count(*) FROM problems").fetchone()[0] == 0
