"""Real photos with and without people, for the people tests (scikit-image's bundled data)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image


def group_photo(dest: Path, faces: int = 4) -> Path:
    """Real faces (LFW, from scikit-image) standing side by side on a real photo's background."""
    import skimage.data

    lfw = skimage.data.lfw_subset()[:faces]  # the first 100 of 200 are faces, 25x25 grey
    background = Image.fromarray(skimage.data.coffee()).resize((640, 427))
    for i, face in enumerate(lfw):
        tile = Image.fromarray((face * 255).astype(np.uint8)).convert("RGB").resize((110, 110))
        background.paste(tile, (20 + i * 150, 150))
    dest.parent.mkdir(parents=True, exist_ok=True)
    background.save(dest, quality=92)
    return dest
