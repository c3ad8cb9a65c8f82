"""Five photos of one folder named as det-photos (and many archives and cameras) name them,
'n02121808_1089_domestic_cat.jpg', 'n02121808_19639_domestic_cat.jpg'…, all read
'n02121808…estic_cat.jpg' under their thumbnails at the grid's default size: the cut left out
the number, the one part that tells them apart. A cut name now keeps its last number with the
end, the start given what room is left ('…1089_domestic_cat.jpg', 'n021…1089_domestic_cat.jpg'
on a larger thumbnail)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.test_gui_grid_names_keep_their_end import names_under_thumbnails

NUMBERS = ["1089", "19639", "2265", "35839", "77"]
NAMES = [f"n02121808_{n}_domestic_cat.jpg" for n in NUMBERS]
COPY = "IMG_1234 a very long holiday name copy 2.jpg"


@pytest.mark.parametrize("side", [160, 192, 224])
def test_names_that_differ_in_their_number_read_apart(
    qtbot: QtBot, tmp_path: Path, side: int
) -> None:
    shown = names_under_thumbnails(qtbot, tmp_path, side, [*NAMES, COPY])
    for number, name in zip(NUMBERS, NAMES, strict=True):
        text = shown[name]
        assert text == name or text.endswith(f"…{number}_domestic_cat.jpg"), text
    assert len({shown[name] for name in NAMES}) == len(NAMES)
    # A number already in the end it keeps is left where it is: copies still read apart.
    assert shown[COPY].endswith("copy 2.jpg")
