"""`metadata read PHOTO` of a photo moved away from its XMP sidecar (in a file manager) said
"keywords: (none)", though the scan still read the sidecar left behind for it and the library
showed its keywords (core/metadata/left_sidecars.py): the user was told the photo had none. It
now reads the photo as the library does, with the sidecar it left behind, and says where that
is and what to do with it (--json: sidecar, sidecar_left_behind). A photo not in the library, or
one with its sidecar beside it, reads as before. Real photos, exiftool-written sidecars, a real
scan with the real model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import photo_factory as pf
from tests.cli_helpers import run
from tests.keyword_readers import exiftool_set

pytestmark = pytest.mark.model


def _moved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """P/a/photo.jpg with photo.jpg.xmp (holiday, Grandma, rating 4), scanned, moved in a file
    manager to P/b/beach.jpg and scanned again: (the photo now, the sidecar left behind)."""
    pics = tmp_path / "P"
    photo = pf.real_photo(pics / "a" / "photo.jpg", "chelsea")
    sidecar = pics / "a" / "photo.jpg.xmp"
    exiftool_set(sidecar, "-XMP-dc:Subject=holiday", "-XMP-dc:Subject=Grandma", "-XMP-xmp:Rating=4")
    assert run(capsys, "scan", "--quiet", str(pics))[0] == 0
    moved = pics / "b" / "beach.jpg"
    moved.parent.mkdir()
    photo.rename(moved)
    assert run(capsys, "scan", "--quiet", str(pics))[0] == 0
    return moved, sidecar


def test_read_says_the_keywords_the_library_reads(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo, sidecar = _moved(tmp_path, capsys)
    code, out, _ = run(capsys, "tags", str(photo))
    assert code == 0 and "holiday" in out  # the library reads them for it

    code, out, err = run(capsys, "metadata", "read", str(photo))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        str(photo),
        f"  sidecar: {sidecar} (left behind when the photo was moved or renamed: phototagger "
        "still reads it for the photo, digiKam and darktable look beside the photo; move it to "
        f"{photo}.xmp, or delete it if you do not need it)",
        "  keywords: holiday, Grandma",
        "  rating: 4",
    ]
    report = json.loads(run(capsys, "metadata", "read", str(photo), "--json")[1])
    assert report["keywords"] == ["holiday", "Grandma"]
    assert (report["sidecar"], report["sidecar_left_behind"]) == (str(sidecar), True)


def test_a_photo_out_of_the_library_reads_as_before(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy of the moved photo elsewhere, never scanned: its file holds no keyword."""
    photo, _ = _moved(tmp_path, capsys)
    copy = tmp_path / "elsewhere" / "beach.jpg"
    copy.parent.mkdir()
    copy.write_bytes(photo.read_bytes())
    code, out, _ = run(capsys, "metadata", "read", str(copy))
    assert code == 0
    assert out.splitlines() == [str(copy), "  keywords: (none)"]
    assert (
        json.loads(run(capsys, "metadata", "read", str(copy), "--json")[1])["sidecar_left_behind"]
        is False
    )


def test_a_library_it_cannot_open_stops_no_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`metadata read` read a file without the library before: one made by a newer phototagger
    (here: its schema numbered past this one's) does not stop it now that it looks there."""
    from phototagger.core.library import open_library
    from phototagger.paths import default_home

    with open_library(default_home()) as lib:
        lib.db.execute("PRAGMA user_version = 999")
    photo = pf.real_photo(tmp_path / "cat.jpg", "chelsea")
    exiftool_set(photo, "-XMP-dc:Subject=holiday")
    code, out, err = run(capsys, "metadata", "read", str(photo))
    assert (code, err) == (0, "")
    assert out.splitlines() == [str(photo), "  keywords: holiday"]
