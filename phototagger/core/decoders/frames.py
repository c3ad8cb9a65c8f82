"""Which sampled video frames are worth tagging: not black, not blank, not motion-blurred."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image

# Mean luma below this is a black frame (fade in or out, a lens cap, a pocket).
BLACK_LUMA = 16.0
# A luma spread below this is a blank frame (a fade, a white wall, a frame of one colour).
FLAT_SPREAD = 6.0
# Sharpness below this fraction of the clip's median is motion blur or a focus hunt. Relative to
# the clip, because absolute sharpness depends on the scene far more than on the blur.
BLUR_FRACTION = 0.25


def sharpness(img: Image.Image) -> float:
    """Variance of the Laplacian of the luma: high for crisp edges, low for blur."""
    luma = np.asarray(img.convert("L"), dtype=np.float32)
    if luma.shape[0] < 3 or luma.shape[1] < 3:
        return 0.0
    lap = 4 * luma[1:-1, 1:-1] - luma[:-2, 1:-1] - luma[2:, 1:-1] - luma[1:-1, :-2] - luma[1:-1, 2:]
    return float(lap.var())


def usable_frames(frames: Sequence[Image.Image]) -> tuple[list[int], int]:
    """(indices of the frames to tag, index of the frame to show), never empty for input.

    When every frame is black, blank or blurred, the sharpest one is still tagged: a dark clip
    is better tagged from its best frame than not at all.
    """
    if not frames:
        raise ValueError("no frames to choose from")
    stats = []
    for img in frames:
        luma = np.asarray(img.convert("L"), dtype=np.float32)
        stats.append((float(luma.mean()), float(luma.std()), sharpness(img)))
    lit = [
        i
        for i, (mean, spread, _) in enumerate(stats)
        if mean >= BLACK_LUMA and spread >= FLAT_SPREAD
    ]
    if lit:
        median = float(np.median([stats[i][2] for i in lit]))
        kept = [i for i in lit if stats[i][2] >= BLUR_FRACTION * median]
    else:
        kept = []
    if not kept:
        kept = [max(range(len(frames)), key=lambda i: (stats[i][2], stats[i][0]))]
    shown = max(kept, key=lambda i: stats[i][2])
    return kept, shown
