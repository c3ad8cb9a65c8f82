"""Library ▸ Problems: the files a scan could not use, and why, in words a person can act on;
and what to do about them: see the file in its folder, try it again, or forget it.

A file never read that holds nothing of the user's (a text file named .jpg) is not among the
photos (core/problem_files.py): here is where it is seen.

Try Again runs as a job (core/try_again.py: the files read again, failed keyword writes written
again) while the dialog stays open, its progress shown here; then the list is read again and the
dialog says of each file what came of it ("IMG_12.jpg can be read now").
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import sqlite_utils
from PySide6.QtCore import QEvent, QObject, QRect, QSettings, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from phototagger.core import problem_files
from phototagger.core.catalog import problems
from phototagger.core.errors import LEFT_COPY
from phototagger.core.jobs import Progress
from phototagger.core.metadata.exiv import in_app_words
from phototagger.core.names import os_path, shown
from phototagger.core.problem_files import SORT_BY
from phototagger.core.try_again import TriedAgain
from phototagger.core.wording import counted
from phototagger.gui.show_file import FileShower, at_once
from phototagger.gui.status import describe_progress
from phototagger.gui.window_state import read_sort, save_sort

# Try Again's start: (paths, done, failed) -> started? (False: another job is running). `done`
# gets what came of each file (None: stopped), `failed` a one-line reason.
Retry = Callable[[list[str], Callable[[TriedAgain | None], None], Callable[[str], None]], bool]
TRY_AGAIN = "&Try Again"
ROW_ROOM = 6  # pixels a row has over its words' height
NAME_LINES = 2  # a file's name at most this many lines high, cut in its middle beyond
# The column the list is sorted by within each section (-1: as the sections list their files,
# folder by folder) and which way: kept in the window's settings.
SORT_KEY = "problems"  # problems/sort-column, problems/sort-order


def _show_hidden_keys(platform: str = sys.platform) -> str:
    """How the file managers of this system show hidden files ('': none hides a name with a
    leading dot, Windows' File Explorer)."""
    if platform == "darwin":
        return "Cmd+Shift+. in the Finder"
    if platform.startswith("win"):
        return ""
    return "Ctrl+H in GNOME Files and Dolphin, or the file manager's View menu"


SHOW_HIDDEN = _show_hidden_keys()


class ProblemsDialog(QDialog):
    def __init__(
        self,
        db: sqlite_utils.Database,
        parent: QWidget | None = None,
        show_file: Callable[[str], bool] | None = None,
        retry: Retry | None = None,
        stop: Callable[[], None] | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings  # the window's (the sort kept across restarts)
        self._show_file = show_file
        self._retry = retry
        self._stop = stop
        self.trying: list[str] = []  # the files Try Again is reading now
        # Where "Show in Folder" hands a folder the file manager cannot be asked to select a
        # file in (QDesktopServices; a test sees what it is given); the file manager, asked.
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        self.shower = FileShower(self, lambda url: self.open_url(url))
        self.setWindowTitle("Problems")
        # The file's name, what is wrong, and its folder apart: a full path in the first column
        # repeated the folder on every row and left the name at its end, wrapped.
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["File", "What is wrong", "Folder"])
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 200)
        header.resizeSection(2, 240)
        self.table.setItemDelegate(_Roomy(self.table))
        self.table.setItemDelegateForColumn(0, _TwoLines(self.table))
        self.table.setItemDelegateForColumn(2, _OneLine(self.table))
        # A header clicked sorts each section's files by that column, as a file manager sorts
        # a folder; the sections keep their order (what went wrong first). Table sorting
        # (setSortingEnabled) would mix the headings in with the files.
        self.sort_column, self.sort_order = self._read_sort()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(self.sort_column, self.sort_order)
        header.sortIndicatorChanged.connect(self._sort_by)
        # Rows fit their words at the widths they are shown at: sized when the list is filled,
        # before the dialog had its width, they kept the heights of a narrower first layout.
        self._refit = QTimer(self, singleShot=True, interval=50)
        self._refit.timeout.connect(self._fit_rows)
        self._fitted_at: tuple[int, ...] = ()
        header.sectionResized.connect(lambda *_: self._refit.start())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # What the last Try Again found, file by file (or its progress while it runs): a few
        # lines high, scrolled when longer, so the list above keeps its room.
        self.outcome = QPlainTextEdit()
        self.outcome.setReadOnly(True)
        self.outcome.setFrameShape(QFrame.Shape.NoFrame)
        self.outcome.viewport().setAutoFillBackground(False)
        self.outcome.hide()
        self.table.cellDoubleClicked.connect(self._show)
        # Enter on a row, as a double-click: it went on to the default button, Close.
        self.table.installEventFilter(self)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.show_in_folder = self._button(
            buttons,
            "Show in &Folder",
            "Show the selected files in their folders, in the file manager",
        )
        self.try_again = self._button(
            buttons,
            TRY_AGAIN,
            "Read the file again now (after you copied a good one in its place, say); a photo "
            "whose keywords could not be written: write them again (after you made it "
            "writable); a copy left behind: remove it (after you made its folder writable)",
        )
        self.forget = self._button(
            buttons,
            "F&orget",
            "Take it off this list: it is not read or listed again until the file changes",
        )
        self._try_tip = self.try_again.toolTip()
        self.show_in_folder.clicked.connect(self._open_folder)
        # The full path, now that the File column shows the name: copied (Ctrl+C, as it copied
        # the path shown before), or its folder opened, from a row's menu.
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, act in (("Copy &Path", self.copy_paths), ("Show in &Folder", self._open_folder)):
            action = QAction(text, self.table)
            action.triggered.connect(act)
            self.table.addAction(action)
        self.try_again.clicked.connect(self._try_again)
        self.forget.clicked.connect(self._forget)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)
        self._fill()
        self.resize(820, 480)

    def _button(self, box: QDialogButtonBox, text: str, tip: str) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    def _fill(self, keep: list[str] | None = None) -> None:
        """List the problems again; `keep`: the files that were selected, kept selected where
        still listed, else the row that took their place (the first row where none was)."""
        before = self.listed_paths()
        found = problems(self._db)
        self._hidden = problem_files.unread_paths(self._db)
        # A section per kind of problem, under a heading that says what went wrong: a photo
        # whose keywords could not be written was read fine, unlike a file that is no photo.
        # A JPEG or PNG cut short shown from the part there is was read: not "could not be read".
        groups = problem_files.sections(self._db, found)
        self.headings = [heading for heading, _ in groups]
        self.table.clearSpans()
        self.table.setRowCount(len(found) + (len(groups) if len(groups) > 1 else 0))
        row = 0
        first = None
        for heading, rows in groups:
            if len(groups) > 1:
                self._heading_row(row, heading)
                row += 1
            by = SORT_BY[self.sort_column] if self.sort_column >= 0 else ""
            down = self.sort_order == Qt.SortOrder.DescendingOrder
            for problem in problem_files.ordered(rows, by, down):
                folder, name = os.path.split(problem.path.rstrip(os.sep))
                # As the grid shows names: 'été.jpg', not its stored bytes; a line break seen.
                path = QTableWidgetItem(shown(name or problem.path))
                path.setToolTip(shown(problem.path))
                path.setData(Qt.ItemDataRole.UserRole, problem.path)
                self.table.setItem(row, 0, path)
                where = QTableWidgetItem(shown(folder))
                where.setToolTip(shown(problem.path))
                self.table.setItem(row, 2, where)
                # "not among your photos" is its section's heading (or the title), not each row's
                # Recorded in the command line's words ("--embed"): said in the app's
                self.table.setItem(row, 1, QTableWidgetItem(in_app_words(problem.message)))
                first = row if first is None else first
                row += 1
        self._fitted_at = ()
        self._fit_rows()
        # One kind: the line above the table says it, once (the title said it too, and a title
        # bar cuts a heading that long); several: each section's heading, in bold over its
        # rows, and the line above counts them (it repeated every heading, seven lines for four).
        self.setWindowTitle("Problems")
        parts = (
            [f"{heading}." for heading in self.headings]
            if len(groups) == 1
            else [
                f"{counted(len(found), 'problem')} of {len(groups)} kinds, each under its heading."
            ]
        )
        if found:
            parts.append(
                "Double-click one (or press Enter) to see it in the grid, or in its folder."
            )
        if any(problem.code == LEFT_COPY for problem in found) and SHOW_HIDDEN:
            # Its folder opens, but a file manager hides a name with a leading dot: unsaid,
            # the user looked for it there in vain.
            parts.append(
                "A copy left behind is hidden (its name starts with a dot): to see it in its "
                f"folder, show hidden files ({SHOW_HIDDEN}). Try Again removes it once you "
                "have made its folder writable."
            )
        self.summary.setText("\n".join(parts) if found else problem_files.NONE_LISTED)
        # The buttons act on the row that looks current: after Try Again or Forget, the same
        # file or the one in its place, not the first row (a Forget next would hit another).
        chosen = _kept(keep or [], before, self.listed_paths())
        if chosen:
            self._select(chosen)
        elif first is not None:
            self.table.selectRow(first)
        self._selection_changed()

    def _read_sort(self) -> tuple[int, Qt.SortOrder]:
        if self._settings is None:
            return -1, Qt.SortOrder.AscendingOrder
        return read_sort(self._settings, SORT_KEY, -1, -1, self.table.columnCount() - 1)

    def _sort_by(self, column: int, order: Qt.SortOrder) -> None:
        """A header clicked: each section's files sorted by it, the files selected kept so."""
        self.sort_column, self.sort_order = column, order
        if self._settings is not None:
            save_sort(self._settings, SORT_KEY, column, order)
        self._fill(keep=self.selected_paths())

    def _fit_rows(self) -> None:
        """Each row as high as its words at the columns' widths now (once for those widths).
        The scroll bar this brings or takes away narrows or widens the list once: rows that
        need it at one width need it narrower too, so this comes to rest."""
        header = self.table.horizontalHeader()
        widths = tuple(header.sectionSize(i) for i in range(header.count()))
        if widths != self._fitted_at:
            self._fitted_at = widths
            self.table.resizeRowsToContents()

    def _select(self, paths: list[str]) -> None:
        rows = [self.row_of(path) for path in paths]
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row in rows:
            self.table.selectRow(row)
        self.table.setSelectionMode(mode)
        self.table.scrollTo(self.table.model().index(rows[0], 0))

    def _heading_row(self, row: int, heading: str) -> None:
        item = QTableWidgetItem(heading)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading, not a file: never selected
        self.table.setItem(row, 0, item)
        self.table.setSpan(row, 0, 1, self.table.columnCount())

    def listed_paths(self) -> list[str]:
        """The files listed, in the table's order (the sections' headings left out)."""
        items = (self.table.item(row, 0) for row in range(self.table.rowCount()))
        paths = (item.data(Qt.ItemDataRole.UserRole) for item in items if item is not None)
        return [path for path in paths if path]

    def row_of(self, path: str) -> int:
        """The table row that lists `path`."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == path:
                return row
        raise KeyError(path)

    def selected_paths(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        items = (self.table.item(row, 0) for row in rows)
        paths = (item.data(Qt.ItemDataRole.UserRole) for item in items if item is not None)
        return [path for path in paths if path]

    def _selection_changed(self) -> None:
        chosen = bool(self.selected_paths())
        for button in (self.show_in_folder, self.try_again, self.forget):
            button.setEnabled(chosen)
        if self.trying:  # Try Again is now Stop; the list is read again when it ends
            self.try_again.setEnabled(self._stop is not None)
            self.forget.setEnabled(False)
        else:
            self.try_again.setEnabled(chosen and self._retry is not None)

    def _show(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0) if row >= 0 else None
        path = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        if not path:
            return  # a section's heading
        if path in self._hidden or self._show_file is None or not self._show_file(path):
            # Not in the grid (no photo: a folder that could not be opened, a copy a keyword
            # write left behind): its folder is where to see it.
            self._open_folder_of([path])
        else:
            self.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._show(self.table.currentRow(), 0)
            return True
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Copy)
        ):
            self.copy_paths()  # the full paths, not the names shown
            return True
        return super().eventFilter(watched, event)

    def copy_paths(self) -> None:
        """The selected files' full paths to the clipboard, one a line."""
        paths = self.selected_paths()
        if paths:
            QGuiApplication.clipboard().setText("\n".join(paths))

    def _open_folder(self) -> None:
        """Every selected file shown in its folder: one file manager window per folder, that
        folder's files selected in it; at most show_file.MOST_FOLDERS folders, the rest said."""
        self._open_folder_of(self.selected_paths())

    def _open_folder_of(self, paths: list[str]) -> None:
        """`paths` shown in their folders, selected (a folder: opened, to look inside). Where
        nothing opens, said under the list, as what Try Again and Forget did is (it took the
        place of the line over the list, its count and what to do, until the list changed)."""
        shown_now, too_many = at_once(paths)
        notes: list[str] = []

        def note(text: str) -> None:
            notes.append(text)
            self._say("\n".join(notes))

        if too_many:
            note(too_many)
        hidden = [
            os.path.basename(path)
            for _, files in shown_now
            for path in files
            if not os.path.isdir(os_path(path)) and os.path.basename(path).startswith(".")
        ]
        if hidden and SHOW_HIDDEN:
            note(_hidden_words(hidden))
        for _, files in shown_now:
            self.shower.show_together(
                files,
                lambda folder: note(
                    f"No app on this computer would open the folder {shown(folder)} (Ctrl+C "
                    "copies the file's full path)"
                ),
            )

    def _try_again(self) -> None:
        if self.trying:
            if self._stop is not None:
                self._stop()
                self.try_again.setEnabled(False)
                self._say(f"Stopping… ({self._trying_words()})")
            return
        paths = self.selected_paths()
        if not paths or self._retry is None:
            return
        if not self._retry(paths, self.tried, self._failed):
            self._say(
                "Another job is running (see the status bar): Try Again once it has ended, "
                "or cancel it"
            )
            return
        self.trying = paths
        self.try_again.setText("&Stop")
        self.try_again.setToolTip("Stop trying these files again")
        self._selection_changed()
        self._say(f"{self._trying_words()}…")

    def _trying_words(self) -> str:
        names = [shown(os.path.basename(path.rstrip(os.sep)) or path) for path in self.trying]
        listed = ", ".join(names) if len(names) <= 3 else counted(len(names), "file")
        return f"Trying {listed} again"

    def show_progress(self, progress: Progress) -> None:
        """The running job's progress, while it is Try Again's (the window relays it)."""
        if self.trying:
            self._say(f"{self._trying_words()}: {describe_progress(progress)}")

    def tried(self, result: TriedAgain | None) -> None:
        """Try Again has ended: the list read again, and what came of each file said; those
        still wrong stay selected."""
        self._ended()
        if result is None:
            self._say("Try Again was stopped")
            return
        self._say("\n".join(result.lines()))
        left = {tried.path for tried in result.left}
        still = [path for path in self.listed_paths() if path in left]
        if still:
            self._select(still)

    def _failed(self, reason: str) -> None:
        self._ended()
        self._say(f"Try Again failed: {reason}")

    def _ended(self) -> None:
        self.trying = []
        self.try_again.setText(TRY_AGAIN)
        self.try_again.setToolTip(self._try_tip)
        self._fill(keep=self.selected_paths())

    def _say(self, text: str) -> None:
        self.outcome.setPlainText(text)
        self.outcome.setVisible(bool(text))
        self._fit_outcome()

    def _fit_outcome(self) -> None:
        """The outcome as high as its lines (wrapped), six at the most: one line of progress
        takes one line's room from the list, not six."""
        box = self.outcome
        width = box.viewport().width() - 2 * int(box.document().documentMargin())
        lines = box.fontMetrics().boundingRect(
            QRect(0, 0, max(width, 100), 100_000),
            Qt.TextFlag.TextWordWrap,
            box.toPlainText(),
        )
        most = box.fontMetrics().lineSpacing() * 6
        margins = 2 * (int(box.document().documentMargin()) + box.frameWidth()) + 2
        box.setFixedHeight(min(lines.height(), most) + margins)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_outcome()  # wrapped anew at the new width

    def _forget(self) -> None:
        paths = self.selected_paths()
        if paths:
            again = problem_files.listed_again(self._db, paths)
            problem_files.forget(self._db, paths)
            self._fill(keep=paths)
            # The tooltip's promise ("not listed again until the file changes") holds for
            # a file the library holds only: unsaid, a link or a copy was back after a scan.
            self._say(_listed_again_words(again) if again else "")


class _Roomy(QStyledItemDelegate):
    """A row a little higher than its words: fitted to them exactly, one file's lines ran into
    the next file's."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + ROW_ROOM)


class _TwoLines(_Roomy):
    """A file's name on two lines at most, cut in its middle where longer ("Harbour at dawn,
    the…boats coming in.jpg": its start and its extension stay); the whole path is in the
    row's tooltip. Wrapped whole, a 200-character name made its row seven lines high."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:
        super().initStyleOption(option, index)
        if option.text and index.flags() & Qt.ItemFlag.ItemIsSelectable:
            style = option.widget.style() if option.widget is not None else None
            margin = 1 + (
                style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, option.widget)
                if style is not None
                else 2
            )
            width = option.rect.width() - 2 * margin
            option.text = in_lines(option.text, option.font, width, NAME_LINES)


def in_lines(text: str, font: QFont, width: int, lines: int) -> str:
    """`text` as it fits in `lines` lines `width` pixels wide, wrapped as the list wraps (at
    spaces; a word wider than the line is cut by the list itself, in its middle): whole where
    it does, else cut in its middle with '…', as little as needed."""
    if width <= 0 or _lines_of(text, font, width) <= lines:
        return text
    metrics = QFontMetrics(font)
    low, high = 0, width * lines  # the widest cut that still fits, found by halves
    best = metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, width)
    while low < high:
        middle = (low + high + 1) // 2
        cut = metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, middle)
        if _lines_of(cut, font, width) <= lines:
            best, low = cut, middle
        else:
            high = middle - 1
    return best


def _lines_of(text: str, font: QFont, width: int) -> int:
    """How many lines the list lays `text` out on at `width` (QCommonStyle's own way: a text
    layout wrapped at word boundaries)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    count = 0
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        count += 1
    layout.endLayout()
    return max(count, 1)


class _OneLine(_Roomy):
    """A folder on one line, its start left out where it does not fit ("…/2026/Harbour trip"):
    wrapped, it made every row two lines high."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:
        super().initStyleOption(option, index)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText
        option.textElideMode = Qt.TextElideMode.ElideLeft


def _hidden_words(names: list[str]) -> str:
    """What Show in Folder says of files a file manager hides (a name with a leading dot)."""
    if len(names) == 1:
        return (
            f"{shown(names[0])} is hidden: in its folder, show hidden files to see it "
            f"({SHOW_HIDDEN})"
        )
    listed = ", ".join(map(shown, names)) if len(names) <= 3 else counted(len(names), "file")
    return f"{listed} are hidden: in their folders, show hidden files to see them ({SHOW_HIDDEN})"


def _listed_again_words(paths: list[str]) -> str:
    names = [shown(os.path.basename(path.rstrip(os.sep)) or path) for path in paths]
    if len(names) == 1:
        who, is_, its, it = names[0], "is", "its folder", "it"
    else:
        listed = ", ".join(names) if len(names) <= 3 else counted(len(names), "file")
        who, is_, its, it = listed, "are", "their folders", "them"
    return (
        f"{who} {is_} off the list until the next scan of {its} lists {it} again: Forget "
        f"keeps out only files the library holds. Delete {it}, or put {it} right, to be rid "
        f"of {it}"
    )


def _kept(keep: list[str], before: list[str], listed: list[str]) -> list[str]:
    """Of the files `keep` (selected in the list `before`), those still `listed`; where none
    is, the file listed next after the first of them (else the one before it); or none."""
    there = set(listed)
    still = [path for path in keep if path in there]
    if still or not keep or keep[0] not in before:
        return still
    at = before.index(keep[0])
    after = [path for path in before[at:] if path in there]
    earlier = [path for path in before[:at] if path in there]
    return after[:1] or earlier[-1:]
