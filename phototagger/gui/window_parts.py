"""What the window's helpers (library tools, menus, dialogs, keyword writer) may use of it, as
narrow protocols: each helper names the parts it needs, and none imports the main window (which
imports them all), so the GUI has no import circles. MainWindow satisfies every protocol here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import sqlite_utils
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMenuBar, QWidget

from phototagger.core.library import Library
from phototagger.core.queries import LibraryOverview
from phototagger.gui.actions import Actions
from phototagger.gui.centre import HeaderLabel
from phototagger.gui.details import DetailsPanel
from phototagger.gui.grid_controller import GridController
from phototagger.gui.grid_model import PhotoGridModel
from phototagger.gui.grid_view import GridView
from phototagger.gui.jobs import JobRunner
from phototagger.gui.reader import LibraryReader
from phototagger.gui.sidebar import Sidebar
from phototagger.gui.status import StatusBar
from phototagger.gui.thumbnails import ThumbnailCache


class Parent(Protocol):
    def window(self) -> QWidget:
        """The top-level widget: the parent of the helper's dialogs."""
        ...


class Chooser(Parent, Protocol):
    """The photos the user chose (the selection, else the current photo)."""

    def chosen_photo_ids(self) -> list[int]: ...


class Decider(Chooser, Protocol):
    """Deciding on a tag (reject_any): the details panel's highlighted tag and the library's tag
    names to offer."""

    @property
    def details(self) -> DetailsPanel: ...
    @property
    def overview(self) -> LibraryOverview: ...
    def decide(self, photo_ids: list[int], tag: str, action: Any) -> None: ...


class KeywordHost(Chooser, Protocol):
    @property
    def db(self) -> sqlite_utils.Database: ...
    @property
    def jobs(self) -> JobRunner: ...
    @property
    def status(self) -> StatusBar: ...


class TagFollower(Protocol):
    """The Model dock (RetrainPanel, imported only when the dock is made): its Review tab
    follows a renamed or merged tag."""

    def follow_tag_change(self, old: str, new: str | None) -> None: ...


class MenuHost(Protocol):
    """Where the context menus open and the window-wide actions they offer."""

    @property
    def commands(self) -> Actions: ...
    @property
    def grid(self) -> GridView: ...
    @property
    def sidebar(self) -> Sidebar: ...


class MenuTools(Protocol):
    """The library tools' actions the context menus show."""

    open_default: QAction
    show_in_folder: QAction
    find_similar: QAction
    trash_photos: QAction
    rename_tag: QAction
    merge_tag: QAction
    delete_tag: QAction
    manage_tags: QAction
    show_folder: QAction
    rescan_folder: QAction
    remove_folder: QAction


class DuplicatesHost(Parent, Protocol):
    @property
    def db(self) -> sqlite_utils.Database: ...
    @property
    def jobs(self) -> JobRunner: ...
    @property
    def thumbnails(self) -> ThumbnailCache: ...


class DuplicateActions(Protocol):
    def move_photos_to_trash(
        self, photo_ids: list[int], onto: Mapping[int, int] | None = None
    ) -> int: ...
    def show_similar(self, photo_id: int | None = None) -> None: ...


class TagCountsHost(Parent, Protocol):
    """The tag manager's counts come with the window's overview, read on the stats reader."""

    @property
    def stats(self) -> LibraryReader: ...
    @property
    def overview(self) -> LibraryOverview: ...
    @property
    def settings(self) -> QSettings: ...


class TagActions(Protocol):
    def ask_rename(self, name: str) -> None: ...
    def ask_delete(self, name: str) -> None: ...
    def ask_merge(self, name: str, suggestion: str = "", parent: QWidget | None = None) -> None: ...


class ToolsHost(Decider, MenuHost, DuplicatesHost, TagCountsHost, Protocol):
    """Everything the library tools (similar, duplicates, tags, folders, menus) use."""

    @property
    def model(self) -> PhotoGridModel: ...
    @property
    def status(self) -> StatusBar: ...
    @property
    def undo_stack(self) -> QUndoStack: ...
    @property
    def undo_actions(self) -> list[QAction]: ...
    @property
    def db(self) -> sqlite_utils.Database: ...
    @property
    def library(self) -> Library: ...
    @property
    def controller(self) -> GridController: ...
    @property
    def header(self) -> HeaderLabel: ...
    @property
    def retrain(self) -> TagFollower: ...
    def current_photo_id(self) -> int | None: ...
    def refresh(self) -> None: ...
    def label_failed(self, message: str) -> None: ...
    def menuBar(self) -> QMenuBar: ...  # noqa: N802 - Qt's name
    def addAction(self, action: QAction) -> None: ...  # noqa: N802 - Qt's name
