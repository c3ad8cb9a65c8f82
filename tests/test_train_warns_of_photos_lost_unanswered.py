"""Issue 8, "See before you apply": the lead taught "kitchen things" from 10 photos and answered a
review round; the next version took the tag off 3 right photos nobody had answered (a ladle, a
corkscrew, a can opener), and the Train page said "-3" with their thumbnails, nothing more: Apply
lost them. A version that takes a taught tag off photos nobody said no to now says so beside the
tag, before Apply: `train` (text, and --json's removed_unanswered), and the Train page (a ⚠ line
under its table of changes, each photo of the preview answerable there: a yes keeps the tag).
One that takes it off only photos the user said no to warns of nothing: that is what they asked.

The library: 300 photos with embeddings in a real SQLite library, a tag taught from 10 yes and
30 no and applied (v2 puts it on 62 photos more), then a "no" on its 2 closest calls: the next
version, trained by the real trainer, raises its cut and takes it off 34 photos nobody answered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import TrainingResult, train_candidate
from phototagger.gui.main_window import MainWindow
from phototagger.gui.retrain_train import SETTLE_MS, TrainPage
from phototagger.paths import default_home
from phototagger.store.tags import decisions_on
from tests.cli_helpers import run
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library

TAG = "pets"
WARNED = "that you never said no to"


def _taught_and_applied() -> tuple[list[int], list[int]]:
    """The library's photos, and those the applied version put the tag on unanswered, its
    closest calls last."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 300)
        labels.apply_edits(lib.db, labels.decision_edits(ids[:10], TAG, "add"))
        labels.apply_edits(lib.db, labels.decision_edits(ids[10:40], TAG, "reject"))
        first = train_candidate(lib)
        gained = next(c for c in first.changes if c.tag == TAG).added_ids
        activate_version(lib, first.version)
    assert len(gained) > 20, gained
    return ids, gained


def _said_no(photos: list[int]) -> None:
    with open_library(default_home()) as lib:
        labels.apply_edits(lib.db, labels.decision_edits(photos, TAG, "reject"))


def _paths(photos: list[int]) -> set[str]:
    return {f"/synthetic/{i - 1:06d}.jpg" for i in photos}


def test_train_warns_of_photos_it_takes_a_taught_tag_off_unanswered(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids, gained = _taught_and_applied()
    assert _paths(ids[:1]) == {"/synthetic/000000.jpg"}  # ids from 1, in the folder's order
    _said_no(gained[-2:])  # its 2 closest calls: the next version cuts higher
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0
    [change] = [c for c in json.loads(out)["changes"] if c["tag"] == TAG]
    lost = change["removed_unanswered_paths"]
    assert change["removed"] > 2 and change["removed_unanswered"] == change["removed"] == len(lost)
    # The photos the applied version tags and nobody answered about, none of the two said no to.
    assert set(lost) <= _paths(gained[:-2]) and not set(lost) & _paths(gained[-2:])
    n = change["removed"]
    # It names the closest calls (lost comes surest off first): those worth a look.
    assert change["warning"].startswith(
        f"{n} photos would lose '{TAG}' {WARNED}: look at them before you apply (the closest "
        f"calls first): {lost[-1]}, {lost[-2]}, {lost[-3]} and {n - 3} more"
    ), change["warning"]

    # In words, beside the tag's line of changes; made active, it says they lost it.
    code, out, _ = run(capsys, "train")
    assert code == 0
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"  {TAG}: +"))
    applied = "v4 is now active" in out
    said = f"lost '{TAG}' {WARNED}: look at them" if applied else f"would lose '{TAG}' {WARNED}"
    assert lines[at + 1].startswith(f"    warning: {n} photos {said}"), lines[at : at + 2]
    assert f"and {n - 3} more (--json lists all); if one shows {TAG}, " in lines[at + 1]
    assert "phototagger label PATH --add pets " in lines[at + 1]


def test_a_version_that_drops_only_photos_answered_no_warns_of_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids, gained = _taught_and_applied()
    _said_no(gained)  # every photo the applied version put the tag on unanswered
    # Another tag taught in the same round, which goes on photos (a change to read).
    with open_library(default_home()) as lib:
        labels.apply_edits(lib.db, labels.decision_edits(ids[200:210], "music", "add"))
        labels.apply_edits(lib.db, labels.decision_edits(ids[210:240], "music", "reject"))
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0
    changes = {c["tag"]: c for c in json.loads(out)["changes"]}
    # The tag said no to changes no photo nobody answered: its "no" answers took it off.
    assert changes.get(TAG, {"removed": 0})["removed"] == 0, changes
    assert changes["music"]["added"] > 0, changes
    for change in changes.values():
        assert (change["removed_unanswered"], change["removed_unanswered_paths"]) == (0, [])
        assert change["warning"] is None
    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0 and "  music: +" in out and WARNED not in out and "warning:" not in out, out


def test_a_tag_whose_answers_were_all_taken_back_is_taken_off_without_a_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Taken off every photo, nobody having said no to one: what the user asked for, by taking
    back every answer (its own words say so), not a loss to warn of."""
    ids, gained = _taught_and_applied()
    with open_library(default_home()) as lib:
        labels.apply_edits(lib.db, labels.decision_edits(ids[:40], TAG, "clear"))
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0
    result = json.loads(out)
    assert result["counts"]["taken_back"]["tags"] == [TAG]
    [change] = [c for c in result["changes"] if c["tag"] == TAG]
    # Its 10 yes answers taken back too: every photo it was on, none answered now.
    assert change["removed"] == change["before"] == len(gained) + 10 and change["after"] == 0
    assert (change["removed_unanswered"], change["warning"]) == (0, None)
    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0 and WARNED not in out, out


def _row(table: QTableWidget, tag: str) -> int:
    return next(r for r in range(table.rowCount()) if (i := table.item(r, 0)) and i.text() == tag)


def test_the_train_page_warns_and_a_yes_in_its_preview_keeps_the_tag(
    qtbot: QtBot, tmp_path: Path
) -> None:
    _ids, gained = _taught_and_applied()
    _said_no(gained[-2:])
    with open_library(default_home()) as lib:
        result: TrainingResult = train_candidate(lib)
    n = next(c for c in result.changes if c.tag == TAG).removed
    assert n > 2
    window = open_window(qtbot, None, tmp_path)
    page = window.retrain.train_page
    view = page.changes
    page.show_result(result)
    settle(qtbot, window)
    words = f"{n} photos would lose “{TAG}” {WARNED}: look at them before you apply"
    assert view.lost_note.isVisibleTo(window) and words in view.lost_note.text()
    assert "right-click one to answer: a yes keeps the tag on it" in view.lost_note.text()
    removed_cell = view.table.item(_row(view.table, TAG), 3)
    assert removed_cell is not None and removed_cell.text() == f"-{n}"
    assert words in removed_cell.toolTip()
    # Its link shows the photos; a yes on one, from its menu, keeps the tag on it.
    view.table.clearSelection()
    view.lost_note.linkActivated.emit(f"#show:{TAG}")
    qtbot.waitUntil(lambda: view.preview.count() > 0)
    entry = next(
        view.preview.item(r)
        for r in range(view.preview.count())
        if view.preview.item(r).text().startswith("✕")
    )
    photo = int(entry.data(view_photo_role()))
    view.preview.customContextMenuRequested.emit(view.preview.visualItemRect(entry).center())
    assert view.menu is not None
    yes = next(a for a in view.menu.actions() if a.text() == f"Yes, it shows “{TAG}”")
    view.menu.close()
    yes.trigger()
    words = f"{n - 1} photos would lose “{TAG}” {WARNED}"
    qtbot.waitUntil(lambda: words in view.lost_note.text())
    settle(qtbot, window)
    assert decisions_on(window.db, TAG)[photo] in ("added", "accepted")
    removed_cell = view.table.item(_row(view.table, TAG), 3)
    assert removed_cell is not None and removed_cell.text() == f"-{n - 1}"
    # "No" on one is an answer too: it leaves the warning's count, as the user asked.
    qtbot.waitUntil(lambda: view.preview.count() > 0)
    entry = next(
        view.preview.item(r)
        for r in range(view.preview.count())
        if view.preview.item(r).text().startswith("✕")
    )
    view.preview.customContextMenuRequested.emit(view.preview.visualItemRect(entry).center())
    assert view.menu is not None
    no = next(a for a in view.menu.actions() if a.text().startswith("No, it does not show"))
    view.menu.close()
    no.trigger()
    qtbot.waitUntil(lambda: f"{n - 2} photos would lose" in view.lost_note.text())


def view_photo_role() -> int:
    from phototagger.gui.retrain_changes import _PHOTO

    return int(_PHOTO)


def _short_page_with_result(
    qtbot: QtBot, tmp_path: Path, height: int
) -> tuple[MainWindow, TrainPage, int]:
    """The Train page, in a window `height` px tall (the page scrolls), showing a run that
    takes the tag off photos nobody answered (the applied version's, but its 2 closest calls
    said no to), its photos in and the page left to the user; and how many it takes it off."""
    _ids, gained = _taught_and_applied()
    _said_no(gained[-2:])
    with open_library(default_home()) as lib:
        result: TrainingResult = train_candidate(lib)
    n = next(c for c in result.changes if c.tag == TAG).removed
    window = open_window(qtbot, None, tmp_path)
    window.resize(1100, height)
    page = window.retrain.train_page
    window.retrain_dock.show()
    window.retrain_dock.raise_()
    page.show_result(result)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: page.changes.preview.count() > 0)
    qtbot.waitUntil(lambda: page.scroll_area.verticalScrollBar().maximum() > 0)
    qtbot.wait(SETTLE_MS * 2)  # the page has scrolled to the result, and left the bar to us
    return window, page, n


def test_an_answer_in_the_preview_leaves_the_page_where_it_was(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """walk64: answering the preview's photos one after another (right-click, "No, …"), the
    Train page jumped down to its table of scores after each answer (the preview, holding the
    keys since the right-click, was hidden while its tag's row was filled again, and the page
    scrolled to the widget the keys went to): the photo next to answer was out of view."""
    window, page, n = _short_page_with_result(qtbot, tmp_path, 600)
    view = page.changes
    bar = page.scroll_area.verticalScrollBar()
    page.scroll_area.ensureWidgetVisible(view.preview)
    # As its menu's "No, it does not show …" answers (its popup, offscreen, takes the window's
    # keys away for good: the keys are where a right-click leaves them, on the photos).
    photo = int(view.preview.item(0).data(view_photo_role()))
    view.preview.setFocus()
    qtbot.waitUntil(view.preview.hasFocus)
    at = bar.value()
    view.decided.emit([photo], TAG, "reject")
    qtbot.waitUntil(lambda: f"{n - 1} photos would lose" in view.lost_note.text())
    qtbot.waitUntil(lambda: view.preview.count() > 0)
    settle(qtbot, window)
    qtbot.wait(100)
    # The page has not moved, and the keys are on the photos again.
    assert bar.value() == at, (at, bar.value(), bar.maximum())
    assert view.preview.hasFocus()


def test_show_them_brings_the_photos_into_view(qtbot: QtBot, tmp_path: Path) -> None:
    """walk64: on a dock shorter than the Train page, the warning's "show them" did nothing
    that could be seen: it selects the tag's row, selected already (one tag taught), and the
    photos stayed below the fold. It scrolls the page to the preview's first row."""
    _window, page, _n = _short_page_with_result(qtbot, tmp_path, 420)
    view = page.changes
    page.scroll_area.verticalScrollBar().setValue(
        0
    )  # the user scrolled up to read the page from its top

    def first_row_in_view() -> bool:
        viewport = page.scroll_area.viewport()
        top = view.preview.mapTo(viewport, QPoint(0, 0)).y()
        return top >= 0 and top + view.preview.first_row_bottom() <= viewport.height()

    assert not first_row_in_view()
    view.lost_note.linkActivated.emit(f"#show:{TAG}")
    qtbot.waitUntil(first_row_in_view, timeout=5000)
