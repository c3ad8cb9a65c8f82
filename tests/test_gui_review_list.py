"""The review queue is a list a photographer can work down: each photo's thumbnail, file name,
the model's confidence and why it is asked (unsure, confident but to check, likely missed), the
current photo larger above it and named in the question; A, R and S answer it as before. It was
one column of large icons with a percentage under each: no file names, three photos in view."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.review_mix import CONFIDENT, FAR_BELOW, MISSED, UNSURE, why_label, why_words
from tests.gui_helpers import open_window, settle, states
from tests.retrain_helpers import library_from


def test_the_queue_names_each_photo_and_why_it_is_asked(
    qtbot: QtBot, engine, template: Path, tmp_path: Path
) -> None:
    library_from(template)[0].close()
    window = open_window(qtbot, engine, tmp_path)
    window.resize(1440, 900)
    qtbot.keyClick(window.grid, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    page = window.retrain.review_page
    page.load("animal")
    settle(qtbot, window)
    assert len(page.items) >= 10

    texts = [page.list.item(r).text() for r in range(page.list.count())]
    for item, text in zip(page.items, texts, strict=True):
        name = Path(item.path).name
        why = why_label(item.why, item.confidence, item.cut)
        assert text == f"{name}\n{item.confidence:.0%} · {why}"
    # The default tagger's lines, in turn: photos just above its cut, its surest, and misses.
    lines = {item.why for item in page.items}
    assert {UNSURE, CONFIDENT} <= lines <= {UNSURE, CONFIDENT, MISSED, FAR_BELOW}
    assert lines & {MISSED, FAR_BELOW}  # likely misses, or past them photos well below

    # One photo a row, the first five of them wholly in view with their names.
    view = page.list.viewport().rect()
    for row in range(5):
        rect = page.list.visualItemRect(page.list.item(row))
        assert view.contains(rect), row
        assert rect.width() > 2 * page.list.iconSize().width()  # the name beside the thumbnail
    # The current photo, larger, and the question naming it and why it is asked.
    qtbot.waitUntil(lambda: not page.preview.pixmap().isNull(), timeout=20_000)
    assert page.preview.pixmap().height() > page.list.iconSize().height()
    first = page.items[0]
    question = page.question.text()
    assert "Does this photo show <b>animal</b>?" in question
    assert f"1 of {len(page.items)}: {Path(first.path).name}" in question
    first_why = why_words(first.why, first.confidence, first.cut)
    assert f"model {first.confidence:.0%}, {first_why}" in question
    # Pointing at a photo says why it is asked, in the same words.
    for row, item in enumerate(page.items):
        why = why_words(item.why, item.confidence, item.cut)
        assert page.list.item(row).toolTip() == f"{item.path}\n{why[:1].upper()}{why[1:]}"

    qtbot.keyClick(page.list, Qt.Key.Key_A)
    qtbot.keyClick(page.list, Qt.Key.Key_R)
    assert page.list.currentRow() == 2
    assert f"3 of {len(page.items)}: {Path(page.items[2].path).name}" in page.question.text()
    assert page.list.item(0).text() == f"✓ yes · {texts[0]}"
    assert page.list.item(1).text() == f"✕ no · {texts[1]}"
    # N is Next Photo in the main window: here it answered "no". It answers nothing now.
    qtbot.keyClick(page.list, Qt.Key.Key_N)
    assert page.list.item(2).text() == texts[2]
    assert states(window, Path(page.items[2].path)).get("animal", (None,))[0] != "rejected"
    assert states(window, Path(first.path))["animal"][0] in ("accepted", "added")
    assert states(window, Path(page.items[1].path))["animal"][0] == "rejected"
