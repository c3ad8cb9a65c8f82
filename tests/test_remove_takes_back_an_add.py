"""`label PHOTO --add cat` then `label PHOTO --remove cat` left a "no" on cat where the model
also suggests it: the user took back their own add, and found a rejection they never said.
Removing takes the user's own decision back now, a yes as a "no": the photo is as the model sees
it, its suggestion back where the active version makes one. Saying no is --reject (R, the ✕ of
a suggestion). The details panel's ✕ on a tag the user added or accepted does the same, where it
left a "no" too; R still says no there (issue 8: R records a rejection of any tag)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from phototagger.gui.main_window import MainWindow
from phototagger.gui.tag_list import REMOVE_TIP
from phototagger.store.photos import get_photo_by_path
from tests.cli_helpers import run
from tests.gui_helpers import click_photo, open_window, prescanned, states
from tests.photo_factory import real_photo


def _tags(capsys: pytest.CaptureFixture[str], photo: Path) -> dict[str, tuple[str, float]]:
    code, out, _ = run(capsys, "tags", "--json", str(photo))
    assert code == 0
    return {t["name"]: (t["state"], t["confidence"]) for t in json.loads(out)["tags"]}


def _cat_shown(qtbot, engine, tmp_path: Path) -> tuple[MainWindow, Path, tuple[Any, Any]]:
    """The window on the four photos, chelsea.jpg's details shown, and the model's suggestion
    of cat on it."""
    pics = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    photo = pics / "chelsea.jpg"
    click_photo(qtbot, window, "chelsea.jpg")
    return window, photo, states(window, photo)["cat"]


def test_label_remove_after_add_takes_the_add_back(
    scans_with_engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cat = real_photo(tmp_path / "Pictures" / "cat.jpg", "chelsea")
    assert run(capsys, "scan", "--quiet", str(cat.parent))[0] == 0
    before = _tags(capsys, cat)
    assert before["cat"][0] == "suggested"  # the model puts cat on it

    assert run(capsys, "label", str(cat), "--add", "cat", "--add", "Mimi")[0] == 0
    assert (_tags(capsys, cat)["cat"][0], _tags(capsys, cat)["Mimi"][0]) == ("accepted", "added")
    code, out, err = run(capsys, "label", str(cat), "--remove", "cat", "--remove", "Mimi")
    assert (code, out, err) == (0, "removed 'cat' and 'Mimi' from 1 photo\n", "")
    assert _tags(capsys, cat) == before  # cat as the model suggests it, its score; Mimi gone

    # A "no" taken back and a yes taken back leave the same; --reject says no and it sticks.
    assert run(capsys, "label", str(cat), "--reject", "cat")[0] == 0
    assert run(capsys, "label", str(cat), "--add", "cat")[0] == 0
    assert _tags(capsys, cat)["cat"][0] == "added"  # a "no" turned yes: added
    assert run(capsys, "label", str(cat), "--remove", "cat")[0] == 0
    assert _tags(capsys, cat) == before
    assert run(capsys, "label", str(cat), "--reject", "cat")[0] == 0
    assert _tags(capsys, cat)["cat"][0] == "rejected"


def test_the_details_panels_x_on_a_tag_you_added_takes_the_add_back(
    qtbot, engine, tmp_path: Path
) -> None:
    window, photo, suggested = _cat_shown(qtbot, engine, tmp_path)
    assert suggested[0] is None
    # R on the suggestion, then A on the "no": the user's own yes, 'you added it'.
    for action in ("reject", "accept"):
        rows = {row.entry.name: row for row in window.details.tags.rows}
        button = rows["cat"].reject_button if action == "reject" else rows["cat"].accept_button
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert states(window, photo)["cat"][0] == "added"
    rows = {row.entry.name: row for row in window.details.tags.rows}
    assert rows["cat"].reject_button.toolTip() == REMOVE_TIP

    qtbot.mouseClick(rows["cat"].reject_button, Qt.MouseButton.LeftButton)
    assert states(window, photo)["cat"] == suggested  # the model's suggestion, not a "no"
    rows = {row.entry.name: row for row in window.details.tags.rows}
    assert rows["cat"].entry.state is None
    assert rows["cat"].entry.source.startswith("suggested by model v1")
    said = window.status.currentMessage()
    assert said == "Removed “cat”: the model still suggests it (R to reject) (Ctrl+Z to undo)"
    # Ctrl+Z brings the add back.
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert states(window, photo)["cat"][0] == "added"
    # R on it says no (issue 8: R records a rejection of any tag), where the ✕ took it back.
    tags = window.details.tags
    tags.highlight([r.entry.name for r in tags.rows].index("cat"))
    assert tags.decide_highlighted("reject")
    assert states(window, photo)["cat"][0] == "rejected"


def test_the_x_on_an_accepted_tag_takes_the_yes_back_and_r_says_no(
    qtbot, engine, tmp_path: Path
) -> None:
    """A suggestion accepted (the ✓, or its name typed where the model suggests it: `label
    --add` makes it 'accepted') and then ✕'d: `label --remove` takes that yes back, and the
    panel's ✕ recorded a "no" the user never said. R on a tag the user said yes to still says
    no: issue 8 asks R to record a rejection of any tag on any photo."""
    window, photo, suggested = _cat_shown(qtbot, engine, tmp_path)
    rows = {row.entry.name: row for row in window.details.tags.rows}
    qtbot.mouseClick(rows["cat"].accept_button, Qt.MouseButton.LeftButton)
    assert states(window, photo)["cat"][0] == "accepted"
    rows = {row.entry.name: row for row in window.details.tags.rows}
    assert rows["cat"].reject_button.toolTip() == REMOVE_TIP
    qtbot.mouseClick(rows["cat"].reject_button, Qt.MouseButton.LeftButton)
    assert states(window, photo)["cat"] == suggested  # the suggestion again, not a "no"

    # The yes again, then R on it (the details panel's highlighted tag): a "no".
    rows = {row.entry.name: row for row in window.details.tags.rows}
    qtbot.mouseClick(rows["cat"].accept_button, Qt.MouseButton.LeftButton)
    tags = window.details.tags
    tags.highlight([r.entry.name for r in tags.rows].index("cat"))
    assert tags.decide_highlighted("reject")
    assert states(window, photo)["cat"][0] == "rejected"


def test_the_x_on_a_yes_since_said_no_to_says_it_took_the_no_back(
    qtbot, engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The panel shows the user's yes to cat, and a "no" is said on the command line meanwhile:
    the ✕ on the yes still shown takes that "no" back, and the status line said "Removed “cat”",
    as if a tag had gone. It says what it did, in the command line's words."""
    window, photo, suggested = _cat_shown(qtbot, engine, tmp_path)
    rows = {row.entry.name: row for row in window.details.tags.rows}
    qtbot.mouseClick(rows["cat"].accept_button, Qt.MouseButton.LeftButton)
    assert run(capsys, "label", str(photo), "--reject", "cat")[0] == 0
    rows = {row.entry.name: row for row in window.details.tags.rows}
    assert rows["cat"].entry.state == "accepted"  # the panel has not read the "no"
    qtbot.mouseClick(rows["cat"].reject_button, Qt.MouseButton.LeftButton)
    assert states(window, photo)["cat"] == suggested
    assert window.status.currentMessage() == (
        "Took back your “no” to “cat”: the model still suggests it (R to reject) (Ctrl+Z to undo)"
    )
    # Its undo step says what it did too: it read "Remove “cat”" ("Undone: Remove “cat”").
    took_back = "Take back your “no” to “cat”"
    assert window.undo_stack.undoText() == took_back
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert states(window, photo)["cat"][0] == "rejected"
    assert window.status.currentMessage() == f"Undone: {took_back} (Ctrl+Shift+Z to redo)"
    assert window.undo_stack.redoText() == took_back
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, redo)
    assert states(window, photo)["cat"] == suggested
    assert window.status.currentMessage() == f"Redone: {took_back} (Ctrl+Z to undo)"

    # On several photos, counted as the other steps are ("Remove “cat” from 2 photos").
    both = [photo, photo.with_name("coffee.jpg")]
    for path in both:
        assert run(capsys, "label", str(path), "--reject", "cat")[0] == 0
    ids = [get_photo_by_path(window.db, str(path)).id for path in both]  # type: ignore[union-attr]
    window.decide(ids, "cat", "clear")
    assert window.status.currentMessage().startswith("Took back your “no” to “cat” on 2 photos")
    assert window.undo_stack.undoText() == "Take back your “no” to “cat” on 2 photos"
