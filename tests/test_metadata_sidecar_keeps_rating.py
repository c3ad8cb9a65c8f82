"""A sidecar phototagger made left out the rating (and pick and colour labels) kept in the
photo: digiKam then reads the photo's XMP from the sidecar, and Lightroom a RAW's only from
there, so the rating was lost to them. A new sidecar now starts with them; a sidecar that was
there already is left as its tool wrote it."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from phototagger.core.metadata.read import read_sidecar
from phototagger.core.metadata.write import WriteOptions, write_photo
from tests.exiftool_process import exiftool
from tests.keyword_readers import EMPTY_SIDECAR, exiv2_set


def _exiftool(path: Path, *tags: str) -> dict[str, object]:
    out = json.loads(exiftool("-j", "-G1", *(f"-{t}" for t in tags), str(path)).stdout)[0]
    return {k: v for k, v in out.items() if k != "SourceFile"}


def _photo(path: Path, *commands: str) -> Path:
    Image.new("RGB", (32, 32), "green").save(path)
    exiv2_set(path, *commands)
    return path


def test_a_new_sidecar_carries_the_photos_rating_and_labels(tmp_path: Path) -> None:
    photo = _photo(
        tmp_path / "p.jpg",
        "set Xmp.xmp.Rating 4",
        "set Xmp.digiKam.ColorLabel 1",
        "set Xmp.digiKam.PickLabel 3",
    )
    sidecar = write_photo(photo, [("holiday",)], set(), WriteOptions()).target
    assert sidecar == tmp_path / "p.jpg.xmp"
    tags = _exiftool(sidecar, "XMP-xmp:Rating", "XMP-digiKam:ColorLabel", "XMP-digiKam:PickLabel")
    assert tags == {
        "XMP-xmp:Rating": 4,
        "XMP-digiKam:ColorLabel": 1,
        "XMP-digiKam:PickLabel": 3,
    }
    alone = read_sidecar(sidecar)  # what a tool reading only the sidecar finds
    assert (alone.rating, alone.color, alone.pick, alone.keywords) == (
        4,
        "red",
        "accepted",
        ["holiday"],
    )


def test_a_cameras_exif_rating_goes_in_as_xmp_rating(tmp_path: Path) -> None:
    photo = _photo(tmp_path / "p.jpg", "set Exif.Image.Rating 2")
    sidecar = write_photo(photo, [("holiday",)], set(), WriteOptions(naming="photo.xmp")).target
    assert sidecar == tmp_path / "p.xmp"
    assert _exiftool(sidecar, "XMP-xmp:Rating") == {"XMP-xmp:Rating": 2}


def test_a_sidecar_there_already_keeps_what_it_said(tmp_path: Path) -> None:
    photo = _photo(tmp_path / "p.jpg", "set Xmp.xmp.Rating 4")
    sidecar = tmp_path / "p.jpg.xmp"
    sidecar.write_text(EMPTY_SIDECAR)
    exiv2_set(sidecar, "set Xmp.dc.subject XmpBag beach")
    write_photo(photo, [("holiday",)], set(), WriteOptions())
    assert _exiftool(sidecar, "XMP-xmp:Rating") == {}
    assert sorted(read_sidecar(sidecar).keywords) == ["beach", "holiday"]
    # Nor does a photo without a rating give its new sidecar one.
    plain = tmp_path / "q.jpg"
    Image.new("RGB", (32, 32)).save(plain)
    new = write_photo(plain, [("holiday",)], set(), WriteOptions()).target
    assert _exiftool(new, "XMP-xmp:Rating") == {} and read_sidecar(new).rating is None
