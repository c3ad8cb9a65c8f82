"""Model ▸ Model Versions dropped a saved version whose record (v2.json) cannot be read without a
word, while `models` said it was left out and what to do (test_cli_models_damaged_record.py). It
is now a row of its own, as a version whose weights are damaged is: "damaged: cannot be used",
why in the details, Make Active greyed out, Discard deletes its files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.active import ACTIVE_SETTING
from phototagger.paths import default_home
from phototagger.store.settings import set_setting
from tests.gui_helpers import shown_versions
from tests.switch_helpers import save_second_version

WHY = "its record is not valid JSON (Expecting value: line 1 column 1 (char 0))"


def _damaged_record(active: str) -> Path:
    """v1, v2 whose record is emptied (a disk error), v3 sound; `active` made active."""
    with open_library(default_home()) as lib:
        save_second_version("v2")
        save_second_version("v3")
        set_setting(lib.db, ACTIVE_SETTING, active)
    record = default_home().model_versions / "v2.json"
    record.write_bytes(b"")
    return record


def _rows(page: object) -> dict[str, list[str]]:
    table = page.table  # type: ignore[attr-defined]
    return {
        table.item(row, 0).text(): [table.item(row, c).text() for c in range(1, 4)]
        for row in range(table.rowCount())
    }


def test_a_version_whose_record_is_damaged_is_listed_and_can_be_discarded(
    qtbot: QtBot, tmp_path: Path
) -> None:
    record = _damaged_record("v1")
    _window, page = shown_versions(qtbot, tmp_path, 3)
    rows = _rows(page)
    assert list(rows) == ["v1 ●", "v2", "v3"]
    assert rows["v2"] == ["—", "—", "damaged: cannot be used"]
    assert "damaged" not in rows["v3"][2]
    page.select("v2")
    assert page.details.text() == (
        f"v2\nDamaged, cannot be used: {WHY}. It cannot be made active: put its files back "
        "from a backup, or click Discard to delete v2"
    )
    assert not page.activate_button.isEnabled()
    with qtbot.assertNotEmitted(page.activate_requested):  # no switch to it either
        page.table.doubleClicked.emit(page.table.currentIndex())
    asked: list[str] = []

    def yes(_parent: object, _title: str, question: str) -> bool:
        asked.append(question)
        return True

    page.confirm = yes
    qtbot.mouseClick(page.discard_button, Qt.MouseButton.LeftButton)
    assert asked == [
        "Delete model v2 (damaged: cannot be used) for good?\n\n"
        "Your answers are kept: training again on them makes a new model."
    ]
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    assert list(_rows(page)) == ["v1 ●", "v3"]
    assert not record.exists()
    assert not (default_home().model_versions / "v2.npz").exists()


def test_the_active_version_whose_record_is_damaged_says_to_make_another_active(
    qtbot: QtBot, tmp_path: Path
) -> None:
    _damaged_record("v2")
    _window, page = shown_versions(qtbot, tmp_path, 3)
    rows = _rows(page)
    assert list(rows) == ["v1", "v2 ●", "v3"]
    assert rows["v2 ●"][2] == "damaged: cannot be used"
    page.select("v2")
    assert page.details.text() == (
        f"v2 (active)\nDamaged, cannot be used: {WHY}. Select another version and click Make Active"
    )
    assert not page.activate_button.isEnabled()
    assert not page.discard_button.isEnabled()
    page.select("v3")
    assert page.activate_button.isEnabled()
