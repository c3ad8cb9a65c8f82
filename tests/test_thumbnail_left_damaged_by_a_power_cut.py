"""A cached thumbnail is not flushed to disk before its rename (imaging.save_thumbnail: a
scan would wait minutes more for a file made again from the photo), so a power cut may leave
one named but empty, cut short, or ending in zeros. Its readers take only a whole one: the
grid makes it again from the photo (where Qt showed it, grey below the cut) and Find
Duplicates reads the photo (where it read nothing and left the photo to the embeddings)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtGui import QImage

from phototagger.core.imaging import decode_photo, save_thumbnail, thumbnail_path
from phototagger.core.same_picture import PictureReader, grey
from phototagger.gui.thumbnails import THUMBNAIL_SIDE, _load
from phototagger.store.records import Photo
from phototagger.store.states import PhotoStatus
from tests.photo_factory import real_photo


def _emptied(path: Path) -> None:
    path.write_bytes(b"")


def _cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _zeros_at_its_end(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:4096] + bytes(len(data) - 4096))


DAMAGES = [_emptied, _cut_short, _zeros_at_its_end]


def _cached(tmp_path: Path) -> tuple[Path, str, Path]:
    """A real photo and its thumbnail as a scan caches it: (photo, content hash, thumbnail)."""
    photo = real_photo(tmp_path / "coffee.jpg", "coffee")
    decoded = decode_photo(photo)
    cached = thumbnail_path(tmp_path / "thumbs", decoded.content_hash)
    save_thumbnail(decoded.thumbnail, cached)
    return photo, decoded.content_hash, cached


def _pixels(image: QImage) -> np.ndarray:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    return rows[:, : rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3).astype(np.int16)


# An empty one Qt read as none, and it was made again already.
@pytest.mark.parametrize("damage", [_cut_short, _zeros_at_its_end])
def test_the_grid_makes_a_damaged_thumbnail_again(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    photo, content_hash, cached = _cached(tmp_path)
    whole = _pixels(_load(tmp_path / "thumbs", content_hash, str(photo), 160)[0])
    damage(cached)
    shown, unwritten, saved = _load(tmp_path / "thumbs", content_hash, str(photo), 160)
    assert not shown.isNull() and unwritten == "" and saved  # made again, and saved
    got = _pixels(shown)
    assert got.shape == whole.shape
    # The photo's every row, not grey below a cut (the same picture, resampled once more).
    bottom = slice(got.shape[0] * 3 // 4, None)
    assert np.abs(got[bottom] - whole[bottom]).mean() < 4
    with Image.open(cached) as again:  # and the cache holds it whole again
        again.load()
        assert max(again.size) == THUMBNAIL_SIDE


@pytest.mark.parametrize("damage", DAMAGES)
def test_find_duplicates_reads_the_photo_past_a_damaged_thumbnail(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    photo, content_hash, cached = _cached(tmp_path)
    with Image.open(cached) as image:
        whole = grey(image).astype(np.int16)
    damage(cached)
    record = Photo(
        1, str(photo), str(photo.parent), photo.name, None, None, content_hash,
        None, None, None, None, PhotoStatus.TAGGED, None, None, None,
    )  # fmt: skip
    read = PictureReader(tmp_path / "thumbs")(record)
    assert read is not None
    assert read.shape == whole.shape
    assert np.abs(read.astype(np.int16) - whole).mean() < 4
