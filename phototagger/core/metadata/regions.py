"""Face regions other programs wrote into a photo's XMP: the names people gave to faces (and pets).

Two schemes are read, as exiv2 reports them (pyexiv2's flat keys):

- the Metadata Working Group's `mwg-rs:Regions` (digiKam, Lightroom Classic, Picasa, darktable,
  Immich): `mwg-rs:RegionList[i]` with `mwg-rs:Name`, `mwg-rs:Type` ("Face", "Pet", "Focus",
  "BarCode") and `mwg-rs:Area` (`stArea:x`, `stArea:y` the region's centre, `stArea:w`,
  `stArea:h`, `stArea:unit` "normalized": fractions of the image);
- Microsoft's `MP:RegionInfo` (Windows Live Photo Gallery, digiKam too): `MPRI:Regions[i]`
  with `MPReg:PersonDisplayName` and `MPReg:Rectangle` "x, y, w, h" (top-left corner, also
  fractions of the image);
- the IPTC Extension's `Iptc4xmpExt:PersonInImage` (Photo Mechanic, Lightroom's IPTC Extension
  panel; Immich reads it): a bag of names, no box; each is read as a face region without one;
- its `Iptc4xmpExt:PersonInImageWDetails` (IPTC 2014+; Photo Mechanic, some DAMs):
  `Xmp.iptcExt.PersonInImageWDetails[i]/Iptc4xmpExt:PersonName` (a language alternative) beside
  `PersonId` (URIs) and others, no box either: each name is read as PersonInImage's are;
- its `Iptc4xmpExt:ImageRegion` (IPTC 2019): `Xmp.iptcExt.ImageRegion[i]` with
  `Iptc4xmpExt:Name` (a language alternative), `Iptc4xmpExt:rCtype[j]/xmp:Identifier` (the
  region's type, ".../imageregiontype/human", ".../animal") and
  `Iptc4xmpExt:RegionBoundary/Iptc4xmpExt:rbShape`, `rbUnit` ("relative": fractions of the
  image, or "pixel"), `rbX`, `rbY` (top-left corner), `rbW`, `rbH`.

Every scheme's box is of the pixels as stored, before the EXIF Orientation turns the photo
upright (digiKam, Immich: see shown_box); the FaceRegion keeps it so, as the file says.

A named face region names a person: the photo gets the tag a `People|<name>` keyword gives
(core/metadata/sync.py); a named pet region (Immich, Lightroom) the tag `Pets|<name>`. Unnamed
regions, and those of other types (a camera's focus area), name nobody.

A keyword write (core/metadata/write.write_photo) makes the mwg-rs RegionList of the file it
writes say what the user decided on the photo's faces in phototagger (FaceDecisions,
decided_regions): a face named there is a region (Type Face, Name, Area centre-based normalized
of the stored pixels: stored_box), a face renamed there has its region's Name replaced, and a
name taken off there, or a person the user said no to, takes its region out, as digiKam writes
only the faces that carry a name (its MetadataHub::loadFaceTags reads confirmed faces alone, and
DMetadata::setItemFacesMap writes the list anew). Every other region stays as it was; a new
sidecar starts with the photo's regions, as digiKam reads the sidecar over it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from phototagger.store.tags import name_key, normal_name

MWG_PREFIX = "Xmp.mwg-rs.Regions/"
MP_PREFIX = "Xmp.MP.RegionInfo/"
PERSON_IN_IMAGE = "Xmp.iptcExt.PersonInImage"
# (PERSON_IN_IMAGE is also the start of its details' keys: REGION_PREFIXES holds both.)
PERSON_DETAILS = "Xmp.iptcExt.PersonInImageWDetails"
IPTC_REGION_PREFIX = "Xmp.iptcExt.ImageRegion"
REGION_PREFIXES = (MWG_PREFIX, MP_PREFIX, PERSON_IN_IMAGE, IPTC_REGION_PREFIX)
_MWG_ITEM = re.compile(r"^Xmp\.mwg-rs\.Regions/mwg-rs:RegionList\[(\d+)\]/(.+)$")
_MP_ITEM = re.compile(r"^Xmp\.MP\.RegionInfo/MPRI:Regions\[(\d+)\]/(.+)$")
_IPTC_ITEM = re.compile(r"^Xmp\.iptcExt\.ImageRegion\[(\d+)\]/(.+)$")
_DETAILS_NAME = re.compile(r"^Xmp\.iptcExt\.PersonInImageWDetails\[(\d+)\]/Iptc4xmpExt:PersonName$")

FACE, PET = "face", "pet"
# The keyword tree each kind of named region stands for: a person's name is the tag a
# `People|Anna` keyword gives ('People (keywords)/Anna' beside the detector's `people`).
ROOTS = {FACE: "People", PET: "Pets"}
# The top levels of a keyword tree of places: a name under one ('Places|France|Paris') is a
# place, never the person a face region names so (person_keyword).
PLACE_ROOTS = frozenset(name_key(root) for root in ("Places", "Place", "Locations", "Location"))


def person_keyword(levels: Sequence[str]) -> bool:
    """Whether a keyword (its `levels`) whose leaf is a face region's name may be that person's
    tag: digiKam's People|Anna, a Family|Anna, Lightroom's top-level 'Anna' are; one under a tree
    of places ('Places|France|Paris', PLACE_ROOTS) is not (a friend named Paris is no place)."""
    return len(levels) < 2 or name_key(levels[0]) not in PLACE_ROOTS


SCHEMES = {
    "mwg": "mwg-rs:Regions",
    "mp": "MP:RegionInfo",
    "iptc": "Iptc4xmpExt:ImageRegion",
    "person": "Iptc4xmpExt:PersonInImage",
    "details": "Iptc4xmpExt:PersonInImageWDetails",
}
# The schemes that name people with no box: "a person shown".
NO_BOX = ("person", "details")


@dataclass(frozen=True)
class FaceRegion:
    """One region as the file holds it: `box` (left, top, width, height as fractions of the
    image) None where the file gives none that can be read."""

    name: str | None
    kind: str  # FACE, PET, or the file's own Type lowercased ("focus"): names no one
    box: tuple[float, float, float, float] | None
    scheme: str  # "mwg", "mp", "iptc" (ImageRegion), "person" (PersonInImage), "details": SCHEMES

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind,
            "box": None if self.box is None else list(self.box),
            "scheme": self.scheme,
        }

    @property
    def names_someone(self) -> bool:
        return bool(self.name) and self.kind in ROOTS


def has_regions(fields: Mapping[str, Sequence[str]]) -> bool:
    return any(key.startswith(REGION_PREFIXES) for key in fields)


def read_regions(
    fields: Mapping[str, Sequence[str]], where: str = "the file"
) -> tuple[list[FaceRegion], list[str]]:
    """The regions in a file's XMP `fields` (exiv2 keys), in file order, and a line for the
    user about each one that could not be read whole (`where`: "the photo", "its sidecar"):
    its name still counts, its box is dropped."""
    regions: list[FaceRegion] = []
    problems: list[str] = []
    readers = {"mwg": _mwg, "mp": _mp, "iptc": _iptc}
    for scheme, pattern in (("mwg", _MWG_ITEM), ("mp", _MP_ITEM), ("iptc", _IPTC_ITEM)):
        items: dict[int, dict[str, str]] = {}
        for key, values in fields.items():
            found = pattern.match(key)
            if found and values:
                items.setdefault(int(found[1]), {})[found[2]] = str(values[0]).strip()
        for number in sorted(items):
            region, problem = readers[scheme](items[number])
            regions.append(region)
            if problem is not None:
                who = f"'{region.name}'" if region.name else "unnamed"
                problems.append(
                    f"face region {number} ({who}) of {SCHEMES[scheme]} in {where}: {problem}"
                )
    # Names with no box (Photo Mechanic's, Lightroom's IPTC Extension "Person Shown").
    for value in fields.get(PERSON_IN_IMAGE, []):
        name = _name(str(value))
        if name is not None:
            regions.append(FaceRegion(name, FACE, None, "person"))
    # PersonInImageWDetails: a person's name beside their ids (a person with only an id names
    # no one here), in the file's order.
    details: dict[int, str] = {}
    for key, values in fields.items():
        found = _DETAILS_NAME.match(key)
        if found and values and (name := _name(str(values[0]))) is not None:
            details[int(found[1])] = name
    regions += [FaceRegion(details[n], FACE, None, "details") for n in sorted(details)]
    return regions, problems


def _name(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _members(item: Mapping[str, str], structure: str) -> dict[str, str]:
    """The fields of one of the item's structures by their names, lowercased: {"x": "0.3"}."""
    return {
        key.rsplit(":", 1)[-1].lower(): value
        for key, value in item.items()
        if key.startswith(structure)
    }


def _mwg(item: Mapping[str, str]) -> tuple[FaceRegion, str | None]:
    kind = (item.get("mwg-rs:Type") or FACE).strip().lower() or FACE
    name = _name(item.get("mwg-rs:Name"))
    area = _members(item, "mwg-rs:Area/")
    box, problem = None, None
    if area:
        unit = area.get("unit", "normalized").lower()
        numbers = _numbers([area.get(k) for k in ("x", "y", "w", "h")])
        if unit != "normalized":
            problem = f"its area is in '{unit}', not 'normalized'; its box is left out"
        elif numbers is None:
            shown = ", ".join(
                f"{k}={area[k]!r}" if k in area else f"no {k}" for k in ("x", "y", "w", "h")
            )
            problem = f"its area ({shown}) is not four numbers; its box is left out"
        else:
            x, y, w, h = numbers
            box = _rounded((x - w / 2, y - h / 2, w, h))  # MWG gives the centre
            if not _inside(box):
                shown = ", ".join(f"{k}={area[k]}" for k in ("x", "y", "w", "h"))
                problem = f"its area ({shown}) {_OUTSIDE}"
                box = None
    return FaceRegion(name, kind, box, "mwg"), problem


def _mp(item: Mapping[str, str]) -> tuple[FaceRegion, str | None]:
    name = _name(item.get("MPReg:PersonDisplayName"))
    rectangle = item.get("MPReg:Rectangle")
    box, problem = None, None
    if rectangle is not None:
        numbers = _numbers(rectangle.split(","))
        if numbers is None:
            problem = f"its rectangle {rectangle!r} is not four numbers; its box is left out"
        elif _inside(numbers):
            box = _rounded(numbers)
        else:
            problem = f"its rectangle {rectangle!r} {_OUTSIDE}"

    return FaceRegion(name, FACE, box, "mp"), problem


# The IPTC's region types (cv.iptc.org/newscodes/imageregiontype) that name a person or a pet.
# An ImageRegion is any part of the picture (a building, a product): one of no type, or of
# another type, names no one, whatever its Name.
_IPTC_KINDS = {"human": FACE, "animal": PET}
UNTYPED = "region"


def _iptc(item: Mapping[str, str]) -> tuple[FaceRegion, str | None]:
    types = [
        value.rstrip("/").rsplit("/", 1)[-1].lower()
        for key, value in item.items()
        if key.startswith("Iptc4xmpExt:rCtype[") and key.endswith("/xmp:Identifier")
    ]
    kinds = [_IPTC_KINDS[t] for t in types if t in _IPTC_KINDS]
    kind = kinds[0] if kinds else (types[0] if types else UNTYPED)
    name = _name(item.get("Iptc4xmpExt:Name"))
    bound = _members(item, "Iptc4xmpExt:RegionBoundary/")
    box, problem = None, None
    if bound:
        shape = bound.get("rbshape", "rectangle").lower()
        unit = bound.get("rbunit", "relative").lower()
        numbers = _numbers([bound.get(k) for k in ("rbx", "rby", "rbw", "rbh")])
        if shape != "rectangle":
            problem = f"its boundary is a {shape}, not a rectangle; its box is left out"
        elif unit != "relative":
            problem = f"its boundary is in '{unit}', not 'relative'; its box is left out"
        elif numbers is None:
            problem = "its boundary is not four numbers (rbX, rbY, rbW, rbH); its box is left out"
        elif _inside(numbers):
            box = _rounded(numbers)
        else:
            shown = ", ".join(f"{k}={bound.get(k)}" for k in ("rbx", "rby", "rbw", "rbh"))
            problem = f"its boundary ({shown}) {_OUTSIDE}"
    return FaceRegion(name, kind, box, "iptc"), problem


def _numbers(values: Sequence[str | None]) -> tuple[float, float, float, float] | None:
    if len(values) != 4:
        return None
    try:
        found = [float(v) for v in values if v is not None]
    except ValueError:
        return None
    if len(found) != 4 or not all(math.isfinite(v) for v in found):
        return None
    return found[0], found[1], found[2], found[3]


# Where a region's box lies in the photo as shown, for each EXIF Orientation (1-8): the file's
# boxes are fractions of the stored pixels, before the Orientation turns them upright. So
# digiKam reads them (core/libs/database/item/scanner/itemscanner_photo.cpp, commitFaces:
# relativeToAbsolute on the stored size, then TagRegion::adjustToOrientation) and writes them
# back turned the other way (TagRegion::reverseToOrientation), and so Immich reads them since
# its PR 18021 (server/src/services/metadata.service.ts, orientRegionInfo), after MWG's
# guidelines; digiKam writes MP's Rectangle from the same box, so MP's are the same. Each entry
# maps a box (left, top, width, height) of the stored pixels to one of the photo as shown.
_SHOWN: dict[int, Callable[[float, float, float, float], tuple[float, float, float, float]]] = {
    1: lambda x, y, w, h: (x, y, w, h),
    2: lambda x, y, w, h: (1 - x - w, y, w, h),  # mirrored left to right
    3: lambda x, y, w, h: (1 - x - w, 1 - y - h, w, h),  # turned 180 degrees
    4: lambda x, y, w, h: (x, 1 - y - h, w, h),  # mirrored top to bottom
    5: lambda x, y, w, h: (y, x, h, w),  # transposed
    6: lambda x, y, w, h: (1 - y - h, x, h, w),  # turned 90 degrees clockwise
    7: lambda x, y, w, h: (1 - y - h, 1 - x - w, h, w),  # transversed
    8: lambda x, y, w, h: (y, 1 - x - w, h, w),  # turned 90 degrees anticlockwise
}


def shown_box(
    box: tuple[float, float, float, float], orientation: int | None
) -> tuple[float, float, float, float]:
    """A region's box (fractions of the stored pixels, as every scheme here holds it) in the
    photo as shown once its EXIF `orientation` is applied, where the face detector's boxes lie.
    Being fractions, it needs no pixel size: a photo resized since it was tagged (its
    AppliedToDimensions no longer its size) keeps its boxes, as digiKam and Immich read them."""
    turn = _SHOWN.get(orientation or 1, _SHOWN[1])
    return _rounded(turn(*box))


def region_paths(regions: Sequence[FaceRegion]) -> list[tuple[str, ...]]:
    """The keyword paths the named regions stand for, once each: ('People', 'Anna'),
    ('Pets', 'Rex'). Two regions of one person (a mirror, a photo in the photo) are one."""
    seen: set[tuple[str, str]] = set()
    paths: list[tuple[str, ...]] = []
    for region in regions:
        if not region.names_someone or region.name is None:
            continue
        key = (region.kind, name_key(normal_name(region.name)))
        if key not in seen:
            seen.add(key)
            paths.append((ROOTS[region.kind], region.name))
    return paths


def described(regions: Sequence[FaceRegion]) -> str:
    """The regions in a few words: "Anna (face), Rex (pet), Bea (person shown), 1 unnamed face"
    (a person shown: named in PersonInImage, with no box)."""
    named = [
        f"{r.name} ({'person shown' if r.scheme in NO_BOX else r.kind})"
        for r in regions
        if r.name and r.kind in ROOTS
    ]
    unnamed = sum(1 for r in regions if not r.name and r.kind == FACE)
    others = sum(1 for r in regions if r.kind not in ROOTS)
    parts = named
    if unnamed:
        parts.append(f"{unnamed} unnamed face" + ("s" if unnamed > 1 else ""))
    if others:
        parts.append(f"{others} other region" + ("s" if others > 1 else "") + " (no person)")
    return ", ".join(parts)


# How far a box may stray past the photo's edges (rounding, a face at the edge drawn wide).
_SLACK = 0.05
_OUTSIDE = (
    "does not lie within the photo (fractions of its width and height, 0 to 1); its box is left out"
)


def _inside(box: tuple[float, float, float, float]) -> bool:
    """Whether a box (left, top, width, height) is one within the photo, as fractions of it:
    pixels or another unit given as fractions (exiftool's own test file: w=8, no unit) are not."""
    left, top, width, height = box
    return (
        0 < width <= 1 + _SLACK
        and 0 < height <= 1 + _SLACK
        and -_SLACK <= left
        and -_SLACK <= top
        and left + width <= 1 + _SLACK
        and top + height <= 1 + _SLACK
    )


def _rounded(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """To a millionth of the image: 0.55, not 0.5499999999999999 of the centre's arithmetic."""
    return (round(box[0], 6), round(box[1], 6), round(box[2], 6), round(box[3], 6))


# --- Writing: the user's decisions on a photo's faces into its mwg-rs regions -----------------

Box = tuple[float, float, float, float]  # left, top, width, height: fractions of the image
SAME_FACE_IOU = 0.3  # two boxes this alike (iou) mark one face
MWG_LIST = MWG_PREFIX + "mwg-rs:RegionList"
MWG_DIMENSIONS = MWG_PREFIX + "mwg-rs:AppliedToDimensions"


def iou(a: Box, b: Box) -> float:
    """Intersection over union of two boxes (0: apart, 1: the same)."""
    width = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    height = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    inter = width * height
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)


def stored_box(box: Box, orientation: int | None) -> Box:
    """shown_box turned back: a box of the photo as shown, as a fraction of its stored pixels
    (what a region written into the file holds). Orientations 6 and 8 undo each other; every
    other one undoes itself."""
    orientation = orientation if orientation in _SHOWN else 1
    return _rounded(_SHOWN[{6: 8, 8: 6}.get(orientation or 1, orientation or 1)](*box))


@dataclass(frozen=True)
class FaceDecisions:
    """What the user decided on a photo's faces in phototagger, boxes of its stored pixels."""

    # (name, box, kind): the faces (FACE) and pets (PET) named there now; a region of that kind
    # takes the name (a Pet region stays a Pet).
    named: tuple[tuple[str, Box, str], ...] = ()
    # (name, box, kind): names the user gave a face (or pet) there that it no longer has
    # (renamed, taken off): a region of that kind with the name goes.
    former: tuple[tuple[str, Box, str], ...] = ()
    # (name_key, kind) of each person (or pet) the user said no to: a region of that name and
    # kind goes (face_marks.name_tag says which tag a region's name stands for).
    rejected: frozenset[tuple[str, str]] = frozenset()
    # Faces whose name the user took off where its tag stays, another face having the name
    # (face_marks.cleared_faces), (box, kind): the named region of that kind there goes.
    cleared: tuple[tuple[Box, str], ...] = ()
    size: tuple[int, int] | None = None  # the stored pixels' size, for AppliedToDimensions

    def __bool__(self) -> bool:
        return bool(self.named or self.former or self.rejected or self.cleared)


@dataclass
class RegionChanges:
    """What decided_regions did to a file's mwg-rs regions."""

    fields: dict[str, Any] = field(default_factory=dict)  # the region fields as they are now
    added: int = 0
    renamed: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.renamed or self.removed)


@dataclass(frozen=True)
class _Written:
    """A region scheme whose list a keyword write changes: its items' keys, its list's key, the
    key of an item's name, and the reader of one item."""

    item: re.Pattern[str]
    prefix: str
    listed: str
    name: str
    read: Callable[[Mapping[str, str]], tuple[FaceRegion, str | None]]


# mwg-rs, and Windows Photo Gallery's MP regions that digiKam writes beside it for each face:
# a name changed or taken out of one only would come back from the other on the next read.
# A face named here is added to both, as digiKam writes a face it names (DMetadata::
# setItemFacesMap: MPReg:Rectangle and PersonDisplayName beside each mwg-rs region).
_WRITTEN = (
    _Written(
        re.compile(r"^Xmp\.mwg-rs\.Regions/mwg-rs:RegionList\[(\d+)\](.*)$"),
        MWG_PREFIX,
        MWG_LIST,
        "/mwg-rs:Name",
        _mwg,
    ),
    _Written(
        re.compile(r"^Xmp\.MP\.RegionInfo/MPRI:Regions\[(\d+)\](.*)$"),
        MP_PREFIX,
        MP_PREFIX + "MPRI:Regions",
        "/MPReg:PersonDisplayName",
        _mp,
    ),
)
Item = tuple[int, int]  # (the scheme's place in _WRITTEN, the item's number in its list)


def decided_regions(
    fields: Mapping[str, Any], decided: FaceDecisions, over_photo: bool = False
) -> RegionChanges:
    """A file's region fields (pyexiv2's, exiv.region_fields) with its mwg-rs RegionList saying
    what the user `decided`: a face named here that a Face region already marks (iou
    SAME_FACE_IOU or more, the closest) gives that region its name (a rename, or an unnamed
    face named), a region of the other kind there (a Face region under a pet's name) takes the
    name's kind too (its MP twin goes: MP names people only), one no region marks is added
    after the others; a region over a face that had a name here it no longer has, carrying
    that name, goes, and so does every Face region naming a person the user rejected. The MP
    regions digiKam writes beside mwg-rs ones are renamed and taken out alike. Every other
    region, and every other scheme's, stays as the file has it (its fields as they were,
    renumbered where one before it went). A list emptied goes whole, unless `over_photo` (the
    fields are a sidecar's, read over a photo holding regions of its own): there the mwg-rs
    list stays, empty, for the photo's not to be read instead, by digiKam as by phototagger
    (core/metadata/read.py)."""
    items: dict[Item, dict[str, Any]] = {}
    rest: dict[str, Any] = {}
    for key, value in fields.items():
        found = [(s, m) for s, w in enumerate(_WRITTEN) if (m := w.item.match(key))]
        if found:
            s, m = found[0]
            items.setdefault((s, int(m[1])), {})[m[2]] = value
        else:
            rest[key] = value
    keys = sorted(items)
    faces = {k: _read_item(k[0], items[k]) for k in keys}
    names: dict[Item, str | None] = {k: faces[k].name for k in keys}
    gone: set[Item] = set()
    added: list[tuple[str, Box, str]] = []
    claimed: set[Item] = set()
    retyped: dict[Item, str] = {}
    beside: set[Item] = set()  # a pet's MP region taken out beside its retyped mwg-rs one
    for name, box, kind in decided.named:
        marked = False
        for scheme in range(len(_WRITTEN)):
            # A region of the name's kind over the face first; else one of the other kind (a
            # Face region written for a name become a pet's, 'People/Max' renamed 'Pets/Max';
            # an unnamed Face region under a pet named here): the face is one, the user's name
            # and kind stand (core/face_marks shows one mark), not a second region beside it.
            for kinds in ({kind}, set(ROOTS) - {kind}):
                region = _nearest(faces, claimed, names, scheme, kinds, box, name)
                if region is None:
                    continue
                claimed.add(region)
                if faces[region].kind == kind:
                    names[region] = name
                elif scheme == 0:
                    names[region], retyped[region] = name, kind
                else:
                    # MP names people only: no region there for a pet. The face's mwg-rs
                    # region (retyped, or added) says the change: not counted as a second.
                    gone.add(region)
                    beside.add(region)
                    break
                marked = True
                break
        if not marked:
            # No region of any scheme marks it: added to each, as digiKam names a face (a pet:
            # mwg-rs only, below). One a scheme marks (an MP-only file's, Windows Live Photo
            # Gallery's) is renamed there, not added beside: its MP region renamed and a second
            # added was a duplicate.
            added.append((name, box, kind))
    # A person rejected: every region naming them goes, but one renamed here (a face the file
    # named Anna, named Bea here: Anna's tag is rejected by the rename) takes the new name.
    gone |= {
        k
        for k, r in faces.items()
        if k not in claimed and r.name and (name_key(r.name), r.kind) in decided.rejected
    }
    for name, box, kind in decided.former:
        if any(
            name_key(name) == name_key(now) and iou(box, at) >= SAME_FACE_IOU
            for now, at, _ in decided.named
        ):
            continue  # that face has the name again (undone); another face's own stays
        gone |= _named_over(faces, claimed, box, name, kind)
    for box, kind in decided.cleared:
        gone |= _named_over(faces, claimed, box, None, kind)
    renamed = [k for k in keys if k not in gone and (names[k] != faces[k].name or k in retyped)]
    out = RegionChanges(
        added=len(added),
        renamed=_faces_of(renamed, faces),
        removed=_faces_of(sorted(gone - beside), faces),
    )
    if not (out.changed or gone):
        out.fields = dict(fields)
        return out
    out.fields = rest
    for scheme, written in enumerate(_WRITTEN):
        kept = [k for k in keys if k[0] == scheme and k not in gone]
        # MP regions name people: a pet added has an mwg-rs region only.
        new = [(name, box, kind) for name, box, kind in added if scheme == 0 or kind == FACE]
        if not (kept or new) and not (over_photo and scheme == 0):
            # Its list emptied: none of its regions left, as digiKam leaves it.
            out.fields = {k: v for k, v in out.fields.items() if not k.startswith(written.prefix)}
            continue
        if scheme == 0:
            out.fields.update(_mwg_list(out.fields, decided.size))
        elif written.listed not in out.fields and new:
            out.fields[written.listed] = 'type="Bag"'
        for count, k in enumerate(kept, 1):
            item = f"{written.listed}[{count}]"
            for sub, value in items[k].items():
                out.fields[item + sub] = value
            if names[k] != faces[k].name:
                out.fields[item + written.name] = names[k]
            if k in retyped:
                out.fields[item + "/mwg-rs:Type"] = "Pet" if retyped[k] == PET else "Face"
        for count, (name, box, kind) in enumerate(new, len(kept) + 1):
            item = f"{written.listed}[{count}]"
            out.fields.update(
                _new_region(item, name, box, kind) if scheme == 0 else _new_mp(item, name, box)
            )
    return out


def _nearest(
    faces: Mapping[Item, FaceRegion],
    claimed: set[Item],
    names: Mapping[Item, str | None],
    scheme: int,
    kinds: set[str],
    box: Box,
    name: str,
) -> Item | None:
    """The region of `scheme`, of one of `kinds`, not claimed, marking the face at `box`: one
    already carrying `name` first, else the closest; None where none does."""
    near = sorted(
        (
            (iou(box, r.box), k)
            for k, r in faces.items()
            if k[0] == scheme and k not in claimed and r.kind in kinds and r.box is not None
        ),
        reverse=True,
    )
    near = [(overlap, k) for overlap, k in near if overlap >= SAME_FACE_IOU]
    same = [k for _, k in near if name_key(names[k] or "") == name_key(name)]
    return same[0] if same else near[0][1] if near else None


def _named_over(
    faces: Mapping[Item, FaceRegion], claimed: set[Item], box: Box, name: str | None, kind: str
) -> set[Item]:
    """The regions of `kind` (Face, Pet) over the face at `box` that carry `name` (None: any
    name), not claimed by a face named here."""
    return {
        k
        for k, r in faces.items()
        if k not in claimed
        and r.kind == kind
        and r.name
        and (name is None or name_key(r.name) == name_key(name))
        and r.box is not None
        and iou(box, r.box) >= SAME_FACE_IOU
    }


def _read_item(scheme: int, fields: Mapping[str, Any]) -> FaceRegion:
    """One item of a _WRITTEN scheme's list (its fields under the item) as read_regions reads it."""
    return _WRITTEN[scheme].read({sub.lstrip("/"): _text(v) for sub, v in fields.items() if sub})[0]


def _faces_of(changed: Sequence[Item], faces: Mapping[Item, FaceRegion]) -> int:
    """How many faces the `changed` regions are: digiKam's MP region beside its mwg-rs one
    (the same name, the same face) is not a second."""
    counted: list[FaceRegion] = []
    for k in changed:
        r = faces[k]
        if not any(
            name_key(c.name or "") == name_key(r.name or "")
            and c.box is not None
            and r.box is not None
            and iou(c.box, r.box) >= SAME_FACE_IOU
            for c in counted
        ):
            counted.append(r)
    return len(counted)


def _mwg_list(fields: Mapping[str, Any], size: tuple[int, int] | None) -> dict[str, str]:
    """The mwg-rs fields a RegionList with regions in it needs that `fields` lack: the list,
    and AppliedToDimensions (the stored pixels' `size`, where known)."""
    made: dict[str, str] = {}
    if MWG_DIMENSIONS not in fields and size:
        made[MWG_DIMENSIONS] = 'type="Struct"'
        made[MWG_DIMENSIONS + "/stDim:w"] = str(size[0])
        made[MWG_DIMENSIONS + "/stDim:h"] = str(size[1])
        made[MWG_DIMENSIONS + "/stDim:unit"] = "pixel"
    if MWG_LIST not in fields:
        made[MWG_LIST] = 'type="Bag"'
    return made


def _text(value: Any) -> str:
    """A region field's value as text: a language alternative's first language."""
    if isinstance(value, dict):
        return str(next(iter(value.values()), ""))
    return str(value)


def _new_region(item: str, name: str, box: Box, kind: str = FACE) -> dict[str, str]:
    """The fields of a region naming a face (a pet: Type Pet), as digiKam writes one: Area
    centre-based."""
    x, y, w, h = box
    made = {item: 'type="Struct"', item + "/mwg-rs:Area": 'type="Struct"'}
    for part, value in (("x", x + w / 2), ("y", y + h / 2), ("w", w), ("h", h)):
        made[f"{item}/mwg-rs:Area/stArea:{part}"] = f"{value:.6f}".rstrip("0").rstrip(".")
    made[item + "/mwg-rs:Area/stArea:unit"] = "normalized"
    made[item + "/mwg-rs:Name"] = name
    made[item + "/mwg-rs:Type"] = "Pet" if kind == PET else "Face"
    return made


def _new_mp(item: str, name: str, box: Box) -> dict[str, str]:
    """The fields of the MP region digiKam writes beside a face's mwg-rs one: Rectangle
    "left, top, width, height" (fractions of the stored pixels) and PersonDisplayName."""
    numbers = ", ".join(f"{value:.6f}".rstrip("0").rstrip(".") for value in box)
    return {
        item: 'type="Struct"',
        item + "/MPReg:Rectangle": numbers,
        item + "/MPReg:PersonDisplayName": name,
    }


def region_edits(before: Mapping[str, Any], now: Mapping[str, Any]) -> dict[str, Any]:
    """The field changes (None: taken out) that make a file's region fields `before` into
    `now`: pyexiv2 takes out only the one key it is given, not the fields under it."""
    edits: dict[str, Any] = {k: v for k, v in now.items() if before.get(k) != v}
    edits.update({k: None for k in before if k not in now})
    for prefix in (w.prefix for w in _WRITTEN):
        # A scheme emptied: its structure goes too (exiv2 leaves it, empty, otherwise).
        if any(k.startswith(prefix) for k in before) and not any(k.startswith(prefix) for k in now):
            edits[prefix.rstrip("/")] = None
    return edits
