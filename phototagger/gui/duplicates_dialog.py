"""Find Duplicates: groups of identical and near-identical photos; tick the ones to keep (the
copy a photographer would keep is ticked: core/duplicate_keep.py), and move the rest to the
system trash in one undoable step.

The search runs on the window's job runner (one job at a time, like a scan): its progress shows
in the dialog and in the status bar, and Cancel (or closing the dialog) stops it between blocks,
so the window never freezes, even at 100,000 photos."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from phototagger.core.duplicate_keep import companions_note, companions_of
from phototagger.core.jobs import Progress
from phototagger.core.library import Library
from phototagger.core.similar import DuplicateGroup, duplicates_with_photos
from phototagger.gui.window_parts import DuplicateActions, DuplicatesHost

_ID = Qt.ItemDataRole.UserRole + 1
_HASH = Qt.ItemDataRole.UserRole + 2
_PATH = Qt.ItemDataRole.UserRole + 3
JOB_TITLE = "Finding duplicates"
# The groups, their photos by id, and the files that go to the trash with each (RAWs of pairs).
_Found = tuple[list[DuplicateGroup], dict[int, Any], dict[int, tuple[str, ...]]]


def _size(size: int | None) -> str:
    if not size:
        return ""
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"


THUMB = 64  # a photo's thumbnail in the list, in pixels


class DuplicatesDialog(QDialog):
    def __init__(self, window: DuplicatesHost, tools: DuplicateActions) -> None:
        super().__init__(window.window())
        self.setWindowTitle("Find Duplicates")
        self._window = window
        self._tools = tools
        self.groups: list[DuplicateGroup] = []
        self.summary = QLabel("Looking for duplicates…")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Photo", "Size", "Pixels"])
        # Rows of their own height: a group's heading is a line of text, its photos' rows are as
        # tall as their thumbnails (uniform rows cut every thumbnail to a strip a line high).
        self.tree.setIconSize(QSize(THUMB, THUMB))
        self.tree.itemDoubleClicked.connect(self._show_in_grid)
        self.trash_button = QPushButton("Move Unticked to Trash…")
        self.trash_button.setToolTip(
            "Every photo not ticked goes to the system trash; "
            "Ctrl+Z in the main window brings them back"
        )
        self.trash_button.setEnabled(False)
        self.trash_button.clicked.connect(self.trash_unticked)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel Search")
        self.cancel_button.setToolTip("Stop comparing photos (Find Duplicates again to restart)")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_search)
        self.search_button = QPushButton("Search Again")
        self.search_button.setEnabled(False)
        self.search_button.clicked.connect(self.search)
        self.searching = False
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.trash_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.search_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        window.jobs.progress.connect(self._progress)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(760, 560)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        # Thumbnails load in the background: each appears when it is ready.
        window.thumbnails.ready.connect(self._thumbnail_ready)

    def _thumbnail_ready(self, content_hash: str) -> None:
        for item in self.photo_items():
            if item.data(0, _HASH) == content_hash:
                image = self._window.thumbnails.image(content_hash, str(item.data(0, _PATH)))
                if image is not None:
                    item.setIcon(0, QIcon(QPixmap.fromImage(image)))

    @property
    def busy(self) -> bool:
        return self.searching

    def search(self) -> None:
        """Start the search on the job runner; if another job (a scan) runs, say so."""
        if self.searching:
            return
        self.tree.clear()
        self.groups = []
        self.trash_button.setEnabled(False)

        def job(library: Library, progress: Any, cancel: Any) -> Any:
            found = duplicates_with_photos(
                library.db, progress=progress, cancel=cancel, thumbnails=library.thumbnails_dir
            )
            groups, photos = found
            return groups, photos, companions_of(library.db, list(photos))

        if not self._window.jobs.start(JOB_TITLE, job, on_done=self._done, on_failed=self._failed):
            self.summary.setText(
                f"{self._window.jobs.title} is running: search again when it "
                "ends, or cancel it in the status bar."
            )
            self.search_button.setEnabled(True)
            return
        self.searching = True
        self.summary.setText("Comparing every photo with every other…")
        self.progress.setRange(0, 0)  # busy until the first report says how many steps
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.search_button.setEnabled(False)

    def cancel_search(self) -> None:
        if self.searching:
            self._window.jobs.cancel()
            self.cancel_button.setEnabled(False)
            self.summary.setText("Stopping…")

    def _progress(self, progress: Progress) -> None:
        if not self.searching:
            return  # another job's report (a scan's)
        if progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(progress.done)
        self.progress.setFormat(f"{progress.phase.capitalize()}: %p%")

    def _ended(self) -> None:
        self.searching = False
        self.progress.hide()
        self.cancel_button.hide()
        self.search_button.setEnabled(True)

    def _done(self, result: _Found | None) -> None:
        self._ended()
        if result is None:  # cancelled
            self.summary.setText("Search stopped: nothing was changed. Search again to restart it.")
            return
        self._show(result)

    def _failed(self, message: str) -> None:
        self._ended()
        self.summary.setText(f"The search failed: {message}")

    def done(self, result: int) -> None:
        # Closing the dialog stops a search nobody will look at.
        self.cancel_search()
        super().done(result)

    def _show(self, result: _Found) -> None:
        self.groups, photos, companions = result
        self.tree.clear()
        spare = sum(len(g.photo_ids) - 1 for g in self.groups)
        if not self.groups:
            self.summary.setText("No duplicates: every photo in the library is different.")
        else:
            self.summary.setText(
                f"{len(self.groups):,} group{'s' if len(self.groups) != 1 else ''} of duplicates "
                f"({spare:,} spare cop{'ies' if spare != 1 else 'y'}). The best copy of each is "
                "ticked to keep (the most pixels; at equal pixels the RAW, the original, the "
                "larger file, the labelled one, the older one); untick or tick others, then move "
                "the unticked ones to the trash. "
                "Double-click a photo to see it in the grid."
            )
        thumbs = self._window.thumbnails
        for number, group in enumerate(self.groups, start=1):
            kind = "identical copies" if group.exact else "near-duplicates"
            top = QTreeWidgetItem(
                self.tree, [f"Group {number}: {len(group.photo_ids)} {kind}", "", ""]
            )
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for n, pid in enumerate(group.photo_ids):
                photo = photos.get(pid)
                if photo is None:
                    continue
                pixels = f"{photo.width}×{photo.height}" if photo.width else ""
                size = _size(photo.size)
                along = companions.get(pid)
                # A RAW+JPEG pair's RAW goes to the trash with its JPEG: the row says so.
                note, why = companions_note(along) if along else ("", "")
                item = QTreeWidgetItem(top, [photo.path, f"{size} {note}".strip(), pixels])
                if why:
                    item.setToolTip(0, why)
                    item.setToolTip(1, why)
                item.setData(0, _ID, pid)
                item.setData(0, _HASH, photo.content_hash)
                item.setData(0, _PATH, photo.path)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsSelectable
                )
                item.setCheckState(0, Qt.CheckState.Checked if n == 0 else Qt.CheckState.Unchecked)
                image = thumbs.image(photo.content_hash, photo.path)
                if image is not None:
                    item.setIcon(0, QIcon(QPixmap.fromImage(image)))
            top.setExpanded(True)
        self.trash_button.setEnabled(bool(self.groups))

    def photo_items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                items.extend(
                    c for c in (top.child(j) for j in range(top.childCount())) if c is not None
                )
        return items

    def unticked(self) -> list[int]:
        return [
            int(item.data(0, _ID))
            for item in self.photo_items()
            if item.checkState(0) == Qt.CheckState.Unchecked
        ]

    def trash_unticked(self) -> None:
        ids = self.unticked()
        if not ids:
            self.summary.setText("Nothing is unticked: every photo is kept.")
            return
        if self._tools.move_photos_to_trash(ids):
            self.search()

    def _show_in_grid(self, item: QTreeWidgetItem) -> None:
        pid = item.data(0, _ID)
        if pid is not None:
            self._tools.show_similar(int(pid))
