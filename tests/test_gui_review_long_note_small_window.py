"""gui44: at 856 x 600 (offscreen) the Review tab's note over the question, "Nothing near where
“beach day” starts tagging: every photo you have not answered scores under 2%, ...", took twelve
lines (168 px) at the tab's width and, with the question under it, left the queue one row: the
note and the question neither scrolled nor shrank. The note now keeps to a few lines and
scrolls for the rest (its whole words in its tooltip too), so that the queue keeps ROWS rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from phototagger.gui.review_split import ROWS
from tests.gui_helpers import review_tab, settle
from tests.store_helpers import DET
from tests.test_gui_review_small_window import rows_in_view
from tests.test_review_settled_says_held_out_misses import trained_settled_missing

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")


def beach_day_at_856(
    qtbot: QtBot,
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[Any, Any]:
    """The window and its Review tab on the queue of 'beach day' (the long note over its
    question), the window 856 x 600."""
    trained_settled_missing(engine, tmp_path, monkeypatch, capsys)
    window, page = review_tab(qtbot, engine, tmp_path, "beach day")
    window.resize(856, 600)
    settle(qtbot, window)
    qtbot.wait(200)
    return window, page


def test_the_long_note_gives_the_queue_its_rows_at_856_by_600(
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    qtbot: QtBot,
) -> None:
    window, page = beach_day_at_856(qtbot, engine, tmp_path, monkeypatch, capsys)
    note: Any = page.settled
    said = note.text()
    assert note.isVisible() and said.startswith("“beach day” likely misses kinds"), said
    assert (window.width(), window.height()) == (856, 600)
    assert page.list.count() >= ROWS
    shown = rows_in_view(page)
    assert shown >= ROWS, (shown, note.height(), page.question.height(), page.split.height())
    # The note's words are all still there: the rest scrolls, and its tooltip reads whole.
    bar = note.verticalScrollBar()
    assert bar.maximum() > 0, "the note at 856 x 600 is expected to be cut"
    # (Its tooltip: the longer words `review` says, test_gui_review_note_whole_at_1440.py.)
    assert note.widget().text() == said and note.toolTip().startswith("Nothing near where")
    bar.setValue(bar.maximum())
    label = note.widget()
    bottom = label.mapTo(note.viewport(), label.rect().bottomLeft()).y()
    assert bottom <= note.viewport().height(), (bottom, note.viewport().height())

    # In a tall window the note is whole, no scroll bar; its tooltip the longer words still.
    window.resize(1366, 1000)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: note.verticalScrollBar().maximum() == 0, timeout=2_000)
    assert note.height() >= label.heightForWidth(note.viewport().width())
    assert note.toolTip().startswith("Nothing near where")
    window.close()
