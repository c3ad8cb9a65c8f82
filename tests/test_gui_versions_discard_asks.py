"""Model ▸ Versions ▸ Discard deleted the selected version's files at one click, beside Make
Active, with no way back: a version the user had applied, with what it learned. It now asks,
naming the version; No keeps it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from phototagger.paths import default_home
from tests.gui_helpers import settle, versions_page
from tests.switch_helpers import save_second_version


def _answer(button: QMessageBox.StandardButton, asked: list[str]) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        asked.append(box.text())
        answer = box.button(button)
        assert answer is not None
        answer.click()

    QTimer.singleShot(0, click)


def test_discard_asks_before_deleting_a_version(qtbot: QtBot, tmp_path: Path) -> None:
    save_second_version()
    window, page = versions_page(qtbot, tmp_path, "v1", 2)
    page.select("v2")
    asked: list[str] = []

    _answer(QMessageBox.StandardButton.No, asked)
    qtbot.mouseClick(page.discard_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert len(asked) == 1 and asked[0].startswith("Delete model v2 ("), asked
    assert "Your answers are kept" in asked[0]
    page.reload()
    settle(qtbot, window)
    assert [v.version for v in page.versions] == ["v1", "v2"]
    assert (default_home().model_versions / "v2.json").exists()

    _answer(QMessageBox.StandardButton.Yes, asked)
    qtbot.mouseClick(page.discard_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: [v.version for v in page.versions] == ["v1"])
    assert len(asked) == 2
