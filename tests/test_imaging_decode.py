"""decode_photo turns one good file into hash, size, EXIF facts, model input and thumbnail."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import xxhash
from PIL import Image

from phototagger.core.imaging import DecodedPhoto, decode_photo
from tests.photo_factory import marked_image, photo_as, real_photo


def test_good_jpeg_gives_224_rgb_model_input_and_320_thumbnail(tmp_path: Path) -> None:
    path = real_photo(tmp_path / "chelsea.jpg", "chelsea")  # 451 x 300
    photo = decode_photo(path)
    assert isinstance(photo, DecodedPhoto)
    assert photo.model_input.shape == (224, 224, 3)
    assert photo.model_input.dtype == np.uint8
    assert photo.thumbnail.mode == "RGB"
    assert photo.thumbnail.size == (320, 213)
    assert (photo.width, photo.height) == (451, 300)
    assert photo.orientation == 1
    assert photo.taken_at is None


def test_hash_and_size_are_of_the_file_bytes(tmp_path: Path) -> None:
    path = real_photo(tmp_path / "coffee.jpg", "coffee")
    photo = decode_photo(str(path))  # a str path works as well as a Path
    data = path.read_bytes()
    assert photo.size == len(data)
    assert photo.content_hash == "x3" + xxhash.xxh3_128(data).hexdigest()
    assert len(photo.content_hash) == 34


def test_thumb_size_is_honoured(tmp_path: Path) -> None:
    path = photo_as(tmp_path / "rocket.png", "PNG", "rocket")  # 640 x 427
    assert decode_photo(path, thumb_size=100).thumbnail.size == (100, 67)


def test_portrait_thumbnail_keeps_aspect_with_320_long_side(tmp_path: Path) -> None:
    path = tmp_path / "tall.jpg"
    marked_image(300, 600).save(path, quality=95)
    photo = decode_photo(path)
    assert photo.thumbnail.size == (160, 320)
    assert photo.model_input.shape == (224, 224, 3)


def test_small_image_is_not_upscaled_for_the_thumbnail(tmp_path: Path) -> None:
    path = tmp_path / "small.png"
    marked_image(120, 90).save(path)
    photo = decode_photo(path)
    assert photo.thumbnail.size == (120, 90)
    assert photo.model_input.shape == (224, 224, 3)  # the model input is upscaled, as it must be


@pytest.mark.parametrize(
    ("fmt", "suffix"),
    [("PNG", ".png"), ("WEBP", ".webp"), ("TIFF", ".tif"), ("BMP", ".bmp"), ("GIF", ".gif")],
)
def test_every_supported_format_decodes(tmp_path: Path, fmt: str, suffix: str) -> None:
    photo = decode_photo(photo_as(tmp_path / f"chelsea{suffix}", fmt))
    assert photo.model_input.shape == (224, 224, 3)
    assert (photo.width, photo.height) == (451, 300)
    assert photo.thumbnail.size == (320, 213)


def test_png_named_jpg_decodes_by_content(tmp_path: Path) -> None:
    photo = decode_photo(photo_as(tmp_path / "really-a-png.jpg", "PNG"))
    assert (photo.width, photo.height) == (451, 300)


def test_panorama_strip_gives_a_centre_crop_without_a_huge_intermediate(tmp_path: Path) -> None:
    path = tmp_path / "strip.png"
    Image.new("RGB", (20000, 10), (10, 200, 30)).save(path)
    photo = decode_photo(path)
    assert photo.model_input.shape == (224, 224, 3)
    assert np.abs(photo.model_input.astype(int) - (10, 200, 30)).max() <= 1
