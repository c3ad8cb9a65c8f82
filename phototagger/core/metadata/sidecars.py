"""Where a photo's XMP sidecar is: `photo.jpg.xmp` (digiKam, darktable: the default) or
`photo.xmp` (Lightroom). Immich finds both."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from phototagger.core import decoders

NAMING_FULL = "photo.ext.xmp"
NAMING_BASE = "photo.xmp"
NAMINGS = (NAMING_FULL, NAMING_BASE)

# Files exiv2 must never rewrite (a RAW is the negative), and containers it cannot write into
# (BMFF: "Setting XMP metadata in BMFF images is not supported"): both get a sidecar.
RAW_EXTENSIONS = frozenset(
    {
        ".3fr",
        ".arw",
        ".cr2",
        ".cr3",
        ".crw",
        ".dcr",
        ".dng",
        ".erf",
        ".iiq",
        ".k25",
        ".kdc",
        ".mef",
        ".mos",
        ".mrw",
        ".nef",
        ".nrw",
        ".orf",
        ".pef",
        ".raf",
        ".raw",
        ".rw2",
        ".rwl",
        ".sr2",
        ".srf",
        ".srw",
        ".x3f",
    }
)
# Clips are BMFF (MP4, MOV) or containers exiv2 does not know: their keywords go to a sidecar,
# as digiKam's do; every RAW the scan reads is covered even if this list missed its name.
SIDECAR_ONLY_EXTENSIONS = (
    RAW_EXTENSIONS
    | decoders.RAW_EXTENSIONS
    | decoders.CLIP_EXTENSIONS
    | {".heic", ".heif", ".avif", ".hif", ".bmp", ".gif"}
)
_RAWS = RAW_EXTENSIONS | decoders.RAW_EXTENSIONS


def sidecar_for(photo: Path, naming: str = NAMING_FULL) -> Path:
    """The sidecar phototagger writes for `photo` under `naming`."""
    if naming == NAMING_BASE:
        return photo.with_suffix(".xmp")
    return photo.with_name(photo.name + ".xmp")


def sidecar_owner(photo: Path, companions: Sequence[str] = ()) -> Path:
    """The file a new sidecar of `photo` is named after: a RAW+JPEG pair's RAW (`companions`:
    file names), since digiKam, darktable and Lightroom keep a pair's keywords with the RAW, the
    negative the photographer edits; otherwise (a live photo's clip included) the photo."""
    raws = [n for n in companions if Path(n).suffix.lower() in _RAWS]
    return photo.with_name(raws[0]) if raws else photo


def candidates(photo: Path, companions: Sequence[str] = ()) -> list[Path]:
    """Sidecar names to look for, in order of preference: the photo's own, then those of its
    companions (`companions`: file names), since digiKam and darktable keep a RAW+JPEG pair's
    keywords in the RAW's `IMG_0001.CR2.xmp`."""
    names = [photo.name + ".xmp", photo.name + ".XMP", photo.stem + ".xmp", photo.stem + ".XMP"]
    names += [n + ext for n in companions for ext in (".xmp", ".XMP")]
    return [photo.with_name(n) for n in names]


def raw_twins(photo: Path) -> list[str]:
    """The names of the RAWs beside a still that make a RAW+JPEG pair with it (IMG_0001.CR2 for
    IMG_0001.JPG, as the scan pairs them): where the pair's sidecar may be, for a reader without
    the library."""
    if photo.suffix.lower() in _RAWS or photo.suffix.lower() in decoders.CLIP_EXTENSIONS:
        return []
    stem = photo.stem.casefold()
    try:
        with os.scandir(photo.parent) as entries:
            return sorted(
                entry.name
                for entry in entries
                if Path(entry.name).stem.casefold() == stem
                and Path(entry.name).suffix.lower() in _RAWS
            )
    except OSError:
        return []


def find_sidecar(photo: Path, companions: Sequence[str] = ()) -> Path | None:
    for path in candidates(photo, companions):
        if os.path.isfile(path):
            return path
    return None


def is_sidecar(path: Path) -> bool:
    return path.suffix.lower() == ".xmp"


def photo_of_sidecar(sidecar: Path) -> Path | None:
    """The photo next to `sidecar` whose sidecar it is by its name: `photo.jpg` for
    `photo.jpg.xmp`, else a `photo.*` for `photo.xmp` (None: no such photo there)."""
    named = sidecar.with_suffix("")
    if named.suffix and not is_sidecar(named) and named.is_file():
        return named
    try:
        with os.scandir(sidecar.parent) as entries:
            found = sorted(
                entry.name
                for entry in entries
                if Path(entry.name).stem == sidecar.stem
                and not is_sidecar(Path(entry.name))
                and entry.is_file()
            )
    except OSError:
        return None
    return sidecar.with_name(found[0]) if found else None


def sidecar_only(photo: Path) -> bool:
    return photo.suffix.lower() in SIDECAR_ONLY_EXTENSIONS


def sidecar_kind(photo: Path) -> str:
    """The kind of a file that always gets a sidecar, in words: "RAW files", "clips", "HEIC
    files" (said of the photos written, and asked about before the first write)."""
    suffix = photo.suffix.lower()
    if suffix in _RAWS:
        return "RAW files"
    if suffix in decoders.CLIP_EXTENSIONS:
        return "clips"
    return f"{suffix.lstrip('.').upper()} files"
