"""The grid's header on Needs review with a photo kept apart ("+1 no longer matching"), in a
narrow window: it gave up the start of its words for the note at its end, down to "…of  ·  180
of 2,000  ·  +1 no longer matching", and, narrower still, cut words in the middle ("Photos to
review: sug…+1 no longer matching"). It now gives up its least important part first: the
explanation after "Photos to review", then the note's words (its "+1" stays), then the filter's
words from their start, whole words, then the count's total; no word loses its start. The whole
text is the tooltip."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.centre import Centre
from phototagger.paths import default_home
from phototagger.store.tags import tags_of_photo
from tests.gui_helpers import click_sidebar, open_window, settle
from tests.switch_helpers import synthetic_library


def _no_word_cut_at_its_start(shown: str, whole: str) -> bool:
    words = {w.rstrip(":,") for w in whole.split()}  # "review:" ends a word, as "review"
    for token in shown.split():
        bare = token.removeprefix("…").rstrip(":,")
        if bare in words:
            continue  # a whole word ("…review": the words before it left out)
        if not (bare.endswith("…") and any(w.startswith(bare[:-1]) for w in words)):
            return False
    return True


def test_a_narrow_needs_review_header_gives_up_its_least_part_first(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 2000)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1800, 800)
    click_sidebar(qtbot, window, "Needs review")
    shown = window.model.rowCount()
    assert shown > 1, (shown, window.header.text())
    # Every unsure suggestion on the first photo accepted: it no longer needs review, and stays
    # in view, counted apart.
    photo_id = window.model.ids[0]
    for tag in tags_of_photo(window.db, photo_id):
        if tag.state is None:
            window.decide([photo_id], tag.name, "add")
    settle(qtbot, window)
    header = window.header
    whole = (
        f"Photos to review: suggestions the model was unsure of  ·  {shown - 1} of 2,000  ·  "
        "+1 no longer matching"
    )
    qtbot.waitUntil(lambda: header.text() == whole)

    count = f"{shown - 1} of 2,000"
    steps = [
        whole,
        f"Photos to review  ·  {count}  ·  +1 no longer matching",
        f"Photos to review  ·  {count}  ·  +1",
        f"…to review  ·  {count}  ·  +1",
        f"…review  ·  {count}  ·  +1",
    ]
    metrics = QFontMetrics(header.font())
    seen: list[str] = []
    for width in range(1800, 300, -10):  # the window narrowed until the header is short
        window.resize(width, 800)
        settle(qtbot, window)
        if header.contentsRect().width() < metrics.horizontalAdvance(steps[-1]):
            break  # narrower than its shortest: cut as it can be (a few pixels' room)
        text = header.shown_text()
        assert metrics.horizontalAdvance(text) <= header.contentsRect().width(), text
        assert _no_word_cut_at_its_start(text, whole), (width, text)
        if not seen or seen[-1] != text:
            seen.append(text)
    # The least important part first: what the window's narrowest widths came to in order.
    assert seen == steps, seen
    tip = QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5), header.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(header, tip)
    assert header.toolTip().splitlines()[0] == whole


def _is_wide(header: QWidget, width: int) -> bool:
    return header.contentsRect().width() == width


def test_narrower_still_the_total_goes_then_the_last_word_keeps_its_start(
    qtbot: QtBot,
) -> None:
    grid = QWidget()
    centre = Centre(grid)
    qtbot.addWidget(centre)
    centre.show()
    header = centre.header
    header.setText("Photos tagged kitchenware  ·  31 of 1,020")
    metrics = QFontMetrics(header.font())
    margins = header.contentsMargins().left() + header.contentsMargins().right()
    seen: list[str] = []
    for width in range(600, 0, -5):
        header.setFixedWidth(width + margins)
        qtbot.waitUntil(partial(_is_wide, header, width))
        text = header.shown_text()
        assert metrics.horizontalAdvance(text) <= width, text
        if not seen or seen[-1] != text:
            seen.append(text)
        if text == "31":
            break
    assert seen[:4] == [
        "Photos tagged kitchenware  ·  31 of 1,020",
        "…tagged kitchenware  ·  31 of 1,020",
        "…kitchenware  ·  31 of 1,020",
        "…kitchenware  ·  31",
    ], seen
    # Then the tag's name gives up its end, never its start ("…kitchenw…  ·  31"); in a few
    # pixels, the count alone.
    *cut, last = seen[4:]
    assert cut and all(t.endswith("…  ·  31") and t.startswith("…k") for t in cut), cut
    assert last == "31"
    assert all(_no_word_cut_at_its_start(t, header.text()) for t in seen), seen

    # With no count ("No photos match: …") whole words go from its end.
    header.setText("No photos match: photos tagged coldish sunday round walk plus and Exercise")
    header.setFixedWidth(metrics.horizontalAdvance("No photos match: photos tagg") + margins)
    assert header.shown_text() == "No photos match: photos…"
