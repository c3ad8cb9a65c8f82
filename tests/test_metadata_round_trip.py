"""Keywords written by phototagger, read back by exiftool and exiv2: each field, each format."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from phototagger.core.metadata.read import read_metadata
from phototagger.core.metadata.write import WriteOptions, write_photo
from tests.keyword_readers import exiftool_keywords, exiftool_set, exiv2_iptc_keywords, exiv2_set

WANTED = [("Places", "Paris"), ("dog",), ("Café",)]
EMBED = WriteOptions(target="embed")


def _photo(path: Path) -> Path:
    if path.suffix.lower() in (".heic", ".cr2"):
        pillow_heif = pytest.importorskip("pillow_heif") if path.suffix == ".heic" else None
        if pillow_heif is not None:
            pillow_heif.register_heif_opener()
            Image.new("RGB", (64, 48), (200, 30, 30)).save(path)
        else:  # only the extension matters on the sidecar path: a RAW is never opened for writing
            Image.new("RGB", (64, 48), (200, 30, 30)).save(path, format="JPEG")
        return path
    Image.new("RGB", (64, 48), (200, 30, 30)).save(path)
    return path


def _assert_written(fields: dict[str, list[str]]) -> None:
    assert fields["Xmp.dc.subject"] == ["Paris", "Places", "dog", "Café"]
    assert fields["Xmp.lr.hierarchicalSubject"] == ["Places|Paris", "dog", "Café"]
    assert fields["Xmp.digiKam.TagsList"] == ["Places/Paris", "dog", "Café"]


@pytest.mark.parametrize("name", ["p.jpg", "p.tif", "p.png"])
def test_embedded_fields_read_back_by_exiftool(tmp_path: Path, name: str) -> None:
    photo = _photo(tmp_path / name)
    result = write_photo(photo, WANTED, set(), EMBED)
    assert result.target == photo and not result.sidecar
    assert not list(tmp_path.glob("*.xmp")) and not list(tmp_path.glob(".*tmp"))
    _assert_written(exiftool_keywords(photo))
    assert read_metadata(photo).keywords == ["Places/Paris", "dog", "Café"]
    with Image.open(photo) as im:  # still a good image
        assert im.size == (64, 48)


@pytest.mark.parametrize("name", ["p.jpg", "p.heic", "p.CR2", "p.png"])
def test_sidecar_fields_read_back_by_exiftool(tmp_path: Path, name: str) -> None:
    photo = _photo(tmp_path / name)
    before = photo.read_bytes()
    result = write_photo(photo, WANTED, set(), WriteOptions())
    assert result.sidecar and result.target == tmp_path / f"{name}.xmp"
    assert photo.read_bytes() == before  # the photo itself is never touched
    _assert_written(exiftool_keywords(result.target))
    assert read_metadata(photo).keywords == ["Places/Paris", "dog", "Café"]


def test_heic_and_raw_get_a_sidecar_even_when_embedding_is_asked(tmp_path: Path) -> None:
    for name in ("p.heic", "p.cr2"):
        photo = _photo(tmp_path / name)
        before = photo.read_bytes()
        result = write_photo(photo, WANTED, set(), EMBED)
        assert result.sidecar and photo.read_bytes() == before


def test_lightroom_naming_writes_photo_xmp(tmp_path: Path) -> None:
    photo = _photo(tmp_path / "p.cr2")
    result = write_photo(photo, WANTED, set(), WriteOptions(naming="photo.xmp"))
    assert result.target == tmp_path / "p.xmp"
    assert read_metadata(photo).sidecar is not None


def test_every_field_the_file_uses_is_kept_and_extended(tmp_path: Path) -> None:
    photo = _photo(tmp_path / "p.jpg")
    exiv2_set(
        photo,
        "set Xmp.digiKam.TagsList XmpSeq People/Anna",
        "set Xmp.lr.hierarchicalSubject XmpBag People|Anna",
        "set Xmp.MicrosoftPhoto.LastKeywordXMP XmpBag People/Anna",
        "set Xmp.mediapro.CatalogSets XmpBag People|Anna",
        "set Xmp.dc.subject XmpBag zebra",
        "set Xmp.dc.subject Anna",
        "add Iptc.Application2.Keywords String zebra",
        "add Iptc.Application2.Keywords String Anna",
    )
    # exiv2's command line cannot spell XPKeywords' UCS-2 bytes; exiftool can.
    exiftool_set(photo, "-XPKeywords=zebra;Anna")
    write_photo(photo, WANTED, set(), EMBED)
    fields = exiftool_keywords(photo)
    # Nothing of the user's moved or went; ours follow, in every field the file uses.
    assert fields["Xmp.digiKam.TagsList"] == ["People/Anna", "Places/Paris", "dog", "Café"]
    assert fields["Xmp.lr.hierarchicalSubject"] == ["People|Anna", "Places|Paris", "dog", "Café"]
    assert fields["Xmp.MicrosoftPhoto.LastKeywordXMP"] == [
        "People/Anna",
        "Places/Paris",
        "dog",
        "Café",
    ]
    assert fields["Xmp.mediapro.CatalogSets"] == ["People|Anna", "Places|Paris", "dog", "Café"]
    assert fields["Xmp.dc.subject"] == ["zebra", "Anna", "Paris", "Places", "dog", "Café"]
    assert exiv2_iptc_keywords(photo) == ["zebra", "Anna", "Paris", "Places", "dog", "Café"]
    assert fields["Exif.Image.XPKeywords"] == ["zebra", "Anna", "Paris", "Places", "dog", "Café"]
    assert read_metadata(photo).keywords == ["People/Anna", "Places/Paris", "dog", "Café", "zebra"]


def test_writing_again_changes_nothing(tmp_path: Path) -> None:
    photo = _photo(tmp_path / "p.jpg")
    first = write_photo(photo, WANTED, set(), WriteOptions())
    stamp = first.target.stat().st_mtime_ns
    again = write_photo(photo, WANTED, first.written, WriteOptions())
    assert not again.changed and first.target.stat().st_mtime_ns == stamp
    assert again.written == first.written


def test_removal_takes_only_what_phototagger_wrote(tmp_path: Path) -> None:
    photo = _photo(tmp_path / "p.jpg")
    exiv2_set(
        photo, "set Xmp.dc.subject XmpBag beach", "add Iptc.Application2.Keywords String beach"
    )
    first = write_photo(photo, [("beach",), ("dog",)], set(), EMBED)
    assert ("Xmp.dc.subject", "beach") not in first.written  # the user's, not ours
    assert ("Xmp.dc.subject", "dog") in first.written
    # Neither is wanted any more: ours goes, theirs stays.
    second = write_photo(photo, [], first.written, EMBED)
    assert second.removed > 0
    fields = exiftool_keywords(photo)
    assert fields["Xmp.dc.subject"] == ["beach"]
    assert exiv2_iptc_keywords(photo) == ["beach"]
    assert "Xmp.digiKam.TagsList" not in fields


def test_file_times_are_kept_unless_asked(tmp_path: Path) -> None:
    import os

    photo = _photo(tmp_path / "p.jpg")
    os.utime(photo, (1_000_000_000, 1_000_000_000))
    write_photo(photo, WANTED, set(), EMBED)
    assert photo.stat().st_mtime == 1_000_000_000
    write_photo(photo, [("cat",)], set(), WriteOptions(target="embed", keep_times=False))
    assert photo.stat().st_mtime > 1_000_000_000


def test_a_latin1_copyright_does_not_hide_the_keywords(tmp_path: Path) -> None:
    """Older cameras wrote Latin-1 text ('©'): the file is read and written all the same."""
    photo = tmp_path / "old.jpg"
    exif = Image.Exif()
    exif[0x8298] = b"\xa9 2009 Someone"  # Copyright, not UTF-8
    Image.new("RGB", (32, 32)).save(photo, exif=exif)
    exiv2_set(photo, "add Iptc.Application2.Keywords String beach")
    assert read_metadata(photo).keywords == ["beach"]
    write_photo(photo, [("dog",)], set(), EMBED)
    assert read_metadata(photo).keywords == ["dog", "beach"]
    assert exiv2_iptc_keywords(photo) == ["beach", "dog"]


@pytest.mark.parametrize("sidecar", [False, True])
def test_a_name_that_is_not_utf8_is_written_and_read(tmp_path: Path, sidecar: bool) -> None:
    # Old cameras and Windows zips leave Latin-1 names; libexiv2 only opens UTF-8 ones.
    photo = _photo(Path(os.fsdecode(bytes(tmp_path) + b"/Hund_gr\xfcn.jpg")))
    result = write_photo(photo, WANTED, set(), WriteOptions() if sidecar else EMBED)
    assert result.sidecar == sidecar
    assert read_metadata(photo).keywords == ["Places/Paris", "dog", "Café"]
    _assert_written(exiftool_keywords(result.target))
