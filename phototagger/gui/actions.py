"""Every command of the main window as a QAction, with its shortcut shown in menus and tooltips."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar, QToolBar

from phototagger.core.queries import ORDERS
from phototagger.gui.resources import icon
from phototagger.gui.sidebar_trees import TAG_ORDERS


def _action(
    parent: QObject,
    text: str,
    *shortcuts: QKeySequence | QKeySequence.StandardKey | str,
    tip: str = "",
    icon_name: str | None = None,
) -> QAction:
    action = QAction(text, parent)
    keys: list[QKeySequence] = []
    for s in shortcuts:
        key = s if isinstance(s, QKeySequence) else QKeySequence(s)
        # A platform's standard key often is the explicit one too (F1, Ctrl+Q); listed twice,
        # Qt finds the shortcut ambiguous and fires neither.
        if not key.isEmpty() and key not in keys:
            keys.append(key)
    if keys:
        action.setShortcuts(keys)
    label = tip or text.replace("…", "").replace("&", "")
    if keys:
        label += f" ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(label)
    action.setStatusTip(tip or label)
    if icon_name:
        action.setIcon(icon(icon_name))
    return action


class Actions:
    def __init__(self, window: QMainWindow) -> None:
        w = window
        self.add_folder = _action(
            w,
            "&Add Folder…",
            "Ctrl+O",
            icon_name="add-folder",
            tip="Add a folder of photos to the library and tag them",
        )
        self.rescan = _action(
            w,
            "&Rescan Folders",
            "Ctrl+Shift+R",
            tip="Look for new, changed and removed photos in every folder",
        )
        self.problems = _action(w, "&Problems…", tip="Files that could not be read, and why")
        self.cancel_job = _action(
            w, "&Cancel Job", "Ctrl+.", tip="Stop the running scan or training; work done is kept"
        )
        self.settings = _action(w, "&Settings…", "Ctrl+,", icon_name="settings")
        self.quit = _action(w, "&Quit", QKeySequence.StandardKey.Quit, "Ctrl+Q")

        self.select_all = _action(w, "Select &All", "Ctrl+A")
        self.select_none = _action(w, "Select &None", "Ctrl+Shift+A")

        self.open_viewer = _action(
            w,
            "&Open in Viewer",
            # Enter first, as the keyboard and the app's words name it: the menu said "Return"
            # and Help listed it apart from "Enter, Space, double-click" (walk61).
            "Enter",
            "Return",
            icon_name="viewer",
            tip="Show the current photo full size (double-click, Enter)",
        )
        self.open_viewer.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.refresh = _action(
            w, "&Refresh", "F5", tip="Run the current filter again and update counts"
        )
        self.show_all = _action(w, "Show All &Photos", "Ctrl+Shift+L")
        self.bigger = _action(w, "&Larger Thumbnails", QKeySequence.StandardKey.ZoomIn, "Ctrl+=")
        self.smaller = _action(w, "S&maller Thumbnails", QKeySequence.StandardKey.ZoomOut)
        self.sort_group = QActionGroup(w)
        self.sort: dict[str, QAction] = {}
        for number, (key, label) in enumerate(ORDERS.items(), start=1):
            tip = (
                "The tags filtered on, the photos the tagger is surest of first (with no "
                "tag chosen: by date taken)"
                if key == "confidence"
                else ""
            )
            action = _action(w, f"Sort by {label}", f"Ctrl+{number}", tip=tip)
            action.setCheckable(True)
            action.setData(key)
            self.sort_group.addAction(action)
            self.sort[key] = action
        # The sidebar's tags: no key, as in digiKam (Ctrl+1-3 sort the photos).
        self.tag_sort_group = QActionGroup(w)
        self.tag_sort: dict[str, QAction] = {}
        for key, label in TAG_ORDERS.items():
            action = QAction(label, w)
            action.setCheckable(True)
            action.setData(key)
            self.tag_sort_group.addAction(action)
            self.tag_sort[key] = action
        self.search = _action(
            w, "&Find Tags…", QKeySequence.StandardKey.Find, tip="Search by tag names"
        )

        self.accept_tag = _action(
            w,
            "&Accept Highlighted Tag",
            "A",
            icon_name="accept",
            tip="The photo has the highlighted tag",
        )
        self.reject_tag = _action(
            w,
            "&Reject Highlighted Tag",
            "R",
            "X",
            icon_name="reject",
            tip="The photo does not have the highlighted tag",
        )
        self.reject_named = _action(
            w,
            "Reject a Ta&g…",
            "Shift+R",
            tip="Say the selected photos do not have a tag you name, "
            "also one the model never suggested",
        )
        self.next_tag = _action(w, "&Next Tag", "J", "Alt+Down")
        self.previous_tag = _action(w, "&Previous Tag", "K", "Alt+Up")
        self.accept_all = _action(
            w,
            "Accept All &Suggestions",
            "Shift+A",
            tip="Accept every suggestion on the selected photos",
        )
        self.add_tag = _action(w, "A&dd Tag…", "T", tip="Type a tag to add to the selection")
        self.write_keywords = _action(
            w,
            "&Write Keywords to Files…",
            tip="Put the selected photos' tags into XMP sidecars or "
            "the files, for digiKam, Lightroom and Immich",
        )
        self.next_photo = _action(w, "Next P&hoto", "N", tip="Move to the next photo")
        self.previous_photo = _action(w, "Pre&vious Photo", "P", tip="Move to the previous photo")

        self.train = _action(
            w,
            "&Train New Model…",
            "Ctrl+T",
            icon_name="train",
            tip="Teach the model your corrections",
        )
        self.review_queue = _action(
            w,
            "&Review Queue",
            "Ctrl+E",
            tip="Photos the model is least sure about, one tag at a time",
        )
        self.versions = _action(w, "Model &Versions", tip="Compare, activate or roll back models")

        self.shortcuts = _action(
            w, "&Keyboard Shortcuts", QKeySequence.StandardKey.HelpContents, "F1"
        )
        self.about = _action(w, "&About phototagger")

    def build_menus(
        self, menu_bar: QMenuBar, undo: QAction, redo: QAction, docks: list[QAction]
    ) -> None:
        file = menu_bar.addMenu("&File")
        file.addActions([self.add_folder, self.rescan, self.cancel_job, self.problems])
        file.setToolTipsVisible(True)  # says why Cancel Job is grey, which job it stops
        file.addSeparator()
        file.addAction(self.settings)
        file.addSeparator()
        file.addAction(self.quit)
        edit = menu_bar.addMenu("&Edit")
        edit.addActions([undo, redo])
        edit.addSeparator()
        edit.addActions([self.select_all, self.select_none])
        view = menu_bar.addMenu("&View")
        view.addActions([self.open_viewer, self.search, self.show_all, self.refresh])
        view.addSeparator()
        view.addActions(list(self.sort.values()))
        view.addSeparator()
        view.addActions(list(self.tag_sort.values()))
        view.addSeparator()
        view.addActions([self.bigger, self.smaller])
        view.addSeparator()
        view.addActions(docks)
        tags = menu_bar.addMenu("&Tags")
        tags.addActions(
            [self.accept_tag, self.reject_tag, self.reject_named, self.next_tag, self.previous_tag]
        )
        tags.addSeparator()
        tags.addActions([self.accept_all, self.add_tag])
        tags.addSeparator()
        tags.addAction(self.write_keywords)
        tags.addSeparator()
        tags.addActions([self.next_photo, self.previous_photo])
        model = menu_bar.addMenu("&Model")
        model.addActions([self.train, self.review_queue, self.versions])
        help_menu = menu_bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts, self.about])

    def build_toolbar(self, toolbar: QToolBar, undo: QAction, redo: QAction) -> None:
        short = {
            self.add_folder: "Add Folder",
            self.accept_tag: "Accept",
            self.reject_tag: "Reject",
            self.open_viewer: "View",
            self.train: "Train",
            self.settings: "Settings",
            undo: "Undo",
            redo: "Redo",
        }
        for action, text in short.items():
            action.setIconText(text)
        toolbar.addAction(self.add_folder)
        toolbar.addSeparator()
        toolbar.addActions([undo, redo])
        toolbar.addSeparator()
        toolbar.addActions([self.accept_tag, self.reject_tag, self.open_viewer])
        toolbar.addSeparator()
        toolbar.addActions([self.train, self.settings])

    def all(self) -> list[QAction]:
        return [
            *(v for v in vars(self).values() if isinstance(v, QAction)),
            *self.sort.values(),
            *self.tag_sort.values(),
        ]


def undo_icons(undo: QAction, redo: QAction) -> None:
    undo.setIcon(icon("undo"))
    redo.setIcon(icon("redo"))
    undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    undo.setToolTip("Undo the last tag change (Ctrl+Z)")
    redo.setToolTip("Redo (Ctrl+Shift+Z)")
