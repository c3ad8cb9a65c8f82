"""Real photos shipped with scikit-image, as uint8 RGB model inputs, for benchmarks."""

from __future__ import annotations

import numpy as np
from PIL import Image

REAL_PHOTOS = (
    "astronaut",
    "camera",
    "chelsea",
    "clock",
    "coffee",
    "coins",
    "grass",
    "gravel",
    "brick",
    "moon",
    "hubble_deep_field",
    "immunohistochemistry",
    "retina",
    "rocket",
    "stereo_motorcycle",
    "page",
)


def load_photo(name: str) -> Image.Image:
    import skimage.data

    array = getattr(skimage.data, name)()
    if isinstance(array, tuple):
        array = array[0]
    return Image.fromarray(np.asarray(array)).convert("RGB")


def centre_crop_224(img: Image.Image) -> np.ndarray:
    w, h = img.size
    scale = 256 / min(w, h)
    img = img.resize((round(w * scale), round(h * scale)), Image.Resampling.BICUBIC)
    w, h = img.size
    left, top = (w - 224) // 2, (h - 224) // 2
    return np.asarray(img.crop((left, top, left + 224, top + 224)), dtype=np.uint8)


def views(img: Image.Image) -> list[np.ndarray]:
    """Four honest views of one photo: centred, mirrored, left/top part and right/bottom part."""
    w, h = img.size
    first = img.crop((0, 0, max(w * 3 // 4, 1), max(h * 3 // 4, 1)))
    last = img.crop((w // 4, h // 4, w, h))
    return [
        centre_crop_224(v)
        for v in (img, img.transpose(Image.Transpose.FLIP_LEFT_RIGHT), first, last)
    ]


def photo_set() -> tuple[list[str], np.ndarray]:
    labels: list[str] = []
    arrays: list[np.ndarray] = []
    for name in REAL_PHOTOS:
        for i, view in enumerate(views(load_photo(name))):
            labels.append(f"{name}#{i}")
            arrays.append(view)
    return labels, np.stack(arrays)
