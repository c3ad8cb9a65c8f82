"""EXIF orientation is applied to both outputs, exactly as ImageOps.exif_transpose would."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

from phototagger.core.imaging import decode_photo, load_full_image
from tests.photo_factory import LEFT_COLOUR, TOP_COLOUR, jpeg_with_orientation


def assert_marked_upright(pixels: np.ndarray) -> None:
    """Red along the top edge, green down the left edge (below the red band)."""
    h, w, _ = pixels.shape
    top = pixels[1, w // 2].astype(int)
    left = pixels[h // 2, 1].astype(int)
    assert np.abs(top - TOP_COLOUR).max() < 40, f"top edge is {top}"
    assert np.abs(left - LEFT_COLOUR).max() < 40, f"left edge is {left}"
    bottom, right = pixels[h - 2, w // 2].astype(int), pixels[h // 2, w - 2].astype(int)
    assert np.abs(bottom - TOP_COLOUR).max() > 60 and np.abs(right - LEFT_COLOUR).max() > 60


@pytest.mark.parametrize("orientation", range(1, 9))
def test_outputs_are_upright_for_every_orientation(tmp_path: Path, orientation: int) -> None:
    path = jpeg_with_orientation(tmp_path / f"o{orientation}.jpg", orientation)
    # The factory's file is right by Pillow's own reference implementation...
    assert_marked_upright(np.asarray(ImageOps.exif_transpose(Image.open(path))))
    # ...and by ours.
    photo = decode_photo(path)
    assert photo.orientation == orientation
    assert (photo.width, photo.height) == (400, 300)
    assert photo.thumbnail.size == (320, 240)
    assert_marked_upright(np.asarray(photo.thumbnail))
    assert_marked_upright(np.asarray(load_full_image(path)))


def test_orientation_6_swaps_the_stored_width_and_height(tmp_path: Path) -> None:
    path = jpeg_with_orientation(tmp_path / "portrait-sensor.jpg", 6, width=400, height=300)
    assert Image.open(path).size == (300, 400)  # as stored by the camera
    photo = decode_photo(path)
    assert (photo.width, photo.height) == (400, 300)  # as displayed


def test_model_input_is_rotated_too(tmp_path: Path) -> None:
    # Displayed 400x300 resizes to 341x256 and the crop starts 16 rows down; the red band (37
    # rows, 31 after resizing) therefore fills the crop's first 15 rows.
    path = jpeg_with_orientation(tmp_path / "o6.jpg", 6)
    pixels = decode_photo(path).model_input
    assert np.abs(pixels[2, 112].astype(int) - TOP_COLOUR).max() < 40
    assert np.abs(pixels[220, 112].astype(int) - TOP_COLOUR).max() > 60


def test_big_rotated_jpeg_drafts_and_rotates(tmp_path: Path) -> None:
    path = jpeg_with_orientation(tmp_path / "big-o8.jpg", 8, width=4000, height=3000)
    photo = decode_photo(path)
    assert (photo.width, photo.height) == (4000, 3000)
    assert photo.thumbnail.size == (320, 240)
    assert_marked_upright(np.asarray(photo.thumbnail))


def test_garbage_orientation_value_means_upright(tmp_path: Path) -> None:
    path = tmp_path / "bad-orientation.jpg"
    exif = Image.Exif()
    exif[0x0112] = 42
    Image.new("RGB", (40, 30), "white").save(path, exif=exif)
    photo = decode_photo(path)
    assert photo.orientation == 1
    assert (photo.width, photo.height) == (40, 30)
