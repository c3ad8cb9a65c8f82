"""The scan's thumbnail is the decoded photo resampled once, bicubic (Pillow's own thumbnail
filter, about half the CPU of Lanczos): its pixels are exactly that, and a person sees the same
picture as the Lanczos thumbnail of earlier scans."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from phototagger.core.imaging import decode_photo
from tests.photo_factory import real_photo


def _resized(path: Path, resample: Image.Resampling) -> np.ndarray:
    with Image.open(path) as im:
        view = ImageOps.exif_transpose(im).convert("RGB")
    view.thumbnail((320, 320), resample, reducing_gap=3.0)
    return np.asarray(view, np.int16)


def test_thumbnail_is_one_bicubic_resample_and_looks_like_lanczos(tmp_path: Path) -> None:
    for name in ("astronaut", "coffee", "chelsea"):
        path = real_photo(tmp_path / f"{name}.jpg", name)
        ours = np.asarray(decode_photo(path).thumbnail, np.int16)
        assert max(ours.shape[:2]) == 320
        assert np.array_equal(ours, _resized(path, Image.Resampling.BICUBIC))
        lanczos = _resized(path, Image.Resampling.LANCZOS)
        assert not np.array_equal(ours, lanczos)
        assert np.abs(ours - lanczos).mean() < 1.5  # grey levels of 255: the same picture
