"""Independent readers and writers of keywords: the exiftool and exiv2 command lines (Debian's
libimage-exiftool-perl and exiv2, installed by `make test`), so a round trip is not phototagger
agreeing with itself. exiftool's commands run in the test worker's one exiftool process
(tests/exiftool_process.py), as their own command lines would."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from tests.exiftool_process import exiftool

EXIFTOOL_TAGS = {
    "Xmp.dc.subject": "XMP-dc:Subject",
    "Xmp.lr.hierarchicalSubject": "XMP-lr:HierarchicalSubject",
    "Xmp.digiKam.TagsList": "XMP-digiKam:TagsList",
    "Xmp.MicrosoftPhoto.LastKeywordXMP": "XMP-microsoft:LastKeywordXMP",
    "Xmp.mediapro.CatalogSets": "XMP-mediapro:CatalogSets",
    "Iptc.Application2.Keywords": "IPTC:Keywords",
    "Exif.Image.XPKeywords": "IFD0:XPKeywords",
}


def exiftool_keywords(path: Path) -> dict[str, list[str]]:
    """exiv2 field key -> values, as exiftool reads them (fields absent are left out)."""
    args = [
        "-j",
        "-G1",
        "-charset",
        "iptc=UTF8",
        *(f"-{tag}" for tag in EXIFTOOL_TAGS.values()),
        str(path),
    ]
    out = json.loads(exiftool(*args).stdout)[0]
    found: dict[str, list[str]] = {}
    for key, tag in EXIFTOOL_TAGS.items():
        if tag in out:
            value = out[tag]
            values = value if isinstance(value, list) else [value]
            if key == "Exif.Image.XPKeywords":
                values = [v for part in values for v in str(part).split(";")]
            found[key] = [str(v) for v in values]
    return found


def exiftool_read(path: Path, *tags: str) -> dict[str, object]:
    """The `tags` ("-XMP-mwg-rs:RegionInfo", ...) as exiftool reads them (-struct; absent ones
    left out)."""
    out = json.loads(exiftool("-j", "-struct", *tags, str(path)).stdout)[0]
    out.pop("SourceFile")
    return dict(out)


def exiv2_iptc_keywords(path: Path) -> list[str]:
    out = subprocess.run(["exiv2", "-q", "-PIkv", str(path)], capture_output=True, text=True).stdout
    return [
        line.split(None, 1)[1].strip()
        for line in out.splitlines()
        if line.startswith("Iptc.Application2.Keywords")
    ]


def exiv2_set(path: Path, *commands: str) -> None:
    """Edit a file (or an existing sidecar) as digiKam would, through exiv2's -M commands."""
    args = ["exiv2", "-q"]
    for cmd in commands:
        args += ["-M", cmd]
    subprocess.run([*args, str(path)], check=True)


def exiftool_set(path: Path, *assignments: str) -> None:
    """Write fields as Lightroom, Windows or another program left them ('-XMP-dc:Subject=Anna')."""
    exiftool("-q", "-overwrite_original", *assignments, str(path), capture=False)


def exiftool_set_struct(path: Path, *assignments: str) -> None:
    """Write fields given as exiftool's structures ('-XMP-mwg-rs:RegionInfo={...}', -struct) as
    digiKam or Lightroom left them; a .xmp that is not there is made from scratch."""
    exiftool("-q", "-overwrite_original", "-struct", *assignments, str(path), text=False)


def digikam_tags(path: Path, tags: list[str]) -> None:
    """What digiKam writes for tags into a photo: TagsList with `/`, Lightroom's `|` field,
    leaves in dc:subject and IPTC."""
    digikam_tags_xmp(path, tags)
    exiv2_set(path, *("add Iptc.Application2.Keywords String " + t.split("/")[-1] for t in tags))


EMPTY_SIDECAR = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/">'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'
    "</x:xmpmeta>\n"
)


def write_sidecar_tags(sidecar: Path, tags: list[str]) -> None:
    """A sidecar rewritten from scratch by digiKam with these tags."""
    sidecar.write_text(EMPTY_SIDECAR)
    digikam_tags_xmp(sidecar, tags)


def digikam_tags_xmp(path: Path, tags: list[str]) -> None:
    """digiKam's XMP fields only (a sidecar holds no IPTC)."""
    leaves = [t.split("/")[-1] for t in tags]
    exiv2_set(
        path,
        "set Xmp.digiKam.TagsList XmpSeq " + tags[0],
        *("set Xmp.digiKam.TagsList " + t for t in tags[1:]),
        "set Xmp.lr.hierarchicalSubject XmpBag " + tags[0].replace("/", "|"),
        *("set Xmp.lr.hierarchicalSubject " + t.replace("/", "|") for t in tags[1:]),
        "set Xmp.dc.subject XmpBag " + leaves[0],
        *("set Xmp.dc.subject " + leaf for leaf in leaves[1:]),
    )


def exiftool_array_kinds(path: Path) -> dict[str, str]:
    """XMP property ('dc:subject') -> the kind of array it is in the file ('Bag', 'Seq'), as
    exiftool's verbose listing shows the XMP tree (embedded or a sidecar)."""
    out = exiftool("-v2", str(path)).stdout
    return dict(re.findall(r"rdf:Description/([\w-]+:[\w-]+)/rdf:(Bag|Seq|Alt)/rdf:li", out))


def exiv2_tags_list(photo: Path) -> list[str]:
    """digiKam's TagsList as exiv2 reads it (its values joined with ', ')."""
    out = subprocess.run(
        ["exiv2", "-q", "-PXkv", str(photo)], capture_output=True, text=True, check=True
    ).stdout
    key = "Xmp.digiKam.TagsList"
    line = next((line for line in out.splitlines() if line.startswith(key)), "")
    return line.split(None, 1)[1].split(", ") if line else []
