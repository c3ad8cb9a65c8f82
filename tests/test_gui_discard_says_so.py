"""Train ▸ Discard closed the run and said nothing, where Apply says in the status bar what it
did ("Model v2 is active; …"): the user was left to guess whether the run was gone (polish31).
Discard, on the Train page and under Versions, now says it: the version discarded, its files
deleted with no undo, the model still active, and the way back (train again on the answers)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.paths import default_home
from tests.gui_helpers import settle, versions_page
from tests.modal_helpers import answer_next_modal, say_yes
from tests.switch_helpers import save_second_version
from tests.test_gui_train_keys_back import monkeys_taught, press_on_focus, tab_to, train_by_keys


def _said(version: str, active: str) -> str:
    return (
        f"Model {version} discarded: its files are deleted, with no undo; model {active} stays "
        "active. Your answers are kept: training again on them makes a new model"
    )


def test_discard_on_the_train_page_says_what_it_did(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = monkeys_taught(qtbot, tmp_path)
    train_by_keys(qtbot, window, page)
    assert page.result is not None
    version, parent = page.result.version, page.result.parent
    tab_to(qtbot, page.discard_button)
    asked = answer_next_modal(say_yes)
    press_on_focus(qtbot, Qt.Key.Key_Space)
    settle(qtbot, window)
    assert len(asked) == 1 and page.result is None
    assert not (default_home().model_versions / f"{version}.json").exists()
    assert window.status.currentMessage() == _said(version, parent)


def test_discard_under_versions_says_it_too(qtbot: QtBot, tmp_path: Path) -> None:
    save_second_version()
    window, page = versions_page(qtbot, tmp_path, "v1", 2)
    page.select("v2")
    asked = answer_next_modal(say_yes)
    qtbot.mouseClick(page.discard_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: [v.version for v in page.versions] == ["v1"])
    assert len(asked) == 1
    assert window.status.currentMessage() == _said("v2", "v1")
