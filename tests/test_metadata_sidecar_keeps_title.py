"""A sidecar phototagger made carried the photo's rating, labels and face regions, but not the
rest of its XMP: digiKam reads a photo's XMP from its sidecar alone once there is one, so the
title, caption, creator, copyright and location digiKam had written into the photo were gone
from digiKam (and its Exif caption and copyright with them: digiKam drops those where the
sidecar's XMP lacks them). A new sidecar now starts as the photo's XMP, less the fields
phototagger writes itself (keywords, rating, labels, regions), which it writes as before."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from phototagger.core.metadata.read import read_sidecar
from phototagger.core.metadata.write import WriteOptions, write_photo
from tests.exiftool_process import exiftool
from tests.keyword_readers import exiftool_set

_DIGIKAM = (
    "-XMP-dc:Title=Anna at the tram",
    "-XMP-dc:Description=Lisbon, the 28 up to Graça",
    "-XMP-dc:Creator=Sam Photographer",
    "-XMP-dc:Rights=© Sam",
    "-XMP-exif:GPSLatitude=38.7139",
    "-XMP-digiKam:TagsList=People/Anna",
    "-XMP-lr:HierarchicalSubject=People|Anna",
    "-XMP-dc:Subject=Anna",
    "-XMP-xmp:Rating=4",
    "-XMP-digiKam:ColorLabel=1",
)


def _exiftool(path: Path) -> dict[str, object]:
    out = json.loads(exiftool("-j", "-G1", "-a", "-XMP:all", str(path)).stdout)[0]
    return {k: v for k, v in out.items() if k.startswith("XMP-") and k != "XMP-x:XMPToolkit"}


def test_a_new_sidecar_keeps_the_photos_title_caption_and_location(tmp_path: Path) -> None:
    photo = tmp_path / "DSC03000.JPG"
    Image.new("RGB", (64, 48), "teal").save(photo)
    exiftool_set(photo, *_DIGIKAM)
    wanted = [("People", "Anna"), ("holiday",)]
    sidecar = write_photo(photo, wanted, set(), WriteOptions()).target
    assert sidecar == tmp_path / "DSC03000.JPG.xmp"
    assert _exiftool(sidecar) == {
        "XMP-dc:Title": "Anna at the tram",
        "XMP-dc:Description": "Lisbon, the 28 up to Graça",
        "XMP-dc:Creator": "Sam Photographer",
        "XMP-dc:Rights": "© Sam",
        "XMP-exif:GPSLatitude": "38 deg 42' 50.04\" N",
        # phototagger's own fields as before: each once, the keywords with the new one.
        "XMP-xmp:Rating": 4,
        "XMP-digiKam:ColorLabel": 1,
        "XMP-digiKam:TagsList": ["People/Anna", "holiday"],
        "XMP-lr:HierarchicalSubject": ["People|Anna", "holiday"],
        "XMP-dc:Subject": ["Anna", "holiday"],
    }
    alone = read_sidecar(sidecar)
    assert (alone.rating, alone.color) == (4, "red")
    assert sorted(alone.keywords) == ["People/Anna", "holiday"]


def test_a_rejected_keyword_stays_out_of_the_new_sidecar(tmp_path: Path) -> None:
    """The photo's keyword fields are not copied over: the sidecar's are written from the
    user's tags, so a keyword they rejected (here, with --remove-rejected) is not let back."""
    photo = tmp_path / "p.jpg"
    Image.new("RGB", (64, 48), "teal").save(photo)
    exiftool_set(photo, *_DIGIKAM, "-XMP-digiKam:TagsList+=Places/Porto")
    options = WriteOptions(remove_rejected=True)
    porto = [("Places", "Porto")]
    sidecar = write_photo(photo, [("holiday",)], set(), options, rejected=porto).target
    fields = _exiftool(sidecar)
    assert fields["XMP-digiKam:TagsList"] == "holiday"  # the wanted tags alone, as before
    assert fields["XMP-dc:Title"] == "Anna at the tram"


def test_a_heic_photos_title_goes_into_its_sidecar(tmp_path: Path) -> None:
    """A HEIC always gets a sidecar; libexiv2 misses the XMP exiftool writes into one."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    photo = tmp_path / "IMG_0001.HEIC"
    Image.new("RGB", (64, 48), "teal").save(photo)
    exiftool_set(photo, "-XMP-dc:Title=Anna at the tram", "-XMP-xmp:Rating=4")
    sidecar = write_photo(photo, [("holiday",)], set(), WriteOptions(target="embed")).target
    assert sidecar == tmp_path / "IMG_0001.HEIC.xmp"
    fields = _exiftool(sidecar)
    assert fields["XMP-dc:Title"] == "Anna at the tram" and fields["XMP-xmp:Rating"] == 4


def test_exif_and_iptc_captions_go_into_a_new_sidecar_as_xmp(tmp_path: Path) -> None:
    """A photo whose caption, title, creator and place are in Exif and IPTC only (a camera's
    artist and copyright, Photo Mechanic's IPTC): digiKam drops those fields where the sidecar's
    XMP lacks them, so the new sidecar holds their XMP form (dc:description, dc:title, ...)."""
    photo = tmp_path / "DSC_0042.JPG"
    Image.new("RGB", (64, 48), "teal").save(photo)
    exiftool_set(
        photo,
        "-EXIF:ImageDescription=Tram 28 at Graça",
        "-EXIF:Artist=Sam Photographer",
        "-EXIF:Copyright=© Sam",
        "-IPTC:ObjectName=Anna at the tram",
        "-IPTC:City=Lisbon",
        "-IPTC:Keywords=tram",
        "-IPTC:CodedCharacterSet=UTF8",
    )
    sidecar = write_photo(photo, [("tram",), ("holiday",)], set(), WriteOptions()).target
    fields = _exiftool(sidecar)
    told = ("Description", "Creator", "Rights", "Title", "Subject")
    assert [fields.get(f"XMP-dc:{name}") for name in told] == [
        "Tram 28 at Graça",
        "Sam Photographer",
        "© Sam",
        "Anna at the tram",
        ["tram", "holiday"],  # the keywords as before, once each
    ]
    assert fields["XMP-photoshop:City"] == "Lisbon"
