"""The main window: grid in the middle, sidebar on the left, details and retraining on the right,
status bar below. It wires the parts together; each part lives in its own module."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QWidget,
)

from phototagger.core import labels
from phototagger.core.errors import PhototaggerError
from phototagger.core.face_naming import (
    kind_at,
    name_to_give,
    naming_edits,
    remember_naming,
)
from phototagger.core.library import Library
from phototagger.core.model.activation import changed_words
from phototagger.core.model.listing import scored_tags
from phototagger.core.near_meaning import near_meaning
from phototagger.core.photos_view import photo_at
from phototagger.core.queries import (
    ORDERS,
    GridFilter,
    LibraryOverview,
    overview,
    photo_ids,
    stored_order,
)
from phototagger.core.tag_admin import shown_name
from phototagger.core.try_again import TriedAgain, unwritten
from phototagger.core.wording import WAITING, counted
from phototagger.gui import help_dialogs, reject_any
from phototagger.gui.actions import Actions, undo_icons
from phototagger.gui.centre import COUNT_AFTER, Centre
from phototagger.gui.details import DetailsPanel
from phototagger.gui.dock_shares import DockShares
from phototagger.gui.grid_controller import GridController
from phototagger.gui.grid_model import PhotoGridModel
from phototagger.gui.grid_view import GridView
from phototagger.gui.in_view import in_view
from phototagger.gui.job_control import JobControl, JobViews
from phototagger.gui.jobs import JobRunner
from phototagger.gui.keywords_write import KeywordWriter
from phototagger.gui.library_tools import LibraryTools
from phototagger.gui.location import LibraryLocation
from phototagger.gui.outside_changes import OutsideChanges, user_mid_edit
from phototagger.gui.quotes import quoted
from phototagger.gui.reader import LibraryReader
from phototagger.gui.remembered_view import ViewKeeper
from phototagger.gui.resources import app_icon
from phototagger.gui.screen_fit import fit_restored, resize_within_screen
from phototagger.gui.sidebar import Sidebar
from phototagger.gui.sidebar_trees import TAG_ORDERS
from phototagger.gui.status import StatusBar
from phototagger.gui.tagger import LoadTagger, TaggerCache, active_version, device_text
from phototagger.gui.thumbnails import ThumbnailCache
from phototagger.gui.undo import FaceNameCommand, LabelCommand
from phototagger.gui.window_state import read_int, read_str, window_settings

LAST_PHOTO_KEY = "view/current-photo"  # the path of the photo current when the window closed
MODEL_PAGE_KEY = "view/model-page"  # the Model dock's page: train, versions or review
REVIEW_TAG_KEY = "view/review-tag"  # the tag the Review page was on
# The height the user dragged the Review page's photo to (gui/review_split.py); -1: as placed.
REVIEW_PHOTO_KEY = "view/review-photo-height"
# The tag the last run applied taught, and the library's count of tag changes then.
TAUGHT_TAG_KEY = "view/taught-tag"
TAUGHT_MARK_KEY = "view/taught-tag-mark"

DOCK_WIDTHS = [240, 340]  # a first start's sidebar and details panel
# The width the sidebar needed at the font the layout was saved under (Sidebar.first_width).
SIDEBAR_NEEDED_KEY = "window/sidebar_needed"
GRID_COLUMNS = 3  # the columns of thumbnails a narrow window keeps, the side panels narrowing
QUIT_WAIT_MS = 800  # closing during a job: how long the window waits for it to stop
BIG_EDIT = 2000  # label changes on more photos than this show a busy cursor while they run


@contextmanager
def busy_cursor(count: int) -> Iterator[None]:
    """Edits of thousands of photos run in one transaction on the GUI thread (they must be one
    undo step); a busy cursor says so."""
    if count <= BIG_EDIT:
        yield
        return
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class MainWindow(QMainWindow):
    def __init__(
        self,
        library: Library,
        load_tagger: LoadTagger | None = None,
        settings: QSettings | None = None,
        location: LibraryLocation | None = None,
    ) -> None:
        super().__init__()
        self.location = location
        self.library = library
        self.db = library.db
        self.settings = settings or window_settings(library.home)
        self.setWindowTitle("phototagger")
        self.setWindowIcon(app_icon())
        self.taggers = TaggerCache(load_tagger) if load_tagger else TaggerCache()
        # Two readers: the grid's queries must not wait behind the library's statistics.
        self.reader = LibraryReader(library.home, self)
        self.stats = LibraryReader(library.home, self)
        self.jobs = JobRunner(library.home, self)
        self.undo_stack = QUndoStack(self)
        self.label_failure: QMessageBox | None = None  # the last refused write, as shown
        self._refusals = 0  # how many writes were refused (label_failed), to say no more then
        side = read_int(self.settings, "grid/side", 160, 96, 320)
        self.thumbnails = ThumbnailCache(library.thumbnails_dir, side, parent=self)
        self.model = PhotoGridModel(self.db, self.thumbnails)
        self.grid = GridView(self.model, side)
        order = read_str(self.settings, "grid/order", "taken", set(ORDERS))
        self.controller = GridController(self.grid, self.reader, order, self)
        self.overview = LibraryOverview(0, 0, 0, 0, [], [], [])
        self._first_overview = True  # the library's counts read at start: a scan to go on with?
        self._overview_timer = QTimer(self, singleShot=True, interval=200)
        self._overview_timer.timeout.connect(self.load_overview)
        # Photos the user's own change took out of the filter, kept in view until F5: the
        # header counts them apart, as the sidebar no longer counts them (_check_matching).
        self._overview_timer.timeout.connect(self._check_matching)
        self._no_longer_matching = 0
        self._keys_after_search = False  # Enter searched: the grid takes the keys once read
        # Selecting, restoring a selection and moving the current photo each signal; the
        # details panel follows once per turn of the event loop, not three times.
        self._details_timer = QTimer(self, singleShot=True, interval=0)
        self._details_timer.timeout.connect(self._show_details)
        # The view is written a moment after it changes, once for a burst of changes.
        self._save_timer = QTimer(self, singleShot=True, interval=1000)
        self._save_timer.timeout.connect(self.save_view)
        self._returning: Callable[[], None] | None = None  # going back to last time's photo

        self.sidebar = Sidebar()
        self.sidebar.ask_names_found = self.controller.ask_names_found
        self.details = DetailsPanel(self.db, self.reader, self.thumbnails)
        self.details.scored_tags = lambda version: scored_tags(self.library, version)
        self.details.likeness = lambda photo_id: self.model.likeness_text(photo_id)
        self.status = StatusBar()
        self.status.size_slider.setValue(side)
        self.setStatusBar(self.status)
        # Thumbnails that cannot be saved (a full disk): said once, not per thumbnail, nor
        # again after a scan's end said it (ThumbnailCache.first_said).
        self.thumbnails.unwritten.connect(lambda words: self.status.showMessage(words, 60_000))
        self.thumbnails.writable.connect(self._thumbnails_writable)
        self.centre = Centre(self.grid)
        self.header = self.centre.header
        self.empty_button = self.centre.add_button
        self.empty_button.clicked.connect(self.add_folder)
        self.centre.show_all.clicked.connect(self.sidebar.show_everything)
        self.setCentralWidget(self.centre)
        self.sidebar_dock = self._dock(
            "Library", "sidebarDock", self.sidebar, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.details_dock = self._dock(
            "Details", "detailsDock", self.details, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.retrain_dock = self._dock(
            "Model", "retrainDock", self._retrain_widget(), Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.details_dock, self.retrain_dock)
        self.details_dock.raise_()
        self.commands = Actions(self)
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        undo_icons(undo, redo)
        self.undo_actions = [undo, redo]  # the viewer's Ctrl+Z too (a face named there)
        # Their text names the step ("Undo Accept “cat”"): Keyboard Shortcuts lists them plainly.
        self._undo_keys = ((undo, "Undo"), (redo, "Redo"))
        # Each step says what it undid or redid, as the edit said what it did.
        for action, step in ((undo, self._undo_step), (redo, self._redo_step)):
            action.triggered.disconnect()
            action.triggered.connect(step)
        self.commands.build_menus(
            self.menuBar(),
            undo,
            redo,
            [
                self.sidebar_dock.toggleViewAction(),
                self.details_dock.toggleViewAction(),
                self.retrain_dock.toggleViewAction(),
            ],
        )
        toolbar = QToolBar("Toolbar")
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.commands.build_toolbar(toolbar, undo, redo)
        self.addToolBar(toolbar)
        self.grid.addAction(self.commands.open_viewer)
        shortcut = self.commands.show_all.shortcut().toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.centre.show_all.setToolTip(f"Clear the filter and show every photo ({shortcut})")
        self.commands.sort[order].setChecked(True)
        # By name unless the user chose otherwise: rows that stay put as counts change.
        tag_order = read_str(self.settings, "sidebar/tag_order", "name", set(TAG_ORDERS))
        self.commands.tag_sort[tag_order].setChecked(True)
        self.sidebar.set_tag_order(tag_order)
        self.job_control = JobControl(
            self,
            self.db,
            self.jobs,
            self.status,
            self.taggers,
            JobViews(
                idle_only=(self.commands.rescan, self.commands.train, self.empty_button),
                cancel=self.commands.cancel_job,
                job_started=self.centre.show_grid,
                refresh=self._refresh_during_job,
                job_ended=self._job_ended,
                show_versions=lambda: self._show_retrain("versions"),
                model_status=self.update_model_status,
                # Sort by Confidence is the filter's: a scan tags in the date order under it.
                grid_order=lambda: stored_order(self.controller.order),
                filter_words=lambda: (
                    ""
                    if self.controller.filter.is_everything
                    else self.controller.filter.describe()
                ),
                first_said=self.thumbnails.first_said,
                saved_again=self.thumbnails.saved_again,
            ),
        )
        self.keyword_writer = KeywordWriter(self)
        self._connect()
        self.tools = LibraryTools(self)  # similar, duplicates, tags, folders, context menus
        self.tools.rescan_requested.connect(lambda folders: self.job_control.start_scan(folders))
        self._restore_layout()
        self.retrain.restore(
            read_str(self.settings, MODEL_PAGE_KEY, "train"),
            read_str(self.settings, REVIEW_TAG_KEY, ""),
            (
                read_str(self.settings, TAUGHT_TAG_KEY, ""),
                read_int(self.settings, TAUGHT_MARK_KEY, 0, 0, 2**31 - 1),
            ),
        )
        photo = read_int(self.settings, REVIEW_PHOTO_KEY, -1, -1, 100_000)
        self.retrain.review_page.split.choose(None if photo < 0 else photo)
        # Kept as it is dragged, as the filter is: not only on a normal close.
        self.retrain.review_page.split.splitterMoved.connect(lambda *_: self._save_timer.start())
        self.retrain.currentChanged.connect(self._view_changed)
        # Last time's filter, from the first query on.
        self.view_keeper = ViewKeeper(
            self.settings, self.db, self.controller, self.sidebar, self.header, self.status
        )
        self.update_model_status()
        self.grid.setFocus()  # arrows, Enter and the tag keys work from the first moment
        self._return_to_last_photo()
        self.controller.reload(keep_scroll=False)
        self.load_overview()
        # A scan on the command line meanwhile: its photos and counts appear here too.
        self.outside = OutsideChanges(
            self.db,
            self._refresh_from_outside,
            lambda: self.jobs.busy or user_mid_edit(self.sidebar.search, self.details.add_field),
            self,
        )

    @property
    def busy(self) -> bool:
        """A job runs, a query is in flight or a refresh is about to start."""
        return (
            self.jobs.busy
            or self.reader.busy
            or self.stats.busy
            or self._overview_timer.isActive()
            or self._details_timer.isActive()
        )

    # --- construction ---------------------------------------------------------------------

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _retrain_widget(self) -> QWidget:
        from phototagger.gui.retrain_panel import RetrainPanel

        self.retrain = RetrainPanel(self.library, self.stats, self.jobs, self.thumbnails)
        return self.retrain

    def _connect(self) -> None:
        a = self.commands
        a.add_folder.triggered.connect(self.add_folder)
        a.rescan.triggered.connect(self.job_control.rescan)
        a.cancel_job.triggered.connect(self.cancel_job)
        a.settings.triggered.connect(self.open_settings)
        a.problems.triggered.connect(self.open_problems)
        a.quit.triggered.connect(self.close)
        a.select_all.triggered.connect(self.grid.selectAll)
        a.select_none.triggered.connect(self.grid.clearSelection)
        a.open_viewer.triggered.connect(lambda: self.open_viewer(self.grid.current_row()))
        a.refresh.triggered.connect(self.refresh)
        a.show_all.triggered.connect(self.sidebar.show_everything)
        a.search.triggered.connect(self._focus_search)
        a.bigger.triggered.connect(lambda: self._step_side(+32))
        a.smaller.triggered.connect(lambda: self._step_side(-32))
        a.sort_group.triggered.connect(lambda action: self._set_order(action.data()))
        a.tag_sort_group.triggered.connect(lambda action: self._set_tag_order(action.data()))
        # The highlighted tag they act on is in the Details panel: brought up from behind the
        # Model tab first (R there rejected a tag the user could not see).
        tags = self.details.tags
        a.accept_tag.triggered.connect(self._in_details(self._accept_highlighted))
        a.reject_tag.triggered.connect(
            self._in_details(lambda: reject_any.reject_highlighted_or_ask(self))
        )
        a.reject_named.triggered.connect(lambda: reject_any.ask_tag_to_reject(self))
        a.next_tag.triggered.connect(self._in_details(lambda: tags.move_highlight(+1)))
        a.previous_tag.triggered.connect(self._in_details(lambda: tags.move_highlight(-1)))
        a.accept_all.triggered.connect(self.accept_all_suggestions)
        a.add_tag.triggered.connect(self._focus_add_tag)
        a.write_keywords.triggered.connect(self.keyword_writer.write_chosen)
        a.next_photo.triggered.connect(lambda: self._step_photo(+1))
        a.previous_photo.triggered.connect(lambda: self._step_photo(-1))
        a.train.triggered.connect(lambda: self._show_retrain("train"))
        a.review_queue.triggered.connect(lambda: self._show_retrain("review"))
        a.versions.triggered.connect(lambda: self._show_retrain("versions"))
        a.shortcuts.triggered.connect(
            lambda: help_dialogs.show_shortcuts(
                self,
                a.all() + self.tools.actions(),
                named=self._undo_keys,
                in_viewer=self.tools.viewer_actions(),
            )
        )
        a.about.triggered.connect(lambda: help_dialogs.show_about(self))
        self.sidebar.filter_changed.connect(self._filter_changed)
        # Opened or closed branches are written as the filter is, not only on close (a logout
        # or `kill` lost them).
        self.sidebar.branches_changed.connect(self._view_changed)
        self.sidebar.search_refused.connect(lambda why: self.status.showMessage(why, 15_000))
        self.sidebar.search_entered.connect(self._search_entered)
        self.sidebar.search_cleared.connect(self._search_cleared)
        self.grid.escaped.connect(self._grid_escaped)
        self.controller.applied.connect(self._grid_applied)
        # The way back is there while a filter's photos load: Find Similar's first ranking
        # reads every embedding (seconds), and the button came only with its photos.
        self.controller.filter_set.connect(
            lambda f: self.centre.show_all.setVisible(not f.is_everything)
        )
        self.grid.selection_changed.connect(self._selection_changed)
        self.grid.open_requested.connect(self.open_viewer)
        self.details.decided.connect(self.decide)
        self.status.thumbnail_size_changed.connect(self._set_side)
        self.status.problems_clicked.connect(self.open_problems)
        self.retrain.activated.connect(self._model_activated)
        self.retrain.discarded.connect(lambda said: self.status.showMessage(said, 15000))
        self.retrain.train_page.result_closed.connect(self._keys_to_grid)
        self.retrain.train_page.keys_to_photos.connect(self._keys_to_grid)
        self.retrain.review_page.decided.connect(self._review_decided)
        # An answer on a photo of the Train page's preview (a photo a new version would take a
        # tag off that nobody answered about: say yes, and it keeps the tag).
        self.retrain.train_page.changes.decided.connect(self.decide)
        self.retrain.review_page.read_again.connect(self.refresh)
        self.retrain.review_page.list.left.connect(self.grid.setFocus)  # Esc: to the photos
        for reader in (self.reader, self.stats):
            reader.failed.connect(lambda msg: self.status.showMessage(f"Query failed: {msg}"))

    # --- filtering and the grid -----------------------------------------------------------

    def _filter_changed(self, grid_filter: GridFilter) -> None:
        if grid_filter == self.controller.filter:
            return  # shown already, with its count (Enter again in the search box)
        self.header.setText(grid_filter.describe())
        self.controller.set_filter(grid_filter)

    def _set_order(self, order: str) -> None:
        self.settings.setValue("grid/order", order)
        self.controller.set_order(order)

    def _set_tag_order(self, order: str) -> None:
        self.settings.setValue("sidebar/tag_order", order)
        self.sidebar.set_tag_order(order)

    def _grid_applied(self) -> None:
        self._no_longer_matching = 0  # the filter just ran: every photo shown matches it
        grid_filter = self.controller.filter
        self._count_in_header()
        self.centre.show_all.setVisible(not grid_filter.is_everything)
        # Photos like one are shown most similar first: a sort order there would only be a
        # ticked menu item that changed nothing.
        self.commands.sort_group.setEnabled(self.controller.filter.similar_to is None)
        self._welcome_if_empty()
        if self._keys_after_search:
            self._keys_from_search(first_photo=True)
        if self.centre.showing_grid and self.focusWidget() is None:
            self.grid.setFocus()
        self._update_library_status()
        self.details.set_unsure_first(grid_filter.special == "review")
        self._selection_changed()
        self.details.likeness_changed()

    def _welcome_if_empty(self) -> None:
        """The welcome page for a library with no photo (all of it shown, none there, no scan
        running); the grid otherwise. Asked when the grid is read and when the counts are: the
        last folder removed, the grid's answer came first, with the counts still of the photos
        before, and the empty grid stayed, "All photos · 0" and no word of what happened."""
        shown = self.model.rowCount()
        empty = self.overview.photos == 0 and shown == 0 and self.controller.filter.is_everything
        self.centre.show_grid(not empty or self.jobs.busy)

    def _count_in_header(self) -> None:
        # "12 of 40,000": a filter the window started with must not look like lost photos. An
        # empty grid's header says so instead (LibraryTools).
        shown, grid_filter, total = (
            self.model.rowCount(),
            self.controller.filter,
            self.controller.photos,  # counted with the grid's photos, not apart
        )
        # A photo the user rejected the filter's tag on stays in view (by design), but the
        # sidebar no longer counts it: the header's count is the sidebar's, and says the photo
        # kept apart, its tooltip why.
        kept = min(self._no_longer_matching, shown)
        # Files a scan found and has not read yet: shown, waiting, not counted as photos (the
        # sidebar's count would have fallen from 353 to 350 as the scan read 3 that were none).
        found = min(self.controller.found_shown, shown - kept)
        self.header.note = (
            f"{counted(kept, 'photo')} you changed no longer "
            f"{'matches' if kept == 1 else 'match'} the filter: kept in view until you "
            "refresh (F5) or choose another view"
            if kept
            else ""
        )
        self.header.aside = grid_filter.aside
        if shown or grid_filter.is_everything:
            of = f" of {total:,}" if total and not grid_filter.is_everything else ""
            extra = f"  ·  +{kept:,} no longer matching" if kept else ""
            extra += f"  ·  +{found:,} {WAITING}" if found else ""
            counted_here = shown - kept - found
            self.header.setText(f"{grid_filter.describe()}{COUNT_AFTER}{counted_here:,}{of}{extra}")

    def _check_matching(self) -> None:
        """After the user's own change, how many of the photos shown no longer match the
        filter (read on the reader thread), for the header."""
        grid_filter, order = self.controller.filter, self.controller.order
        if grid_filter.is_everything or grid_filter.similar_to is not None:
            return

        def counted_apart(ids: list[int]) -> None:
            if self.controller.filter != grid_filter:
                return  # another view meanwhile: its own query counts it
            # A photo the user's answer elsewhere made match (yes on the Review page) joins
            # the grid at once, as one tagged in the grid itself stays in it.
            self.controller.add_matching(ids)
            matching = set(ids)
            self._no_longer_matching = sum(1 for i in self.model.ids if i not in matching)
            self._count_in_header()
            self._update_library_status()  # the status bar counts as the header does

        self.reader.submit(
            "matching", lambda lib: photo_ids(lib.db, grid_filter, order), counted_apart
        )

    def _selection_changed(self) -> None:
        # Deciding needs a photo: on an empty library (or grid) the toolbar's Accept and
        # Reject looked ready and did nothing.
        a, chosen = self.commands, bool(self.chosen_photo_ids())
        for action in (a.accept_tag, a.reject_tag, a.reject_named, a.accept_all, a.add_tag):
            action.setEnabled(chosen)
        self.keyword_writer.offer(a.write_keywords)
        self.tools.offer_open()
        self._details_timer.start()
        self._view_changed()

    def _view_changed(self) -> None:
        if self._returning is None:  # until last time's photo is current, it stays saved
            self._save_timer.start()

    def _show_details(self) -> None:
        # The photos the other commands act on (chosen_photo_ids): the selection, else the
        # current photo. One photo selected is shown even when another is current (the one
        # Ctrl-clicked out of the selection), so A and R decide on the selected photo.
        self.details.show_photos(self.grid.selected_ids(), self.current_photo_id())

    def current_photo_id(self) -> int | None:
        row = self.grid.current_row()
        return self.model.photo_id(row) if row is not None and row < len(self.model.ids) else None

    def chosen_photo_ids(self) -> list[int]:
        """The selected photos, or the current one when none is selected."""
        selected = self.grid.selected_ids()
        current = self.current_photo_id()
        return selected or ([] if current is None else [current])

    def refresh(self) -> None:
        # What another process committed is taken as shown from here on (outside.seen()), so
        # all it can change is read again: a `models use` or `label` on the command line that
        # came while a dialog was open, then F5 or a tag renamed in Manage Tags, had kept
        # "Model v4" in the status bar and the photo's old rows for good.
        self.controller.reload()
        self.load_overview()
        self.details.refresh()
        self.update_model_status()
        self.outside.seen()

    def load_overview(self) -> None:
        self.stats.submit(
            "overview", lambda lib: overview(lib.db), self._overview_loaded, self._overview_failed
        )
        self.retrain.reload()

    def _overview_loaded(self, result: LibraryOverview) -> None:
        first, self._first_overview = self._first_overview, False
        self.overview = result
        self.sidebar.set_overview(result)
        self.retrain.train_page.set_library_empty(result.photos == 0)
        self.centre.set_taken_out(result.taken_out, result.removed_folders)
        self.view_keeper.library_known()
        self._leave_a_folder_gone()
        if self.controller.loaded_once:
            self._count_in_header()
        self.details.set_tag_names(result.all_tag_names)
        self.retrain.set_tag_names([name for name, _ in result.tags])
        self._update_library_status()
        if result.photos:
            self.centre.show_grid()
        elif self.controller.loaded_once:
            self._welcome_if_empty()
        if first:
            # Photos a scan found and left untagged when the window closed: tagged now.
            # A model switch killed midway is put back first (its photos on the new version).
            self.job_control.put_back_then_resume(result.pending, self.library.database_path)
            self.retrain.window_ready()  # the Review page it closed on reads its queue now

    def _overview_failed(self, reason: str) -> None:
        self.status.showMessage(f"Query failed: {reason}")  # as the readers' other failures
        if self._first_overview:  # what waits on it (the Review page it closed on) says so
            self.retrain.window_failed(reason)

    def _leave_a_folder_gone(self) -> None:
        """The folder the grid shows holds no photo any more (renamed, moved or emptied on disk,
        as a rescan found): all photos again, and why, instead of an empty grid filtered on a
        folder the sidebar no longer lists."""
        folder = self.controller.filter.folder
        if folder is None or self.sidebar.has_folder(folder) or self.jobs.busy:
            return
        self.sidebar.show_everything()
        self.status.showMessage(
            f"{folder} holds no photos any more (renamed, moved or emptied?): all photos are shown",
            15000,
        )

    def _update_library_status(self) -> None:
        # Before the grid's first photos, the sidebar's count; then the one read with them.
        photos = self.controller.photos if self.controller.loaded_once else self.overview.photos
        shown = self.model.rowCount()
        kept = min(self._no_longer_matching, shown)
        found = min(self.controller.found_shown, shown - kept)
        self.status.set_library(
            photos, shown - found, self.overview.pending, kept, self.overview.found
        )
        self.status.set_problems(self.overview.problems)

    def update_model_status(self) -> None:
        self.status.set_model(active_version(self.db), device_text(self.db))

    def _set_side(self, side: int) -> None:
        self.thumbnails.set_side(side)
        self.grid.set_side(side)
        self.settings.setValue("grid/side", side)

    def _step_side(self, delta: int) -> None:
        self.status.size_slider.setValue(self.grid.side + delta)

    def _step_photo(self, delta: int) -> None:
        row = self.grid.current_row()
        self.grid.go_to_row(0 if row is None else row + delta)

    def _focus_search(self) -> None:
        self.sidebar_dock.show()
        self.sidebar.search.setFocus()
        self.sidebar.search.selectAll()

    def _in_details(self, act: Callable[[], object]) -> Callable[[], None]:
        """`act` on the Details panel's highlighted tag, the panel raised first where it is open
        but behind the Model tab (Qt calls it visible there)."""

        def acted() -> None:
            if self.details_dock.isVisible() and not in_view(self.details):
                self.details_dock.raise_()
            act()

        return acted

    def _accept_highlighted(self) -> None:
        """A: accept the highlighted tag, or say why there is none to accept. On a photo with
        no tag, or on a tag already accepted, the key did nothing, silently, where Shift+A
        said "No suggestions left to accept on this photo" (walk61, the Untagged photos)."""
        tags = self.details.tags
        if tags.decide_highlighted("accept"):
            return
        chosen = self.chosen_photo_ids()
        if not chosen:
            return
        on = "this photo" if len(chosen) == 1 else f"the {len(chosen):,} selected photos"
        entry = tags.highlighted
        if entry is None:
            said = f"No tag to accept on {on} (T adds one)"
        else:
            said = f"{quoted(entry.name)} is already accepted on {on} (J / K: another tag)"
        self.status.showMessage(said, 8000)

    def _focus_add_tag(self) -> None:
        viewer = reject_any.viewer_in_front()
        if viewer is not None:
            reject_any.ask_tag_to_add(self, viewer)  # it covers the details panel's field
            return
        self.details_dock.show()
        self.details_dock.raise_()
        self.details.focus_add_field()

    # --- labels ---------------------------------------------------------------------------

    def decide(self, photo_ids: list[int], tag: str, action: Any) -> None:
        """Apply the user's decision about `tag` on these photos, as one undoable step."""
        edits = labels.decision_edits(photo_ids, tag, action)
        # A new tag that means nearly what a tag of the library means ('kitchen things' beside
        # the built-in 'kitchen') is said with the addition or the rejection (a new name
        # rejected is a tag invented too), not asked: looked for before it, while the tag is new.
        invents = bool(edits) and edits[0].action in ("add", "reject")
        near = near_meaning(self.db, tag) if invents else None
        steps = self.undo_stack.index()
        change = self._apply_labels(edits)
        if change is None or self.undo_stack.index() == steps:
            return  # refused: the refusal says why
        done = {
            "add": ("Added", " to"),
            "accept": ("Accepted", " on"),
            "reject": ("Rejected", " on"),
            "remove": ("Removed", " from"),
            "clear": ("Removed", " from"),
        }
        verb, joiner = done.get(edits[0].action, ("", ""))
        # The ✕ of a yes the user gave, where a "no" was said since (the command line, another
        # window) and the panel still showed the yes: it took the "no" back, said as the
        # command line says it; "Removed" read as if a tag had gone.
        if labels.took_back_nos(change):  # its undo step says so too (labels.describe)
            verb, joiner = "Took back your “no” to", " on"
        if verb:
            # Said whatever the key (T, A, R, Shift+R) and however many photos, with its undo:
            # a rejection on one photo said nothing where an addition said so, and on photos
            # out of sight (12 selected, one shown) only the status bar tells.
            on = "" if len(photo_ids) == 1 else f"{joiner} {counted(len(photo_ids), 'photo')}"
            # As the library holds it ('People/Carl' typed is 'People (keywords)/Carl', 'dog'
            # the user's 'Dog', 'people (keywords)/carl' their 'People (keywords)/carl').
            tag = shown_name(labels.as_stored(self.db, edits[:1])[0].tag)
            # A tag the user added and took back stays where the model suggests it: said, or
            # the ✕ seemed to do nothing.
            still = (
                ": the model still suggests it (R to reject)"
                if action == "clear" and labels.suggested_after(self.db, edits)
                else ""
            )
            # Short, as the status line has room for ("Added “kitchen things”, a new tag;
            # “kitchen” is already a tag on 37 photos (Ctrl+Z to undo)"; "Rejected “monkeys”,
            # a new tag; …"; of a name with other meanings, the one taken: "Added “telephone”,
            # a new tag; “phone”, its usual meaning, is already a tag on 3 photos"), and a while
            # longer.
            meaning = ", its usual meaning," if near and near.usual else ""
            also = (
                f", a new tag; {quoted(near.tag)}{meaning} is already a tag {near.where}"
                if near
                else ""
            )
            self.status.showMessage(
                f"{verb} {quoted(tag)}{on}{also}{still} (Ctrl+Z to undo)", 15000 if near else 8000
            )

    def _undo_step(self) -> None:
        self._step(
            self.undo_stack.index() - 1, self.undo_stack.undo, "Undone", "Ctrl+Shift+Z to redo"
        )

    def _redo_step(self) -> None:
        self._step(self.undo_stack.index(), self.undo_stack.redo, "Redone", "Ctrl+Z to undo")

    def _step(self, index: int, step: Callable[[], None], done: str, again: str) -> None:
        """Undo or redo, and say which tag change it was (a refused one says why itself; the
        trash's steps say what they moved)."""
        command = self.undo_stack.command(index) if 0 <= index < self.undo_stack.count() else None
        refusals = self._refusals
        step()
        if isinstance(command, LabelCommand) and self._refusals == refusals:
            self.status.showMessage(f"{done}: {command.text()} ({again})", 8000)

    def _review_decided(self, photo_ids: list[int], tag: str, action: Any) -> None:
        """An answer in the review queue: its undo puts the queue back on the photo, to be
        answered again, and its redo past it, as the answer did."""
        page = self.retrain.review_page
        self._apply_labels(
            labels.decision_edits(photo_ids, tag, action),
            stepped=lambda undone: page.go_to_answered(photo_ids, tag, again=undone),
        )

    def accept_all_suggestions(self) -> None:
        chosen = self.chosen_photo_ids()
        edits = labels.accept_suggestions_edits(self.db, chosen)
        on = "this photo" if len(chosen) == 1 else f"the {len(chosen):,} selected photos"
        if not edits:  # the key did nothing, silently
            self.status.showMessage(f"No suggestions left to accept on {on}", 8000)
            return
        steps = self.undo_stack.index()
        self._apply_labels(edits, f"Accept {counted(len(edits), 'suggestion')}")
        if self.undo_stack.index() != steps:  # written (a refused write says why itself)
            photos = counted(len({e.photo_id for e in edits}), "photo")
            self.status.showMessage(
                f"Accepted {counted(len(edits), 'suggestion')} on {photos} (Ctrl+Z to undo)", 8000
            )

    def _apply_labels(
        self,
        edits: list[labels.Edit],
        text: str | None = None,
        stepped: Callable[[bool], None] | None = None,
    ) -> labels.LabelChange | None:
        """Write the edits now (a refused write is said, never swallowed), then push the undo
        step; an edit that changed nothing is no step at all. The change written, None where
        none was (no edits, or refused)."""
        if not edits:
            return None
        with busy_cursor(len(edits)):
            try:
                # A tag the user added, taken back, is the model's suggestion again where the
                # active version makes one (labels' "clear").
                change = labels.apply_edits(
                    self.db, edits, labels.active_model_suggests(self.library)
                )
            except labels.LabelsNotSaved as exc:
                self.label_failed(exc.message())
                return None
        if change.changed:
            self.undo_stack.push(
                LabelCommand(
                    self.library,
                    change,
                    text or labels.describe(labels.as_stored(self.db, edits), change),
                    self._labels_changed,
                    self.label_failed,
                    stepped,
                )
            )
        return change

    def label_failed(self, message: str) -> None:
        self._refusals += 1
        self.status.showMessage(message, 30_000)
        box = QMessageBox(QMessageBox.Icon.Warning, "phototagger", message, parent=self)
        box.open()  # not modal-blocking: a job running meanwhile carries on
        self.label_failure = box

    def _labels_changed(self, photo_ids: set[int]) -> None:
        # The grid keeps its rows (a photo does not vanish from "Untagged" under the user's
        # keys); their tags and the counts are updated, and F5 runs the filter again.
        self.model.refresh(photo_ids)
        if set(self.details.photo_ids) & photo_ids:
            self.details.refresh()
        self.retrain.review_page.labels_changed(photo_ids)  # its marks follow undo and redo
        self.retrain.train_page.changes.answers_changed()  # its counts leave out answered photos
        self._overview_timer.start()

    def name_face(self, photo_id: int, box: Any, old: str | None, new: str) -> None:
        """The user named a face in the viewer `new` (it was `old`; "" takes the name off): the
        tag edits (face_naming.naming_edits) as one undoable step; the face keeps the name while
        the photo has its tag (face_marks.named_here), so Ctrl+Z takes it off the face too."""
        # The name is shown once its tag is there; a name taken off whose tag stays (another
        # face has it) is kept as a row of its own (face_naming.remember_naming).
        # Kept once the tag edits are written: a refused write names no face.
        # The name as the library spells its tag ('Anna' typed, 'People (keywords)/anna' held):
        # one spelling, so a rename in case alone changes nothing, and says how to.
        kind = kind_at(self.db, photo_id, box)
        try:
            new = name_to_give(self.db, new, old, kind, "Rename Tag (in the sidebar) respells it")
        except PhototaggerError as refused:
            said = refused.message
            self.status.showMessage(said[0].upper() + said[1:] + ".", 15000)
            return
        if old and new == old:
            return  # the very name it has: nothing to change
        edits = naming_edits(self.db, photo_id, box, old, new)
        what = f"Name a face {quoted(new)}" if new else f"Take {quoted(old or '')} off a face"
        steps, refusals = self.undo_stack.index(), self._refusals
        self._apply_labels(edits, what)
        if self._refusals != refusals:
            return  # refused: said
        row = remember_naming(self.db, photo_id, box, old, new, kind, edits)
        if self.undo_stack.index() != steps or row is None:
            self._labels_changed({photo_id})  # the name, kept after its tag, shown now
        else:
            # No tag changed (the tag was there already, or stays for another face): the
            # name given or taken off is the step Ctrl+Z undoes.
            self.undo_stack.push(
                FaceNameCommand(
                    self.library, photo_id, box, new, kind, row, what, self._labels_changed
                )
            )
        # Said as what was done, as a tag's edits are ("Added “cat”"): the undo step's own
        # words ("Name a face “Anna”", Edit's "Undo Name a face …") read as an order here.
        done = f"Named a face {quoted(new)}" if new else f"Took {quoted(old or '')} off a face"
        self.status.showMessage(f"{done} (Ctrl+Z to undo)", 8000)

    # --- viewer ---------------------------------------------------------------------------

    def open_viewer(self, row: int | None) -> Any:
        from phototagger.gui.viewer import PhotoViewer

        if row is None or not 0 <= row < self.model.rowCount():
            return None
        viewer = PhotoViewer(self.model, row, self)
        viewer.row_changed.connect(self.grid.go_to_row)
        viewer.face_named.connect(self.name_face)
        viewer.addActions(self.undo_actions)
        viewer.addActions(self.tools.viewer_actions())  # A, R, J, K decide from the viewer too
        # It covers the details panel: it says which tag those keys decide on.
        self.details.highlight_moved.connect(viewer.show_highlighted)
        self.details.announce_highlight()
        # What the status bar says (a tag accepted, a key that did nothing, a face named) is
        # said in the viewer's bar too: the status bar is behind it.
        # Only what is said from now on: the keys' hint first (a scan's end said a minute ago
        # is no news to the photo opened).
        self.status.messageChanged.connect(viewer.say)
        viewer.show()
        viewer.activateWindow()
        self.viewer = viewer
        return viewer

    def _thumbnails_writable(self) -> None:
        """Thumbnails are saved again (the disk freed): the note that they cannot be saved
        leaves the status bar, where it stayed its minute; said again if the disk fills again."""
        if self.status.currentMessage().startswith("Thumbnails cannot be saved:"):
            self.status.clearMessage()

    # --- jobs (see job_control.py) ------------------------------------------------------

    def add_folder(self) -> None:
        self.job_control.add_folder()

    def start_scan(self, folders: list[str]) -> bool:
        return self.job_control.start_scan(folders)

    def cancel_job(self) -> None:
        self.job_control.cancel()

    def _refresh_during_job(self) -> bool:
        # Photos appear as they are found, then get their tags; a query still in flight is not
        # queued again.
        if self.reader.busy or self.stats.busy:
            return False
        self.controller.reload()
        self.load_overview()
        # A photo shown before it was tagged (the first one is, on a first start) gets its tags
        # as the grid does, not "Waiting to be tagged" until the scan ends.
        self.details.show_if_tagged()
        return True

    def _refresh_from_outside(self) -> bool:
        # `phototagger label` on the photo shown: its rows are read again, as the grid's are
        # (not while the user types or clicks: OutsideChanges waits). `models use` (or train):
        # the status bar names the model in use, as the Versions page does.
        if not self._refresh_during_job():
            return False
        self.details.refresh()
        self.update_model_status()
        return True

    def _job_ended(self) -> None:
        self.refresh()

    # --- settings, retraining -------------------------------------------------------------

    def open_settings(self) -> Any:
        from phototagger.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.library, self, self.location)
        dialog.accepted.connect(self._settings_saved)
        dialog.open()
        return dialog

    def open_problems(self) -> Any:
        from phototagger.gui.problems_dialog import ProblemsDialog

        dialog = ProblemsDialog(
            self.db, self, self.show_file, self.try_again, self.cancel_job, self.settings
        )
        self.jobs.progress.connect(dialog.show_progress)
        # Files forgotten there leave the status bar's "⚠ 1 problem" as the dialog closes.
        dialog.finished.connect(lambda _result: self.load_overview())
        dialog.open()
        return dialog

    def try_again(
        self,
        paths: list[str],
        done: Callable[[TriedAgain | None], None],
        failed: Callable[[str], None],
    ) -> bool:
        """Problems ▸ Try Again: `paths` read again, failed keyword writes written again (with
        the user's settings, asked for the first time, as Write Keywords does); False while
        another job runs."""
        if self.jobs.busy:
            return False
        to_write = unwritten(self.db, paths)
        options = self.keyword_writer.options_for(len(to_write)) if to_write else None
        return self.job_control.start_try_again(paths, options, done, failed)

    def show_file(self, path: str) -> bool:
        """Make the photo at `path` current in the grid, showing every photo if the filter hides
        it; False when the library has no photo there (any more)."""
        photo = photo_at(self.db, path)
        if photo is None:
            return False
        row = self.model.row_of(photo.id)
        if row is not None:
            self.grid.go_to_row(row)
            return True

        def arrived() -> None:
            self.controller.applied.disconnect(arrived)
            found = self.model.row_of(photo.id)
            if found is not None:
                self.grid.go_to_row(found)

        self.controller.applied.connect(arrived)
        self.sidebar.show_everything()
        return True

    def _settings_saved(self) -> None:
        self.update_model_status()
        self.status.showMessage("Settings saved", 8000)
        self.tools.apply_thresholds()  # changed thresholds re-tag the library at once

    def _model_activated(self, version: str, changed: int, moved: str = "") -> None:
        # The undo history stays: core.labels' undo keeps the new model's scores.
        self.update_model_status()
        # "the library was re-tagged" read as if photos had changed when none had; which tags
        # moved, said too: a photographer rolling back wants to know.
        said = f" ({moved})" if moved and changed else ""
        self.status.showMessage(f"Model {version} is active; {changed_words(changed)}{said}", 15000)

    def _grid_escaped(self) -> None:
        """Esc in the grid, where a filter shows some photos: all of them again, said (Esc did
        nothing). The viewer, the dialogs and the fields close or leave on their own Esc first,
        and the photos chosen stay chosen: the grid always has one, shown in the details panel,
        and several chosen with Ctrl-clicks were work a stray Esc would undo (Edit ▸ Select
        None is there for it)."""
        shown = self.controller.filter
        if shown.is_everything:
            return
        self.sidebar.show_everything()
        self.status.showMessage(
            f"All photos shown again: Esc cleared the filter ({shown.describe()})", 10_000
        )

    def _search_cleared(self, words: str) -> None:
        """Esc in the search box cleared the words the grid showed the photos of."""
        now = self.controller.filter
        shown = "all photos shown again" if now.is_everything else f"{now.describe()} shown"
        self.status.showMessage(f"Esc cleared the search {quoted(words)}: {shown}", 10_000)

    def _search_entered(self) -> None:
        """Enter in the search box: the keys go to the photos found, from the first one, once
        the grid shows them (they stayed in the box, so N, P, A and R typed letters there)."""
        self._keys_after_search = True
        if not self.controller.waiting:  # the same search again: the grid has its photos
            self._keys_from_search(first_photo=False)

    def _keys_from_search(self, first_photo: bool) -> None:
        """The grid takes the keys after a search, unless the user went elsewhere meanwhile or
        no photo matches: the words stay in the box, chosen, so that the next words typed
        replace them (an arrow key or End to correct them; Esc leaves it). Left unchosen,
        "VID" typed after "portrait" found nothing searched for "portraitVID" (walk60)."""
        self._keys_after_search = False
        if self.focusWidget() is not self.sidebar.search or not self.centre.showing_grid:
            return
        if not self.model.rowCount():
            self.sidebar.search.selectAll()
            return
        if first_photo:
            self.grid.go_to_row(0)
        self.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    def _keys_to_grid(self) -> None:
        """The Train page's run was applied or discarded, or it has nothing to train: the keys
        go to the photos, where N/P, A/R and T act and the re-tagged photos show (they fell
        onto the dock tabs, where the arrows switched Details and Model)."""
        if self.centre.showing_grid:
            self.activateWindow()  # the Model dock may float in a window of its own
            self.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_retrain(self, page: str) -> None:
        self.retrain_dock.show()
        self.retrain_dock.raise_()
        self.retrain.show_page(page)

    # --- layout ---------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
            # Saved tiny, or on a bigger screen: Qt opened it at two thirds of this one.
            fit_restored(self, 1400, 880)
        else:
            resize_within_screen(self, 1400, 880)
            self.resizeDocks(
                [self.sidebar_dock, self.details_dock],
                self._first_dock_widths(),
                Qt.Orientation.Horizontal,
            )
        restored = isinstance(state, QByteArray) and not state.isEmpty()
        if restored:
            self.restoreState(state)
        # A layout saved under a smaller font (or before the width its font needed was kept)
        # may cut the built-in tag names at this one: its sidebar is widened once, when shown.
        # A width the user chose at this font was saved with this need, and is kept.
        need = self.sidebar.first_width()
        saved_need = read_int(self.settings, SIDEBAR_NEEDED_KEY, 0, 0, 100_000)
        self._sidebar_widened_to = need if restored and saved_need < need else 0
        # The side panels narrow in a window too small for a few columns of thumbnails, and
        # widen back as it grows (to these for a first start's layout).
        self.dock_shares = DockShares(
            self,
            [[self.sidebar_dock], [self.details_dock, self.retrain_dock]],  # Model: Details' tab
            lambda: self.grid.width_for(GRID_COLUMNS),
            [] if restored else self._first_dock_widths(),
        )

    def showEvent(self, event: QShowEvent) -> None:
        """Shown the first time: a restored sidebar too narrow for its font is widened (the
        width it is given is the one the panel keeps as the window is resized)."""
        super().showEvent(event)
        need, self._sidebar_widened_to = self._sidebar_widened_to, 0
        if need and self.sidebar_dock.width() < need:
            self.resizeDocks([self.sidebar_dock], [need], Qt.Orientation.Horizontal)

    def _first_dock_widths(self) -> list[int]:
        """A first start's sidebar and details panel widths: the sidebar wider where the font
        needs it (at 13 points a 240-px sidebar cut the built-in tag names)."""
        sidebar, details = DOCK_WIDTHS
        return [max(sidebar, self.sidebar.first_width()), details]

    def _return_to_last_photo(self) -> None:
        """The photo that was current when the window closed is current again, scrolled to, as
        Lightroom and digiKam come back (a restart started at the top of a 20,000-photo grid).
        Tried as the first queries arrive (the filter from last time may be checked and change
        once); left as a first start leaves it when the photo is not in the grid."""
        path = read_str(self.settings, LAST_PHOTO_KEY, "")
        photo = photo_at(self.db, path) if path else None
        if photo is None:
            return
        tries = [2]  # the first query, and the one after the filter from last time is checked

        def arrived() -> None:
            tries[0] -= 1
            row = self.model.row_of(photo.id)
            if row is not None:
                self.grid.go_to_row(row)
            elif tries[0] > 0:
                return  # not in this query's photos: perhaps in the next one's
            self.controller.applied.disconnect(arrived)
            self._returning = None
            self._save_timer.start()  # a filter chosen meanwhile

        self._returning = arrived
        self.controller.applied.connect(arrived)

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue(SIDEBAR_NEEDED_KEY, self.sidebar.first_width())
        self.save_view()

    def save_view(self) -> None:
        """The filter, the search and the current photo, written to disk: as they change (a
        second after), not only on a normal close (a logout or `kill` lost them)."""
        self._save_timer.stop()
        row = self.grid.current_row()
        shown = self.model.photo(row) if row is not None else None
        self.settings.setValue(LAST_PHOTO_KEY, shown.path if shown is not None else "")
        # The Model dock's page and the tag under review, as the filter and photo are.
        self.settings.setValue(MODEL_PAGE_KEY, self.retrain.page)
        # Closed before the tag it came back with was read (its queue waiting for the library,
        # or the Review page not shown): the tag is kept for the next start.
        waiting = self.retrain.remembered_tag or ""
        self.settings.setValue(REVIEW_TAG_KEY, self.retrain.review_page.tag or waiting)
        chosen = self.retrain.review_page.split.chosen
        self.settings.setValue(REVIEW_PHOTO_KEY, -1 if chosen is None else chosen)
        taught, mark = self.retrain.kept_taught()
        self.settings.setValue(TAUGHT_TAG_KEY, taught)
        self.settings.setValue(TAUGHT_MARK_KEY, mark)
        self.view_keeper.save()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.outside.stop()
        self.save_layout()
        if self.jobs.busy:
            # A scan commits batch by batch, so stopping mid-batch loses nothing: wait a
            # moment for it to notice, then let the app end (gui/app.py) without it.
            self.jobs.cancel()
            self.jobs.wait(QUIT_WAIT_MS)
        self.reader.shutdown()
        self.stats.shutdown()
        self.thumbnails.shutdown()
        super().closeEvent(event)
