"""Answering the app's real modal dialogs (questions, name prompts) from a test."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox, QWidget


def answer_next_modal(act: Callable[[QWidget], None]) -> list[str]:
    """When the next modal dialog opens, hand it to `act`; returns a list that receives the
    dialog's question (the dialog itself is gone once answered)."""
    seen: list[str] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poll)
            return
        if isinstance(dialog, QMessageBox):
            seen.append(dialog.text())
        elif isinstance(dialog, QInputDialog):
            seen.append(dialog.labelText())
        try:
            act(dialog)
        except BaseException:
            # Close the dialog so its exec() returns and the test fails here, rather than the
            # whole run waiting forever on a question nobody answers.
            if isinstance(dialog, QDialog):
                dialog.reject()
            else:
                dialog.close()
            raise

    QTimer.singleShot(0, poll)
    return seen


def say_yes(dialog: QWidget) -> None:
    assert isinstance(dialog, QMessageBox), dialog
    button = dialog.button(QMessageBox.StandardButton.Yes)
    assert button is not None
    button.click()


def click_button(text: str) -> Callable[[QWidget], None]:
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox), dialog
        for button in dialog.buttons():
            if button.text() == text:
                button.click()
                return
        raise AssertionError(f"no button {text!r} in {[b.text() for b in dialog.buttons()]}")

    return act


def type_text(text: str) -> Callable[[QWidget], None]:
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog), dialog
        dialog.setTextValue(text)
        dialog.accept()

    return act
