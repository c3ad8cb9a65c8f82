"""phototagger wrote the user's 'beach day' into a photo (polish34, day 4); Lightroom then moved
the photo to another folder (with its sidecar, as digiKam and Lightroom move one), and a scan
followed the move, tags and all. Rejected after that, 'beach day' stayed in the file, and the
write said "1 rejected tag stays in its file: phototagger removes only keywords it wrote; remove
them in digiKam or Lightroom": the record of what phototagger wrote was kept under the file's
old path. The record follows the photo's move now, the photo's own and its sidecar's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phototagger.core.labels import label_paths
from tests.cli_helpers import run
from tests.keyword_readers import exiftool_keywords
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library, run_scan

NOTE = "stays in its file"


@pytest.mark.parametrize("where", ["--embed", "--sidecar"])
def test_a_keyword_written_before_a_move_is_taken_out_when_rejected(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    lib = tmp_path / "Pictures"
    photo = real_photo(lib / "2024" / "Best" / "IMG_1050.JPG", "coffee")
    with new_library() as library:
        run_scan(library, [lib], engine)
        label_paths(library.db, [str(photo)], add=["beach day"])
    code, out, err = run(capsys, "metadata", "write", where, "--quiet")
    assert code == 0, err
    written = photo if where == "--embed" else photo.with_name(photo.name + ".xmp")
    assert "beach day" in exiftool_keywords(written)["Xmp.dc.subject"]

    # Lightroom moves it, the sidecar with it; a scan follows.
    moved = lib / "2024" / "Portfolio" / photo.name
    moved.parent.mkdir()
    shutil.move(photo, moved)
    if where == "--sidecar":
        shutil.move(written, moved.with_name(moved.name + ".xmp"))
    with new_library() as library:
        assert run_scan(library, [lib], engine).moved == 1
        label_paths(library.db, [str(moved)], reject=["beach day"])

    code, out, err = run(capsys, "metadata", "write", where, "--quiet")
    assert code == 0, err
    # Before: "1 rejected tag stays in its file ..." and 'beach day' still in every field.
    assert NOTE not in err, err
    target = moved if where == "--embed" else moved.with_name(moved.name + ".xmp")
    found = exiftool_keywords(target)
    assert not any("beach day" in values for values in found.values()), found
