"""A PNG made from a JPEG has the very same pixels and is the larger file: Find Duplicates kept
the PNG ("it is the larger, less compressed file") and offered the JPEG for the trash, with the
rating, colour label, title and keywords digiKam had written into it (polish37: a 29 KB
DSC03000.JPG, rated 4 and labelled red, beside a 235 KB DSC03000.png exported from it). Between
files of two formats with the same pixels the file size says nothing of which is the original:
the rules after it decide, the copy carrying the user's work first, then the older file."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.keyword_readers import exiftool_set
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import det_photos

BAG = "n02769748_31317_backpack.jpg"  # no EXIF at all: rules 3 and 4 cannot tell
TIE = "n02766320_8764_baby_bed.jpg"
TAKEN = 1_700_000_000


def _with_png(folder: Path, name: str, exported: Path) -> tuple[Path, Path]:
    """A det-photo as DSC_<name>.JPG and a PNG made from it a day later, in `exported`."""
    original = Path(shutil.copy(det_photos() / name, folder / f"DSC_{name[:9]}.JPG"))
    original.chmod(0o644)
    png = exported / f"DSC_{name[:9]}.png"
    with Image.open(original) as img:
        img.convert("RGB").save(png)
    os.utime(original, (TAKEN, TAKEN))
    os.utime(png, (TAKEN + 86_400, TAKEN + 86_400))
    assert png.stat().st_size > original.stat().st_size
    return original, png


def test_the_jpeg_is_kept_over_a_larger_png_of_the_same_pixels(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lisbon, exports = tmp_path / "Pictures" / "2025-06 Lisbon", tmp_path / "Pictures" / "Exports"
    for folder in (lisbon, exports):
        folder.mkdir(parents=True)
    rated, rated_png = _with_png(lisbon, BAG, exports)
    exiftool_set(rated, "-XMP-xmp:Rating=4", "-XMP-digiKam:ColorLabel=1", "-XMP-dc:Title=Anna")
    os.utime(rated, (TAKEN, TAKEN))
    plain, plain_png = _with_png(lisbon, TIE, exports)
    for other in sorted(det_photos().glob("n03*.jpg"))[:10]:
        shutil.copy(other, lisbon / other.name)
    with open_library(default_home()) as library:
        run_scan(library, [tmp_path / "Pictures"], engine)

    assert main(["duplicates", "--json"]) == 0
    groups = {g["keep"]: g for g in json.loads(capsys.readouterr().out)}
    assert set(groups) == {str(rated), str(plain)}
    assert [c["path"] for c in groups[str(rated)]["copies"]] == [str(rated_png)]
    assert groups[str(rated)]["why"] == "it carries more of your tags and labels"
    assert [c["path"] for c in groups[str(plain)]["copies"]] == [str(plain_png)]
    assert groups[str(plain)]["why"] == (
        "it is the older file (between copies of the same pixels in another format the file "
        "size says nothing)"
    )
