"""Find Duplicates: groups of identical and near-identical photos; tick the ones to keep (the
copy a photographer would keep is ticked, and its group's heading says why:
core/duplicate_keep.py), and move the rest to the system trash in one undoable step. Each spare
copy says how alike it is to the kept one (core/duplicate_copies.py), and the tags the user
gave the copies going move onto the copy kept (core/duplicate_carry.py): the line below the list
says which, before anything moves.

The search runs on the window's job runner (one job at a time, like a scan): its progress shows
in the dialog and in the status bar, and Cancel (or closing the dialog) stops it between blocks,
so the window never freezes, even at 100,000 photos."""

from __future__ import annotations

import os
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

from phototagger.core.duplicate_carry import plan_carry
from phototagger.core.duplicate_copies import FoundCopies, find_copies
from phototagger.core.duplicate_keep import companions_note
from phototagger.core.jobs import Progress
from phototagger.core.library import Library
from phototagger.core.similar import DuplicateGroup
from phototagger.core.wording import counted
from phototagger.gui.window_parts import DuplicateActions, DuplicatesHost

_ID = Qt.ItemDataRole.UserRole + 1
_HASH = Qt.ItemDataRole.UserRole + 2
_PATH = Qt.ItemDataRole.UserRole + 3
JOB_TITLE = "Finding duplicates"
LIKENESS = 3  # the column saying how alike each copy is to the kept one
BEST = "Best copy"  # what that column says of the copy ticked to keep


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
        # What Move Unticked to Trash just did, said before the search that follows it finds:
        # the groups vanished and "No duplicates among 261 photos" was all that was said.
        self._trashed = ""
        self.summary = QLabel("Looking for duplicates…")
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Photo", "Size", "Pixels", "Likeness"])
        self.tree.headerItem().setToolTip(
            LIKENESS, "How alike each copy is to the one ticked to keep, as Find Similar says"
        )
        # Rows of their own height: a group's heading is a line of text, its photos' rows are as
        # tall as their thumbnails (uniform rows cut every thumbnail to a strip a line high).
        self.tree.setIconSize(QSize(THUMB, THUMB))
        self.tree.itemDoubleClicked.connect(self._show_in_grid)
        self.tree.itemChanged.connect(self._ticks_changed)
        # What the trash will carry onto the copies kept: the user's tags on the copies going.
        self.carry_note = QLabel()
        self.carry_note.setWordWrap(True)
        self.carry_note.hide()
        self._carried_for: dict[int, int] | None = None  # what the line below was said of
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
        layout.addWidget(self.carry_note)
        layout.addWidget(buttons)
        self.resize(900, 600)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        # Thumbnails load in the background: each appears when it is ready.
        window.thumbnails.ready.connect(self._thumbnail_ready)

    def _thumbnail_ready(self, content_hash: str) -> None:
        self._set_icons([i for i in self.photo_items() if i.data(0, _HASH) == content_hash])

    def _set_icons(self, items: list[QTreeWidgetItem]) -> None:
        wanted = [(item.data(0, _HASH), str(item.data(0, _PATH))) for item in items]
        for item, image in zip(items, self._window.thumbnails.images(wanted), strict=True):
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
        self.tree.show()  # hidden while nothing was found
        self.trash_button.show()
        self.trash_button.setEnabled(False)
        self.carry_note.hide()
        self._carried_for = None

        def job(library: Library, progress: Any, cancel: Any) -> Any:
            return find_copies(
                library.db, progress=progress, cancel=cancel, thumbnails=library.thumbnails_dir
            )

        if not self._window.jobs.start(JOB_TITLE, job, on_done=self._done, on_failed=self._failed):
            trashed, self._trashed = self._trashed, ""
            self.summary.setText(
                f"{trashed}{self._window.jobs.title} is running: search again when it "
                "ends, or cancel it in the status bar."
            )
            self.search_button.setEnabled(True)
            return
        self.searching = True
        self.summary.setText(f"{self._trashed}Comparing every photo with every other…")
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

    def _done(self, result: FoundCopies | None) -> None:
        self._ended()
        trashed, self._trashed = self._trashed, ""
        if result is None:  # cancelled
            # After a move to the trash, "nothing was changed" would not be true.
            unchanged = "" if trashed else ": nothing was changed"
            self.summary.setText(f"{trashed}Search stopped{unchanged}. Search again to restart it.")
            return
        self._show(result, trashed)

    def _failed(self, message: str) -> None:
        self._ended()
        trashed, self._trashed = self._trashed, ""
        self.summary.setText(f"{trashed}The search failed: {message}")

    def done(self, result: int) -> None:
        # Closing the dialog stops a search nobody will look at.
        self.cancel_search()
        super().done(result)

    def _show(self, found: FoundCopies, trashed: str = "") -> None:
        """The groups found; `trashed`: what the move to the trash before it did, said first."""
        self.groups, photos, companions = found.groups, found.photos, found.companions
        self.tree.blockSignals(True)  # ticks set here are not the user's
        self.tree.clear()
        spare = sum(len(g.photo_ids) - 1 for g in self.groups)
        # Nothing found: the sentence says so in place of an empty list and a button with
        # nothing to move.
        self.tree.setVisible(bool(self.groups))
        self.trash_button.setVisible(bool(self.groups))
        if not self.groups:
            self.summary.setText(
                f"{trashed}No duplicates among {counted(found.compared, 'photo')}: each was "
                "compared with every other, by its file and by how it looks, and every one is "
                "different."
            )
        else:
            self.summary.setText(
                f"{trashed}{len(self.groups):,} group{'s' if len(self.groups) != 1 else ''} of "
                "duplicates "
                f"({spare:,} spare cop{'ies' if spare != 1 else 'y'}). The best copy of each is "
                "ticked to keep (the most pixels; at equal pixels the RAW, the original, the "
                "larger file, the labelled one, the older one), its heading says why; untick "
                "or tick others, then move the unticked ones to the trash: the tags you gave "
                "them move to the copy kept. Double-click a photo to see it in the grid."
            )
        for number, group in enumerate(self.groups, start=1):
            kind = "identical copies" if group.exact else "near-duplicates"
            heading = f"Group {number}: {len(group.photo_ids)} {kind}"
            kept = photos.get(group.photo_ids[0])
            why = found.why_kept(group)
            if kept is not None and why:
                heading += f" · keeping {os.path.basename(kept.path)}: {why}"
            top = QTreeWidgetItem(self.tree, [heading])
            top.setFirstColumnSpanned(True)
            top.setToolTip(0, heading)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for n, pid in enumerate(group.photo_ids):
                photo = photos.get(pid)
                if photo is None:
                    continue
                pixels = f"{photo.width}×{photo.height}" if photo.width else ""
                size = _size(photo.size)
                along = companions.get(pid)
                # A RAW+JPEG pair's RAW goes to the trash with its JPEG: the row says so.
                note, along_why = companions_note(along) if along else ("", "")
                like = found.likeness.get(pid)
                item = QTreeWidgetItem(
                    top,
                    [photo.path, f"{size} {note}".strip(), pixels, like.text if like else BEST],
                )
                if along_why:
                    item.setToolTip(0, along_why)
                    item.setToolTip(1, along_why)
                if like is not None and kept is not None:
                    item.setToolTip(
                        LIKENESS,
                        f"{like.text} to {os.path.basename(kept.path)}, ticked to keep over "
                        f"this copy: {found.why.get(pid, '')}",
                    )
                item.setData(0, _ID, pid)
                item.setData(0, _HASH, photo.content_hash)
                item.setData(0, _PATH, photo.path)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsSelectable
                )
                item.setCheckState(0, Qt.CheckState.Checked if n == 0 else Qt.CheckState.Unchecked)
            top.setExpanded(True)
        self._set_icons(self.photo_items())  # the first groups, those in view, loaded first
        self.tree.blockSignals(False)
        for column in (1, 2, LIKENESS):
            self.tree.resizeColumnToContents(column)
        self.trash_button.setEnabled(bool(self.groups))
        self._ticks_changed()

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

    def onto(self) -> dict[int, int]:
        """Each unticked copy -> the copy kept in its group (the first ticked one), which gets
        its tags; a group with none ticked keeps nothing to carry onto."""
        onto: dict[int, int] = {}
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            rows = [top.child(j) for j in range(top.childCount())] if top is not None else []
            ticked = [r for r in rows if r is not None and r.checkState(0) == Qt.CheckState.Checked]
            if not ticked:
                continue
            kept = int(ticked[0].data(0, _ID))
            for row in rows:
                if row is not None and row.checkState(0) == Qt.CheckState.Unchecked:
                    onto[int(row.data(0, _ID))] = kept
        return onto

    def _ticks_changed(self, *_: Any) -> None:
        """Say below the list what the trash will carry onto the copies kept (read again only
        when a tick changed it: a row's thumbnail arriving changes the row too)."""
        onto = self.onto() if self.groups else {}
        if onto == self._carried_for:
            return
        self._carried_for = onto
        words = plan_carry(self._window.db, onto).words() if onto else ""
        self.carry_note.setText(words)
        self.carry_note.setVisible(bool(words))

    def trash_unticked(self) -> None:
        ids = self.unticked()
        if not ids:
            self.summary.setText("Nothing is unticked: every photo is kept.")
            return
        moved = self._tools.move_photos_to_trash(ids, self.onto())
        if moved:
            them = "it" if moved == 1 else "them"
            self._trashed = (
                f"{counted(moved, 'photo')} moved to the trash (Ctrl+Z in the main window brings "
                f"{them} back). "
            )
            self.search()

    def _show_in_grid(self, item: QTreeWidgetItem) -> None:
        pid = item.data(0, _ID)
        if pid is not None:
            self._tools.show_similar(int(pid))
