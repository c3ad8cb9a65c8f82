"""Tags ▸ Write Keywords to Files asks, the first time, whether phototagger may write into the
user's files. With two photos selected in a library of six, it asked "Write your tags into your
photo files…?": a photographer could not tell whether one answer would rewrite every file of the
library or the two chosen. The question now says which photos: the selection, counted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from phototagger.core.metadata.settings import load_settings
from tests.gui_helpers import settle, two_selected


def test_the_first_question_says_which_photos(qtbot: QtBot, tmp_path: Path) -> None:
    window, _, _ = two_selected(qtbot, tmp_path, 6)
    asked: list[str] = []

    def cancel() -> None:
        box = getattr(window.keyword_writer, "question", None)
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(20, cancel)
            return
        asked.append(box.text())
        box.reject()

    QTimer.singleShot(20, cancel)
    window.commands.write_keywords.trigger()
    settle(qtbot, window)
    assert len(asked) == 1
    assert "the 2 selected photos" in asked[0], asked[0]
    assert not window.jobs.busy and not load_settings(window.db).enabled  # cancelled
