"""Whether two photos whose embeddings agree are the same picture, from their pixels.

The embedding says what a photo shows, not whether it is the same shot: a coffee cup with two
faces pasted on it keeps the plain cup's embedding (above DUPLICATE_COSINE), and so does another
frame of a burst. Near-duplicates (resized, recompressed, slightly cropped, brighter or darker, a
camera's JPEG beside its RAW's preview) are the same picture pixel for pixel, up to a small crop
and the tone curve. So each pair the embeddings propose is checked on small grey thumbnails: one
photo is cropped by up to MAX_CROP of each side (to the other's shape) and both are reduced to a
GRID x GRID grid of cells, brought to zero mean and unit spread (exposure and contrast cancel
out); the pair is the same picture when, for some crop, no block of BLOCK x BLOCK cells differs
by BLOCK_DIFFERENCE or more on average. A pasted object, a moved subject or another moment of a
burst leaves at least one block far apart; benchmarks/similar.py measures the threshold. Most
pairs checked are other shots of the same thing (a photo's look-alikes): the crops are tried
coarse first, and a pair HOPELESS apart at every coarse crop is not tried on the fine ones.

A photographer's edited exports are the same picture too (picture_difference): a mirrored copy
is compared mirrored; one straightened by a few degrees and cropped to fill, against the other
turned the same way (TURNS); an exposure that clipped the highlights, on equalized tones, and
each in the other's tones (tones_of: the brightest of the one clipped as far as the other's).
"""

from __future__ import annotations

import contextlib
import itertools
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageStat

from phototagger.core.errors import PhotoError
from phototagger.core.imaging import load_full_image, thumbnail_path
from phototagger.store.records import Photo

GRID = 32
THUMBNAIL_SIDE = 320  # what a photo is read at when its thumbnail is not cached (the scan's size)
BLOCK = 4  # cells: GRID / BLOCK = 8 blocks a side, each an eighth of the picture's side
# Of each side, in all: a 3:2 frame cropped to 4:5 keeps 83 % of its long side (at 0.15 none of
# 20 det-photos' 4:5 crops was found, benchmarks/similar.py --edits).
MAX_CROP = 0.2
_SCALES = 9  # crop sizes tried from none to MAX_CROP, every 2.5 % of a side as at 0.15
_OFFSETS = 5  # positions tried along each side for a crop size
# In units of the pictures' spread, measured with benchmarks/similar.py --near 200: a near-copy's
# largest block difference from its original is under 0.26 for 95 in 100 (the worst: a photo
# made 1.6 times brighter, its highlights clipped), objects pasted on a photo leave 0.31 or more
# (0.6 for 95 in 100). At 0.4, 2 of det-photos' 400 pasted edits and none of ImageNet's joined
# their original (0.5: 10 and 12; embeddings alone: 306 and 288), for 5 to 7 of 200 brighter
# copies and 5 cropped in a corner no longer found.
BLOCK_DIFFERENCE = 0.4
# A pair whose coarse crops (36 of 175) all leave a block this far apart is another picture,
# without the fine crops. On 60 det-photos' edits of benchmarks/similar.py (near-copies, a
# half-size q80 copy, pasted objects) and its 135 pairs of different photos at cosine 0.6 or
# more, the fine crops lowered a score by 0.28 at the most; the coarse ones scored 0.37 at the
# most for the copies found (a photo made 1.6 times brighter), 1.08 at the least for different
# photos, 0.4 and more for pasted edits; no verdict changed. A failing check is 2.4 to 2.7 times
# cheaper (benchmarks/similar.py --joins times both).
HOPELESS = 0.8
# Degrees a straightened copy is tried at (a horizon set level is 1 to 3 degrees off): upright,
# a copy turned 2 degrees leaves blocks 0.48 apart (median of 20 det-photos), 3 degrees 0.69,
# and 5 and 0 of 20 were found (benchmarks/similar.py --edits); turned back, 0.02 and 0.04.
TURNS = (1.0, -1.0, 2.0, -2.0, 3.0, -3.0)
# The straightened and equalized comparisons are tried only for a pair (or its mirror image)
# that came within this of one picture upright: the 135 pairs of different det-photos at cosine
# 0.6 or more all leave a block 1.08 or more apart, so they cost two upright comparisons (as is
# and mirrored), not sixteen.
TURN_HOPELESS = 1.0
# Equalized tones (each grey level's rank) undo an exposure that clipped the highlights, which
# the zero-mean, unit-spread cells do not (10 of 20 det-photos' +1 EV copies were found), but
# they stretch a photo's flat areas, and a pasted object there came out nearer: a digital clock
# with two objects pasted on it, 0.71 as it is, 0.38 equalized. An equalized difference counts
# this many times (0.3 equalized is the limit): the +1 EV copies found that way scored 0.15 or
# less, the 120 pasted edits of 60 det-photos 0.38 or more.
EQUALIZED_WEIGHT = BLOCK_DIFFERENCE / 0.3
# Equalizing both leaves a photo's clipped highlights a flat white in the brighter copy and their
# texture in the original, so 5 of 20 det-photos' +1 EV copies (12 to 66 % of the copy's
# pixels white) stayed 0.41 to 0.53 apart; one photo in the other's tones (its brightest
# clipped as far) brings them to 0.07-0.26. Weighed as the equalized tones, it joined no pasted
# edit more (1 and 1 of 60 det-photos' faces and objects, 0 and 1 of 60 ImageNet samples', as
# before) and no two different photos at cosine 0.6 or more (135 on det-photos, 18 on ImageNet's
# samples: 1.11 and 1.44 apart at the least).


def grey(image: Image.Image) -> np.ndarray:
    """A photo's pixels as compared here (its thumbnail is plenty): grey, uint8 (a 320-pixel
    thumbnail is 75 KB kept)."""
    return np.asarray(image.convert("L"), dtype=np.uint8)


def block_difference(
    a: np.ndarray, b: np.ndarray, enough: float = 0.0, hopeless: float = np.inf
) -> float:
    """The least, over crops of one photo to the other's shape, of the largest difference of a
    block; the uncropped comparison alone when it is at or under `enough`. The crops are
    tried coarse first (every other size and position): at or under `enough`, or over
    `hopeless`, what they found is the answer."""
    sums_a, sums_b = _integral(a), _integral(b)
    whole_a = _cells(sums_a, np.array([[0.0, 0.0, a.shape[1], a.shape[0]]]))
    whole_b = _cells(sums_b, np.array([[0.0, 0.0, b.shape[1], b.shape[0]]]))
    best = float(_largest_blocks(whole_a, whole_b[0]).min())
    if best <= enough:
        return best
    tries = []
    for big, sums, target in ((a, sums_a, whole_b[0]), (b, sums_b, whole_a[0])):
        boxes, coarse = _crops(big.shape, (b if big is a else a).shape)
        tries.append((sums, target, boxes[coarse], boxes[~coarse]))
    for fine in (False, True):
        for sums, target, coarse_boxes, fine_boxes in tries:
            boxes = fine_boxes if fine else coarse_boxes
            if len(boxes):
                best = min(best, float(_largest_blocks(_cells(sums, boxes), target).min()))
        if best <= enough or best > hopeless:
            break
    return best


def same_picture(a: np.ndarray, b: np.ndarray, limit: float = BLOCK_DIFFERENCE) -> bool:
    """Whether `b` is `a`, or a copy of it: matched's verdict without which way."""
    return matched(a, b, limit) is not None


def matched(
    a: np.ndarray, b: np.ndarray, limit: float = BLOCK_DIFFERENCE, edits: bool = True
) -> bool | None:
    """same_picture's verdict told further: None where `a` and `b` are other pictures, else
    whether `b` is `a` mirrored. With `edits` False, only as they are and mirrored, on the
    coarse crops (no fine crops, no straightened or tone-equalized tries: what tells a
    mirrored or black-and-white copy cheaply, not a check that finds every copy)."""
    hopeless = HOPELESS if edits else limit
    score, mirrored = picture_match(a, b, enough=limit, hopeless=hopeless, edits=edits)
    return mirrored if score < limit else None


def picture_difference(
    a: np.ndarray, b: np.ndarray, enough: float = 0.0, hopeless: float = np.inf
) -> float:
    """picture_match's score."""
    return picture_match(a, b, enough, hopeless)[0]


def picture_match(
    a: np.ndarray,
    b: np.ndarray,
    enough: float = 0.0,
    hopeless: float = np.inf,
    edits: bool = True,
) -> tuple[float, bool]:
    """The least block_difference of `a` and `b` as they are and of `a` and `b` mirrored;
    then, for each of those that came within TURN_HOPELESS, of `a` straightened by each of
    TURNS, of the two with their tones equalized (EQUALIZED_WEIGHT times their difference),
    of each in the other's tones (tones_of, weighed as much), and equalized and straightened;
    tried in that order until one is at or under `enough`. And whether that score came from
    `b` mirrored (as it is first: a symmetric picture matches as it is, and is not told
    mirrored).

    A mirrored copy is the same picture: a selfie the phone saved mirrored, a scan of a slide
    put in the wrong way round, a photo flipped for a layout are the photographer's own shot,
    which they want found beside the original (digiKam and Immich find them); what a mirror
    cannot make is another picture, and its embedding agrees with the original's at 0.92 or
    more on det-photos (benchmarks/similar.py --edits)."""
    best, best_mirrored = np.inf, False
    near: list[tuple[np.ndarray, np.ndarray, bool]] = []
    for mirrored, side in ((False, b), (True, b[:, ::-1])):
        score = block_difference(a, side, enough=enough, hopeless=hopeless)
        if score <= enough:
            return score, mirrored
        if score < best:
            best, best_mirrored = score, mirrored
        if score <= TURN_HOPELESS and edits:
            near.append((a, side, mirrored))
    flat = [(equalized(x), equalized(y), m) for x, y, m in near]
    tries = itertools.chain(  # made as they are tried: most pairs end at an early one
        ((turned(x, t), y, m, 1.0) for x, y, m in near for t in TURNS),
        ((x, y, m, EQUALIZED_WEIGHT) for x, y, m in flat),
        ((x, y, m, EQUALIZED_WEIGHT) for a_, b_, m in near for x, y in _tone_matched(a_, b_)),
        ((turned(x, t), y, m, EQUALIZED_WEIGHT) for x, y, m in flat for t in TURNS),
    )
    for x, y, mirrored, weight in tries:
        score = weight * block_difference(x, y, enough=enough / weight, hopeless=hopeless / weight)
        if score <= enough:
            return score, mirrored
        if score < best:
            best, best_mirrored = score, mirrored
    return best, best_mirrored


def equalized(pixels: np.ndarray) -> np.ndarray:
    """Each grey level replaced by its mid-rank among the photo's pixels (0 to 255): any tone
    curve that keeps the order of the levels (exposure, contrast, an editor's curves, clipped
    highlights merged into one level) leaves the same picture."""
    counts = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    below = np.cumsum(counts) - counts
    levels = (below + counts / 2) / max(pixels.size, 1) * 255.0
    result: np.ndarray = levels.astype(np.float32)[pixels]
    return result


def tones_of(pixels: np.ndarray, onto: np.ndarray) -> np.ndarray:
    """`pixels` with each grey level replaced by the level of `onto` at the same mid-rank (the
    one's histogram made the other's): an exposure that clipped `onto`'s highlights clips
    `pixels`' brightest as far, where equalizing both (equalized) leaves `pixels` their
    texture there and `onto` a flat white."""
    counts = np.bincount(np.asarray(pixels, np.uint8).ravel(), minlength=256).astype(np.float64)
    ranks = (np.cumsum(counts) - counts / 2) / max(pixels.size, 1)
    levels = np.sort(np.asarray(onto).ravel()).astype(np.float32)
    lut = np.interp(ranks * (levels.size - 1), np.arange(levels.size), levels)
    result: np.ndarray = lut.astype(np.float32)[np.asarray(pixels, np.uint8)]
    return result


def _tone_matched(a: np.ndarray, b: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """`a` in `b`'s tones beside `b`, then `a` beside `b` in `a`'s (either may be the one whose
    highlights were clipped)."""
    yield tones_of(a, b), b
    yield a, tones_of(b, a)


def turned(pixels: np.ndarray, degrees: float) -> np.ndarray:
    """`pixels` turned by `degrees` (counter-clockwise), cropped to the largest centred frame
    of their own shape with no blank corner, as an editor's straighten tool crops to fill."""
    height, width = pixels.shape
    angle = np.radians(abs(degrees))
    across = width * np.cos(angle) + height * np.sin(angle)
    down = width * np.sin(angle) + height * np.cos(angle)
    keep = min(width / across, height / down)
    image = Image.fromarray(pixels.astype(np.float32), mode="F")
    image = image.rotate(degrees, resample=Image.Resampling.BICUBIC)
    left, top = width * (1 - keep) / 2, height * (1 - keep) / 2
    box = (round(left), round(top), round(width - left), round(height - top))
    return np.asarray(image.crop(box), dtype=np.float32)


def _crops(big: tuple[int, ...], small: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """(k, 4) boxes (x0, y0, x1, y1) of `big` with `small`'s aspect keeping at least
    1 - MAX_CROP of each side, and (k,) which of them are the coarse grid's: every other
    size and position, the largest, the smallest and the corners among them."""
    height, width = big[0], big[1]
    aspect = small[1] / small[0]
    boxes: list[tuple[float, float, float, float]] = []
    coarse: list[bool] = []
    for size, keep in enumerate(np.linspace(1.0, 1.0 - MAX_CROP, _SCALES)):
        # The largest box of the aspect inside `keep` of each side.
        w, h = width * keep, width * keep / aspect
        if h > height * keep + 1e-6:
            w, h = height * keep * aspect, height * keep
        if w < width * (1 - MAX_CROP) - 1e-6 or h < height * (1 - MAX_CROP) - 1e-6:
            continue
        xs = np.linspace(0, width - w, _OFFSETS) if width - w > 0.5 else [0.0]
        ys = np.linspace(0, height - h, _OFFSETS) if height - h > 0.5 else [0.0]
        for j, y in enumerate(ys):
            for i, x in enumerate(xs):
                boxes.append((float(x), float(y), float(x + w), float(y + h)))
                coarse.append(size % 2 == 0 and i % 2 == 0 and j % 2 == 0)
    return np.array(boxes, dtype=np.float64).reshape(-1, 4), np.array(coarse, dtype=bool)


def _integral(pixels: np.ndarray) -> np.ndarray:
    """(H + 1, W + 1) sums of the pixels above and left of each corner."""
    sums = np.zeros((pixels.shape[0] + 1, pixels.shape[1] + 1), np.float64)
    sums[1:, 1:] = pixels.cumsum(0).cumsum(1)
    return sums


def _at(sums: np.ndarray, y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The integral at fractional corners (bilinear: the pixels are constant squares)."""
    y = np.clip(y, 0, sums.shape[0] - 1)
    x = np.clip(x, 0, sums.shape[1] - 1)
    y0 = np.minimum(np.floor(y).astype(np.int64), sums.shape[0] - 2)
    x0 = np.minimum(np.floor(x).astype(np.int64), sums.shape[1] - 2)
    fy, fx = y - y0, x - x0
    top = sums[y0, x0] * (1 - fx) + sums[y0, x0 + 1] * fx
    bottom = sums[y0 + 1, x0] * (1 - fx) + sums[y0 + 1, x0 + 1] * fx
    return top * (1 - fy) + bottom * fy


def _cells(sums: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """(k, GRID, GRID) mean of each cell of each box, at zero mean and unit spread per box."""
    steps = np.linspace(0.0, 1.0, GRID + 1)
    xs = boxes[:, 0:1] + (boxes[:, 2:3] - boxes[:, 0:1]) * steps  # (k, GRID + 1)
    ys = boxes[:, 1:2] + (boxes[:, 3:4] - boxes[:, 1:2]) * steps
    corner = _at(sums, ys[:, :, None], xs[:, None, :])  # (k, GRID + 1, GRID + 1)
    cells = corner[:, 1:, 1:] - corner[:, :-1, 1:] - corner[:, 1:, :-1] + corner[:, :-1, :-1]
    cells -= cells.mean(axis=(1, 2), keepdims=True)
    spread = np.maximum(cells.std(axis=(1, 2), keepdims=True), 1e-6)
    return (cells / spread).astype(np.float32)


def _largest_blocks(cells: np.ndarray, target: np.ndarray) -> np.ndarray:
    """(k,) the largest mean difference of a BLOCK x BLOCK block from the target, per box."""
    blocks = GRID // BLOCK
    diff = np.abs(cells - target).reshape(len(cells), blocks, BLOCK, blocks, BLOCK)
    result: np.ndarray = diff.mean(axis=(2, 4)).max(axis=(1, 2))
    return result


@dataclass(frozen=True, slots=True)
class Tones:
    """What a photo's colours are, beside its grey pixels (what tells a black-and-white or a
    brighter, warmer, more contrasted export from a plain copy, core/duplicate_copies.py)."""

    mean: tuple[float, float, float]  # of R, G and B, 0 to 255
    spread: float  # the grey pixels' standard deviation
    colour: float  # the mean of |R - G| + |G - B| (0 to 510): 0 for a grey picture


@dataclass(frozen=True, slots=True)
class Picture:
    grey: np.ndarray  # as compared (grey())
    tones: Tones


def picture_of(image: Image.Image) -> Picture:
    """The grey pixels and the tones of a photo's pixels, read once in colour (Pillow's own
    statistics: a third of what numpy took, 0.6 against 1.6-2.3 ms a thumbnail)."""
    rgb = image.convert("RGB")
    luma = rgb.convert("L")
    red, green, blue = rgb.split()
    colour = (
        ImageStat.Stat(ImageChops.difference(red, green)).mean[0]
        + ImageStat.Stat(ImageChops.difference(green, blue)).mean[0]
    )
    mean = ImageStat.Stat(rgb).mean
    tones = Tones((mean[0], mean[1], mean[2]), ImageStat.Stat(luma).stddev[0], colour)
    return Picture(np.asarray(luma, dtype=np.uint8), tones)


class PictureReader:
    """The pixels of library photos: the scan's cached thumbnail where it is, else the file,
    reduced as it is decoded, read once in colour: grey as compared, and the photo's tones.
    None when neither can be read (then only the embeddings judge that photo). The last `keep`
    photos read are kept (a library's every photo would be gigabytes); reading a thumbnail
    again costs about what one check does."""

    def __init__(self, thumbnails: Path | None, keep: int = 2048) -> None:
        self._thumbnails = thumbnails
        self._keep = keep
        self._read: OrderedDict[int, Picture | None] = OrderedDict()

    def __call__(self, photo: Photo) -> np.ndarray | None:
        """The photo's grey pixels (None where it cannot be read)."""
        picture = self.picture(photo)
        return None if picture is None else picture.grey

    def picture(self, photo: Photo) -> Picture | None:
        if photo.id in self._read:
            self._read.move_to_end(photo.id)
        else:
            self._read[photo.id] = self._load(photo)
            if len(self._read) > self._keep:
                self._read.popitem(last=False)
        return self._read[photo.id]

    def _load(self, photo: Photo) -> Picture | None:
        image = picture_image(photo, self._thumbnails, "RGB")
        return None if image is None else picture_of(image)


def picture_image(photo: Photo, thumbnails: Path | None, mode: str) -> Image.Image | None:
    """A library photo's pixels as compared (in `mode`): the scan's cached thumbnail where it
    is, else its file, reduced as it is decoded; None when neither can be read."""
    if thumbnails is not None and photo.content_hash:
        # None cached, or one a power cut left cut short or empty (imaging.save_thumbnail):
        # the photo's file.
        with contextlib.suppress(OSError, ValueError, Image.DecompressionBombError):
            with Image.open(thumbnail_path(thumbnails, photo.content_hash)) as image:
                return image.convert(mode)
    try:
        return load_full_image(photo.path, THUMBNAIL_SIDE).convert(mode)
    except (OSError, ValueError, PhotoError, Image.DecompressionBombError):
        return None
