"""What Find Duplicates shows of each spare copy beside the copy it keeps: how alike the two
are, so that a crop or an edit can be told from a real copy, and why the kept one is kept.

How alike, from the surest down:
- "Identical file": the same bytes (the same content hash); "Same file as the pair's RAW"
  for a lone copy of the RAW that the kept RAW+JPEG pair has beside it.
- "Same pixels": another file with the very same picture, pixel for pixel (a copy whose
  metadata was rewritten, a lossless conversion). Told only of copies of the same size whose
  embeddings all but agree, by decoding both.
- Otherwise Find Similar's very figure and words for the pair (core/similar.py
  EmbeddingIndex.likeness, pair_likeness with the pair's own pixel check): "Almost identical
  (98 %)" for a recompressed copy, less for a crop or an edit; "Very similar (77 %)" at the
  most for a copy joined to its group only through another copy, whose own pixels are not the
  kept photo's picture. A figure never reads 100 % unless the pixels are the same.

And what the copy is, where its pixels tell (how_edited): "mirrored" (a phone's mirrored selfie,
a slide scanned the wrong way round) and "black-and-white" (a colour photo's grey version), so
that a photographer seeing a flipped or grey photo grouped with the original sees why; Find
Similar says the same of the photos it ranks first (similar_pixels), and calls a photo
"Almost identical" only where the same pixel check finds it the same picture.

Which copy is kept is core/duplicate_keep.py's order, but for one rule: between copies that
differ by an edit (differs_by_edit: other tones, black-and-white, a crop, a mirror), and between
files of two formats with the same pixels (a PNG made from a JPEG), the larger file says nothing
of which is the original (kept_by).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import sqlite_utils

from phototagger.core.decoders import MediaKind, kind_of
from phototagger.core.duplicate_keep import (
    SAME_PIXELS_ELSEWHERE,
    KeepOrder,
    companions_of,
    keep_order,
)
from phototagger.core.errors import PhotoError
from phototagger.core.imaging import load_full_image
from phototagger.core.jobs import CancelToken, Progress, ProgressCallback
from phototagger.core.same_picture import Picture, PictureReader, block_difference, matched
from phototagger.core.similar import (
    ALMOST_IDENTICAL,
    COPY_CHECKED_FROM,
    DUPLICATE_COSINE,
    IDENTICAL_FILE,
    DuplicateGroup,
    EmbeddingIndex,
    LikenessScale,
    PixelCheck,
    duplicate_id_groups,
    likeness_words,
    load_index,
    one_a_clip,
    ordered_groups,
    pair_likeness,
    with_edit,
)
from phototagger.store.photos import photos_by_ids
from phototagger.store.records import Photo

SAME_PIXELS = "Same pixels"
# Copies whose full embeddings agree this closely are decoded to see whether their pixels are
# the same: a recompressed JPEG scores lower, a rewritten or losslessly converted one about 1.
SAME_PIXELS_COSINE = 0.995
MIRRORED = "mirrored"
BLACK_AND_WHITE = "black-and-white"
# Find Similar looks at the pixels of its SIMILAR_EDITS best photos whose embeddings agree this
# much with the photo's (a black-and-white export 0.59 and more, a mirrored copy 0.92 and more:
# benchmarks/similar.py --edits, dupes35's library), as they are and mirrored on the coarse
# crops only (same_picture.matched, edits False). A photo has few such neighbours (det-photos:
# 135 pairs at 0.6 or more in 1,000): on dupes35's photographer library (460 photos, 20 with
# 9 copies each) a ranking took 3 ms (median) without, 4-6 ms with; 90th percentile 5-11 ms,
# 73-118 ms; the most, a photo with 9 copies, 35-69 ms, 155-267 ms (load 4).
SIMILAR_EDITS = 10
SIMILAR_EDIT_COSINE = 0.55
# Find Similar checks the pixels of every photo among its this many best that it would call
# "Almost identical" by the figure (a copy's full check passes on the whole frames, a look-alike's
# most often fails on the coarse crops: a first click took as long as before, benchmarks/
# similar.py --almost-identical): it says so only of the same picture (core/similar.py
# pair_likeness). A photo has few such neighbours (det-photos: 20 of its 499,500 pairs, all of
# one category); one with more copies than this reads "Very similar" past them.
ALMOST_IDENTICAL_CHECKS = 50
# And of the photos among its this many best whose figure reads "Very similar" (COPY_CHECKED_FROM
# up to ALMOST_IDENTICAL): a copy there reads "Almost identical" too (on benchmarks/similar.py
# --almost-identical's det-photos library 14 of 200 black-and-white exports and 3 of 200 resized
# copies read 66 to 77 %; all 200 of each read it now, and a first click took as long as with
# the figure alone: 39 and 42 ms median, 91 and 93 ms for 9 in 10).
VERY_SIMILAR_CHECKS = 20
# Pixel verdicts Find Similar keeps between clicks, by the two files' content hashes (_verdict):
# whether they are one picture, and the edit words of the second beside the first and of the
# first beside the second.
_VERDICTS_KEPT = 4096
_VERDICTS: OrderedDict[tuple[str, str, bool], tuple[bool, str, str]] = OrderedDict()
_VERDICTS_LOCK = threading.Lock()
# Colour in a thumbnail: the mean of |R - G| + |G - B| (0 to 510). A grey JPEG's thumbnail reads
# 0.0; 20 colour det-photos 20.7 to 164.6 (a photo that is nearly grey itself says nothing).
_GREY_UNDER = 2.0
_COLOUR_FROM = 10.0
# A copy as it is (resized, saved again) beside its photo, on the thumbnails (benchmarks/
# similar.py --edits 20: half size at q80 and q85, saved again at q40 and q60): the whole
# frames' largest block difference 0.01 to 0.07, the means of R, G and B within 1.0, the grey
# spread 0.90 to 1.01 times, the colour ((colour + 1) / (colour + 1)) 0.82 to 1.04 times. Each
# photographer's edit leaves one of them out: straightened or cropped 0.24 or more apart, an
# exposure of +-0.5 EV or more, warmer or cooler, 5.1 levels or more of a mean; contrast up
# 1.14 times the spread or more; saturation up 1.28 times the colour or more; black-and-white
# 0.09 times at most; mirrored 1.17 or more apart.
PLAIN_DIFFERENCE = 0.15
PLAIN_MEAN = 3.0
PLAIN_SPREAD = (0.87, 1.1)
PLAIN_COLOUR = (0.7, 1.15)


@dataclass(frozen=True)
class Likeness:
    words: str  # IDENTICAL_FILE, SAME_PIXELS, or Find Similar's words
    percent: int  # 100 for the first two, else the figure (99 at the most)
    edit: str = ""  # what the copy is, where its pixels tell: MIRRORED, BLACK_AND_WHITE or both

    @property
    def text(self) -> str:
        said = self.words if self.percent == 100 else f"{self.words} ({self.percent} %)"
        return with_edit(said, self.edit)


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
    # One reading of each photo's pixels, in colour: the pixel check's grey, the tones that
    # tell an edit, and what it found mirrored.
    check = PixelCheck(db, PictureReader(thumbnails))
    id_groups, exact_sets = duplicate_id_groups(
        db, threshold, index=index, progress=progress, cancel=cancel, pixels=check
    )
    ids = [i for g in id_groups for i in g]
    photos = {p.id: p for p in photos_by_ids(db, ids)}
    order = keep_order(db, photos)  # once: the groups' order, then the reasons
    rows = {int(pid): row for row, pid in enumerate(index.ids.tolist())}
    sides = _MirrorSides(check, exact_sets)
    groups: list[DuplicateGroup] = []
    likeness: dict[int, Likeness] = {}
    why: dict[int, str] = {}
    for group in ordered_groups(id_groups, exact_sets, order):
        if cancel is not None:
            cancel.raise_if_cancelled()
        group_order = order if group.exact else kept_by(group.photo_ids, photos, order, check.read)
        if group_order is not order:
            group = replace(group, photo_ids=sorted(group.photo_ids, key=group_order))
        groups.append(group)
        kept = photos.get(group.photo_ids[0])
        mirrored = sides.of(group.photo_ids) if kept is not None else {}
        for pid in group.photo_ids[1:]:
            copy = photos.get(pid)
            if kept is None or copy is None:
                continue
            if order.twin_of(kept.id) == pid:  # the very RAW the kept pair has beside it
                likeness[pid] = Likeness("Same file as the pair's RAW", 100)
            else:
                one = check.mirrored.get((kept.id, pid), check.mirrored.get((pid, kept.id)))
                likeness[pid] = copy_likeness(index, rows, kept, copy, check.read, one is not None)
                if likeness[pid].percent < 100:
                    side = mirrored.get(pid)
                    edit = (
                        how_edited(check.read, kept, copy)
                        if side is None
                        else edit_words(check.read.picture(kept), check.read.picture(copy), side)
                    )
                    likeness[pid] = replace(likeness[pid], edit=edit)
            why[pid] = group_order.why(kept.id, pid)
    groups.sort(key=lambda g: (-len(g.photo_ids), g.photo_ids[0]))
    return FoundCopies(
        groups, photos, companions_of(db, ids), likeness, why, compared=len(index.ids)
    )


class _MirrorSides:
    """Which copies of a group are its first photo mirrored, from the pairs the pixel check
    found one picture (each told as it is or mirrored) and the byte copies: along a chain of
    such pairs, two mirrorings make the picture as it is again. No second look at the
    pixels."""

    def __init__(self, check: PixelCheck, exact_sets: list[set[int]]) -> None:
        self._links: dict[int, list[tuple[int, bool]]] = {}
        for (a, b), mirrored in check.mirrored.items():
            self._links.setdefault(a, []).append((b, mirrored))
            self._links.setdefault(b, []).append((a, mirrored))
        for same in exact_sets:
            first, *others = sorted(same)
            for other in others:
                self._links.setdefault(first, []).append((other, False))
                self._links.setdefault(other, []).append((first, False))

    def of(self, photo_ids: list[int]) -> dict[int, bool]:
        """For each photo of the group reached from its first, whether it is the first
        mirrored; a photo reached by no chain of pairs told (one that could not be read) is
        left out."""
        members = set(photo_ids)
        sides = {photo_ids[0]: False}
        todo = [photo_ids[0]]
        while todo:
            at = todo.pop()
            for other, mirrored in self._links.get(at, ()):
                if other in members and other not in sides:
                    sides[other] = sides[at] != mirrored
                    todo.append(other)
        return sides


def kept_by(
    photo_ids: list[int], photos: Mapping[int, Photo], order: KeepOrder, read: PictureReader
) -> KeepOrder:
    """The order a group (`photo_ids` in `order`) is kept by: `order`, or where the copy it puts
    first comes first only by being the larger file (rule 5) over a copy it differs from by an
    edit (differs_by_edit), `order` without that rule: the larger file says nothing there of
    which is the original."""
    kept = photos.get(photo_ids[0])
    first = read.picture(kept) if kept is not None else None
    if kept is None or first is None:
        return order
    for pid in photo_ids[1:]:
        other = photos.get(pid)
        if other is None or not order.decided_by_size(kept.id, pid):
            continue
        second = read.picture(other)
        if second is not None and differs_by_edit(first, second):
            return order.without_sizes()
        if _other_format(kept, other) and _same_pixels(kept, other):
            # A lossless conversion (a PNG or TIFF of a JPEG) is larger with nothing more in it:
            # the original and its rating, labels and keywords went to the trash for it.
            return order.without_sizes(SAME_PIXELS_ELSEWHERE)
    return order


def _other_format(a: Photo, b: Photo) -> bool:
    """Whether the two files are of two formats (by their names: '.jpg' and '.jpeg' are one)."""

    def kind(path: str) -> str:
        suffix = os.path.splitext(path)[1].lower()
        return ".jpg" if suffix in (".jpeg", ".jpe") else suffix

    return kind(a.path) != kind(b.path)


def differs_by_edit(a: Picture, b: Picture) -> bool:
    """Whether `b` is `a` edited, not `a` as it is resized or saved again: its whole frame
    upright is further than PLAIN_DIFFERENCE (cropped, straightened, mirrored, clipped), or its
    tones moved (brighter or darker, warmer or cooler, more contrast, more or less colour,
    black-and-white)."""
    if block_difference(a.grey, b.grey, enough=np.inf) > PLAIN_DIFFERENCE:
        return True
    ta, tb = a.tones, b.tones
    if max(abs(x - y) for x, y in zip(ta.mean, tb.mean, strict=True)) > PLAIN_MEAN:
        return True
    spread = tb.spread / max(ta.spread, 1e-6)
    colour = (tb.colour + 1.0) / (ta.colour + 1.0)
    return not (PLAIN_SPREAD[0] <= spread <= PLAIN_SPREAD[1]) or not (
        PLAIN_COLOUR[0] <= colour <= PLAIN_COLOUR[1]
    )


def copy_likeness(
    index: EmbeddingIndex,
    rows: dict[int, int],
    kept: Photo,
    copy: Photo,
    read: PictureReader,
    checked: bool = False,
) -> Likeness:
    """How alike `copy` is to `kept` (the module says how it is told): where not the same file
    or the same pixels, the figure and words Find Similar shows of the pair (pair_likeness),
    from the pair's own pixel check: `checked` where the group's search found the two one
    picture, else the check Find Similar runs (_verdict). A copy joined to its group through
    another copy, whose own pixels are not `kept`'s picture, reads "Very similar" at the most,
    as Find Similar says of it."""
    if kept.content_hash is not None and kept.content_hash == copy.content_hash:
        return Likeness(IDENTICAL_FILE, 100)
    a, b = rows.get(kept.id), rows.get(copy.id)
    if a is None or b is None:
        return Likeness(likeness_words(0), 0)
    full = float(np.dot(index.vectors[a].astype(np.float32), index.vectors[b].astype(np.float32)))
    if full >= SAME_PIXELS_COSINE and _same_pixels(kept, copy):
        return Likeness(SAME_PIXELS, 100)
    percent = index.likeness(a, b)
    if not checked and percent >= COPY_CHECKED_FROM:
        verdict = _verdict(read, kept, copy, True)
        # Unreadable: the embeddings alone judge it, as Find Similar does.
        checked = full >= DUPLICATE_COSINE if verdict is None else verdict[0]
    shown, words = pair_likeness(percent, False, checked)
    return Likeness(words, shown)


def how_edited(read: PictureReader, kept: Photo, copy: Photo, edits: bool = True) -> str:
    """What `copy` is beside `kept` (edit_words), where the pixel check finds the two one
    picture (with `edits` False, as they are or mirrored only: same_picture.matched); '' where
    it does not, or either cannot be read. What Find Similar says of a photo, and Find
    Duplicates of a copy no chain of checked pairs tells."""
    a, b = read.picture(kept), read.picture(copy)
    if a is None or b is None:
        return ""
    mirrored = matched(a.grey, b.grey, edits=edits)
    return "" if mirrored is None else edit_words(a, b, mirrored)


@dataclass(frozen=True)
class SimilarPixels:
    """What Find Similar tells from the pixels of the photos it ranks first beside a photo."""

    edits: dict[int, str]  # how_edited's words, by photo id (photos it says nothing of left out)
    same_picture: frozenset[int]  # the photos Find Duplicates' pixel check finds the same picture


def similar_pixels(
    db: sqlite_utils.Database,
    photo_id: int,
    ranked: Sequence[tuple[int, float]],
    scale: LikenessScale,
    thumbnails: Path | None,
) -> SimilarPixels:
    """What the pixels tell of the best of `ranked` (photo id, full cosine; best first) beside
    `photo_id`: of the photos whose figure reads "Almost identical" (ALMOST_IDENTICAL or more,
    among the ALMOST_IDENTICAL_CHECKS best) or "Very similar" (COPY_CHECKED_FROM or more, among
    the VERY_SIMILAR_CHECKS best), whether each is the same picture by Find Duplicates' own
    check (same_picture.matched, every crop and edit), and what it is beside the
    photo ("mirrored", "black-and-white"); of the other SIMILAR_EDITS best at
    SIMILAR_EDIT_COSINE or more, what they are where the cheap check tells (how_edited with
    `edits` False). Verdicts are kept by the two files' content (_verdict)."""
    alike = {
        pid: None
        for rank, (pid, cosine) in enumerate(ranked[:ALMOST_IDENTICAL_CHECKS])
        if scale.percent(cosine) >= ALMOST_IDENTICAL
        or (rank < VERY_SIMILAR_CHECKS and scale.percent(cosine) >= COPY_CHECKED_FROM)
    }
    near = [pid for pid, cosine in ranked[:SIMILAR_EDITS] if cosine >= SIMILAR_EDIT_COSINE]
    wanted = list(dict.fromkeys([*alike, *near]))
    if not wanted:
        return SimilarPixels({}, frozenset())
    photos = {p.id: p for p in photos_by_ids(db, [photo_id, *wanted])}
    kept = photos.get(photo_id)
    if kept is None:
        return SimilarPixels({}, frozenset())
    cosines = dict(ranked[: max(ALMOST_IDENTICAL_CHECKS, SIMILAR_EDITS)])
    read = PictureReader(thumbnails)
    edits: dict[int, str] = {}
    same: set[int] = set()
    for pid in wanted:
        photo = photos.get(pid)
        if photo is None:
            continue
        full = pid in alike
        verdict = _verdict(read, kept, photo, full)
        if verdict is None:  # unreadable: the embeddings alone judge it, as Find Duplicates does
            one = full and cosines.get(pid, 0.0) >= DUPLICATE_COSINE
            verdict = (one, "")
        if full and verdict[0]:
            same.add(pid)
        if verdict[1]:
            edits[pid] = verdict[1]
    return SimilarPixels(edits, frozenset(same))


def _verdict(read: PictureReader, kept: Photo, copy: Photo, full: bool) -> tuple[bool, str] | None:
    """Whether `copy` is `kept`'s picture (same_picture.matched: with every edit where `full`,
    else only as it is and mirrored) and how_edited's words for it; None where either cannot
    be read. The two are compared in one order whichever is `kept` (by their content hashes),
    so Find Similar on either photo and Find Duplicates say the same of the pair. Kept by the
    two files' content hashes: the same two files give the same verdict, and a second Find
    Similar on a photo, or on its copy, reads no pixel again."""
    if kept.content_hash is not None and kept.content_hash == copy.content_hash:
        return True, ""
    if one_a_clip(kept, copy):  # Find Similar called the clip "Almost identical · 99 %"
        return False, ""
    flip = bool(kept.content_hash and copy.content_hash and copy.content_hash < kept.content_hash)
    first, second = (copy, kept) if flip else (kept, copy)
    key = None
    if first.content_hash and second.content_hash:
        key = (first.content_hash, second.content_hash, full)
        with _VERDICTS_LOCK:
            known = _VERDICTS.get(key)
            if known is not None:
                _VERDICTS.move_to_end(key)
        if known is not None:
            return known[0], known[2] if flip else known[1]
    a, b = read.picture(first), read.picture(second)
    if a is None or b is None:
        return None
    mirrored = matched(a.grey, b.grey, edits=full)
    verdict = (
        (False, "", "")
        if mirrored is None
        else (True, edit_words(a, b, mirrored), edit_words(b, a, mirrored))
    )
    if key is not None:
        with _VERDICTS_LOCK:
            _VERDICTS[key] = verdict
            if len(_VERDICTS) > _VERDICTS_KEPT:
                _VERDICTS.popitem(last=False)
    return verdict[0], verdict[2] if flip else verdict[1]


def edit_words(kept: Picture | None, copy: Picture | None, mirrored: bool) -> str:
    """MIRRORED, BLACK_AND_WHITE, both joined by ', ', or '': what a copy the pixel check found
    the same picture as `kept` (`mirrored` as it found it) is."""
    said = [MIRRORED] if mirrored else []
    if kept is not None and copy is not None:
        if copy.tones.colour < _GREY_UNDER <= _COLOUR_FROM <= kept.tones.colour:
            said.append(BLACK_AND_WHITE)
    return ", ".join(said)


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
