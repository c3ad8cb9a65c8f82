"""Deleting a tag asks, and renaming or deleting one reports, with the numbers the user knows:
the photos showing it (as the sidebar and Manage Tags count them) and their yes and no answers
about it. It asked to delete 'animals/herptiles' "from 52 photos, including 50 of your
decisions" while both lists said 20 photos: the 32 photos the user had said lack the tag were
counted as having it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.tags import write_model_tags_many
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_the_question_counts_photos_showing_the_tag(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 8)
        write_model_tags_many(lib.db, ["herps"], [(ids[7], [0.9], [0])], "v1")  # a suggestion
    window = open_window(qtbot, None, tmp_path)
    window.decide(ids[:2], "herps", "add")
    window.decide(ids[2:5], "herps", "reject")
    settle(qtbot, window)
    assert window.sidebar.tag_count("herps") == 3
    asked: list[str] = []

    def confirm(_parent: object, _title: str, question: str) -> bool:
        asked.append(question)
        return False

    window.tools.confirm = confirm
    window.tools.ask_delete("herps")
    assert asked == [
        "Delete “herps” from 3 photos and forget 5 of your decisions (2 yes, 3 no)? "
        "The model will no longer suggest it. This cannot be undone."
    ]
    # A merge is no undo step either (one row is kept where a photo had both tags): Ctrl+Z
    # after it says so, and its question says so first.
    labels: list[str] = []
    window.tools.ask_tag = lambda _parent, _title, label, *_: labels.append(label)
    window.tools.ask_merge("herps")
    assert len(labels) == 1 and labels[0].endswith("\nA merge cannot be undone."), labels


def test_the_status_counts_photos_showing_the_tag(qtbot: QtBot, tmp_path: Path) -> None:
    # "Renamed “herps” to “animals/herptiles” (52 photos)": 20 had it, 32 had been said not to.
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 8)
    window = open_window(qtbot, None, tmp_path)
    window.decide(ids[:2], "herps", "add")
    window.decide(ids[2:5], "herps", "reject")
    settle(qtbot, window)
    window.tools.ask_text = lambda *_: "animals/herptiles"
    window.tools.ask_rename("herps")
    settle(qtbot, window)
    # The decisions' undo steps follow the rename (tests/test_gui_undo_follows_tag_rename.py).
    assert window.status.currentMessage() == (
        "Renamed “herps” to “animals/herptiles” (2 photos). Ctrl+Z to undo."
    )
    assert window.undo_stack.canUndo()
    window.tools.confirm = lambda *_: True
    window.tools.ask_delete("animals/herptiles")
    settle(qtbot, window)
    # Those about the deleted tag cannot be undone: said, and said again when tried.
    assert window.status.currentMessage() == (
        "Deleted “animals/herptiles” (2 photos). "
        "2 earlier changes to “animals/herptiles” can no longer be undone. "
        "The delete cannot be undone."
    )
    window.undo_stack.undo()  # the delete: it says it cannot be undone (undo37)
    assert window.status.currentMessage().startswith("Delete “animals/herptiles” cannot be")
    window.undo_stack.undo()  # the rename: its tag is gone
    assert window.status.currentMessage() == (
        "Rename “herps” to “animals/herptiles”: cannot be undone now; "
        "“animals/herptiles” was renamed, merged or deleted since."
    )
    window.label_failure.close()  # type: ignore[union-attr]
    window.undo_stack.undo()
    assert window.status.currentMessage().endswith(
        "can no longer be undone or redone; its tag was deleted since."
    )
