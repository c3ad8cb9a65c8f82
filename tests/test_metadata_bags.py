"""dc:subject is an unordered array, an rdf:Bag, in the XMP spec (and Lightroom's
hierarchicalSubject, LastKeywordXMP and CatalogSets too); pyexiv2 wrote every one of them as an
rdf:Seq. digiKam's TagsList stays a Seq. Files and sidecars that have a Seq are still read, and
written to."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from phototagger.core.metadata.read import read_metadata
from phototagger.core.metadata.write import WriteOptions, write_photo
from tests.keyword_readers import (
    EMPTY_SIDECAR,
    exiftool_array_kinds,
    exiftool_keywords,
    exiv2_set,
)

BAGS = {"dc:subject": "Bag", "lr:hierarchicalSubject": "Bag", "digiKam:TagsList": "Seq"}


def _photo(path: Path) -> Path:
    Image.new("RGB", (32, 32), "green").save(path)
    return path


def test_keywords_are_written_as_bags(tmp_path: Path) -> None:
    photo = _photo(tmp_path / "p.jpg")
    wanted = [("Places", "Oslo"), ("holiday",)]
    sidecar = write_photo(photo, wanted, set(), WriteOptions()).target
    assert sidecar == tmp_path / "p.jpg.xmp"
    assert exiftool_array_kinds(sidecar) == BAGS
    write_photo(photo, wanted, set(), WriteOptions(target="embed"))
    assert exiftool_array_kinds(photo) == BAGS
    for path in (sidecar, photo):
        assert exiftool_keywords(path)["Xmp.dc.subject"] == ["Oslo", "Places", "holiday"]
    assert read_metadata(photo).keywords == ["Places/Oslo", "holiday"]
    # A second write (a tag more) keeps them bags.
    write_photo(photo, [*wanted, ("dog",)], set(), WriteOptions())
    assert exiftool_array_kinds(sidecar) == BAGS
    assert exiftool_keywords(sidecar)["Xmp.dc.subject"] == ["Oslo", "Places", "holiday", "dog"]


def test_lightroom_fields_the_file_uses_are_bags_too(tmp_path: Path) -> None:
    photo = _photo(tmp_path / "p.jpg")
    exiv2_set(
        photo,
        "set Xmp.MicrosoftPhoto.LastKeywordXMP XmpBag old",
        "set Xmp.mediapro.CatalogSets XmpBag old",
    )
    write_photo(photo, [("Places", "Oslo")], set(), WriteOptions(target="embed"))
    kinds = exiftool_array_kinds(photo)
    assert kinds["MicrosoftPhoto:LastKeywordXMP"] == kinds["mediapro:CatalogSets"] == "Bag"
    assert exiftool_keywords(photo)["Xmp.mediapro.CatalogSets"] == ["old", "Places|Oslo"]


def test_a_sidecar_with_a_seq_is_read_and_written(tmp_path: Path) -> None:
    """Sidecars phototagger wrote before (and other tools' Seq) still work."""
    photo = _photo(tmp_path / "p.jpg")
    sidecar = tmp_path / "p.jpg.xmp"
    sidecar.write_text(EMPTY_SIDECAR)
    exiv2_set(sidecar, "set Xmp.dc.subject XmpSeq beach", "set Xmp.dc.subject sunset")
    assert exiftool_array_kinds(sidecar) == {"dc:subject": "Seq"}
    assert read_metadata(photo).keywords == ["beach", "sunset"]
    result = write_photo(photo, [("dog",)], set(), WriteOptions())
    assert result.target == sidecar and result.added == 1
    assert exiftool_keywords(sidecar)["Xmp.dc.subject"] == ["beach", "sunset", "dog"]
    assert exiftool_array_kinds(sidecar)["dc:subject"] == "Bag"
    assert read_metadata(photo).keywords == ["dog", "beach", "sunset"]
