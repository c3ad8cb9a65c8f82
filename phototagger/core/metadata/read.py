"""What a photo's files say: its keywords (embedded and sidecar), rating, pick and colour label,
and the face regions other programs named (core/metadata/regions.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from phototagger.core.metadata.exiv import (
    CAPTION_KEYS,
    COLOR_KEYS,
    PICK_KEY,
    RATING_KEYS,
    TEXT_KEYS,
    TITLE_KEYS,
    Fields,
    MetadataError,
    read_fields,
)
from phototagger.core.metadata.keywords import FIELDS, merge_keywords
from phototagger.core.metadata.regions import (
    REGION_PREFIXES,
    FaceRegion,
    has_regions,
    read_regions,
)
from phototagger.core.metadata.sidecars import find_sidecar
from phototagger.store.file_metadata import stars_of

# digiKam's numbers; darktable's colorlabels count from red = 0 in its own order, and its fifth
# is the one darktable (and Lightroom, as "Purple") calls purple: digiKam's magenta is its sixth.
DIGIKAM_COLORS = {
    1: "red",
    2: "orange",
    3: "yellow",
    4: "green",
    5: "blue",
    6: "magenta",
    7: "gray",
    8: "black",
    9: "white",
}
DARKTABLE_COLORS = {0: "red", 1: "yellow", 2: "green", 3: "blue", 4: "purple"}
DIGIKAM_PICKS = {1: "rejected", 2: "pending", 3: "accepted"}


@dataclass(frozen=True)
class SidecarState:
    """What tells a sidecar edited elsewhere: size and mtime cheaply, the hash for sure."""

    path: str
    size: int
    mtime: float
    sha1: str


@dataclass(frozen=True)
class FileMetadata:
    path: str
    keywords: list[str]
    rating: int | None
    pick: str | None
    color: str | None
    sidecar: SidecarState | None
    fields: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # where -> key -> values
    problem: str | None = None  # the embedded metadata could not be read (the sidecar was)
    # The sidecar's keywords alone (None: no sidecar): a keyword the sidecar drops is taken
    # off even where the photo's own fields still hold it (sync.set_aside).
    sidecar_keywords: list[str] | None = None
    # The face regions of the sidecar where it holds some (digiKam, darktable and Lightroom
    # read a sidecar's XMP over the photo's), else of the photo; and a line for each region
    # that could not be read whole (its name still counts, its box does not).
    regions: list[FaceRegion] = field(default_factory=list)
    region_problems: list[str] = field(default_factory=list)
    regions_in_sidecar: bool = False  # `regions` are the sidecar's
    # The title and caption digiKam or Lightroom gave it (dc:title, dc:description; IPTC's
    # where the XMP has none), the sidecar's first: shown in the details panel, never written.
    title: str | None = None
    caption: str | None = None

    @property
    def stars(self) -> int | None:
        """The rating as stars (0 to 5), None for a reject rated -1: its `pick` says it
        (stars_of, as `search --json` says it)."""
        return stars_of(self.rating)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "keywords": self.keywords,
            "rating": self.stars,
            "pick": self.pick,
            "label": self.color,  # as `search --json` and `export --json` name it
            "color": self.color,  # its name before, kept for the scripts that read it
            "sidecar": None if self.sidecar is None else self.sidecar.path,
            "fields": self.fields,
            "problem": self.problem,
            "regions": [region.as_dict() for region in self.regions],
            "region_problems": self.region_problems,
            "title": self.title,
            "caption": self.caption,
        }


def sidecar_state(path: Path) -> SidecarState:
    data = path.read_bytes()
    st = path.stat()
    return SidecarState(str(path), st.st_size, st.st_mtime, hashlib.sha1(data).hexdigest())


def read_metadata(photo: Path, sidecar: Path | None = None) -> FileMetadata:
    """Read a photo's own metadata and its sidecar (found next to it unless given).

    A photo whose embedded metadata exiv2 cannot read still gets its sidecar's; with neither
    readable, MetadataError.
    """
    if sidecar is None:
        sidecar = find_sidecar(photo)
    problem = None
    try:
        embedded = read_fields(photo, texts=True)
    except MetadataError as exc:
        if sidecar is None:
            raise
        embedded, problem = {}, str(exc)
    side: Fields = read_fields(sidecar, xmp_only=True, texts=True) if sidecar is not None else {}
    fields = {"embedded": embedded, "sidecar": side} if sidecar else {"embedded": embedded}
    meta = _metadata(photo, fields)
    return replace(
        meta, sidecar=sidecar_state(sidecar) if sidecar is not None else None, problem=problem
    )


def read_sidecar(sidecar: Path) -> FileMetadata:
    """What a sidecar says, read alone (its photo is not there): `path` is the sidecar's, its
    fields are under "sidecar", and it has no sidecar of its own."""
    return _metadata(sidecar, {"sidecar": read_fields(sidecar, xmp_only=True, texts=True)})


def _metadata(path: Path, fields: dict[str, Fields]) -> FileMetadata:
    """Keywords, rating, labels and face regions from the fields of a photo ("embedded") and its
    sidecar. The regions' own fields are not kept among `fields`."""
    embedded, side = fields.get("embedded", {}), fields.get("sidecar", {})
    in_sidecar = has_regions(side)
    if in_sidecar:
        regions, region_problems = read_regions(side, "its sidecar")
    else:
        regions, region_problems = read_regions(embedded, "the photo")
    texts = {**fields.get("embedded", {}), **fields.get("sidecar", {})}
    fields = {where: _without_regions(found) for where, found in fields.items()}
    embedded, side = fields.get("embedded", {}), fields.get("sidecar", {})
    keyword_keys = {f.key for f in FIELDS}
    merged: dict[str, list[str]] = {}
    for source in (embedded, side):
        for key, values in source.items():
            if key in keyword_keys:
                merged.setdefault(key, []).extend(values)
    # The sidecar is where digiKam and Lightroom write when told to: it wins on single values.
    single = {**embedded, **side}
    own = {key: values for key, values in side.items() if key in keyword_keys}
    return FileMetadata(
        path=str(path),
        keywords=merge_keywords(merged),
        rating=_rating(single),
        pick=_pick(single),
        color=_color(single),
        sidecar=None,
        fields=fields,
        sidecar_keywords=merge_keywords(own) if "sidecar" in fields else None,
        regions=regions,
        region_problems=region_problems,
        regions_in_sidecar=in_sidecar,
        title=_text(texts, TITLE_KEYS),
        caption=_text(texts, CAPTION_KEYS),
    )


def _without_regions(fields: Fields) -> Fields:
    """The fields less the face regions' and the title's and caption's (FileMetadata's own)."""
    return {
        key: values
        for key, values in fields.items()
        if not key.startswith(REGION_PREFIXES) and key not in TEXT_KEYS
    }


def _text(fields: Fields, keys: tuple[str, ...]) -> str | None:
    """The first of `keys` that holds words, on one line; None for none."""
    for key in keys:
        for value in fields.get(key, ()):
            words = " ".join(value.split())
            if words:
                return words
    return None


def _int(values: list[str] | None) -> int | None:
    try:
        return int(float(values[0])) if values else None
    except ValueError:
        return None


def _rating(fields: Fields) -> int | None:
    for key in RATING_KEYS:
        value = _int(fields.get(key))
        if value is not None:
            return max(-1, min(5, value))
    return None


def _pick(fields: Fields) -> str | None:
    pick = DIGIKAM_PICKS.get(_int(fields.get(PICK_KEY)) or 0)
    if pick is None and _rating(fields) == -1:
        return "rejected"  # Lightroom and darktable mark a reject as rating -1
    return pick


def _color(fields: Fields) -> str | None:
    digikam, lightroom, darktable = (fields.get(k) for k in COLOR_KEYS)
    number = _int(digikam)
    if number in DIGIKAM_COLORS:
        return DIGIKAM_COLORS[number]
    if lightroom and lightroom[0].strip():
        return lightroom[0].strip().lower()
    number = _int(darktable)
    return DARKTABLE_COLORS.get(number) if number is not None else None
