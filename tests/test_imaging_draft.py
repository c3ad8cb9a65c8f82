"""A 12-megapixel JPEG is decoded at reduced scale, and the model still sees the same photo."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from phototagger.core.imaging import decode_photo, load_full_image
from tests.photo_factory import big_jpeg
from tests.test_imaging_decode import imagenet_eval_crop


@pytest.fixture(scope="module")
def twelve_mp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return big_jpeg(tmp_path_factory.mktemp("big") / "camera.jpg", megapixels=12, seed=3)


def test_big_jpeg_model_input_matches_the_full_resolution_path(twelve_mp: Path) -> None:
    full = imagenet_eval_crop(Image.open(twelve_mp)).astype(int)
    drafted = decode_photo(twelve_mp).model_input.astype(int)
    difference = np.abs(drafted - full).mean()
    assert difference < 6
    # Without the draft the two pipelines are identical (see the real-photo tests), so a
    # non-zero difference proves the reduced-scale decode actually happened.
    assert difference > 0


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
