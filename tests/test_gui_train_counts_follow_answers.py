"""The Train page's changes after a run, as the user goes on answering before Apply: the "+" and
"−" counts followed their answers, but the "before → after" column stayed one short when they
said yes to a photo neither version tags, and an answer given while training ran and undone
after was never counted back in (Apply then tagged that photo, the table did not say so). Each
row now reads as what the version changes counted afresh at that moment, through the window's
own answers and Undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.core.version_diff import TagChange
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library
from tests.version_diff_helpers import a_tag_it_changes, counted


def _words(change: TagChange) -> tuple[str, str, str]:
    """A row's "+", "−" and "before → after" as the page writes them."""
    if not (change.added or change.removed):
        return "0", "0", "unchanged"
    return (
        f"+{change.added:,}" if change.added else "0",
        f"-{change.removed:,}" if change.removed else "0",
        f"{change.before:,} → {change.after:,}",
    )


def test_the_photos_column_follows_each_answer_and_undo(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 60)
        tag, added, _kept, off = a_tag_it_changes(lib)
    window = open_window(qtbot, None, tmp_path)
    view = window.retrain.train_page.changes

    def row() -> tuple[str, ...]:
        items: list[QTableWidgetItem | None] = [view.table.item(0, c) for c in (2, 3, 4)]
        return tuple(item.text() if item else "" for item in items)

    def fresh() -> tuple[str, str, str]:
        with open_library(default_home()) as lib:
            return _words(counted(lib, tag))

    # While training ran, a no on a photo the new version tags; the run counts without it.
    window.decide([added[0]], tag, "reject")
    settle(qtbot, window)
    with open_library(default_home()) as lib:
        run = counted(lib, tag)
    window.retrain.train_page.show_result(
        TrainingResult("v2", "v1", [], True, f"learned {tag}", {}, 1.0, [run])
    )
    settle(qtbot, window)
    qtbot.waitUntil(lambda: row() == _words(run), timeout=5000)

    window.undo_stack.undo()  # the no undone: the new version tags that photo after all
    settle(qtbot, window)
    expected = fresh()
    assert expected[0] == f"+{len(added)}"
    qtbot.waitUntil(lambda: row() == expected, timeout=5000)

    window.decide([off[0]], tag, "add")  # yes on a photo neither version tags
    settle(qtbot, window)
    expected = fresh()
    qtbot.waitUntil(lambda: row() == expected, timeout=5000)
    assert row()[0] == f"+{len(added)}"  # it adds nothing more: it counts on both sides


def test_a_tag_changed_only_on_answered_photos_comes_back_when_an_answer_is_undone(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """While training ran the user answered every photo the new version changes for a tag: the
    run counted no change for it and dropped it, and undoing one of those answers left the
    page without the tag, though Apply then tags that photo. The tag now has no row while it
    changes nothing, and one, as counted afresh, once an answer is undone."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 60)
        tag, added, _kept, _off = a_tag_it_changes(lib)
    window = open_window(qtbot, None, tmp_path)
    view = window.retrain.train_page.changes
    for photo in added:  # while training ran, a yes on each, one at a time
        window.decide([photo], tag, "add")
    settle(qtbot, window)
    with open_library(default_home()) as lib:
        run = counted(lib, tag)
    assert (run.added, run.removed) == (0, 0)
    window.retrain.train_page.show_result(
        TrainingResult("v2", "v1", [], True, f"learned {tag}", {}, 1.0, [], [run])
    )
    settle(qtbot, window)

    def rows() -> dict[str, tuple[str, ...]]:
        found = {}
        for r in range(view.table.rowCount()):
            items = [view.table.item(r, c) for c in (0, 2, 3, 4)]
            texts = [item.text() if item else "" for item in items]
            found[texts[0]] = tuple(texts[1:])
        return found

    assert rows() == {}
    window.undo_stack.undo()  # the last yes undone: the new version tags that photo
    settle(qtbot, window)
    with open_library(default_home()) as lib:
        expected = _words(counted(lib, tag))
    assert expected[0] == "+1"
    qtbot.waitUntil(lambda: rows().get(tag) == expected, timeout=5000)
    assert view.caption.text() == "Select a tag to preview the photos it would gain or lose."
