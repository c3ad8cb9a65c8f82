"""What a photographer does around tagging: find similar photos and duplicates, manage tags and
folders, open a photo elsewhere; with the keyboard loop's glue (focus back on the grid after a
tag is added, A and R in the viewer). Its actions live in the menus and the context menus.

The main window creates one LibraryTools; everything here goes through core/.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QObject, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox, QWidget

from phototagger.core import folders as folder_admin
from phototagger.core import tag_admin
from phototagger.core.detector_tags import typed_tag
from phototagger.core.duplicate_carry import plan_carry
from phototagger.core.errors import BadTagName
from phototagger.core.labels import check_new_tag_name
from phototagger.core.library import Library
from phototagger.core.model.activation import changed_words
from phototagger.core.model.active import threshold_overrides
from phototagger.core.model.listing import active_columns
from phototagger.core.names import os_path, shown
from phototagger.core.near_meaning import renamed_tag_notes
from phototagger.core.photos_view import get_photo
from phototagger.core.queries import GridFilter, with_commas
from phototagger.core.states import PhotoStatus
from phototagger.core.tag_admin import shown_name
from phototagger.core.thresholds import retag_with_thresholds
from phototagger.core.trash import photo_paths
from phototagger.core.word_tags import WordTags, tags_taking_in
from phototagger.core.wording import counted
from phototagger.gui.actions import _action
from phototagger.gui.context_menus import photo_menu, sidebar_menu
from phototagger.gui.file_gone import (
    ALL_GONE,
    ALL_GONE_TIP,
    GONE,
    GONE_TIP,
    files_gone,
    gone_of_words,
    offer_unless_gone,
)
from phototagger.gui.help_dialogs import KEY_WHERE
from phototagger.gui.in_view import in_view
from phototagger.gui.quotes import quoted
from phototagger.gui.reject_any import keys_back_to, keys_window
from phototagger.gui.show_file import FileShower, at_once
from phototagger.gui.tag_choice import offer_tags
from phototagger.gui.trash import (
    MoveToTrashCommand,
    TrashError,
    along_words,
    files_along,
    move_to_trash,
)
from phototagger.gui.undo import (
    NoUndoCommand,
    RenameCommand,
    follow_tag_change,
    leave_out_folder,
)
from phototagger.gui.window_parts import ToolsHost

_KIND = Qt.ItemDataRole.UserRole + 1
_VALUE = Qt.ItemDataRole.UserRole + 2

# Asks the user: (title, question, details) -> yes. Replaced in tests by a recorded answer.
Confirm = Callable[[QWidget, str, str], bool]
AskText = Callable[[QWidget, str, str, str], "str | None"]
AskTag = Callable[[QWidget, str, str, str, list[str]], "str | None"]


def confirm(parent: QWidget, title: str, question: str) -> bool:
    had_keys = QApplication.focusWidget()
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    _keys_back(had_keys)
    return answer == QMessageBox.StandardButton.Yes


def _keys_back(widget: QWidget | None) -> None:
    """Once a question closes, the keys go back to the widget that had them (the grid, after
    "Move to Trash?"): a desktop may activate no window then, and Ctrl+Z did nothing until the
    user clicked the grid. A widget laid out behind another dock's tab (the Details panel's tag
    box under the Model tab), which Qt still calls visible, does not get them: the keys typed
    next went into a box nobody saw, and Ctrl+Z undid its text, not the app's last change. The
    window's photos get them then (gui/in_view.py). Its window is made active as any other
    question's is (reject_any.keys_back_to)."""
    if widget is None or not shiboken6.isValid(widget) or not widget.isVisible():
        return
    if not in_view(widget):
        photos = getattr(widget.window(), "grid", None)
        if not isinstance(photos, QWidget) or not in_view(photos):
            return
        widget = photos
    keys_back_to(widget.window())
    widget.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


def ask_text(parent: QWidget, title: str, label: str, text: str) -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok and value.strip() else None


def ask_tag(parent: QWidget, title: str, label: str, text: str, names: list[str]) -> str | None:
    """A name typed or chosen from `names` (completed as typed), or None when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    offer_tags(dialog, names)
    dialog.setTextValue(text)
    value = dialog.textValue() if dialog.exec() else ""
    dialog.deleteLater()
    return value if value.strip() else None


class LibraryTools(QObject):
    rescan_requested = Signal(list)  # folders added to the library, to scan again

    def __init__(self, window: ToolsHost) -> None:
        super().__init__(window.window())
        self.window = window
        self.confirm: Confirm = confirm
        self.ask_text: AskText = ask_text
        self.ask_tag: AskTag = ask_tag
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        # Show in File Manager: the photo selected in its folder (a folder, opened by open_url).
        self.shower = FileShower(self, lambda url: self.open_url(url))
        self.trash: Callable[[str], str] = move_to_trash
        # The sidebar row (kind, value) whose right-click menu is up: what its commands act on.
        self._menu_target: tuple[str, str] | None = None
        w = window.window()  # the actions' and dialogs' parent
        self.find_similar = _action(
            w,
            "Find &Similar Photos",
            "Ctrl+Shift+F",
            tip="Show the library ranked by likeness to this photo",
        )
        self.find_duplicates = _action(
            w,
            "Find &Duplicates…",
            "Ctrl+Shift+D",
            tip="Identical and near-identical photos, to keep one",
        )
        self.manage_tags = _action(
            w, "&Manage Tags…", "Ctrl+Shift+T", tip="Rename, merge or delete tags"
        )
        self.open_default = _action(
            w,
            "Open in Default &App",
            "Ctrl+Shift+O",
            tip="Open the photo in the system's image viewer",
        )
        self.show_in_folder = _action(
            w,
            "Show in File &Manager",
            "Ctrl+Shift+E",
            tip="Show the selected photos in their folders, in the file manager",
        )
        self.trash_photos = _action(
            w,
            "Move to &Trash",
            "Delete",
            tip="Move the selected photos' files to the system trash (Ctrl+Z brings them back)",
        )
        # Delete acts on the grid's photos only when the grid has the keyboard, never on a tag
        # or a folder that happens to be selected in the sidebar.
        self.trash_photos.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.rename_tag = _action(w, "&Rename Tag…", "F2", tip="Rename the selected tag")
        self.rename_tag.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.merge_tag = _action(
            w, "Merge Tag &Into…", tip="Move its photos, and the tags under it, to another tag"
        )
        self.delete_tag = _action(
            w,
            "&Delete Tag…",
            "Delete",
            tip="Remove the tag from every photo; the model stops suggesting it",
        )
        self.delete_tag.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        # Delete is both, by where the keyboard is: Keyboard Shortcuts says where (help_dialogs).
        self.trash_photos.setProperty(KEY_WHERE, "in the grid")
        self.rename_tag.setProperty(KEY_WHERE, "in the sidebar")
        self.delete_tag.setProperty(KEY_WHERE, "in the sidebar")
        self.remove_folder = _action(
            w,
            "&Remove Folder from Library…",
            tip="The photos leave the library; files stay on disk",
        )
        self.show_folder = _action(w, "Show Folder in File Manager")
        self.rescan_folder = _action(w, "Rescan This Folder")
        window.grid.addActions([self.trash_photos])
        window.sidebar.tree.addActions([self.rename_tag, self.delete_tag])
        for action in (
            self.find_similar,
            self.find_duplicates,
            self.manage_tags,
            self.open_default,
            self.show_in_folder,
        ):
            window.addAction(action)
        self._connect()
        self._install_menus()
        window.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.grid.customContextMenuRequested.connect(self._grid_menu)
        window.sidebar.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.sidebar.tree.customContextMenuRequested.connect(self._sidebar_menu)
        self._applied_thresholds = threshold_overrides(window.db)
        window.details.check_new_tag = self.check_new_tag
        window.details.tag_added.connect(window.grid.setFocus)
        window.sidebar.search.escaped.connect(window.grid.setFocus)
        window.sidebar.tree.left.connect(window.grid.setFocus)  # Enter or Esc
        # After the window's own handler, which writes the header with the count.
        window.controller.applied.connect(self._say_when_empty)

    def actions(self) -> list[QAction]:
        return [v for v in vars(self).values() if isinstance(v, QAction)]

    def viewer_actions(self) -> list[QAction]:
        """The main window's keys that also work in the viewer: deciding on the shown photo's
        tags (the details panel follows the viewer's photo), Shift+R (not a tag it shows) too."""
        a = self.window.commands
        return [
            a.accept_tag,
            a.reject_tag,
            a.reject_named,
            a.next_tag,
            a.previous_tag,
            a.accept_all,
            a.add_tag,
            self.find_similar,
        ]

    def _connect(self) -> None:
        # triggered(bool) would pass `checked` where a photo id is expected.
        self.find_similar.triggered.connect(lambda: self.show_similar())
        self.find_duplicates.triggered.connect(self.open_duplicates)
        self.manage_tags.triggered.connect(self.open_tag_manager)
        self.open_default.triggered.connect(self.open_in_default_app)
        self.show_in_folder.triggered.connect(self.show_photo_folder)
        self.trash_photos.triggered.connect(
            lambda: self.move_photos_to_trash(self.window.chosen_photo_ids())
        )
        self.rename_tag.triggered.connect(lambda: self._with_tag(self.ask_rename))
        self.merge_tag.triggered.connect(lambda: self._with_tag(self.ask_merge))
        self.delete_tag.triggered.connect(lambda: self._with_tag(self.ask_delete))
        self.remove_folder.triggered.connect(lambda: self._with_folder(self.ask_remove_folder))
        self.show_folder.triggered.connect(
            lambda: self._with_folder(lambda path: self._open_elsewhere(path, "the folder"))
        )
        self.rescan_folder.triggered.connect(
            lambda: self._with_folder(lambda path: self.rescan_requested.emit([self._root(path)]))
        )

    def _install_menus(self) -> None:
        menus = {a.text().replace("&", ""): a.menu() for a in self.window.menuBar().actions()}
        edit, view, tags = menus.get("Edit"), menus.get("View"), menus.get("Tags")
        if isinstance(edit, QMenu):
            edit.addSeparator()
            edit.addAction(self.trash_photos)
        if isinstance(view, QMenu):
            first = view.actions()[0] if view.actions() else None
            items = [
                self.find_similar,
                self.find_duplicates,
                self.open_default,
                self.show_in_folder,
            ]
            view.insertActions(first, items)  # type: ignore[arg-type]
            view.insertSeparator(first)  # type: ignore[arg-type]
        if isinstance(tags, QMenu):
            tags.addSeparator()
            tags.addAction(self.manage_tags)

    def _say_when_empty(self) -> None:
        w = self.window
        grid_filter = w.controller.filter
        if w.model.rowCount() == 0 and not grid_filter.is_everything:
            # The filter whole: the way out is the Show All Photos button beside the header
            # (its tooltip names the key). Said here as well, it made the header too long, and
            # cut in the middle it lost the tags chosen ("…tagged coldish sund…All photos").
            described = grid_filter.describe()
            text = f"No photos match: {described[0].lower()}{described[1:]}"
            # A word searched for that is no tag ('sunglasses') read the same as a tag no
            # photo has: the words to change are named instead (a word left out empties
            # nothing), in few words: the header is cut to fit.
            missing_tags = [
                n for n in (*grid_filter.all_of, *grid_filter.any_of) if not w.sidebar.known_tag(n)
            ]
            # A word that is no tag was looked for in the file names too ('VID'): said when no
            # file name has it either.
            words = (*grid_filter.names, *grid_filter.names_any)
            unnamed = [n for n in words if n not in w.controller.names_found]
            missing = list(dict.fromkeys([*missing_tags, *unnamed]))
            if missing:
                said = []
                if missing_tags:
                    verb = "no tags are" if len(missing_tags) > 1 else "no tag is"
                    said.append(f"{verb} called {' or '.join(map(quoted, missing_tags))}")
                if unnamed:
                    said.append(f"no tag or file name matches {' or '.join(map(quoted, unnamed))}")
                text = f"No photos match: {', '.join(said)}"
                # "été à nice" typed for 'Été à Nice' (the library tells É from é): the tag
                # meant is named, as the add field asks about a lookalike.
                meant = [m for n in missing for m in w.sidebar.spelt_otherwise(n)]
                if meant:
                    text += "; there is " + " and ".join(f"{quoted(shown_name(m))}" for m in meant)
                # 'primate' searched where "monkeys" was learned like WordNet 'primate' (walk52):
                # the tags that take in what the word names are named (core/word_tags.py), for
                # each such word ("for “automobile”, look at “car” …": left53).
                else:
                    for name, taking in self._taking_in(missing):
                        lead = f"for {quoted(name)}, " if len(missing) > 1 else ""
                        text += f"; {lead}{taking.words()}"
                # 'big cats -monkeys', tags apart by spaces (the placeholder shows '-bird'): the
                # comma that was meant is shown, written in.
                commas = [c for n in missing if (c := with_commas(n, w.sidebar.known_tag))]
                if commas:
                    text += "; tags are set apart by commas: " + " and ".join(
                        f"{quoted(c)}" for c in commas
                    )
            w.header.set_whole_text(text)

    def _taking_in(self, names: list[str]) -> list[tuple[str, WordTags]]:
        """Each of `names` (searched for, no tag's) that names a WordNet group some tags take
        in, with those tags (core/word_tags.py), of the tags the user can look at."""
        w = self.window
        found = [
            (name, tags_taking_in(w.library, name, lambda t: w.sidebar.known_tag(t) is not None))
            for name in names
        ]
        return [(name, taking) for name, taking in found if taking is not None]

    # --- thresholds -----------------------------------------------------------------------

    def apply_thresholds(self) -> bool:
        """Re-tag the library from cached embeddings if the thresholds changed since the
        last time they were applied; True if a re-tagging job started."""
        w = self.window
        now = threshold_overrides(w.db)
        if now == self._applied_thresholds:
            return False

        def job(library: Library, progress: Any, cancel: Any) -> int:
            # Every photo is scored again; what the user sees is whether its tags changed
            # (a threshold moved past no photo's score changes none), counted as a switch does.
            changed: set[int] = set()
            retag_with_thresholds(library, progress, cancel, changed)
            return len(changed)

        def done(changed: int | None) -> None:
            if changed is not None:
                self._applied_thresholds = now
                w.status.showMessage(
                    f"Settings saved; {changed_words(changed)} with the new thresholds", 10000
                )

        started = w.jobs.start("Re-tagging with the new thresholds", job, on_done=done)
        if not started:
            w.status.showMessage(
                "Settings saved; the new thresholds apply once the running "
                "job ends (rescan, or save the settings again)",
                10000,
            )
        return started

    # --- similar and duplicates -----------------------------------------------------------

    def show_similar(self, photo_id: int | None = None) -> None:
        w = self.window
        chosen = photo_id if photo_id is not None else w.current_photo_id()
        if chosen is None:
            w.status.showMessage("Select a photo first", 5000)
            return
        photo = get_photo(w.db, chosen)
        name = os.path.basename(photo.path) if photo is not None else ""
        unread = {
            PhotoStatus.PROBLEM: "could not be read",
            PhotoStatus.PENDING: "is waiting to be tagged",
        }
        if photo is not None and photo.status in unread:
            # Likeness comes from what the model saw in a photo: this one it has not seen.
            w.status.showMessage(
                f"{name} {unread[photo.status]}: there is nothing to compare it with", 8000
            )
            return
        with_selection = w.sidebar.tree.selectedItems()
        for item in with_selection:
            item.setSelected(False)
        # The ranking is no search either: words left in the box read as a filter not applied.
        w.sidebar.clear_search_quietly()
        grid_filter = GridFilter(similar_to=chosen, similar_name=name)
        if grid_filter == w.controller.filter:
            w.grid.setFocus()
            return  # shown already, with its count
        w.header.setText(grid_filter.describe())
        # Its first use reads every embedding (seconds for thousands of photos): the header
        # above already names the ranking, the grid below still shows the photos before it.
        looking = f"Finding photos like {name}…"
        w.status.showMessage(looking)

        def shown() -> None:
            if w.status.currentMessage() == looking:
                w.status.clearMessage()

        w.controller.applied.connect(shown, Qt.ConnectionType.SingleShotConnection)
        w.controller.set_filter(grid_filter)
        w.grid.setFocus()

    def open_duplicates(self) -> Any:
        from phototagger.gui.duplicates_dialog import DuplicatesDialog

        dialog = DuplicatesDialog(self.window, self)
        dialog.open()
        dialog.search()
        self.duplicates_dialog = dialog
        return dialog

    def move_photos_to_trash(
        self, photo_ids: list[int], onto: Mapping[int, int] | None = None
    ) -> int:
        """Move the files to the system trash, as one undoable step; how many photos moved (0:
        none). Spare copies in `onto` (Find Duplicates) leave the user's decisions on the copy
        kept."""
        w = self.window
        if not photo_ids:
            return 0
        count = len(photo_ids)
        files = [f for fs in files_along(w.db, photo_ids).values() for f in fs]
        along = along_words(files, count)
        carried = plan_carry(w.db, onto).words() if onto else ""
        if not self.confirm(
            w.window(),
            "Move to Trash",
            (
                f"Move {count:,} photos to the system trash{along}? Undo (Ctrl+Z) brings them "
                "back while the app runs; after that, restore them from the trash."
                if count != 1
                else f"Move this photo to the system trash{along}? Undo (Ctrl+Z) brings it "
                "back while the app runs; after that, restore it from the trash."
            )
            + (f"\n\n{carried}" if carried else ""),
        ):
            return 0
        command = MoveToTrashCommand(
            w.db, photo_ids, self.trash, self._photos_changed, self._trash_failed, onto
        )
        w.undo_stack.push(command)
        return len(command.moved)

    def _photos_changed(self, restored: list[int]) -> None:
        """After a move to the trash, or its undo: the photos brought back are selected again,
        the first current, so a photographer culling goes on from where the undo put them."""
        w = self.window
        if restored:

            def reselect() -> None:
                w.controller.applied.disconnect(reselect)
                w.grid.select_ids(restored, restored[0])
                w.grid.reveal_row(w.grid.current_row() or 0)

            w.controller.applied.connect(reselect)
        w.refresh()

    def _trash_failed(self, errors: list[str]) -> None:
        """Moving to the trash or back (undo) failed for these files: said, with the first."""
        more = f" (and {counted(len(errors) - 1, 'more file')})" if len(errors) > 1 else ""
        self.window.status.showMessage(errors[0] + more, 15000)

    # --- opening elsewhere ----------------------------------------------------------------

    def _current_path(self) -> str | None:
        pid = self.window.current_photo_id()
        return None if pid is None else photo_paths(self.window.db, [pid]).get(pid)

    def offer_open(self) -> None:
        """Open in Default App grey, saying why, when the current photo's file is gone: handed
        to the desktop, it failed there without a word. Show in File Manager likewise when
        every photo it would show is gone: with several selected it shows those still there,
        so one gone (the current one too) does not grey it."""
        pid = self.window.current_photo_id()
        db = self.window.db
        offer_unless_gone(self.open_default, pid is not None and bool(files_gone(db, [pid])))
        ids = self._to_show()
        gone = bool(ids) and len(files_gone(db, ids)) == len(ids)
        offer_unless_gone(self.show_in_folder, gone, ALL_GONE_TIP if len(ids) > 1 else GONE_TIP)

    def _to_show(self) -> list[int]:
        """The photos Show in File Manager shows: every one selected, or the current one."""
        ids = self.window.grid.selected_ids()
        if len(ids) > 1:
            return ids
        pid = self.window.current_photo_id()
        return [] if pid is None else [pid]

    def _current_file(self) -> str | None:
        """The current photo's path; None, said in the status bar, when its file is gone (it
        went after the photo was chosen, or the key came before the entries were greyed)."""
        path = self._current_path()
        if path is not None and not os.path.lexists(os_path(path)):
            self.window.status.showMessage(
                f"{os.path.basename(path)} is {GONE}: rescan to bring the library up to date",
                10000,
            )
            return None
        return path

    def open_in_default_app(self) -> None:
        path = self._current_file()
        if path is not None:
            self._open_elsewhere(path, os.path.basename(path))

    def show_photo_folder(self) -> None:
        """Every selected photo shown in its folder (the current one alone: as Open in Default
        App, said when its file is gone): one file manager window per folder, that folder's
        photos selected in it, at most show_file.MOST_FOLDERS folders, the rest said."""
        ids = self.window.grid.selected_ids()
        if len(ids) < 2:
            path = self._current_file()
            if path is not None:
                self.shower.show(path, lambda folder: self._nothing_opened(folder, "its folder"))
            return
        found = photo_paths(self.window.db, ids)
        paths = [found[pid] for pid in ids if pid in found]
        # Those whose files are gone are left out, and said: their folders opened with nothing
        # selected in them, or the action greyed for the current one's alone.
        there = [path for path in paths if os.path.lexists(os_path(path))]
        gone = len(paths) - len(there)
        if not there:
            self.window.status.showMessage(
                f"The {len(paths):,} selected files are {ALL_GONE}: rescan to bring the library "
                "up to date",
                10000,
            )
            return
        shown_now, too_many = at_once(there)
        said = [too_many] if too_many else []
        if gone:
            said.append(f"Not shown: {gone_of_words(gone, len(paths))}")
        unopened: list[str] = []

        def failed(folder: str) -> None:  # may come later, from the file manager's answer
            # Said in place of the first ten's note: none of them may have opened.
            unopened.append(folder)
            what = "its folder" if len(unopened) == 1 else counted(len(unopened), "folder")
            more = f" and {len(unopened) - 1} more" if len(unopened) > 1 else ""
            self._nothing_opened(unopened[0] + more, what)

        if said:
            self.window.status.showMessage(". ".join(said), 10000)
        for _, files in shown_now:
            self.shower.show_together(files, failed)

    def _open_elsewhere(self, path: str, what: str) -> None:
        """Hand `path` to the desktop; said in the status bar when nothing took it (no default
        app, no file manager, no xdg-open): the key had seemed to do nothing."""
        if self.open_url(QUrl.fromLocalFile(path)) is False:
            self._nothing_opened(path, what)

    def _nothing_opened(self, path: str, what: str) -> None:
        self.window.status.showMessage(
            f"No app on this computer would open {what} ({shown(path)})", 10000
        )

    # --- tags -----------------------------------------------------------------------------

    def check_new_tag(self, name: str) -> str | None:
        """The name to add (or reject), or None to write nothing: a name that cannot be a tag
        is refused with the message `phototagger label` gives; a new name that looks like an
        existing tag is asked about."""
        try:
            check_new_tag_name(name)
        except BadTagName as exc:
            self.window.status.showMessage(exc.message, 15_000)
            refusal = QMessageBox(
                QMessageBox.Icon.Warning,
                "Not a tag name",
                exc.message,
                parent=self.window.window(),
            )
            refusal.open()  # the typed name stays in its field, to be corrected
            self.name_refusal = refusal
            return None
        # 'AC/DC' typed is the keyword AC/DC the library holds (a slash inside it), if it has one.
        name = typed_tag(self.window.db, name)
        existing = self.window.overview.all_tag_names
        close = tag_admin.similar_names(name, existing)
        if not close:
            return name
        shown, near = tag_admin.shown_name(name), tag_admin.shown_name(close[0])
        # Enter keeps what was typed, as in Lightroom and digiKam: the default was "Use …",
        # so T, 'monkeys', Enter, Enter gave the photos 'monkey' instead of the new tag.
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "A similar tag exists",
            f"{quoted(shown)} is a new tag. A similar tag, {quoted(near)}, already exists.\n\n"
            f"Create {quoted(shown)}, or use the existing {quoted(near)} instead?",
            parent=self.window.window(),
        )
        create = box.addButton(f"Create {quoted(shown)}", QMessageBox.ButtonRole.AcceptRole)
        use = box.addButton(f"Use existing {quoted(near)}", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(create)
        self.name_question = box
        came_from = keys_window()
        box.exec()
        keys_back_to(came_from)
        clicked = box.clickedButton()
        if clicked is use:
            return close[0]
        if clicked is create:
            return name
        return None

    def _selected_sidebar(self) -> tuple[str | None, str | None]:
        """The sidebar's tag or folder a command is for: the one right-clicked while its menu is
        up (and the command it chose runs), else the selected one."""
        if self._menu_target is not None:
            return self._menu_target
        items = self.window.sidebar.tree.selectedItems()
        if not items:
            return None, None
        return items[0].data(0, _KIND), items[0].data(0, _VALUE)

    def _with_tag(self, act: Callable[[str], object]) -> None:
        kind, value = self._selected_sidebar()
        if kind == "tag" and value:
            act(str(value))

    def _with_folder(self, act: Callable[[str], object]) -> None:
        kind, value = self._selected_sidebar()
        if kind == "folder" and value:
            act(str(value))

    def ask_rename(self, name: str) -> None:
        new = self.ask_text(
            self.window.window(),
            "Rename Tag",
            f"New name for {quoted(tag_admin.shown_name(name))} (an existing name merges the two; "
            "'group/name' files it under a group, '\\/' is a slash inside a name: AC\\/DC):",
            tag_admin.typed_form(name),
        )
        if new is not None:
            self._tag_change(
                lambda: tag_admin.rename_tag(self.window.db, name, new, scored=self._scored())
            )

    def ask_merge(self, name: str, suggestion: str = "", parent: QWidget | None = None) -> None:
        """Ask which tag `name` (a tag or a group of tags) goes into, saying what moves."""
        try:
            below = tag_admin.tag_usage(self.window.db, name).children
        except tag_admin.TagAdminError as exc:
            self.window.status.showMessage(str(exc), 10000)
            return
        label = (
            f"Merge {quoted(shown_name(name))} into which tag? Its photos get that tag instead, "
        )
        label += "with your decisions kept."
        if below:
            # digiKam's rule: the branch goes along, under the tag merged into.
            count = len(below)
            example = below[0][len(name) :]
            label += (
                f"\nThe {counted(count, 'tag')} under it move under that tag "
                f"({quoted(shown_name(below[0]))} becomes “…{shown_name(example)}”)."
            )
        # Asked before, as the delete's question says it: a merge is no undo step (undo37:
        # where a photo had both tags one row is kept), so Ctrl+Z after it cannot help.
        label += "\nA merge cannot be undone."
        # Every tag and group it may go into (not itself or its own branch), to choose from:
        # a free-text box let a typo through to a status-bar error.
        names = self.window.overview.all_tag_names
        targets = [
            n
            for n in sorted({*names, *tag_admin.group_names(names)}, key=str.casefold)
            if not tag_admin.in_branch(n, name)
        ]
        # Listed as they read ('AC/DC'); one chosen is the tag it names.
        listed = {shown_name(n): n for n in targets}
        window = parent or self.window.window()
        new = self.ask_tag(window, "Merge Tag", label, shown_name(suggestion), list(listed))
        if new is not None:
            self.merge_into(name, listed.get(new, new))

    def merge_into(self, name: str, target: str) -> None:
        self._tag_change(
            lambda: tag_admin.merge_tags(self.window.db, name, target, scored=self._scored())
        )

    def _scored(self) -> frozenset[str]:
        """The tags the active version scores by their own column (tag_admin.merge_tags)."""
        return active_columns(self.window.library)

    def ask_delete(self, name: str) -> None:
        try:
            usage = tag_admin.tag_usage(self.window.db, name)
        except tag_admin.TagAdminError as exc:
            self.window.status.showMessage(str(exc), 10000)
            return
        what = f"{quoted(tag_admin.shown_name(name))}"
        if usage.children:
            # digiKam's rule: a tag goes with its branch, and the question says so with the
            # count; the command line refuses instead unless told --with-children.
            what += " and the " + tag_admin.tags_under(usage.children, lambda tag: f"{quoted(tag)}")
        yes, no = usage.yes, usage.no
        answers = ", ".join(
            part for part in (f"{yes:,} yes" if yes else "", f"{no:,} no" if no else "") if part
        )
        forget = f" and forget {yes + no:,} of your decisions ({answers})" if yes + no else ""
        photos = usage.photos
        if self.confirm(
            self.window.window(),
            "Delete Tag",
            f"Delete {what} from {counted(photos, 'photo')}{forget}? "
            f"The model will no longer suggest {'them' if usage.children else 'it'}. "
            "This cannot be undone.",
        ):
            self._tag_change(lambda: tag_admin.delete_tag(self.window.db, name, with_children=True))

    def _tag_change(self, change: Callable[[], tag_admin.TagChange]) -> None:
        """Do a rename, merge or delete of a tag (and the tags below it), and push its undo
        step: a rename that can be taken back exactly is one (RenameCommand); a merge or delete
        stands in the history as a step that cannot be undone (NoUndoCommand), so that Ctrl+Z
        right after it says so and does not silently undo the change made before it."""
        w = self.window
        try:
            done = change()
        except tag_admin.TagAdminError as exc:
            w.status.showMessage(str(exc), 10000)
            return
        lost = self._follow(done)
        verb = {"rename": "Renamed", "merge": "Merged", "delete": "Deleted"}[done.kind]
        target = (
            f" into {quoted(shown_name(done.new_name or ''))}"
            if done.kind == "merge"
            else (f" to {quoted(shown_name(done.new_name or ''))}" if done.kind == "rename" else "")
        )
        note = tag_admin.children_note(done, lambda tag: f"{quoted(shown_name(tag))}")
        photos = done.photos  # showing it, as the sidebar counts them (not "52" for 20)
        photos_said = counted(photos, "photo") + (f"; {note}" if note else "")
        said = f"{verb} {quoted(shown_name(done.name))}{target} ({photos_said}).{lost}"
        # A rename to a name no tag had invents it, as the add field does: said with it, once.
        joins = self.merge_tag.text().replace("&", "")
        invented = renamed_tag_notes(w.db, done, joins=f"{quoted(joins)}")
        for note in invented:
            said += f" {note}."
        if done.kind == "rename" and done.new_name == done.name:
            w.status.showMessage(said, 10000)
            return  # nothing changed: no step
        exact = (
            done.kind == "rename"
            and not done.merged_children
            and done.new_name is not None
            and tag_admin.rename_back_refusal(w.db, done.new_name, done.name, done.moved_tails)
            is None
        )
        if exact:
            w.undo_stack.push(
                RenameCommand(done, self._rename_step, self._rename_refusal, w.label_failed)
            )
            again = " Ctrl+Z to undo."
        else:
            step = {"rename": "Rename", "merge": "Merge", "delete": "Delete"}[done.kind]
            what = f"{step} {quoted(shown_name(done.name))}{target}"
            w.undo_stack.push(NoUndoCommand(what, self._said))
            again = f" The {step.lower()} cannot be undone."
        w.status.showMessage(said + again, 15000 if invented else 10000)

    def _rename_refusal(self, name: str, to: str, tails: tuple[str, ...]) -> str | None:
        return tag_admin.rename_back_refusal(self.window.db, name, to, tails)

    def _rename_step(self, name: str, to: str, done: str) -> None:
        """Undo or redo of a rename (RenameCommand): rename `name` to `to` as a rename is made,
        the window following it; `done` ("Undone", "Redone") leads what the status bar says."""
        w = self.window
        try:
            change = tag_admin.rename_tag(w.db, name, to, scored=self._scored())
        except tag_admin.TagAdminError as exc:
            w.label_failed(str(exc))
            return
        self._follow(change)
        again = "Ctrl+Shift+Z to redo" if done == "Undone" else "Ctrl+Z to undo"
        w.status.showMessage(
            f"{done}: renamed {quoted(shown_name(name))} back to {quoted(shown_name(to))} ({again})"
            if done == "Undone"
            else (
                f"{done}: renamed {quoted(shown_name(name))} to {quoted(shown_name(to))} ({again})"
            ),
            8000,
        )

    def _said(self, message: str) -> None:
        self.window.status.showMessage(message, 10000)

    def _follow(self, done: tag_admin.TagChange) -> str:
        """The window follows a tag change made in it: the undo history (FaceNameCommand and
        LabelCommand follow it; entries about a tag merged or deleted stay in the history,
        refused), the filter, the sidebar, the Tag Manager. What to say of the refused ones."""
        w = self.window
        refused = follow_tag_change(w.undo_stack, done)
        self._filter_follows(done)
        manager = getattr(self, "tag_manager", None)
        if manager is not None and shiboken6.isValid(manager) and manager.isVisible():
            manager.follow_tag_change(done.name, done.new_name)
        w.refresh()  # the details panel too
        if not refused:
            return ""
        return (
            f" {counted(refused, 'earlier change')} to "
            f"{quoted(shown_name(done.name))} can no longer "
            "be undone."
        )

    def _filter_follows(self, done: tag_admin.TagChange) -> None:
        """A grid filtered by a renamed tag (or a tag below it) shows it under its new name; by
        a deleted tag, not."""
        self.window.sidebar.follow_tag_change(done.name, done.new_name)
        self.window.retrain.follow_tag_change(done.name, done.new_name)
        current = self.window.controller.filter
        changed = current.follow(done.name, done.new_name)
        if changed != current:
            self.window.header.setText(changed.describe())
            self.window.controller.set_filter(changed)

    def open_tag_manager(self) -> Any:
        from phototagger.gui.tag_manager import TagManager

        dialog = TagManager(self.window, self)
        # Ctrl+Z right after a rename made here undoes it here (the dialog holds the keys).
        dialog.addActions(self.window.undo_actions)
        kind, value = self._selected_sidebar()
        if kind == "tag" and value:
            dialog.select(str(value))  # the tag the user is looking at, ready to act on
        dialog.open()
        self.tag_manager = dialog
        return dialog

    # --- folders --------------------------------------------------------------------------

    def _root(self, path: str) -> str:
        """The folder added to the library that holds `path` (itself when it is one): what a
        rescan walks. A folder inside one is not scanned on its own, which would add it to the
        library as a folder of its own."""
        return folder_admin.outermost_root(path, folder_admin.library_roots(self.window.db))

    def _offer_removal(self, path: str) -> None:
        """Remove Folder is offered for a folder added to the library, not for one inside it.
        Rescan names the folder it walks: the one added that holds this one."""
        root = self._root(path)
        self.rescan_folder.setText(
            f"Rescan {quoted(os.path.basename(root.rstrip(os.sep)) or root)}"
        )
        self.rescan_folder.setToolTip(
            "Scan this folder's photos again (new, changed, moved and deleted files)"
            if root == path
            else f"This folder is inside {root}, which was added to the library: it is "
            "scanned again with all of its folders"
        )
        inside = root != path  # inside another folder of the library
        self.remove_folder.setEnabled(not inside)
        self.remove_folder.setToolTip(
            f"This folder is inside {root}, which was added to the library: remove that one"
            if inside
            else "The photos leave the library; files stay on disk"
        )

    def ask_remove_folder(self, path: str) -> bool:
        w = self.window
        roots = folder_admin.library_roots(w.db)
        if path not in roots or folder_admin.inside_another(path, roots):
            # Also one added before the folder above it: that one's scans still find its photos.
            w.status.showMessage(
                "Only a folder added to the library can be removed, not one inside another: "
                "remove the folder above it",
                8000,
            )
            return False
        held = folder_admin.photos_under(w.db, path)
        leaving = {0: "It has no photo in the grid now", 1: "Its 1 photo leaves the grid"}.get(
            held, f"Its {counted(held, 'photo')} leave the grid"
        )
        if not self.confirm(
            w.window(),
            "Remove Folder",
            f"Remove {path} from the library? {leaving}; the files stay on disk, and your "
            "tags come back if you add it again"
            # Answers on photos out of the library teach nothing (store/tags.user_decisions).
            + (" (until then, training leaves out your answers on them)." if held else "."),
        ):
            return False
        leaving_ids = folder_admin.photo_ids_under(w.db, path)
        count = folder_admin.remove_folder(w.db, path)
        # The history stays: the steps about photos elsewhere still undo; those about its
        # photos are refused, with the reason (it was cleared whole, and nothing said so).
        refused = leave_out_folder(w.undo_stack, path, leaving_ids)
        lost = (
            f"; {counted(refused, 'earlier change')} to its photos can no longer be undone"
            if refused
            else ""
        )
        w.sidebar.show_everything()
        w.status.showMessage(
            f"Removed {path} ({counted(count, 'photo')}) from the library{lost}", 10000
        )
        w.refresh()
        return True

    # --- context menus --------------------------------------------------------------------

    def _grid_menu(self, point: QPoint) -> None:
        grid = self.window.grid
        index = grid.indexAt(point)
        if index.isValid() and not grid.selectionModel().isSelected(index):
            grid.go_to_row(index.row())
        menu = photo_menu(self.window, self)
        menu.setToolTipsVisible(True)  # says why an entry is grey for a file gone
        menu.popup(grid.viewport().mapToGlobal(point))
        self.menu = menu

    def _sidebar_menu(self, point: QPoint) -> None:
        tree = self.window.sidebar.tree
        item = tree.itemAt(point)
        if item is not None and item is self.window.sidebar.tags_section:
            menu = QMenu(tree)  # the TAGS heading: how its tags are listed
            menu.addActions(list(self.window.commands.tag_sort.values()))
            menu.popup(tree.viewport().mapToGlobal(point))
            self.menu = menu
            return
        if item is None or item.data(0, _KIND) not in ("tag", "folder"):
            return
        # The menu is for the row right-clicked, which it does not select: selecting it would
        # filter the grid by it and lose the user's view (digiKam and Lightroom keep it). The
        # row gets the focus frame; its commands read it from _menu_target.
        kind, value = str(item.data(0, _KIND)), str(item.data(0, _VALUE))
        self._menu_target = (kind, value)
        tree.setCurrentItem(item, 0, QItemSelectionModel.SelectionFlag.NoUpdate)
        if kind == "folder":
            self._offer_removal(value)
        title = f"{quoted(value)}" if kind == "tag" else item.text(0)
        menu = sidebar_menu(self.window, self, kind, title)
        menu.setToolTipsVisible(True)  # says why a folder inside another cannot be removed
        # A chosen command runs after the menu hides, in the same event: forget the row after.
        menu.aboutToHide.connect(lambda: QTimer.singleShot(0, self._forget_menu_target))
        menu.popup(tree.viewport().mapToGlobal(point))
        self.menu = menu

    def _forget_menu_target(self) -> None:
        self._menu_target = None
        # The focus frame goes back to the selected row: F2, Delete and the arrow keys act
        # there, not on the row the menu was for.
        tree = self.window.sidebar.tree
        selected = tree.selectedItems()
        if selected and tree.currentItem() is not selected[0]:
            tree.setCurrentItem(selected[0], 0, QItemSelectionModel.SelectionFlag.NoUpdate)
        kind, value = self._selected_sidebar()
        if kind == "folder" and value:
            self._offer_removal(str(value))  # the Folder menu's items say the selected one again


def shortcut_text(action: QAction) -> str:
    keys = action.shortcuts()
    return keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""


__all__ = ["LibraryTools", "TrashError", "shortcut_text"]
