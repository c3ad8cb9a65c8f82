"""left53: the search box's hint for a WordNet group's name pointed at a built-in tag only
where the tag took in every class of the group: "automobile" named 'vehicle' (all 76 kinds of
vehicle), not 'car' (9 of the automobile's 10 classes, and WordNet's own name for it); it was
given only where exactly one name searched for was no tag's; and the header cut it, even in a
1,400-px window. A tag named like the group and holding most of it, or any tag holding nearly
all of it, is named now (narrowest first), for each name searched for; the header takes the
few lines the hint needs over the empty grid, and where it would need more, its tooltip says
it whole."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.word_tags import tags_taking_in
from phototagger.gui.centre import WRAPPED_LINES
from phototagger.paths import default_home
from tests.gui_helpers import open_window, search_for, settle
from tests.switch_helpers import synthetic_library

CAR = "look at “car” (it takes in most kinds of automobile the tagger knows)"
PRIMATE = "look at “monkey” (it takes in every kind of primate the tagger knows)"


def _library() -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
        paths = [f"/synthetic/{i:06d}.jpg" for i in range(4)]
        for path, tag in zip(paths, ["car", "vehicle", "monkey", "dog"], strict=True):
            label_paths(lib.db, [path], add=[tag])


def test_a_group_s_name_points_at_the_tag_named_like_it() -> None:
    _library()
    with open_library(default_home()) as lib:
        automobile = tags_taking_in(lib, "automobile")
        canine = tags_taking_in(lib, "canine")
    assert automobile is not None and automobile.tags == ("car",), automobile
    assert automobile.words() == CAR
    # 'dog' holds 118 of the 130 canines (nearly all): named rather than 'animal'.
    assert canine is not None and canine.tags == ("dog",), canine


def test_each_name_searched_for_gets_its_hint_and_a_cut_one_reads_whole(
    qtbot: QtBot, tmp_path: Path
) -> None:
    _library()
    window = open_window(qtbot, None, tmp_path)
    search_for(qtbot, window, "automobile")
    assert window.header.text() == (
        f"No photos match: no tag or file name matches “automobile”; {CAR}"
    )
    search_for(qtbot, window, "automobile, primate")
    assert window.header.text() == (
        "No photos match: no tag or file name matches “automobile” or “primate”; "
        f"for “automobile”, {CAR}; for “primate”, {PRIMATE}"
    )
    # The grid under it empty, the header takes the lines it needs (a 1,400-px window cut it
    # after "for “automobile”, look…").
    header = window.header
    lines = header.lines()
    assert 1 < lines <= WRAPPED_LINES, lines
    assert header.height() >= lines * header.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: window.grid.geometry().top() > header.geometry().bottom())
    # Any other header: one line, as before.
    search_for(qtbot, window, "car")
    assert header.lines() == 1
    search_for(qtbot, window, "automobile, primate")
    # Too narrow for it on a few lines: the header is cut, and its tooltip says it whole.
    window.resize(700, window.height())
    settle(qtbot, window)
    assert header.lines() == 1 and header.shown_text() != header.text()
    help_event = QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5), header.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(header, help_event)
    assert header.toolTip().splitlines()[0] == header.text()
