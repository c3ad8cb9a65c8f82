"""The model input is the ImageNet evaluation view (short side 256, centre 224 square), resampled
straight from the crop's box: where it cuts, and how close it stays to resizing the whole image
and then cropping (the reference the model's accuracy was measured with)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from phototagger.core.imaging import decode_photo
from tests.photo_factory import REAL_PHOTOS, photo_as, real_photo


def imagenet_eval_crop(img: Image.Image, size: int = 224) -> np.ndarray:
    """The reference preprocessing, written out independently: resize the whole image so its
    short side is size / 0.875, then cut the centre square."""
    short = round(size / 0.875)
    w, h = img.size
    new = (short, int(short * h / w)) if w <= h else (int(short * w / h), short)
    resized = img.convert("RGB").resize(new, Image.Resampling.BICUBIC)
    left, top = int(round((new[0] - size) / 2)), int(round((new[1] - size) / 2))
    return np.asarray(resized.crop((left, top, left + size, top + size)))


def crop_box(width: int, height: int, size: int = 224) -> tuple[float, float, float, float]:
    """Where the reference cuts, in the source image's pixels."""
    short = round(size / 0.875)
    new_w, new_h = (
        (short, int(short * height / width))
        if width <= height
        else (
            int(short * width / height),
            short,
        )
    )
    left, top = int(round((new_w - size) / 2)), int(round((new_h - size) / 2))
    sx, sy = width / new_w, height / new_h
    return left * sx, top * sy, (left + size) * sx, (top + size) * sy


def edges_image(width: int, height: int, x0: int, y0: int) -> Image.Image:
    """Red steps from 20 to 220 at column x0, green at row y0: where the steps land in the model
    input says where in the source image its pixels came from."""
    pixels = np.full((height, width, 3), 20, np.uint8)
    pixels[:, x0:, 0] = 220
    pixels[y0:, :, 1] = 220
    return Image.fromarray(pixels)


def crossing(profile: np.ndarray) -> float:
    """Where a rising step crosses half way, in output pixels (pixel i's centre is i + 0.5)."""
    i = int(np.flatnonzero(profile >= 120)[0])
    before, after = float(profile[i - 1]), float(profile[i])
    return i - 0.5 + (120 - before) / (after - before)


@pytest.mark.parametrize("name", REAL_PHOTOS)
def test_model_input_agrees_with_resizing_the_whole_photo(tmp_path: Path, name: str) -> None:
    path = real_photo(tmp_path / f"{name}.jpg", name)
    ours = decode_photo(path).model_input.astype(int)
    reference = imagenet_eval_crop(Image.open(path)).astype(int)
    difference = np.abs(ours - reference)
    # Measured: the same pixels but for a rare rounding step (max 1 level) on these photos.
    assert difference.mean() < 0.5
    assert np.percentile(difference, 99.9) <= 2


@pytest.mark.parametrize(
    ("width", "height"), [(640, 480), (480, 640), (900, 300), (257, 1000), (300, 300)]
)
def test_the_crop_is_the_centre_square_of_the_short_side(
    tmp_path: Path, width: int, height: int
) -> None:
    left, top, right, bottom = crop_box(width, height)
    # Centred, and 224/256 of the short side: the ImageNet evaluation convention.
    assert abs((left + right) / 2 - width / 2) < 1 and abs((top + bottom) / 2 - height / 2) < 1
    assert min(right - left, bottom - top) == pytest.approx(min(width, height) * 0.875, rel=0.01)
    # Steps a quarter and two thirds of the way into the box must land there in the model input
    # (to half an output pixel: a crop one source pixel off is caught).
    for fraction in (0.25, 0.66):
        x0 = round(left + fraction * (right - left))
        y0 = round(top + fraction * (bottom - top))
        path = tmp_path / f"edges-{width}x{height}-{fraction}.png"  # PNG: exact pixels, no draft
        edges_image(width, height, x0, y0).save(path)
        pixels = decode_photo(path).model_input.astype(np.float64)
        expected_x = (x0 - left) / ((right - left) / 224)
        expected_y = (y0 - top) / ((bottom - top) / 224)
        assert abs(crossing(pixels[112, :, 0]) - expected_x) < 0.5
        assert abs(crossing(pixels[:, 112, 1]) - expected_y) < 0.5


def test_model_size_changes_the_crop_not_the_view(tmp_path: Path) -> None:
    path = photo_as(tmp_path / "rocket.png", "PNG", "rocket")  # 640 x 427; PNG: never drafted
    photo = decode_photo(path, model_size=160, thumb_size=100)
    assert photo.model_input.shape == (160, 160, 3)
    reference = imagenet_eval_crop(Image.open(path), 160).astype(int)
    assert np.abs(photo.model_input.astype(int) - reference).mean() < 0.5
