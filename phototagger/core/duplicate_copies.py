"""What Find Duplicates shows of each spare copy beside the copy it keeps: how alike the two
are, so that a crop or an edit can be told from a real copy, and why the kept one is kept.

How alike, from the surest down:
- "Identical file": the same bytes (the same content hash); "Same file as the pair's RAW"
  for a lone copy of the RAW that the kept RAW+JPEG pair has beside it.
- "Same pixels": another file with the very same picture, pixel for pixel (a copy whose
  metadata was rewritten, a lossless conversion). Told only of copies of the same size whose
  embeddings all but agree, by decoding both.
- Otherwise Find Similar's very figure and words for the pair (core/similar.py
  EmbeddingIndex.likeness): "Almost identical (98 %)" for a recompressed copy, less for a crop
  or an edit. A figure never reads 100 % unless the pixels are the same.

And what the copy is, where its pixels tell (how_edited): "mirrored" (a phone's mirrored selfie,
a slide scanned the wrong way round) and "black-and-white" (a colour photo's grey version), so
that a photographer seeing a flipped or grey photo grouped with the original sees why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import sqlite_utils
from PIL import Image

from phototagger.core.decoders import MediaKind, kind_of
from phototagger.core.duplicate_keep import companions_of, keep_order
from phototagger.core.errors import PhotoError
from phototagger.core.imaging import load_full_image
from phototagger.core.jobs import CancelToken, Progress, ProgressCallback
from phototagger.core.same_picture import HOPELESS, block_difference, grey, picture_image
from phototagger.core.similar import (
    DUPLICATE_COSINE,
    IDENTICAL_FILE,
    DuplicateGroup,
    EmbeddingIndex,
    duplicate_id_groups,
    likeness_words,
    load_index,
    ordered_groups,
)
from phototagger.store.photos import photos_by_ids
from phototagger.store.records import Photo

SAME_PIXELS = "Same pixels"
# Copies whose full embeddings agree this closely are decoded to see whether their pixels are
# the same: a recompressed JPEG scores lower, a rewritten or losslessly converted one about 1.
SAME_PIXELS_COSINE = 0.995
MIRRORED = "mirrored"
BLACK_AND_WHITE = "black-and-white"
# A copy is said mirrored where its blocks come at least this much closer to the kept one's
# mirrored than as they are: 20 mirrored det-photos 0.00 to 0.40 mirrored and 1.06 to 3.48 as
# they are, their edited exports (straightened, brighter) 0.32 to 0.79 as they are and 1.08 to
# 2.39 mirrored; a photo alike both ways (a symmetric one) is not said mirrored.
_MIRRORED_GAIN = 2.0
_SAME = 0.05  # blocks this close are the same picture: no crop is tried
# Colour in a thumbnail: the mean of |R - G| + |G - B| (0 to 510). A grey JPEG's thumbnail reads
# 0.0; 20 colour det-photos 20.7 to 164.6 (a photo that is nearly grey itself says nothing).
_GREY_UNDER = 2.0
_COLOUR_FROM = 10.0


@dataclass(frozen=True)
class Likeness:
    words: str  # IDENTICAL_FILE, SAME_PIXELS, or Find Similar's words
    percent: int  # 100 for the first two, else the figure (99 at the most)
    edit: str = ""  # what the copy is, where its pixels tell: MIRRORED, BLACK_AND_WHITE or both

    @property
    def text(self) -> str:
        said = self.words if self.percent == 100 else f"{self.words} ({self.percent} %)"
        return f"{said} · {self.edit}" if self.edit else said


@dataclass(frozen=True)
class FoundCopies:
    """Everything the dialog shows: the groups (the copy to keep first), their photos, the
    files each takes along to the trash, and for each spare copy its likeness to the kept one
    and why the kept one comes first."""

    groups: list[DuplicateGroup]
    photos: dict[int, Photo]
    companions: dict[int, tuple[str, ...]]
    likeness: dict[int, Likeness]
    why: dict[int, str]
    compared: int = 0  # how many photos were compared, by their files and by how they look

    def why_kept(self, group: DuplicateGroup) -> str:
        """Why the group's first copy is kept: the rule that put it before the runner-up."""
        return self.why.get(group.photo_ids[1], "") if len(group.photo_ids) > 1 else ""


def find_copies(
    db: sqlite_utils.Database,
    threshold: float = DUPLICATE_COSINE,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    thumbnails: Path | None = None,
) -> FoundCopies:
    if progress is not None:
        progress(Progress("reading embeddings", 0, None))
    index = load_index(db)
    id_groups, exact_sets = duplicate_id_groups(
        db, threshold, index=index, progress=progress, cancel=cancel, thumbnails=thumbnails
    )
    ids = [i for g in id_groups for i in g]
    photos = {p.id: p for p in photos_by_ids(db, ids)}
    order = keep_order(db, photos)  # once: the groups' order, then the reasons
    groups = ordered_groups(id_groups, exact_sets, order)
    rows = {int(pid): row for row, pid in enumerate(index.ids.tolist())}
    likeness: dict[int, Likeness] = {}
    why: dict[int, str] = {}
    colours: dict[int, np.ndarray | None] = {}
    for group in groups:
        kept = photos.get(group.photo_ids[0])
        for pid in group.photo_ids[1:]:
            if cancel is not None:
                cancel.raise_if_cancelled()
            copy = photos.get(pid)
            if kept is None or copy is None:
                continue
            if order.twin_of(kept.id) == pid:  # the very RAW the kept pair has beside it
                likeness[pid] = Likeness("Same file as the pair's RAW", 100)
            else:
                likeness[pid] = copy_likeness(index, rows, kept, copy)
                if likeness[pid].percent < 100:
                    if kept.id not in colours:
                        colours = {kept.id: colour_of(kept, thumbnails)}  # read once a group
                    edit = how_edited(colours[kept.id], colour_of(copy, thumbnails))
                    likeness[pid] = replace(likeness[pid], edit=edit)
            why[pid] = order.why(kept.id, pid)
    return FoundCopies(
        groups, photos, companions_of(db, ids), likeness, why, compared=len(index.ids)
    )


def copy_likeness(
    index: EmbeddingIndex, rows: dict[int, int], kept: Photo, copy: Photo
) -> Likeness:
    """How alike `copy` is to `kept` (the module says how it is told)."""
    if kept.content_hash is not None and kept.content_hash == copy.content_hash:
        return Likeness(IDENTICAL_FILE, 100)
    a, b = rows.get(kept.id), rows.get(copy.id)
    if a is None or b is None:
        return Likeness(likeness_words(0), 0)
    full = float(np.dot(index.vectors[a].astype(np.float32), index.vectors[b].astype(np.float32)))
    if full >= SAME_PIXELS_COSINE and _same_pixels(kept, copy):
        return Likeness(SAME_PIXELS, 100)
    percent = min(99, index.likeness(a, b))
    return Likeness(likeness_words(percent), percent)


def how_edited(a: np.ndarray | None, b: np.ndarray | None) -> str:
    """What copy `b` is beside the kept `a` (MIRRORED, BLACK_AND_WHITE, both joined by ', ', or
    ''), from their colour_of (nothing where either could not be read)."""
    if a is None or b is None:
        return ""
    said = []
    grey_a, grey_b = _grey(a), _grey(b)
    # The fine crops only where the coarse ones could tell (same_picture's HOPELESS).
    as_is = block_difference(grey_a, grey_b, enough=_SAME, hopeless=HOPELESS)
    mirrored = block_difference(grey_a, grey_b[:, ::-1], enough=_SAME, hopeless=HOPELESS)
    if mirrored * _MIRRORED_GAIN <= as_is:
        said.append(MIRRORED)
    if _colourfulness(b) < _GREY_UNDER <= _COLOUR_FROM <= _colourfulness(a):
        said.append(BLACK_AND_WHITE)
    return ", ".join(said)


def colour_of(photo: Photo, thumbnails: Path | None) -> np.ndarray | None:
    """The photo's pixels as the pixel check reads them (same_picture.picture_image), in RGB
    (int16)."""
    image = picture_image(photo, thumbnails, "RGB")
    return None if image is None else np.asarray(image, dtype=np.int16)


def _grey(rgb: np.ndarray) -> np.ndarray:
    return grey(Image.fromarray(rgb.astype(np.uint8)))


def _colourfulness(rgb: np.ndarray) -> float:
    return float(
        np.abs(rgb[..., 0] - rgb[..., 1]).mean() + np.abs(rgb[..., 1] - rgb[..., 2]).mean()
    )


def _same_pixels(a: Photo, b: Photo) -> bool:
    """Both files decode to the very same picture (clips are never said to)."""
    if (a.width, a.height) != (b.width, b.height) or not a.width:
        return False
    if MediaKind.CLIP in (kind_of(a.path), kind_of(b.path)):
        return False
    try:
        pixels_a = np.asarray(load_full_image(a.path))
        pixels_b = np.asarray(load_full_image(b.path))
    except (PhotoError, OSError):
        return False
    return pixels_a.shape == pixels_b.shape and bool(np.array_equal(pixels_a, pixels_b))
