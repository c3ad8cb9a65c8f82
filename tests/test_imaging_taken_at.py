"""taken_at comes from EXIF DateTimeOriginal, else DateTime, as ISO 8601; garbage is None."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core.imaging import decode_photo
from tests.photo_factory import jpeg_with_dates, real_photo


def test_date_time_original_is_used(tmp_path: Path) -> None:
    path = jpeg_with_dates(tmp_path / "a.jpg", original="2021:07:14 09:30:05")
    assert decode_photo(path).taken_at == "2021-07-14T09:30:05"


def test_date_time_original_wins_over_date_time(tmp_path: Path) -> None:
    path = jpeg_with_dates(
        tmp_path / "b.jpg", original="2019:12:31 23:59:59", modified="2024:01:02 03:04:05"
    )
    assert decode_photo(path).taken_at == "2019-12-31T23:59:59"


def test_date_time_is_the_fallback(tmp_path: Path) -> None:
    path = jpeg_with_dates(tmp_path / "c.jpg", modified="2024:01:02 03:04:05")
    assert decode_photo(path).taken_at == "2024-01-02T03:04:05"


def test_garbage_original_falls_back_to_date_time(tmp_path: Path) -> None:
    path = jpeg_with_dates(
        tmp_path / "d.jpg", original="0000:00:00 00:00:00", modified="2024:01:02 03:04:05"
    )
    assert decode_photo(path).taken_at == "2024-01-02T03:04:05"


@pytest.mark.parametrize(
    "garbage",
    ["0000:00:00 00:00:00", "    :  :     :  :  ", "2021:13:40 25:61:00", "yesterday", ""],
)
def test_garbage_dates_give_none(tmp_path: Path, garbage: str) -> None:
    path = jpeg_with_dates(tmp_path / "e.jpg", original=garbage, modified=garbage)
    assert decode_photo(path).taken_at is None


def test_no_exif_gives_none(tmp_path: Path) -> None:
    assert decode_photo(real_photo(tmp_path / "f.jpg")).taken_at is None


def test_trailing_nul_and_spaces_are_tolerated(tmp_path: Path) -> None:
    path = jpeg_with_dates(tmp_path / "g.jpg", original="2008:02:29 12:00:00\x00 ")
    assert decode_photo(path).taken_at == "2008-02-29T12:00:00"
