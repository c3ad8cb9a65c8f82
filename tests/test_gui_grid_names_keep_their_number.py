"""Five photos of one folder named as det-photos (and many archives and cameras) name them,
'n02121808_1089_domestic_cat.jpg', 'n02121808_19639_domestic_cat.jpg'…, all read
'n02121808…estic_cat.jpg' under their thumbnails at the grid's default size: the cut left out
the number, the one part that tells them apart. A cut name now keeps its last number with the
end, the start given what room is left ('…1089_domestic_cat.jpg', 'n021…1089_domestic_cat.jpg'
on a larger thumbnail). On the smaller thumbnails the slider offers (96 to 144 px) the number
and the words after it did not fit, and the old cut was kept: 'n021218…estic_cat.jpg' four
times at 144 px, 'n0212…cat.jpg' five times at 96. The words after the number now give way
before it ('…1089…cat.jpg', '…11651_hippopot….jpg'), and a camera's or a phone's number is
kept whole ('…18.34.55.heic', not '20…34.55.heic')."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from tests.test_gui_grid_names_keep_their_end import grid_of, names_at

NUMBERS = ["1089", "19639", "2265", "35839", "77"]
NAMES = [f"n02121808_{n}_domestic_cat.jpg" for n in NUMBERS]
COPY = "IMG_1234 a very long holiday name copy 2.jpg"
# Photos named as cameras, phones and archives name them: (name, its number), the names of a
# shape differing only in that number.
SHAPES = {
    "archive": list(zip(NAMES, NUMBERS, strict=True)),
    "one word": [(f"n02398521_{n}_hippopotamus.jpg", n) for n in ("11651", "2198", "353")],
    "camera": [(f"IMG_{n}.JPG", n) for n in ("4821", "4822", "0007")],
    "edit": [(f"DSC_{n}-Edit.tif", n) for n in ("0042", "0043", "1042")],
    "pixel": [(f"PXL_20240612_{n}.jpg", n) for n in ("183455123", "183501877", "193455123")],
    "phone": [(f"2024-06-12 {n}.heic", n) for n in ("18.34.55", "18.35.02", "19.34.55")],
}
ALL_NAMES = [name for shape in SHAPES.values() for name, _ in shape]
# The sizes the thumbnail slider offers, a step (Ctrl++) apart.
SIDES = list(range(96, 321, 16))


def assert_read_apart(shown: dict[str, str], side: int, metrics: QFontMetrics) -> None:
    """Names of a shape that differ only in a number read apart, their extension and their
    number whole (a number too long to fit: as much of its end as fits)."""
    for shape, names in SHAPES.items():
        texts = [shown[name] for name, _ in names]
        assert len(set(texts)) == len(texts), (side, shape, texts)
        for (name, number), text in zip(names, texts, strict=True):
            ext = name[name.rindex(".") :]
            assert text.endswith(ext), (side, text)
            if metrics.horizontalAdvance(f"…{number}{ext}") <= side:
                assert number in text, (side, text)
            else:
                digits = text.removeprefix("…").removesuffix(ext)
                assert number.endswith(digits) and len(digits) >= len(number) - 2, (side, text)


@pytest.mark.parametrize("side", SIDES)
def test_names_that_differ_in_their_number_read_apart(
    qtbot: QtBot, tmp_path: Path, side: int
) -> None:
    window = grid_of(qtbot, tmp_path, [*ALL_NAMES, COPY])
    shown = names_at(qtbot, window, side)
    metrics = QFontMetrics(window.grid.font())
    assert_read_apart(shown, side, metrics)
    for number, name in zip(NUMBERS, NAMES, strict=True):
        text = shown[name]
        end = f"…{number}_domestic_cat.jpg"
        if side >= 160 or metrics.horizontalAdvance(end) <= side:  # as at the default size
            assert text == name or text.endswith(end), text
        elif metrics.horizontalAdvance(f"…{number}…cat.jpg") <= side:
            assert text.endswith(f"…{number}…cat.jpg"), text  # the words between give way
    # A number already in the end it keeps is left where it is: copies still read apart.
    assert shown[COPY].endswith("copy 2.jpg")


def test_every_size_of_the_slider(qtbot: QtBot, tmp_path: Path) -> None:
    """Dragged, the slider stops at any size between its steps."""
    window = grid_of(qtbot, tmp_path, ALL_NAMES)
    slider = window.status.size_slider
    assert (slider.minimum(), slider.maximum(), slider.singleStep()) == (96, 320, 16), SIDES
    metrics = QFontMetrics(window.grid.font())
    for side in range(slider.minimum(), slider.maximum() + 1):
        assert_read_apart(names_at(qtbot, window, side), side, metrics)


CLASS_NAMES = [
    "n02480495_orangutan.JPEG",
    "n02100877_Irish_setter.JPEG",
    "n03759954_microphone.JPEG",
    "n01484850_great_white_shark.JPEG",
]


@pytest.mark.parametrize("side", [128, 160, 192])
def test_a_class_named_photo_keeps_its_words(qtbot: QtBot, tmp_path: Path, side: int) -> None:
    """ImageNet's sample photos ('n02480495_orangutan.JPEG') read '…02480495….JPEG' and
    '…02100877…setter.JPEG' under their thumbnails (polish40): the number, here a class code
    the name starts with, kept whole before the words that say what the photo is. The words
    after it are kept from a word's start ('n02…orangutan.JPEG', '…Irish_setter.JPEG')."""
    shown = names_at(qtbot, grid_of(qtbot, tmp_path, CLASS_NAMES), side)
    for name in CLASS_NAMES:
        text, words = shown[name], name.removesuffix(".JPEG").split("_", 1)[1]
        end = text.rsplit("…", 1)[-1].removesuffix(".JPEG") if "…" in text else words
        assert end and words.endswith(end) and (end == words or words[-len(end) - 1] in "_-"), (
            side,
            text,
        )
