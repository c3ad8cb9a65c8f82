"""Thumbnails are written atomically as JPEG, at a path fanned out by content hash."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from phototagger.core.imaging import decode_photo, save_thumbnail, thumbnail_path
from tests.photo_factory import real_photo


def test_thumbnail_path_fans_out_by_the_first_two_hex_digits(tmp_path: Path) -> None:
    digest = "ab" + "0" * 30
    assert thumbnail_path(tmp_path, digest) == tmp_path / "ab" / f"{digest}.jpg"


@pytest.mark.parametrize("bad", ["", "a", "../etc", "AB00", "ab/cd"])
def test_thumbnail_path_rejects_what_is_not_a_hash(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        thumbnail_path(tmp_path, bad)


def test_saved_thumbnail_is_a_jpeg_in_new_folders_with_no_temp_left(tmp_path: Path) -> None:
    photo = decode_photo(real_photo(tmp_path / "cat.jpg"))
    dest = thumbnail_path(tmp_path / "cache" / "thumbs", photo.content_hash)
    save_thumbnail(photo.thumbnail, dest)
    with Image.open(dest) as saved:
        assert saved.format == "JPEG"
        assert saved.size == photo.thumbnail.size
        assert saved.mode == "RGB"
    assert list(dest.parent.iterdir()) == [dest]


def test_saving_again_replaces_the_file(tmp_path: Path) -> None:
    dest = tmp_path / "t" / "x.jpg"
    save_thumbnail(Image.new("RGB", (10, 10), "red"), dest)
    save_thumbnail(Image.new("RGB", (20, 10), "blue"), dest)
    assert Image.open(dest).size == (20, 10)
    assert len(list(dest.parent.iterdir())) == 1


def test_rgba_thumbnail_is_saved_as_rgb_jpeg(tmp_path: Path) -> None:
    dest = tmp_path / "rgba.jpg"
    save_thumbnail(Image.new("RGBA", (10, 10), (0, 0, 255, 128)), dest)
    assert Image.open(dest).mode == "RGB"


def test_failed_save_leaves_nothing_behind(tmp_path: Path) -> None:
    dest = tmp_path / "t" / "empty.jpg"
    with pytest.raises((ValueError, SystemError, OSError)):
        save_thumbnail(Image.new("RGB", (0, 0)), dest)  # JPEG cannot hold a 0x0 image
    assert list(dest.parent.iterdir()) == []
