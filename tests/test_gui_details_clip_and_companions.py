"""The details panel says what the grid's badge says: a clip's length, and the RAW twin or live
clip beside a photo. Seen under X: IMG_2001.jpg showed a RAW+JPEG badge in the grid, but its
details named no RAW file, and a clip's details gave no length."""

from __future__ import annotations

from pathlib import Path

from tests import media_factory as mf
from tests import photo_factory as pf
from tests.gui_helpers import click_photo, open_window, scan


def test_details_name_the_raw_and_the_clip_length(qtbot, engine, tmp_path: Path) -> None:
    card = tmp_path / "card"
    pf.real_photo(card / "IMG_2001.JPG", "rocket")
    mf.raw_photo(card / "IMG_2001.DNG")
    mf.photo_clip(card / "VID_0001.MP4", ("coffee",), seconds_each=3)
    pf.real_photo(card / "plain.jpg", "chelsea")
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, card)

    click_photo(qtbot, window, "IMG_2001.JPG")
    assert "With IMG_2001.DNG" in window.details.facts.text()
    click_photo(qtbot, window, "VID_0001.MP4")
    assert "clip, 0:03" in window.details.facts.text()
    click_photo(qtbot, window, "plain.jpg")
    assert "With" not in window.details.facts.text()
    assert "clip" not in window.details.facts.text()
