"""Every colour mode a photo folder contains comes out as the RGB a viewer would show."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from phototagger.core.imaging import decode_photo
from tests.photo_factory import (
    bilevel_png,
    cmyk_jpeg,
    grayscale_jpeg,
    palette_gif,
    png_16bit_gray,
    png_with_alpha,
)


def test_transparent_png_is_composited_on_white(tmp_path: Path) -> None:
    path = png_with_alpha(tmp_path / "logo.png")
    assert Image.open(path).mode == "RGBA"
    photo = decode_photo(path)
    thumb = np.asarray(photo.thumbnail)
    assert photo.thumbnail.mode == "RGB"
    assert tuple(thumb[120, 40]) == (255, 0, 0)  # opaque half keeps its colour
    assert tuple(thumb[120, 300]) == (255, 255, 255)  # transparent half is white, not black
    # Where the halves meet there are only blends of red and white, no dark fringe from the
    # black hidden under the transparent pixels.
    pixels = photo.model_input.astype(int)
    assert pixels[..., 0].min() >= 250
    assert np.abs(pixels[..., 1] - pixels[..., 2]).max() <= 2


def test_palette_gif_gives_rgb_of_its_first_frame(tmp_path: Path) -> None:
    path = palette_gif(tmp_path / "anim.gif", frames=3)
    assert getattr(Image.open(path), "n_frames", 1) == 3
    photo = decode_photo(path)
    assert photo.thumbnail.mode == "RGB"
    assert tuple(np.asarray(photo.thumbnail)[50, 50]) == (0, 0, 255)
    assert (photo.model_input == (0, 0, 255)).all()


def test_16_bit_png_is_scaled_not_clipped(tmp_path: Path) -> None:
    path = png_16bit_gray(tmp_path / "scan16.png")
    assert Image.open(path).mode.startswith("I")
    photo = decode_photo(path)
    row = np.asarray(photo.thumbnail)[100].astype(int)
    assert (row[:, 0] == row[:, 1]).all() and (row[:, 1] == row[:, 2]).all()
    # A ramp from black to white, not a white image (Pillow's own I;16 -> L clips at 255).
    assert row[0, 0] < 5 and row[-1, 0] > 250
    assert abs(row[len(row) // 2, 0] - 128) < 8
    assert (np.diff(row[:, 0]) >= 0).all()


def test_cmyk_jpeg_gives_rgb(tmp_path: Path) -> None:
    path = cmyk_jpeg(tmp_path / "print.jpg")
    assert Image.open(path).mode == "CMYK"
    photo = decode_photo(path)
    red = photo.model_input.reshape(-1, 3).mean(axis=0)
    assert red[0] > 230 and red[1] < 25 and red[2] < 25


def test_grayscale_jpeg_gives_rgb_with_equal_channels(tmp_path: Path) -> None:
    path = grayscale_jpeg(tmp_path / "bw.jpg")
    assert Image.open(path).mode == "L"
    photo = decode_photo(path)
    pixels = photo.model_input
    assert pixels.shape == (224, 224, 3)
    assert (pixels[..., 0] == pixels[..., 1]).all() and (pixels[..., 1] == pixels[..., 2]).all()
    assert 40 < pixels.mean() < 220


def test_one_bit_png_gives_black_and_white_rgb(tmp_path: Path) -> None:
    path = bilevel_png(tmp_path / "fax.png")
    assert Image.open(path).mode == "1"
    thumb = np.asarray(decode_photo(path).thumbnail)
    assert tuple(thumb[10, 10]) == (0, 0, 0)
    assert tuple(thumb[230, 10]) == (255, 255, 255)


def test_la_png_is_composited_on_white(tmp_path: Path) -> None:
    path = tmp_path / "gray-alpha.png"
    Image.new("LA", (300, 300), (0, 0)).save(path)  # black, fully transparent
    assert (decode_photo(path).model_input == 255).all()
