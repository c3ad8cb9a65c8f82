"""A file over the 256 MB a photo may take (polish32: a 300 MB 'huge.jpg' among a card's photos)
was listed in Problems, and by `phototagger problems`, as "the file is 300 MB, over the limit of
256 MB for one photo": what it is, not what to do, where the other notes of the day's bad files
say it. It says now that the file is left out, and how to have it tagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import scan_with
from tests.photo_factory import real_photo
from tests.test_cli_problems_pipe_says_what_to_do import listed_note

pytestmark = pytest.mark.model


def test_a_file_over_the_limit_is_listed_with_what_to_do(
    capsys: pytest.CaptureFixture[str],
    library_home: Path,
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    card = tmp_path / "card"
    real_photo(card / "IMG_0001.jpg", "rocket")
    huge = card / "huge.jpg"
    with huge.open("wb") as f:  # a JPEG's start, then 300 MB of nothing (sparse on disk)
        f.write(b"\xff\xd8\xff\xe0")
        f.truncate(300 * 2**20)
    assert scan_with(engine, card, monkeypatch, capsys) == 1

    assert listed_note(capsys, huge) == (
        "    the file is 300 MB, over the limit of 256 MB for one photo, and is left out: save a "
        "smaller copy of it (a JPEG) to have that tagged"
    )
