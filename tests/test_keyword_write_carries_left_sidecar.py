"""Writing keywords (`metadata write`, the app's Write Keywords) beside a photo moved away from
its XMP sidecar made a new sidecar of the keywords alone: the rating, colour label, title and
the other programs' fields the sidecar left behind held were lost to digiKam and darktable,
which read the new one, and the old one stayed listed in Problems as "left behind: its keywords
are still read for the photo" until the next scan. The new sidecar now starts as a copy of the
one left behind (as digiKam and darktable carry a sidecar along when they move a photo), with
the keywords written; what phototagger wrote into the old one is still its own to take out. The
old file is left where it is, no longer read nor listed, and the write says so once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.core.metadata.settings import load_settings, save_settings
from phototagger.paths import default_home
from tests import photo_factory as pf
from tests.cli_helpers import run
from tests.exiftool_process import exiftool
from tests.gui_helpers import open_window, row_of, scan, settle, write_keywords
from tests.keyword_readers import exiftool_keywords, exiftool_set
from tests.scan_helpers import new_library, run_scan
from tests.store_helpers import tag_states

SUBJECT = "Xmp.dc.subject"


def _others(sidecar: Path) -> list[str]:
    """The fields of other programs in `sidecar`, as exiftool reads them: rating, colour label,
    title, headline."""
    out = exiftool(
        "-s3", "-XMP:Rating", "-XMP:Label", "-XMP:Title", "-XMP:Headline", str(sidecar)
    ).stdout
    return out.splitlines()


def _moved_from_its_sidecar(card: Path, engine) -> tuple[Path, Path]:  # noqa: ANN001
    """IMG_1.jpg with IMG_1.jpg.xmp (Rome, Trips|Rome, a rating, label, title and headline as
    digiKam or Lightroom leave them), scanned, then moved in a file manager to Rome/cat.jpg and
    scanned again: (the photo now, the sidecar left behind)."""
    photo = pf.real_photo(card / "IMG_1.jpg", "chelsea")
    pf.real_photo(card / "IMG_2.jpg", "coffee")
    sidecar = card / "IMG_1.jpg.xmp"
    exiftool_set(
        sidecar,
        "-XMP-dc:Subject=Rome",
        "-XMP-lr:HierarchicalSubject=Trips|Rome",
        "-XMP-xmp:Rating=4",
        "-XMP-xmp:Label=Red",
        "-XMP-dc:Title=Cat at the Colosseum",
        "-XMP-photoshop:Headline=Rome, day 2",
    )
    with new_library() as lib:
        run_scan(lib, [card], engine)
    moved = card / "Rome" / "cat.jpg"
    moved.parent.mkdir()
    photo.rename(moved)
    with new_library() as lib:
        assert list(run_scan(lib, [card], engine).left_sidecars) == [str(sidecar)]
    return moved, sidecar


def test_a_write_carries_the_left_sidecar_into_the_new_one(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = tmp_path / "card"
    photo = pf.real_photo(card / "IMG_1.jpg", "chelsea")
    sidecar = card / "IMG_1.jpg.xmp"
    exiftool_set(sidecar, "-XMP-dc:Subject=Rome", "-XMP-xmp:Rating=4", "-XMP-xmp:Label=Red")
    with new_library() as lib:
        run_scan(lib, [card], engine)
    # Before the move phototagger wrote 'dog' into the sidecar; the user takes it back after.
    assert run(capsys, "label", str(photo), "--add", "dog")[0] == 0
    assert run(capsys, "metadata", "write", "--quiet")[0] == 0
    assert "dog" in exiftool_keywords(sidecar)[SUBJECT]
    moved = card / "Rome" / "cat.jpg"
    moved.parent.mkdir()
    photo.rename(moved)
    with new_library() as lib:
        run_scan(lib, [card], engine)
    assert run(capsys, "label", str(moved), "--remove", "dog", "--add", "sunset")[0] == 0

    code, out, err = run(capsys, "metadata", "write", "--quiet")
    assert code == 0, err
    assert "written into 1 new sidecar file" in out
    new = moved.with_name("cat.jpg.xmp")
    assert exiftool_keywords(new)[SUBJECT] == ["Rome", "sunset"]  # dog went: phototagger's
    assert _others(new) == ["4", "Red"]
    assert (
        f"phototagger: {sidecar}: what it held (rating, labels, other programs' fields) went "
        f"with your keywords into {new}, beside the photo that left it behind; it is no longer "
        "read: delete it if you no longer need it"
    ) in err
    assert sidecar.exists()  # the user's file, left where it is
    # Listed no more, at once: not "left behind: its keywords are still read for the photo".
    code, out, _ = run(capsys, "problems")
    assert "left behind" not in out
    code, out, _ = run(capsys, "stats")
    assert "problems: none" in out

    # The next scan reads the new sidecar: the same tags, nothing listed, nothing told.
    with new_library() as lib:
        summary = run_scan(lib, [card], engine)
        assert summary.left_sidecars == {} and summary.problems == 0
        states = tag_states(lib.db, moved)
        assert (states["Rome"], states["sunset"]) == ("file", "added") and "dog" not in states


def test_the_apps_write_keywords_carries_it_too(qtbot, engine, tmp_path: Path) -> None:
    card = tmp_path / "card"
    moved, sidecar = _moved_from_its_sidecar(card, engine)
    with open_library(default_home()) as lib:  # the first write's question, answered: sidecars
        settings = load_settings(lib.db)
        save_settings(lib.db, replace(settings, enabled=True, asked=True, target="sidecar"))
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, card)
    window.grid.go_to_row(row_of(window, "cat.jpg"))
    settle(qtbot, window)
    line = write_keywords(qtbot, window)

    new = moved.with_name("cat.jpg.xmp")
    assert exiftool_keywords(new)["Xmp.lr.hierarchicalSubject"] == ["Trips|Rome"]
    assert _others(new) == ["4", "Red", "Cat at the Colosseum", "Rome, day 2"]
    assert line.endswith(
        "The XMP sidecar a moved photo left behind went into its new sidecar, rating and all; "
        f"it is no longer read: {sidecar} (delete it if you no longer need it)"
    ), line
    with open_library(default_home()) as lib:
        assert lib.db.execute("SELECT count(*) FROM problems").fetchone()[0] == 0
    # Rescanned: the tags the old sidecar gave stay, read now from the new one.
    scan(qtbot, window, card)
    assert "sidecar" not in window.status.currentMessage()
    assert tag_states(window.db, moved)["Trips/Rome"] == "file"
