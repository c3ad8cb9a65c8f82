"""pass38, "monkeys" taught on 10 ImageNet sample photos the project never saw and trained: the
Train page's preview of the 4 photos it would add read "“monkeys”: 4 photos newly tagged, 0
untagged (first ones shown; ✕ = untagged)", under all 4 photos and no ✕: it told of more photos
than shown and of a sign that was not there. "a sample shown, surest first" (was "first ones
shown") is said where the preview holds only some (PREVIEW, 48) of them, and "✕ = untagged" where
some are untagged."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.core.version_diff import PREVIEW, TagChange
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library
from tests.test_train_verdict_names_every_new_tag import trained_in_window, window_on_kinds


def _name(table: QTableWidget, row: int) -> str:
    item = table.item(row, 0)
    assert item is not None
    return item.text()


def test_a_preview_of_every_photo_does_not_say_first_ones(
    capsys: pytest.CaptureFixture[str],
    engine: object,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    window, of = window_on_kinds(engine, qtbot, capsys, tmp_path, monkeypatch)
    # Violins and trumpets: it goes on the trombones too, a few photos, none taken off.
    window.decide(of(("_violin", "_trumpet")), "music", "add")
    page = trained_in_window(qtbot, window)
    view = page.changes
    row = next(r for r in range(view.table.rowCount()) if _name(view.table, r) == "music")
    view.table.selectRow(row)
    qtbot.waitUntil(lambda: view.preview.count() > 0)
    change = next(c for c in view.changes if c.tag == "music")
    assert 0 < change.added <= PREVIEW and change.removed == 0
    assert view.preview.count() == change.added  # every photo it adds, shown
    caption = view.caption.text()
    assert caption.startswith(f"“music”: {change.added} photos newly tagged, 0 untagged. "), caption
    assert "first ones" not in caption and "✕" not in caption, caption


def test_a_preview_of_the_first_photos_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, PREVIEW + 12)
    window = open_window(qtbot, None, tmp_path)
    view = window.retrain.train_page.changes
    more = TagChange("pets", 0, PREVIEW + 10, added=PREVIEW + 10, added_ids=ids[: PREVIEW + 10])
    fewer = TagChange("dogs", 2, 0, removed=2, removed_ids=ids[-2:])
    view.show_result(TrainingResult("v2", "v1", [], True, "", {}, 1.0, [more, fewer]))
    settle(qtbot, window)
    said = {}
    for row in range(view.table.rowCount()):
        view.table.selectRow(row)
        said[_name(view.table, row)] = view.caption.text()
    assert said == {
        "pets": f"“pets”: {PREVIEW + 10} photos newly tagged, 0 untagged "
        "(a sample shown, surest first).",
        "dogs": "“dogs”: 0 photos newly tagged, 2 untagged (✕ = untagged).",
    }
