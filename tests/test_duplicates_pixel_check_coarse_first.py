"""Find Duplicates' pixel check tells another shot apart on a coarse grid of crops first.

On a large library most look-alikes a photo is pixel-checked against are other shots of the
same thing, and each check tried all 175 crops of each photo (about 4 ms a pair, 47 s over
100,000 photos). The crops are now tried coarse first (every other size and position, the
corners among them): a pair that leaves a block HOPELESS apart at every one of them is another
picture without the fine ones. Real det-photos: every pair of different shots of one subject
gets the same verdict as before, all but a few on the coarse grid alone; real copies of them
(exported at half size, recompressed, cropped in a corner, brighter, darker) are still the same
picture, never cut short.
"""

from __future__ import annotations

import io
from itertools import combinations
from pathlib import Path

import numpy as np
from PIL import Image

from phototagger.core.same_picture import (
    BLOCK_DIFFERENCE,
    HOPELESS,
    THUMBNAIL_SIDE,
    block_difference,
    same_picture,
)
from tests.test_similar_figure_means_something import category, det_photos

SUBJECTS = 8  # categories of det-photos, five shots each


def _grey(image: Image.Image, quality: int = 90) -> np.ndarray:
    """The grey thumbnail the check reads of `image` saved as a JPEG."""
    buf = io.BytesIO()
    image.convert("RGB").save(buf, "JPEG", quality=quality)
    with Image.open(buf) as saved:
        saved.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
        return np.asarray(saved.convert("L"), dtype=np.uint8)


def _shots() -> dict[str, list[Path]]:
    photos = sorted(det_photos().glob("*.jpg"))
    kinds = sorted({category(p) for p in photos})
    return {k: [p for p in photos if category(p) == k] for k in kinds[:: len(kinds) // SUBJECTS]}


def test_other_shots_of_one_subject_are_told_apart_on_the_coarse_crops() -> None:
    pairs = 0
    on_coarse = 0
    for shots in _shots().values():
        greys = [_grey(Image.open(p)) for p in shots]
        for a, b in combinations(greys, 2):
            every_crop = block_difference(a, b, enough=BLOCK_DIFFERENCE)
            coarse_first = block_difference(a, b, enough=BLOCK_DIFFERENCE, hopeless=HOPELESS)
            assert every_crop >= BLOCK_DIFFERENCE and coarse_first >= BLOCK_DIFFERENCE
            assert not same_picture(a, b)
            pairs += 1
            on_coarse += coarse_first > HOPELESS
    assert pairs >= 70
    assert on_coarse >= 0.9 * pairs, (on_coarse, pairs)


def test_copies_are_still_the_same_picture() -> None:
    for shots in list(_shots().values())[:4]:
        with Image.open(shots[0]) as opened:
            img = opened.convert("RGB")
        w, h = img.size
        linear = (np.asarray(img, np.float32) / 255.0) ** 2.2
        copies = {
            "half size q80": _grey(img.resize((w // 2, h // 2)), 80),
            "recompressed": _grey(img, 40),
            "cropped corner": _grey(img.crop((w // 10, h // 10, w, h))),
            "cropped 5%": _grey(img.crop((w // 20, h // 20, w - w // 20, h - h // 20))),
            "brighter": _grey(Image.fromarray(_gamma(linear * 1.3))),
            "darker": _grey(Image.fromarray(_gamma(linear * 0.6))),
        }
        original = _grey(img)
        for name, copy in copies.items():
            assert same_picture(original, copy), (shots[0].name, name)
            assert same_picture(copy, original), (shots[0].name, name)
            # Never cut short: even the coarse crops alone leave no block HOPELESS apart.
            assert block_difference(original, copy, hopeless=-1.0) <= HOPELESS, name


def _gamma(linear: np.ndarray) -> np.ndarray:
    return (np.clip(linear, 0, 1) ** (1 / 2.2) * 255).round().astype(np.uint8)
