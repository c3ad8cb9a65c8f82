"""A 12-megapixel JPEG is decoded at reduced scale, and the model still sees the same photo."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from phototagger.core.imaging import decode_photo, load_full_image
from tests.photo_factory import big_jpeg
from tests.test_imaging_crop import crop_box, imagenet_eval_crop


@pytest.fixture(scope="module")
def twelve_mp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return big_jpeg(tmp_path_factory.mktemp("big") / "camera.jpg", megapixels=12, seed=3)


def test_big_jpeg_model_input_matches_the_full_resolution_path(twelve_mp: Path) -> None:
    full = Image.open(twelve_mp).convert("RGB")
    drafted = decode_photo(twelve_mp).model_input.astype(int)
    # The same photo as the reference path (whole image resized, then cropped) sees...
    assert np.abs(drafted - imagenet_eval_crop(full).astype(int)).mean() < 6
    # ...but not bit for bit the same as the same crop box resampled from full resolution,
    # which proves the reduced-scale decode actually happened.
    undrafted = full.resize((224, 224), Image.Resampling.BICUBIC, box=crop_box(*full.size))
    assert np.abs(drafted - np.asarray(undrafted).astype(int)).mean() > 0


def test_big_jpeg_reports_full_size_and_makes_a_320_thumbnail(twelve_mp: Path) -> None:
    photo = decode_photo(twelve_mp)
    assert (photo.width, photo.height) == (4000, 3000)
    assert photo.thumbnail.size == (320, 240)
    assert photo.size == twelve_mp.stat().st_size


def test_load_full_image_downscales_to_max_side(twelve_mp: Path) -> None:
    img = load_full_image(twelve_mp, max_side=1000)
    assert img.mode == "RGB"
    assert img.size == (1000, 750)


def test_load_full_image_without_limit_is_full_size(twelve_mp: Path) -> None:
    assert load_full_image(twelve_mp).size == (4000, 3000)
