"""Train ▸ Discard dropped the run just trained at one click, beside Apply, while Versions ▸
Discard asks first. It asks the same question now: No (the default, so Enter or Esc) keeps the
run, shown, with the keys back on Discard; Yes deletes it and the keys go to the grid."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from phototagger.core.retrain import TrainingResult
from phototagger.gui.retrain_train import discard_question, run_words
from phototagger.paths import default_home
from tests.gui_helpers import settle
from tests.modal_helpers import answer_next_modal, say_yes
from tests.test_gui_train_keys_back import (
    monkeys_taught,
    press_on_focus,
    tab_to,
    train_by_keys,
)


def _key(key: Qt.Key) -> Callable[[QWidget], None]:
    def press(dialog: QWidget) -> None:
        QTest.keyClick(dialog, key)

    return press


def test_discard_asks_and_no_keeps_the_run(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = monkeys_taught(qtbot, tmp_path)
    train_by_keys(qtbot, window, page)
    assert page.result is not None
    version = page.result.version
    saved = default_home().model_versions / f"{version}.json"
    assert saved.exists()

    for key in (Qt.Key.Key_Return, Qt.Key.Key_Escape):
        tab_to(qtbot, page.discard_button)
        asked = answer_next_modal(_key(key))
        press_on_focus(qtbot, Qt.Key.Key_Space)
        assert asked == [
            f"Delete model {version} (monkeys) for good?\n\n"
            "Your answers are kept: training again on them makes a new model."
        ]
        settle(qtbot, window)
        assert page.result is not None and page.discard_button.isVisible()
        assert page.apply_button.isVisible() and saved.exists()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is page.discard_button)

    asked = answer_next_modal(say_yes)
    press_on_focus(qtbot, Qt.Key.Key_Space)
    settle(qtbot, window)
    assert len(asked) == 1
    assert page.result is None and not page.discard_button.isVisible()
    assert not saved.exists()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.grid)


def test_the_question_names_what_the_run_learned() -> None:
    def run(counts: dict[str, object]) -> TrainingResult:
        return TrainingResult("v4", "v2", [], True, "", counts)

    assert run_words(run({"new_tags": ["boats"], "learned": {"boats": {}, "pets": {}}})) == (
        "boats, pets"
    )
    assert run_words(run({"new_tags": [], "learned": {"pets": {}}})) == "retrained pets"
    assert discard_question("v4", "boats").startswith("Delete model v4 (boats) for good?")
