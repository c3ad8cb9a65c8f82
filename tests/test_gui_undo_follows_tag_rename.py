"""Renaming a tag cleared the whole undo history ("Earlier changes can no longer be undone"),
whatever the changes were about. Now the history follows a rename: Undo and Redo put back
exactly what they did, under the tag's new name, and say it by that name. A merge or delete
cleared the history when a change in it was about a tag it took away; now that change stays in
the history, refused with the reason, and the changes around it still undo and redo."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.photos_view import tags_of_photo
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from phototagger.store.tags import write_model_tags_many
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library

LOST = "can no longer be undone."


def _rows(window: MainWindow, photo_id: int) -> dict[str, tuple[str | None, float | None]]:
    return {t.name: (t.state, t.confidence) for t in tags_of_photo(window.db, photo_id)}


def _window(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, list[int]]:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 6)
        write_model_tags_many(lib.db, ["fish"], [(ids[0], [0.8], [0])], "v1")  # a suggestion
    return open_window(qtbot, None, tmp_path), ids


def test_undo_and_redo_follow_a_rename_of_a_tag_and_of_its_group(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, ids = _window(qtbot, tmp_path)
    window.decide(ids[:3], "pets/fish", "add")
    window.decide([ids[0]], "fish", "reject")  # the model's suggestion, rejected
    window.decide([ids[4]], "beach", "add")
    settle(qtbot, window)
    before = {pid: _rows(window, pid) for pid in ids}

    window.tools.ask_text = lambda *_: "animals"
    window.tools.ask_rename("pets")  # the group: 'pets/fish' becomes 'animals/fish'
    settle(qtbot, window)
    assert window.status.currentMessage().startswith("Renamed “pets” to “animals”")
    assert LOST not in window.status.currentMessage()
    window.tools.ask_text = lambda *_: "Fish (model)"
    window.tools.ask_rename("fish")
    settle(qtbot, window)
    stack = window.undo_stack
    # Each rename is a step of its own (undo37), after the changes it followed.
    assert [stack.text(i) for i in range(stack.count())] == [
        "Add “animals/fish” to 3 photos",
        "Reject “Fish (model)”",
        "Add “beach”",
        "Rename “pets” to “animals”",
        "Rename “fish” to “Fish (model)”",
    ]

    for _ in range(2):
        stack.undo()  # the renames: the changes follow them back
    assert [stack.text(i) for i in range(3)] == [
        "Add “pets/fish” to 3 photos",
        "Reject “fish”",
        "Add “beach”",
    ]
    for _ in range(2):
        stack.redo()
    assert stack.text(1) == "Reject “Fish (model)”"
    for _ in range(2):
        stack.undo()
    for _ in range(2):
        stack.undo()
    assert _rows(window, ids[0])["fish"] == (None, 0.8)  # the suggestion is back
    stack.undo()
    assert all("pets/fish" not in _rows(window, pid) for pid in ids[:3])
    assert "beach" not in _rows(window, ids[4])
    for _ in range(5):
        stack.redo()
    renamed = {"pets/fish": "animals/fish", "fish": "Fish (model)"}
    assert {pid: _rows(window, pid) for pid in ids} == {
        pid: {renamed.get(name, name): row for name, row in rows.items()}
        for pid, rows in before.items()
    }
    window.details.refresh()  # and the window reads them so
    settle(qtbot, window)
    assert window.sidebar.tag_count("animals/fish") == 3


def test_a_merge_or_delete_refuses_only_the_steps_about_a_tag_it_took_away(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, ids = _window(qtbot, tmp_path)
    window.decide(ids[:2], "beach", "add")
    window.decide(ids[2:4], "seaside", "add")
    window.decide(ids[4:], "sand", "add")
    settle(qtbot, window)
    window.tools.confirm = lambda *_: True
    window.tools.ask_delete("fish")  # no change in the history is about it
    settle(qtbot, window)
    assert window.status.currentMessage() == (
        "Deleted “fish” (1 photo). The delete cannot be undone."
    )
    assert window.undo_stack.count() == 4  # the delete stands in the history, saying so

    window.tools.ask_text = lambda *_: "beach"
    window.tools.ask_rename("seaside")  # onto a tag there is: a merge into 'beach'
    settle(qtbot, window)
    assert window.status.currentMessage() == (
        "Merged “seaside” into “beach” (2 photos). "
        "1 earlier change to “seaside” can no longer be undone. The merge cannot be undone."
    )
    assert all(_rows(window, pid)["beach"][0] == "added" for pid in ids[:4])  # nothing undone
    stack = window.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Add “beach” to 2 photos",
        "Add “seaside” to 2 photos (tag merged)",
        "Add “sand” to 2 photos",
        "Delete “fish” (cannot be undone)",
        "Merge “seaside” into “beach” (cannot be undone)",
    ]

    stack.undo()  # the merge: it says it cannot be undone, and nothing moves
    assert window.status.currentMessage().startswith("Merge “seaside” into “beach” cannot be")
    stack.undo()  # the delete, likewise
    assert all(_rows(window, pid)["sand"][0] == "added" for pid in ids[4:])
    stack.undo()  # 'Add “sand”', about no tag the merge touched
    assert all("sand" not in _rows(window, pid) for pid in ids[4:])
    stack.undo()  # 'Add “seaside”': its rows were merged into 'beach'
    assert window.status.currentMessage() == (
        "Add “seaside” to 2 photos: can no longer be undone or redone; "
        "its tag was merged into “beach” since."
    )
    assert all(_rows(window, pid)["beach"][0] == "added" for pid in ids[2:4])  # left as it is
    window.label_failure.close()  # type: ignore[union-attr]
    stack.undo()  # 'Add “beach”', before the merge: still undoes
    assert all("beach" not in _rows(window, pid) for pid in ids[:2])
    assert all(_rows(window, pid)["beach"][0] == "added" for pid in ids[2:4])
    for _ in range(5):
        stack.redo()
    window.label_failure.close()  # type: ignore[union-attr]
    assert all(_rows(window, pid)["beach"][0] == "added" for pid in ids[:4])
    assert all(_rows(window, pid)["sand"][0] == "added" for pid in ids[4:])
    assert all("seaside" not in _rows(window, pid) for pid in ids)


def test_a_step_whose_tag_was_renamed_elsewhere_is_refused_not_written_under_the_old_name(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Renamed from the command line while the window is open, 'beach' is 'seaside': undoing
    'Add “beach”' would bring a 'beach' tag back beside it. It is refused and said instead; a
    step about a tag that was not touched still undoes."""
    from phototagger.core.tag_admin import rename_tag

    window, ids = _window(qtbot, tmp_path)
    window.decide(ids[:2], "beach", "add")
    window.decide(ids[2:4], "sand", "add")
    settle(qtbot, window)
    with open_library(default_home()) as other:  # the command line, meanwhile
        rename_tag(other.db, "beach", "seaside")
        rename_tag(other.db, "fish", "Fish")  # a tag no step is about
    stack = window.undo_stack
    stack.undo()  # 'Add “sand”': untouched elsewhere
    assert all("sand" not in _rows(window, pid) for pid in ids[2:4])
    stack.undo()  # 'Add “beach”'
    assert "can no longer be undone or redone" in window.status.currentMessage()
    assert "Add “beach” to 2 photos" in window.status.currentMessage()
    assert all(_rows(window, pid).get("seaside") == ("added", None) for pid in ids[:2])
    assert all("beach" not in _rows(window, pid) for pid in ids)
    window.label_failure.close()  # type: ignore[union-attr]


def test_a_take_back_of_a_no_keeps_its_words_when_a_tag_called_no_is_renamed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The ✕ that took back a "no" reads 'Take back your “no” to “cat”'. The history follows a
    rename by rewriting each quoted name: a tag called "no" renamed "nope" made the words of the
    sentence read 'Take back your “nope” to “cat”'. Only the tag's name follows now; the words
    stay, and a step about the tag "no" itself ('Add “no”') still follows it."""
    window, ids = _window(qtbot, tmp_path)
    window.decide([ids[1]], "no", "add")
    window.decide([ids[0]], "cat", "reject")
    window.decide([ids[0]], "cat", "clear")  # the ✕ of the "no": taken back
    window.decide([ids[2]], "no", "reject")
    window.decide([ids[2]], "no", "clear")  # a "no" to the tag "no", taken back
    settle(qtbot, window)
    stack = window.undo_stack
    assert stack.text(2) == "Take back your “no” to “cat”"
    assert stack.text(4) == "Take back your “no” to “no”"

    window.tools.ask_text = lambda *_: "nope"
    window.tools.ask_rename("no")
    settle(qtbot, window)
    assert [stack.text(i) for i in range(stack.count())] == [
        "Add “nope”",
        "Reject “cat”",
        "Take back your “no” to “cat”",
        "Reject “nope”",
        "Take back your “no” to “nope”",
        "Rename “no” to “nope”",
    ]
    window.tools.ask_text = lambda *_: "kitty"
    window.tools.ask_rename("cat")  # the tag the "no" was about: followed
    settle(qtbot, window)
    assert stack.text(2) == "Take back your “no” to “kitty”"

    # A tag called "no" again, merged away (onto 'yes', a tag there is): the take-back about
    # 'kitty' stays as it reads, and the Edit menu says it once Ctrl+Z has gone past the merge.
    window.decide([ids[5]], "yes", "add")
    window.decide([ids[4]], "no", "add")
    window.decide([ids[3]], "kitty", "reject")
    window.decide([ids[3]], "kitty", "clear")
    window.tools.confirm = lambda *_: True
    window.tools.ask_text = lambda *_: "yes"
    window.tools.ask_rename("no")
    settle(qtbot, window)
    assert stack.text(stack.count() - 4) == "Add “no” (tag merged)"
    assert stack.text(stack.count() - 2) == "Take back your “no” to “kitty”"
    stack.undo()  # the merge: it cannot be undone, and says so
    undo, redo = window.undo_actions
    assert undo.text() == "&Undo Take back your “no” to “kitty”"
    stack.undo()
    assert _rows(window, ids[3])["kitty"][0] == "rejected"  # the "no" is back
