"""Files cut or scrambled anywhere either decode or raise PhotoError: no raw exception escapes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from phototagger.core.errors import PhotoError
from phototagger.core.imaging import decode_photo
from tests.photo_factory import photo_as, real_photo


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("originals")
    made = {
        "jpg": real_photo(folder / "a.jpg", "astronaut"),
        "png": photo_as(folder / "a.png", "PNG", "coffee"),
        "gif": photo_as(folder / "a.gif", "GIF", "rocket"),
        "webp": photo_as(folder / "a.webp", "WEBP", "chelsea"),
        "tif": photo_as(folder / "a.tif", "TIFF", "chelsea"),
        "bmp": photo_as(folder / "a.bmp", "BMP", "chelsea"),
    }
    return {suffix: path.read_bytes() for suffix, path in made.items()}


def _decode_or_photo_error(path: Path) -> None:
    try:
        decode_photo(path)
    except PhotoError:
        pass


# Pillow warns about damaged TIFF metadata it skips; expected here, and not what is under test.
@pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")
@pytest.mark.filterwarnings("ignore:Truncated File Read:UserWarning")
@pytest.mark.parametrize("suffix", ["jpg", "png", "gif", "webp", "tif", "bmp"])
def test_cut_at_any_length(tmp_path: Path, originals: dict[str, bytes], suffix: str) -> None:
    data = originals[suffix]
    for length in [1, 2, 8, 16, 30, 60, 100, 300, 1000, *range(1, len(data), len(data) // 25)]:
        path = tmp_path / f"cut-{length}.{suffix}"
        path.write_bytes(data[:length])
        _decode_or_photo_error(path)


@pytest.mark.parametrize("suffix", ["jpg", "png", "gif", "webp", "tif", "bmp"])
def test_scrambled_bytes(tmp_path: Path, originals: dict[str, bytes], suffix: str) -> None:
    data = originals[suffix]
    rng = np.random.default_rng(7)
    for attempt in range(40):
        damaged = bytearray(data)
        start = int(rng.integers(0, len(data)))
        count = int(rng.integers(1, 64))
        damaged[start : start + count] = rng.integers(0, 256, count, np.uint8).tobytes()
        path = tmp_path / f"scrambled-{attempt}.{suffix}"
        path.write_bytes(bytes(damaged))
        _decode_or_photo_error(path)
