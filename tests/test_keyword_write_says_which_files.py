"""Writing keywords into HEIC photos said "4 files changed" (the CLI: "4 files written"), as if
the photos had changed: HEIC files are never written into, each got a new XMP sidecar. The
summary now says "written into 4 new sidecar files beside their photos" (the CLI, --json and
the status bar), and tells photos written into apart from sidecars created or updated."""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.metadata.job import WriteSummary
from phototagger.core.metadata.settings import load_settings, save_settings
from phototagger.paths import default_home
from phototagger.store.photos import add_folder, update_photo
from tests.cli_helpers import run
from tests.gui_helpers import open_window, write_keywords
from tests.store_helpers import add_photo

DET = Path("/work/shared/data/det-photos")
_HEIC: dict[Path, bytes] = {}  # a det-photo's HEIC file, encoded once for the file's tests


def _as_heic(source: Path) -> bytes:
    """`source` saved as HEIC: the same file each time, encoded once (the encoder is most of
    these tests' time, and a loaded machine's threads slow it several times over)."""
    if source not in _HEIC:
        import pillow_heif

        pillow_heif.register_heif_opener()
        encoded = io.BytesIO()
        Image.open(source).convert("RGB").save(encoded, format="HEIF", quality=60)
        _HEIC[source] = encoded.getvalue()
    return _HEIC[source]


def _library(folder: Path, heic: int, jpeg: int) -> list[Path]:
    """`heic` det-photos saved as HEIC and `jpeg` copied as they are, in a library."""
    folder.mkdir()
    sources = sorted(DET.glob("*.jpg"))[: heic + jpeg]
    photos = []
    for source in sources[:heic]:
        dest = folder / f"{source.stem}.HEIC"
        dest.write_bytes(_as_heic(source))
        photos.append(dest)
    photos += [Path(shutil.copy(s, folder / s.name)) for s in sources[heic:]]
    for photo in photos:
        photo.chmod(0o644)  # the shared copies are read-only
    with open_library(default_home()) as library:
        add_folder(library.db, str(folder))
        for photo in photos:
            st = photo.stat()
            pid = add_photo(library.db, str(photo), size=st.st_size, mtime=st.st_mtime)
            update_photo(library.db, pid, model_version="v1")
    return photos


def test_the_cli_says_sidecars_were_created_not_photos_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = _library(tmp_path / "pics", heic=4, jpeg=0)
    before = {p: p.read_bytes() for p in photos}
    assert run(capsys, "label", *map(str, photos), "--add", "harbour")[0] == 0
    code, out, _ = run(capsys, "metadata", "write", "--embed", "--quiet")
    assert code == 0
    assert out.startswith(
        "4 photos: written into 4 new sidecar files beside their photos (HEIC files are not "
        "written into), 0 already up"
    )
    assert all(p.read_bytes() == before[p] for p in photos)  # truly: no photo changed
    assert all(Path(f"{p}.xmp").exists() for p in photos)

    assert run(capsys, "label", str(photos[0]), "--add", "boats")[0] == 0
    code, out, _ = run(capsys, "metadata", "write", "--json", "--embed", "--quiet")
    summary = json.loads(out)
    assert (summary["into_photos"], summary["sidecars_updated"], summary["sidecars_created"]) == (
        0,
        1,
        0,
    )
    assert summary["written"] == 1 and summary["unchanged"] == 3


def test_the_status_bar_tells_photos_from_sidecars(qtbot: QtBot, tmp_path: Path) -> None:
    photos = _library(tmp_path / "pics", heic=2, jpeg=1)
    with open_library(default_home()) as library:
        from phototagger.core.labels import label_paths

        label_paths(library.db, list(map(str, photos)), add=["harbour"])
        settings = load_settings(library.db)
        save_settings(library.db, replace(settings, enabled=True, asked=True, target="embed"))
    window = open_window(qtbot, None, tmp_path)
    window.grid.selectAll()
    assert write_keywords(qtbot, window) == (
        "Keywords written into 1 photo and 2 new sidecar files beside their photos (HEIC files "
        "are not written into), 0 already up to date"
    )


def test_sidecars_alone_do_not_read_as_nothing_written() -> None:
    """After writing keywords to two HEIC photos the status line read "Keywords written into 0
    photos, 2 sidecars created": a failure, to a photographer. The photos are named only when
    written into; the sidecars are said to be beside them."""
    said = {
        (0, 0, 2): "written into 2 new sidecar files beside their photos",
        (0, 1, 2): "written into 3 sidecar files beside their photos (2 new)",
        (0, 1, 0): "written into 1 sidecar file beside its photo",
        (3, 0, 1): "written into 3 photos and 1 new sidecar file beside its photo",
        (2, 0, 0): "written into 2 photos",
        (0, 0, 0): "written into 0 photos",
    }
    for (photos, updated, created), words in said.items():
        summary = WriteSummary(
            into_photos=photos, sidecars_updated=updated, sidecars_created=created
        )
        assert summary.written_words() == words


def test_the_words_say_why_sidecars_were_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "Keywords written into 2 new sidecar files beside their photos" did not say why sidecars:
    a photographer who chose to write into the files read it as the setting not taken. It now
    says which of the reasons it was: the user's choice, a kind of file that cannot hold
    keywords, or a sidecar the photo already had (kept in step, as other programs read it
    first)."""
    heic_a, heic_b, jpeg = _library(tmp_path / "pics", heic=2, jpeg=1)
    assert run(capsys, "label", str(jpeg), "--add", "harbour")[0] == 0
    code, out, _ = run(capsys, "metadata", "write", "--sidecar", "--quiet", str(jpeg))
    assert code == 0 and out.startswith(
        "1 photo: written into 1 new sidecar file beside its photo (as --sidecar asks), "
    )
    assert run(capsys, "label", str(heic_a), str(heic_b), str(jpeg), "--add", "boats")[0] == 0
    code, out, _ = run(capsys, "metadata", "write", "--embed", "--quiet")
    assert code == 0 and out.startswith(
        "3 photos: written into 1 photo and 3 sidecar files beside their photos (2 new; HEIC files "
        "are not written into; a photo already had one, which other programs read first), "
    ), out
    code, out, _ = run(capsys, "metadata", "write", "--json", "--quiet")
    assert "sidecar_why" not in json.loads(out)  # --json as it was
    said = {
        (("RAW files", 2), ("clips", 1)): " (RAW files and clips are not written into)",
        (("setting", 3),): " (as your setting asks)",
        (("kept", 2),): " (2 photos already had one, which other programs read first)",
    }
    for why, words in said.items():
        summary = WriteSummary(sidecars_updated=3, sidecar_why=dict(why))
        assert summary.written_words() == "written into 3 sidecar files beside their photos" + words


def test_with_sidecars_set_a_heic_is_said_to_take_no_keywords(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """walk50: with sidecars set (the default), writing a HEIC said "(as your setting asks;
    --embed writes into the files)", and --embed would have written a sidecar all the same. A
    file that are not written into is said so whatever the setting; a JPEG beside it is still
    said to follow the setting."""
    photos = _library(tmp_path / "pics", heic=2, jpeg=1)
    assert run(capsys, "label", *map(str, photos[:2]), "--add", "harbour")[0] == 0
    code, out, _ = run(capsys, "metadata", "write", "--quiet")
    assert code == 0
    assert out.startswith(
        "3 photos: written into 2 new sidecar files beside their photos (HEIC files are not "
        "written into), 0 already up"
    ), out
    assert run(capsys, "label", *map(str, photos), "--add", "boats")[0] == 0
    code, out, _ = run(capsys, "metadata", "write", "--quiet")
    assert out.startswith(
        "3 photos: written into 3 sidecar files beside their photos (1 new; as your setting "
        "asks; --embed writes into the files; HEIC files are not written into), 0 already up"
    ), out
