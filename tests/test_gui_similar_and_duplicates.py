"""Find Similar ranks the grid by likeness; Find Duplicates groups copies, and moving the spare
ones to the system trash is asked, real, and undone by Ctrl+Z."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from phototagger.core.library import open_library
from phototagger.core.trash import photo_paths
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, four_photos, open_window, settle, shown_names
from tests.modal_helpers import answer_next_modal, say_yes
from tests.scan_helpers import run_scan
from tests.test_similar_and_duplicates import library_with_copies


def test_find_similar_from_key_and_context_menu(qtbot, engine, tmp_path: Path) -> None:
    library_with_copies(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "chelsea.jpg")
    qtbot.keyClick(
        window.grid,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    settle(qtbot, window)
    names = shown_names(window)
    assert names[0] == "chelsea.jpg" and len(names) == 7
    assert set(names[1:4]) == {"chelsea-small.jpg", "chelsea-q35.jpg", "chelsea.jpg"}
    assert window.header.text().startswith("Photos like chelsea.jpg, most similar first")
    assert not window.commands.sort["name"].isEnabled()  # the order is likeness

    window.sidebar.show_everything()
    settle(qtbot, window)
    assert window.commands.sort["name"].isEnabled()
    click_photo(qtbot, window, "coffee.jpg")
    menu_texts = []
    from phototagger.gui.context_menus import photo_menu

    menu = photo_menu(window, window.tools)
    menu_texts = [(a.text(), a.shortcut().toString()) for a in menu.actions() if a.text()]
    assert ("Find &Similar Photos", "Ctrl+Shift+F") in menu_texts
    assert ("Move to &Trash", "Del") in menu_texts
    next(a for a in menu.actions() if a.text() == "Find &Similar Photos").trigger()
    settle(qtbot, window)
    assert shown_names(window)[0] == "coffee.jpg"

    window.sidebar.show_everything()  # All photos again
    settle(qtbot, window)
    assert window.header.text().startswith("All photos")


def test_duplicates_to_trash_and_back(qtbot, engine, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    files = library_with_copies(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    dialog = window.tools.open_duplicates()
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=20_000)
    items = dialog.photo_items()
    assert len(dialog.groups) == 1 and len(items) == 4
    assert dialog.summary.text().startswith("1 group of duplicates (3 spare copies).")
    kept = [i.text(0) for i in items if i.checkState(0) == Qt.CheckState.Checked]
    assert len(kept) == 1 and Path(kept[0]).name == "chelsea.jpg"  # full size is kept
    spare = {Path(i.text(0)) for i in items} - {Path(kept[0])}

    asked = answer_next_modal(say_yes)
    qtbot.mouseClick(dialog.trash_button, Qt.MouseButton.LeftButton)
    assert asked and "Move 3 photos to the system trash" in asked[0]
    settle(qtbot, window)
    trash = tmp_path / "xdg" / "Trash" / "files"
    assert not any(p.exists() for p in spare) and len(list(trash.iterdir())) == 3
    assert Path(kept[0]).exists() and files["coffee.jpg"].exists()
    qtbot.waitUntil(
        lambda: not dialog.groups and "No duplicates" in dialog.summary.text(), timeout=20_000
    )
    settle(qtbot, window)
    assert sorted(shown_names(window)) == [
        "astronaut.jpg",
        "chelsea.jpg",
        "coffee.jpg",
        "rocket.jpg",
    ]

    window.undo_stack.undo()
    settle(qtbot, window)
    assert all(p.exists() for p in spare) and not list(trash.iterdir())
    assert len(shown_names(window)) == 7
    # The photos brought back are the selection again, one of them current.
    back = photo_paths(window.db, window.grid.selected_ids())
    assert {Path(p) for p in back.values()} == spare
    assert window.current_photo_id() in window.grid.selected_ids()


def test_duplicates_search_shows_progress_and_cancels(
    qtbot, engine, tmp_path: Path, monkeypatch
) -> None:
    """The search runs on the job runner: its reports reach the dialog's bar, Cancel (here, or
    in the status bar) stops it with nothing shown, and the window goes on meanwhile."""
    import threading

    from phototagger.core.jobs import Progress
    from phototagger.gui import duplicates_dialog

    library_with_copies(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    reports: list[Progress] = []
    window.jobs.progress.connect(reports.append)
    dialog = window.tools.open_duplicates()
    assert dialog.searching and dialog.progress.isVisibleTo(dialog)
    assert dialog.cancel_button.isVisibleTo(dialog) and window.jobs.title == "Finding duplicates"
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=20_000)
    assert not dialog.searching and not dialog.progress.isVisibleTo(dialog)
    assert not dialog.cancel_button.isVisibleTo(dialog) and dialog.search_button.isEnabled()
    steps = [r for r in reports if r.phase == "comparing photos"]
    assert steps and steps[-1].total and steps[-1].done == steps[-1].total
    # Then the pairs the embeddings proposed are checked on their pixels, the bar following.
    checks = [r for r in reports if r.phase == "comparing pixels"]
    assert checks and checks[-1].total and checks[-1].done == checks[-1].total
    assert dialog.progress.maximum() == checks[-1].total

    # The real search, held at its start until Cancel has been clicked: it then stops at its
    # first check of the token (no photo compared, nothing shown).
    gate = threading.Event()
    real = duplicates_dialog.find_copies

    def held(*args, **kwargs):
        assert gate.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(duplicates_dialog, "find_copies", held)
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    assert dialog.searching and not dialog.groups and dialog.tree.topLevelItemCount() == 0
    assert window.status.job.isVisibleTo(window)  # the status bar shows the job too
    qtbot.wait(200)  # the GUI thread is free while the search runs
    assert window.jobs.busy and dialog.searching
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == "Stopping…" and not dialog.cancel_button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.searching, timeout=20_000)
    assert "Search stopped" in dialog.summary.text() and not dialog.groups
    assert dialog.tree.topLevelItemCount() == 0 and not dialog.trash_button.isEnabled()
    settle(qtbot, window)

    # Searching again (for real) finds the group again; closing the dialog during a search
    # cancels it.
    monkeypatch.setattr(duplicates_dialog, "find_copies", real)
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=20_000)
    assert len(dialog.groups) == 1
    gate.clear()
    monkeypatch.setattr(duplicates_dialog, "find_copies", held)
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    dialog.reject()
    assert window.jobs.cancelling
    gate.set()
    settle(qtbot, window)
    assert not dialog.searching and "Search stopped" in dialog.summary.text()


def test_duplicates_wait_for_a_running_job(qtbot, engine, tmp_path: Path) -> None:
    """While another job runs (a scan), Find Duplicates says so instead of queueing silently."""
    import threading

    library_with_copies(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    gate = threading.Event()
    assert window.jobs.start("Scanning pics", lambda *_: gate.wait(20))
    dialog = window.tools.open_duplicates()
    assert not dialog.searching and "Scanning pics is running" in dialog.summary.text()
    assert dialog.search_button.isEnabled()
    gate.set()
    settle(qtbot, window)
    qtbot.mouseClick(dialog.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=20_000)
    assert len(dialog.groups) == 1


def test_one_spare_copy_is_said_in_the_singular(qtbot, engine, tmp_path: Path) -> None:
    pics = four_photos(tmp_path / "pics")
    (pics / "copies").mkdir()
    shutil.copy(pics / "coffee.jpg", pics / "copies" / "coffee.jpg")
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
    window = open_window(qtbot, engine, tmp_path)
    dialog = window.tools.open_duplicates()
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=20_000)
    assert dialog.summary.text().startswith("1 group of duplicates (1 spare copy).")
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return False  # "No": nothing moves

    window.tools.confirm = confirm
    assert not window.tools.move_photos_to_trash([dialog.groups[0].photo_ids[-1]])
    assert asked == [
        "Move this photo to the system trash? Undo (Ctrl+Z) brings it back while the app "
        "runs; after that, restore it from the trash."
    ]
