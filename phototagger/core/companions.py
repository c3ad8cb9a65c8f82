"""Files that belong to a photo beside it: a RAW twin, a live photo's clip.

A camera set to RAW+JPEG writes IMG_0001.CR2 and IMG_0001.JPG; an iPhone live photo is
IMG_0001.HEIC and IMG_0001.MOV. Both are one picture taken once, so the library shows one
photo with both files rather than two photos to label twice. The still (JPEG/HEIC) is the photo:
it is the camera's own rendering, decodes in milliseconds, and is what the user shares; the RAW
or clip is kept as its companion (listed in the viewer and in `export`). A live photo's clip
shares the still's name on every phone that writes one beside it, so the name is the link;
motion photos that carry the clip inside the JPEG are one file already.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from phototagger.core.decoders import MediaKind, kind_of
from phototagger.core.found_file import FoundFile

# Which still is the photo when a name has several (IMG_0001.JPG beside IMG_0001.HEIC is rare,
# but the choice must not depend on listing order).
_STILL_PREFERENCE = (
    ".jpg",
    ".jpeg",
    ".heic",
    ".heif",
    ".hif",
    ".avif",
    ".webp",
    ".png",
    ".tif",
    ".tiff",
)


def pair_companions(files: Sequence[FoundFile]) -> list[FoundFile]:
    """One folder's files, with each RAW or clip that shares a still's name folded into it.

    Stills keep their order; every other file is yielded unchanged.
    """
    stills: dict[str, FoundFile] = {}
    for found in files:
        if kind_of(found.path) is MediaKind.PHOTO:
            key = stem(found.path)
            if key not in stills or _rank(found.path) < _rank(stills[key].path):
                stills[key] = found
    if not stills:
        return list(files)
    attached: dict[str, list[str]] = {}
    for found in files:
        if kind_of(found.path) is not MediaKind.PHOTO:
            owner = stills.get(stem(found.path))
            if owner is not None:
                attached.setdefault(owner.path, []).append(found.path)
    result: list[FoundFile] = []
    folded = {path for paths in attached.values() for path in paths}
    for found in files:
        if found.path in folded:
            continue
        companions = attached.get(found.path)
        result.append(replace(found, companions=tuple(companions)) if companions else found)
    return result


def stem(path: str) -> str:
    """What a still shares with its companions: its name without the extension, in any case."""
    return os.path.splitext(os.path.basename(path))[0].casefold()


def _rank(path: str) -> int:
    ext = os.path.splitext(path)[1].lower()
    return _STILL_PREFERENCE.index(ext) if ext in _STILL_PREFERENCE else len(_STILL_PREFERENCE)
