"""The Train page's preview of the photos a version adds and removes cut each caption at its
end: "+ n0248432…" under every photo of a synset (n02484322_11526_monkey.jpg,
n02484322_11526crop1_monkey.jpg…), so none could be told apart, and its tooltip gave the path
alone. Each caption is now cut as the grid cuts a name, in its stem, the extension and the end
whole; its tooltip names the file, its folder and what Apply does to it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QPaintDevice
from PySide6.QtWidgets import QListWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.core.version_diff import TagChange
from phototagger.gui import retrain_changes
from phototagger.gui.elided_label import elide_file_name
from phototagger.gui.retrain_changes import (
    _CAPTION,
    CAPTION_MARGIN,
    ICON,
    SMALLEST_ICON,
    caption_lines,
)
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo

FOLDER = "/photos/det"
NAMES = [
    "n02484322_11526_monkey.jpg",
    "n02484322_11526crop1_monkey.jpg",
    "n02484322_11526crop2_monkey.jpg",
    "n02484322_14958_monkey.jpg",
    "n02484322_30035crop1_monkey.jpg",
]


def previewed(qtbot: QtBot, tmp_path: Path, names: list[str]) -> list[QListWidgetItem]:
    """The Train page's preview, in the dock's usual width, of a run that adds the first
    four of `names` to a tag and takes it off the fifth: its entries."""
    with open_library(default_home()) as lib:
        ids = [add_photo(lib.db, f"{FOLDER}/{name}") for name in names]
    window = open_window(qtbot, None, tmp_path)
    window._show_retrain("train")
    qtbot.waitUntil(lambda: window.retrain_dock.width() == 340)  # the dock's usual width
    changes = [
        TagChange("primates", 1, 4, added=4, removed=1, added_ids=ids[:4], removed_ids=ids[4:])
    ]
    page = window.retrain.train_page
    page.show_result(TrainingResult("v2", "v1", [], True, "learned primates", {}, 1.0, changes))
    preview = page.changes.preview
    qtbot.waitUntil(lambda: preview.count() == len(names))
    settle(qtbot, window)
    return [preview.item(row) for row in range(preview.count())]


def lines_fit(entries: list[QListWidgetItem]) -> list[str]:
    """Each entry's caption on two lines at most, each whole in its cell (Qt cuts nothing):
    the captions."""
    preview = entries[0].listWidget()
    width = preview.gridSize().width() - CAPTION_MARGIN
    metrics = preview.fontMetrics()
    for entry in entries:
        caption = entry.text()
        for line in caption.splitlines():
            assert metrics.horizontalAdvance(line) <= width, caption
        assert len(caption.splitlines()) <= 2, caption
    return [entry.text() for entry in entries]


def test_preview_captions_keep_the_names_end_and_tell_the_folder(
    qtbot: QtBot, tmp_path: Path
) -> None:
    entries = previewed(qtbot, tmp_path, NAMES)
    captions = [entry.text() for entry in entries]
    assert lines_fit(entries) == captions
    for caption, entry in zip(captions, entries, strict=True):
        # The end whole, on one line or broken at its '_' (the dock's width can settle a few
        # pixels either way since the Train page's keys line, 89ad5b3: either break is read).
        # Its extension left out where that shows more of the name (caption_lines).
        read = caption.replace("\n", "")
        assert read.removesuffix(".jpg").endswith("_monkey"), caption
        assert "…" in caption or not read.endswith(".jpg"), caption
        name = entry.toolTip().splitlines()[0]
        assert name in NAMES and f"in {FOLDER}" in entry.toolTip()
    assert len(set(captions)) == len(NAMES), captions  # each photo told from the others
    tips = {entry.toolTip().splitlines()[0]: entry.toolTip() for entry in entries}
    assert "+ Apply: it gets “primates”" in tips[NAMES[0]]
    assert "✕ Apply: it loses “primates”" in tips[NAMES[4]]


CAMERA_NAMES = [
    "IMG_0104.JPEG",
    "IMG_0092.JPEG",
    "DSC_1234.JPG",
    "P1010001.JPG",
    "IMG_0104 copy.JPEG",
]


def test_a_camera_s_name_is_not_broken_inside_its_extension(qtbot: QtBot, tmp_path: Path) -> None:
    """'+ IMG_0104.JPEG', a hair too wide for its cell, read '+ IMG_0104.JPE' over 'G' under
    each photo the Train page previewed (polish30: a camera's names, 'my kitchen things'
    taught): broken where the first line was full. A name that fits on two lines is broken
    where a word of it ends ('+ IMG_0104' over '.JPEG', '+ IMG_0104 ' over 'copy.JPEG')."""
    captions = lines_fit(previewed(qtbot, tmp_path, CAMERA_NAMES))
    for caption, name in zip(captions, CAMERA_NAMES, strict=True):
        assert caption.replace("\n", "") in (f"+ {name}", f"✕ {name}"), caption
        if "\n" in caption:
            first, second = caption.split("\n")
            assert first[-1] in "_- " or second[0] == ".", caption


# ImageNet's sample photos, named by their class: the number a code the name starts with, the
# words after it what the photo is.
CLASS_NAMES = [
    "n02480495_orangutan.JPEG",
    "n02488702_colobus.JPEG",
    "n02457408_three-toed_sloth.JPEG",
    "n02100877_Irish_setter.JPEG",
    "n03759954_microphone.JPEG",
]


def cell_width(entries: list[QListWidgetItem]) -> tuple[int, QFontMetrics]:
    """The room a caption of the preview's `entries` has in its cell, and its font's metrics."""
    preview = entries[0].listWidget()
    return preview.gridSize().width() - CAPTION_MARGIN, preview.fontMetrics()


def end_fits_whole(sign: str, end: str, metrics: QFontMetrics, width: int) -> bool:
    """Whether a name's `end` (its last word and extension) fits a line whole, or its last word
    after `sign` and a '…'."""
    word = end.rpartition(".")[0]
    return any(metrics.horizontalAdvance(line) <= width for line in (end, f"{sign}…{word}"))


def test_a_class_named_photo_shows_its_words_not_a_cut_number(qtbot: QtBot, tmp_path: Path) -> None:
    """At the dock's usual width the captions read '+ …0248049' over '5….JPEG' (orangutan) and
    '+ n0245…toe' over 'd_sloth.JPEG' (polish40): the class number kept whole at the cost of
    every word of the name, and cut across the lines anyway. The words after the code are kept
    now, the last one whole at least ('+ n02…oran' over 'gutan.JPEG')."""
    entries = previewed(qtbot, tmp_path, CLASS_NAMES)
    width, metrics = cell_width(entries)
    for caption, name in zip(lines_fit(entries), CLASS_NAMES, strict=True):
        read = caption.replace("\n", "")
        stem = name.removesuffix(".JPEG")
        last = stem.replace("-", "_").rsplit("_", 1)[-1]
        assert "….JPEG" not in read, caption
        if not end_fits_whole(caption[:2], f"{last}.JPEG", metrics, width):
            # No line holds the last word whole with the extension, nor after the sign and a
            # '…' ('✕ …microphone', a few pixels too wide): its end is, after a '…', rather
            # than the word broken across the lines (preview41).
            # Or the word whole, its extension left out (caption_lines).
            second = caption.split("\n")[-1]
            assert second == last or (
                second.startswith("…") and f"{last}.JPEG".endswith(second[1:])
            ), caption
            continue
        # The extension is left out where that shows more of the name (caption_lines).
        assert read.removesuffix(".JPEG").endswith(last), caption
        words = stem.split("_", 1)[1]
        # From a word's start: the end shown is a whole word or more of the name's words.
        end = read.rsplit("…", 1)[-1].removesuffix(".JPEG") if "…" in read else words
        assert words.endswith(end) and (end == words or words[-len(end) - 1] in "_-"), caption


def test_a_class_named_photo_s_caption_breaks_between_words(qtbot: QtBot, tmp_path: Path) -> None:
    """Its words kept, '+ n02480…or' over 'angutan.JPEG' still broke the name's word across
    the lines: the start was cut to fill the first line. Where the name's last word fits a
    line (after the sign and a '…'), it is whole on one ('+ …orangutan' over '.JPEG',
    '+ n0248…' over 'colobus.JPEG')."""
    entries = previewed(qtbot, tmp_path, CLASS_NAMES)
    preview = entries[0].listWidget()
    width = preview.gridSize().width() - CAPTION_MARGIN
    metrics = preview.fontMetrics()
    checked = 0
    for caption, name in zip(lines_fit(entries), CLASS_NAMES, strict=True):
        last = name.removesuffix(".JPEG").replace("-", "_").rsplit("_", 1)[-1]
        if metrics.horizontalAdvance(f"{caption[:2]}…{last}") > width:
            continue
        assert any(last in line for line in caption.splitlines()), caption
        checked += 1
    assert checked, [entry.text() for entry in entries]


DET = Path("/work/shared/data/det-photos")
# Among det-photos' longest names, and those whose last word only just fits a line.
LONG_NAMES = [
    "n04131690_12417_salt_or_pepper_shaker.jpg",
    "n03124170_9358_hat_with_a_wide_brim.jpg",
    "n01772222_2573_centipede.jpg",
    "n02398521_11651_hippopotamus.jpg",
    "n03759954_10513_microphone.jpg",
]


def broken_between_words(caption: str, name: str) -> bool:
    """Whether `caption` ('+ ' and `name`, on one line or two) is broken only where a word of
    the name ends or at a '…' that cuts it: a line that ends in a '…' is followed by one
    that starts a word of the name ('+ n0248…' over 'orangutan.JPEG'), a line that starts with
    a '…' follows one that ends a word of it; otherwise the first ends in one of '_- ' or the
    second starts at the name's '.'."""
    if "\n" not in caption:
        return True
    first, second = caption[2:].split("\n")

    def at_words(piece: str, edge: int) -> bool:  # piece found in name with a word's edge at `edge`
        starts = [at for at in range(len(name)) if name.startswith(piece, at)]
        if edge == 0:
            return any(at == 0 or name[at - 1] in "_- " for at in starts)
        ends = [at + len(piece) for at in starts]
        return any(end == len(name) or name[end] in "_- ." for end in ends)

    if first.endswith("…"):
        start = second.partition("…")[0]
        return not start or start[0] in "_- ." or at_words(start, 0)
    if second.startswith("…"):
        end = first.rpartition("…")[2]
        return not end or end[-1] in "_- " or at_words(end, 1)
    return first[-1] in "_- " or second[0] in "_- ."


def test_no_caption_line_ends_or_starts_inside_a_word(qtbot: QtBot, tmp_path: Path) -> None:
    """'+ n0248…ora' over 'ngutan.JPEG' (preview41: under X, where the word and '.JPEG' fit
    no line), '+ …2573_ce' over 'ntipede.jpg': where no cut of the name broke between its
    words, it was broken where the first line was full, and read as two words that are not.
    Each break is now where a word ends or at a '…'; the name's last word is whole where it
    and the extension fit a line, or it after the sign and a '…'."""
    for names in (CLASS_NAMES, LONG_NAMES):
        entries = previewed(qtbot, tmp_path, names)
        width, metrics = cell_width(entries)
        for caption, name in zip(lines_fit(entries), names, strict=True):
            assert broken_between_words(caption, name), caption
            end = name.replace("-", "_").rsplit("_", 1)[-1]
            if end_fits_whole(caption[:2], end, metrics, width):
                # Its extension left out where that shows more of the name (caption_lines).
                read = caption.replace("\n", "")
                assert read.endswith((end, end.rpartition(".")[0])), caption


# Every width a preview's cell's caption takes: its photos 72 to 96 px wide, as the dock is
# made narrower or wider.
CELL_WIDTHS = range(SMALLEST_ICON + 16 - CAPTION_MARGIN, ICON + 16 - CAPTION_MARGIN + 1)
_CAPTIONS: dict[tuple[str, int, str], str] = {}  # (font, width, sign and name): its caption
_MEASURED: dict[str, QFontMetrics] = {}  # a font's metrics that keep what they measured


class _Measured(QFontMetrics):
    """A font's metrics that measure a text's width, and cut a text to a width, once:
    caption_lines measures and cuts the same pieces of a name again and again (in each of the
    widths swept, with each sign), most of the sweeps' time. The widths and cuts are Qt's own,
    so the captions are the same."""

    def __init__(self, font: QFont, device: QPaintDevice) -> None:
        super().__init__(font, device)
        self._widths: dict[str, int] = {}
        self._cuts: dict[tuple[str, Qt.TextElideMode, int], str] = {}
        self._average = super().averageCharWidth()
        self._names: dict[tuple[str, int], str] = {}

    def horizontalAdvance(self, text: Any, *more: Any) -> int:
        if not more and type(text) is str:
            width = self._widths.get(text)
            if width is None:
                width = self._widths[text] = super().horizontalAdvance(text)
            return width
        return super().horizontalAdvance(text, *more)

    def elidedText(self, text: Any, mode: Qt.TextElideMode, width: int, *more: Any) -> str:
        if more or type(text) is not str:
            return super().elidedText(text, mode, width, *more)
        key = (text, mode, width)
        cut = self._cuts.get(key)
        if cut is None:
            cut = self._cuts[key] = super().elidedText(text, mode, width)
        return cut

    def averageCharWidth(self) -> int:
        return self._average

    def file_name_in(self, name: str, width: int) -> str:
        """elide_file_name's cut of `name` to `width` pixels, made once: caption_lines cuts
        the same name to the same room again and again (340,000 cuts of 70,000 in the sweep
        of 50,000 captions: the room of a width, a few characters shorter, is another
        width's)."""
        key = (name, width)
        cut = self._names.get(key)
        if cut is None:
            cut = self._names[key] = elide_file_name(name, self, width)
        return cut


def _elided_once(name: str, metrics: QFontMetrics, width: int) -> str:
    """elide_file_name where caption_lines calls it: once per name and width at a _Measured
    font (its own cut all the same), as it is at any other."""
    if isinstance(metrics, _Measured):
        return metrics.file_name_in(name, width)
    return elide_file_name(name, metrics, width)


def captions_of(
    entries: list[QListWidgetItem], monkeypatch: pytest.MonkeyPatch
) -> Callable[[str, int], str]:
    """caption_lines at the font of the preview of `entries`: a caption and a cell's width to
    the caption on its lines, each made once per font for the two tests that sweep det-photos'
    names (the 10,000 of one, in the 50,000 of the other: a minute on a busy machine), its
    pieces' widths measured once and a name cut to a width once (_Measured, _elided_once). The
    captions of `entries` are the preview's own."""
    monkeypatch.setattr(retrain_changes, "elide_file_name", _elided_once)
    preview = entries[0].listWidget()
    font = preview.font().toString()
    metrics = _MEASURED.setdefault(font, _Measured(preview.font(), preview))

    def caption_in(caption: str, width: int) -> str:
        key = (font, width, caption)
        if key not in _CAPTIONS:
            _CAPTIONS[key] = caption_lines(caption, metrics, width)
        return _CAPTIONS[key]

    width = preview.gridSize().width() - CAPTION_MARGIN
    for entry in entries:  # what the preview shows, with Qt's metrics, is what these make
        assert caption_in(entry.data(_CAPTION), width) == entry.text(), entry.text()
    return caption_in


def test_det_photos_names_break_between_words_in_every_cell_width(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every width a preview's cell takes (its photos 72 to 96 px wide, as the dock is made
    narrower or wider), one det-photos name of each kind: each caption on two lines at most,
    each fitting, broken between words (at 80 px, 1,800 of these 10,000 captions were broken
    inside a word)."""
    entries = previewed(qtbot, tmp_path, NAMES)
    metrics = entries[0].listWidget().fontMetrics()
    caption_in = captions_of(entries, monkeypatch)
    names = {path.name.split("_", 2)[2]: path.name for path in sorted(DET.glob("n*_*_*.jpg"))}
    assert len(names) >= 200
    broken = []
    for width in CELL_WIDTHS:
        for name in names.values():
            for sign in ("+ ", "✕ "):
                caption = caption_in(sign + name, width)
                lines = caption.splitlines()
                assert len(lines) <= 2, caption
                assert all(metrics.horizontalAdvance(line) <= width for line in lines), caption
                if not broken_between_words(caption, name):
                    broken.append((width, caption))
    assert not broken, (len(broken), broken[:10])


KEYBOARDS = [
    "n03085013_11469_computer_keyboard.jpg",
    "n03085013_20377_computer_keyboard.jpg",
    "n03085013_23639_computer_keyboard.jpg",
    "n03085013_6432_computer_keyboard.jpg",
    "n03085013_7532_computer_keyboard.jpg",
]


def test_a_kind_s_photos_are_told_apart_by_their_number(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """det-photos' five computer keyboards read '+ n03085…' over 'keyboard.jpg' under each
    photo of the preview at the dock's usual width: the words after the photo's number were
    too long for the cut to keep it (the same for salt_or_pepper_shaker, hat_with_a_wide_brim,
    pencil_sharpener: 930 of the 50,000 captions below). The number leads now ('+ …7532_…'
    over 'keyboard.jpg'), the name's end after it."""
    entries = previewed(qtbot, tmp_path, KEYBOARDS)
    captions = lines_fit(entries)
    for caption, entry in zip(captions, entries, strict=True):
        name = entry.toolTip().splitlines()[0]
        assert name.split("_")[1] in caption.replace("\n", ""), caption
        assert caption.endswith("keyboard.jpg") and broken_between_words(caption, name), caption
    assert len(set(captions)) == len(KEYBOARDS), captions

    # Every det-photos name, in every width a cell takes, with either sign: the number whole.
    width, metrics = cell_width(entries)
    caption_in = captions_of(entries, monkeypatch)
    names = [path.name for path in sorted(DET.glob("n*_*_*.jpg"))]
    assert len(names) >= 1_000
    hidden = []
    for width in CELL_WIDTHS:
        for name in names:
            for sign in ("+ ", "✕ "):
                caption = caption_in(sign + name, width)
                lines = caption.splitlines()
                assert len(lines) <= 2, caption
                assert all(metrics.horizontalAdvance(line) <= width for line in lines), caption
                assert broken_between_words(caption, name), caption
                if name.split("_")[1] not in caption.replace("\n", ""):
                    hidden.append((width, caption))
    assert not hidden, (len(hidden), hidden[:10])
