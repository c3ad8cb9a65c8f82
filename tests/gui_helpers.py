"""Opening the main window on a test's library, scanning into it, and finding photos in it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.gui.location import LibraryLocation
from phototagger.gui.main_window import MainWindow
from phototagger.gui.outside_changes import POLL_MS
from phototagger.gui.retrain_train import TrainPage
from phototagger.gui.retrain_versions import VersionsPage
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import tags_of_photo
from tests.photo_factory import real_photo
from tests.scan_helpers import run_scan
from tests.switch_helpers import save_second_version, synthetic_library

JOB_TIMEOUT_MS = 90_000


def four_photos(folder: Path) -> Path:
    """chelsea (a cat), coffee, astronaut and rocket, as JPEGs in `folder`."""
    for name in ("chelsea", "coffee", "astronaut", "rocket"):
        real_photo(folder / f"{name}.jpg", name)
    return folder


def prescanned(folder: Path, engine: Any) -> Path:
    """The four photos, already scanned into the test's library (for tests about other things)."""
    four_photos(folder)
    library = open_library(default_home())
    try:
        run_scan(library, [folder], engine)
    finally:
        library.close()
    return folder


def open_window(
    qtbot: QtBot,
    engine: Any,
    tmp_path: Path,
    made: Callable[[MainWindow], object] | None = None,
) -> MainWindow:
    """The main window on the test's library, shown and active; `made` sees it first, before
    it has read anything (to follow its signals from the start)."""
    library = open_library(default_home())
    window = MainWindow(
        library,
        load_tagger=lambda _library: engine,
        location=LibraryLocation(tmp_path / "location.json"),
    )
    qtbot.addWidget(window)
    if made is not None:
        made(window)
    if not window.settings.value("window/geometry"):
        # A first start's size on a large screen: the offscreen screen is 800 x 800, and a
        # first start fits the window to its screen (gui/screen_fit.py).
        window.resize(1400, 880)
    with qtbot.waitExposed(window):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    settle(qtbot, window)
    return window


def trash_in_folder(window: MainWindow, trash: Path) -> None:
    """Delete moves files into `trash` (a plain folder the test reads), unasked."""
    trash.mkdir()

    def to_trash(path: str) -> str:
        dest = str(trash / os.path.basename(path))
        shutil.move(path, dest)
        return dest

    window.tools.confirm = lambda *_: True
    window.tools.trash = to_trash


def two_selected(qtbot: QtBot, tmp_path: Path, photos: int) -> tuple[MainWindow, str, str]:
    """A library of `photos` synthetic photos, its window, and its first two photos selected
    (click, Ctrl+click): the window and their names."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, photos)
    window = open_window(qtbot, None, tmp_path)
    first, second = shown_names(window)[:2]
    click_photo(qtbot, window, first)
    click_photo(qtbot, window, second, Qt.KeyboardModifier.ControlModifier)
    assert window.details.title.text() == "2 photos selected"
    return window, first, second


def two_versions(qtbot: QtBot, tmp_path: Path, photos: int) -> tuple[MainWindow, str]:
    """A window on `photos` synthetic photos, active, with a second model version saved beside
    v1 (v1 active): the window and that version's name."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, photos)
    version = save_second_version()
    window = open_window(qtbot, None, tmp_path)
    window.activateWindow()
    return window, version


def shown_result(qtbot: QtBot, tmp_path: Path, result: Any) -> TrainPage:
    """A window's Train page showing the training `result` (a core.retrain.TrainingResult)."""
    window = open_window(qtbot, None, tmp_path)
    page = window.retrain.train_page
    page.show_result(result)
    settle(qtbot, window)
    return page


def versions_page(
    qtbot: QtBot, tmp_path: Path, active: str, rows: int
) -> tuple[MainWindow, VersionsPage]:
    """A window on a synthetic library of 10 photos with `active` made active, its Model dock
    showing the Versions page with its `rows` versions listed."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    return shown_versions(qtbot, tmp_path, rows, active)


def shown_versions(
    qtbot: QtBot, tmp_path: Path, rows: int, active: str | None = None
) -> tuple[MainWindow, VersionsPage]:
    """A window on the library as the test left it (with `active` made active), its Model dock
    showing the Versions page with its `rows` versions listed."""
    window = open_window(qtbot, None, tmp_path)
    if active is not None:
        activate_version(window.library, active)
    window._show_retrain("versions")
    page = window.retrain.versions_page
    page.reload()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: page.table.rowCount() == rows)
    return window, page


def train_page(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, TrainPage]:
    """A window on the library as the test left it, its Model dock showing the Train page
    with the tags' answers loaded."""
    window = open_window(qtbot, None, tmp_path)
    window.resize(1400, 880)
    window._show_retrain("train")
    page = window.retrain.train_page
    page.reload()
    settle(qtbot, window)
    return window, page


def trained_page(qtbot: QtBot, tmp_path: Path) -> TrainPage:
    """train_page's, once Train New Model has run and its result is shown (not applied)."""
    window, page = train_page(qtbot, tmp_path)
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(page.train_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    return page


def applied(qtbot: QtBot, window: MainWindow) -> str:
    """The Train page's run applied (trained first, unless one is shown), and the page read
    again for the version made active; the summary it says then."""
    page = window.retrain.train_page
    if page.result is None:
        with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS):
            qtbot.mouseClick(page.train_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.retrain.activated, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    page.reload()
    settle(qtbot, window)
    return page.summary.text()


def settle(qtbot: QtBot, window: MainWindow, timeout: int = 10_000) -> None:
    """Wait until no job runs and every query has been answered."""
    qtbot.waitUntil(
        lambda: not window.busy, timeout=JOB_TIMEOUT_MS if window.jobs.busy else timeout
    )


def held_off_at_polls(qtbot: QtBot, window: MainWindow, polls: int) -> None:
    """Wait until the window's poll for other processes' commits (gui/outside_changes.py) has
    found a commit `polls` times and held its refresh off each time (the user mid-edit, a dialog
    open); fails if one of those polls did not hold it off. A poll asks whether to wait only
    once it has seen a commit not shown yet, so this waits for what a fixed wait of `polls`
    intervals and more waited for, and no longer."""
    outside = window.outside
    asked = outside._wait
    answers: list[bool] = []

    def asking() -> bool:
        answers.append(asked())
        return answers[-1]

    outside._wait = asking
    try:
        qtbot.waitUntil(
            lambda: len(answers) >= polls or not all(answers), timeout=polls * POLL_MS + 30_000
        )
    finally:
        outside._wait = asked
    assert all(answers), answers


def search_for(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type `text` into the sidebar's search box, as the user does (what was there cleared),
    press Enter, and wait for the grid."""
    search = window.sidebar.search
    search.setFocus()
    search.clear()
    qtbot.keyClicks(search, text)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(qtbot, window)


def scan(qtbot: QtBot, window: MainWindow, folder: Path) -> None:
    with qtbot.waitSignal(window.jobs.idle, timeout=JOB_TIMEOUT_MS):
        assert window.start_scan([str(folder)])
    settle(qtbot, window)


def write_keywords(qtbot: QtBot, window: MainWindow) -> str:
    """Tags > Write Keywords to Files on the chosen photos, run to its end: the status bar's
    line."""
    settle(qtbot, window)
    with qtbot.waitSignal(window.jobs.idle, timeout=JOB_TIMEOUT_MS):
        window.commands.write_keywords.trigger()
    settle(qtbot, window)
    return window.status.currentMessage()


def row_of(window: MainWindow, name: str) -> int:
    for row in range(window.model.rowCount()):
        photo = window.model.photo(row)
        if photo is not None and photo.name == name:
            return row
    raise AssertionError(f"{name} is not in the grid")


def shown_names(window: MainWindow) -> list[str]:
    names = []
    for row in range(window.model.rowCount()):
        photo = window.model.photo(row)
        assert photo is not None
        names.append(photo.name)
    return names


def choose_mark(qtbot: QtBot, window: MainWindow, box_name: str, text: str) -> None:
    """Choose `text` in the sidebar's Rating, Label or Pick box, as a click in its list does."""
    box = getattr(window.sidebar.marks, box_name)
    index = box.findText(text)
    assert index >= 0, f"no {text!r} in {[box.itemText(i) for i in range(box.count())]}"
    box.setCurrentIndex(index)
    box.activated.emit(index)
    settle(qtbot, window)


def shown_stems(window: MainWindow) -> list[str]:
    """The grid's photos' names less their suffix, sorted."""
    return sorted(Path(name).stem for name in shown_names(window))


def click_photo(
    qtbot: QtBot,
    window: MainWindow,
    name: str,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    index = window.model.index(row_of(window, name))
    window.grid.scrollTo(index)
    centre = window.grid.visualRect(index).center()
    qtbot.mouseClick(window.grid.viewport(), Qt.MouseButton.LeftButton, modifier, centre)
    settle(qtbot, window)  # the details panel follows the selection on the next event turn


def click_sidebar(
    qtbot: QtBot,
    window: MainWindow,
    label: str,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    tree = window.sidebar.tree
    found = tree.findItems(label, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)
    assert found, f"no {label!r} in the sidebar"
    item: QTreeWidgetItem = found[0]
    tree.scrollToItem(item)
    point: QPoint = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, modifier, point)
    settle(qtbot, window)


def states(window: MainWindow, path: Path) -> dict[str, tuple[str | None, float | None]]:
    """tag -> (state, confidence) of the photo at `path`, read from the library."""
    photo = get_photo_by_path(window.db, str(path))
    assert photo is not None
    return {t.name: (t.state, t.confidence) for t in tags_of_photo(window.db, photo.id)}


def open_active_viewer(qtbot: QtBot, window: MainWindow, row: int) -> Any:
    """The viewer on the grid's `row`, shown and the active window (its keys reach it)."""
    viewer = window.open_viewer(row)
    qtbot.waitExposed(viewer)
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    return viewer


def viewer_with_faces(qtbot: QtBot, tmp_path: Path, name: str) -> Any:
    """The app on the default library, the viewer on the photo `name`, loaded, B pressed (its
    faces drawn)."""
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    viewer = open_active_viewer(qtbot, window, row_of(window, name))
    qtbot.waitUntil(lambda: not viewer.canvas.item.pixmap().isNull(), timeout=5000)
    qtbot.keyClick(viewer, Qt.Key.Key_B)
    return viewer


def delete_sidebar_tag(qtbot: QtBot, window: MainWindow) -> list[str]:
    """Delete on the sidebar's selected tag, answering the question yes; returns the question."""
    from tests.modal_helpers import answer_next_modal, say_yes

    window.activateWindow()  # offscreen, no window is active again once a dialog has gone
    qtbot.waitUntil(window.isActiveWindow)
    asked = answer_next_modal(say_yes)
    qtbot.keyClick(window.sidebar.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window)
    return asked


def rename_tag(qtbot: QtBot, window: MainWindow, name: str, new: str) -> str:
    """Rename Tag on `name` (the sidebar's F2), `new` typed in its question: the status line."""
    window.tools.ask_text = lambda *_: new
    window.tools.ask_rename(name)
    settle(qtbot, window)
    return window.status.currentMessage()


def review_window(qtbot: QtBot, tmp_path: Path, tag: str = "animal") -> tuple[MainWindow, Any]:
    """A window on 40 synthetic photos with the Review tab's queue loaded for `tag`: the
    window and its review page."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 40)
    window = open_window(qtbot, None, tmp_path)
    window._show_retrain("review")
    page = window.retrain.review_page
    page.load(tag)
    settle(qtbot, window)
    return window, page


def review_tab(qtbot: QtBot, engine: Any, tmp_path: Path, tag: str) -> tuple[MainWindow, Any]:
    """A window on the test's library, the Review tab opened with Ctrl+E and `tag`'s queue
    loaded: the window and its review page."""
    window = open_window(qtbot, engine, tmp_path)
    qtbot.keyClick(window.grid, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    page = window.retrain.review_page
    page.load(tag)
    settle(qtbot, window)
    return window, page


def sort_on_disk(key: str) -> tuple[str, str]:
    """The sort a view keeps in the window's settings file, read back from the disk (not the
    window's settings object, which could hold it in memory): its column and which way."""
    on_disk = QSettings(str(default_home().window_settings), QSettings.Format.IniFormat)
    return str(on_disk.value(f"{key}/sort-column")), str(on_disk.value(f"{key}/sort-order"))
