"""Moving photos to the system trash as one undoable step: never a silent delete.

Qt's QFile.moveToTrash follows the freedesktop trash (and the platform's own elsewhere), so the
file manager can restore the file too; while the app runs, Undo moves each file back from where
the trash put it and returns the photo to the library with its tags.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence

import sqlite_utils
from PySide6.QtCore import QFile, QStandardPaths
from PySide6.QtGui import QUndoCommand

from phototagger.core.folders import inside_another
from phototagger.core.media import media_info
from phototagger.core.states import PhotoStatus
from phototagger.core.trash import mark_trashed, photo_paths, restore_trashed, sidecars_of
from phototagger.core.wording import listed


class TrashError(OSError):
    pass


def move_to_trash(path: str) -> str:
    """Move `path` to the system trash; returns where it went there."""
    # Qt makes the Trash folder, but not a missing data folder above it (~/.local/share on a
    # fresh account), and then fails with an unhelpful error.
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    if data:
        os.makedirs(data, exist_ok=True)
    file = QFile(path)
    if not file.moveToTrash():
        raise TrashError(f"{path}: could not be moved to the trash ({file.errorString()})")
    return file.fileName()  # after a move, the file's path inside the trash


def files_along(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> dict[int, list[str]]:
    """The files that go to the trash with each photo: its RAW twin or live clip beside it,
    then its XMP sidecars (photos with none are absent)."""
    media = media_info(db, photo_ids)
    along: dict[int, list[str]] = {}
    for photo_id, path in photo_paths(db, photo_ids).items():
        found = media.get(photo_id)
        names = found.companions if found is not None else ()
        files = [os.path.join(os.path.dirname(path), n) for n in names] + sidecars_of(path, names)
        if existing := [f for f in files if os.path.lexists(f)]:
            along[photo_id] = existing
    return along


def along_words(files: Sequence[str], photos: int) -> str:
    """ ", with IMG_1.CR2 and IMG_1.CR2.xmp beside it" (or ", with the 5 files beside them"):
    what the trash question adds, so a RAW or a sidecar does not go unannounced."""
    if not files:
        return ""
    where = "beside it" if photos == 1 else "beside them"
    names = [os.path.basename(f) for f in files]
    if len(names) > 3:
        return f", with the {len(names):,} files {where} (RAWs, clips, XMP sidecars)"
    return f", with {listed(names)} {where}"


class MoveToTrashCommand(QUndoCommand):
    """First redo moves the files; undo moves them back and restores the photos' statuses.
    A spare copy in `onto` (Find Duplicates) leaves the user's decisions on the copy kept;
    undo takes them off it again.
    `changed` hears the photos brought back (none after a redo); `failed`, the files that
    could not be moved, after each redo and undo."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        photo_ids: Sequence[int],
        trash: Callable[[str], str],
        changed: Callable[[list[int]], None],
        failed: Callable[[list[str]], None] = lambda _errors: None,
        onto: Mapping[int, int] | None = None,
    ) -> None:
        super().__init__(
            f"Move {len(photo_ids):,} photo{'s' if len(photo_ids) != 1 else ''} to the trash"
        )
        self._db = db
        self._ids = list(photo_ids)
        self._trash = trash
        self._changed = changed
        self._failed = failed
        self._onto = dict(onto or {})  # a spare copy -> the copy kept, which gets its tags
        self.moved: dict[int, tuple[str, str]] = {}  # photo id -> (original path, trash path)
        # Its RAW twin or live clip beside it, and its XMP sidecars, which go with it:
        # (original path, trash path).
        self.companions: dict[int, list[tuple[str, str]]] = {}
        self._statuses: dict[int, str] = {}
        self.errors: list[str] = []
        self._gone: str | None = None  # why it is refused now (left_library)

    def inside(self, folder: str) -> bool:
        """Whether a photo it moved was in `folder` (or below it)."""
        return any(inside_another(path, [folder]) for path, _ in self.moved.values())

    def left_library(self, folder: str) -> None:
        """Remove Folder took `folder`, which held photos it moved, out of the library: brought
        back, they would come back to the grid of a folder no longer in the library. The step
        stays in the history, refused with the reason; the files stay in the system trash."""
        if self._gone is None:
            self._gone = (
                f"{self.text()}: can no longer be undone; their folder {folder} left the library "
                "(Remove Folder); the files are in the system trash, which can restore them"
            )
            self.setText(f"{self.text()} (folder removed)")

    @property
    def gone(self) -> bool:
        return self._gone is not None

    def redo(self) -> None:
        if self._gone is not None:
            self._failed([self._gone])
            return
        self.moved, self.companions, self.errors = {}, {}, []
        along = files_along(self._db, self._ids)  # read while the photos are beside them
        for photo_id, path in photo_paths(self._db, self._ids).items():
            try:
                self.moved[photo_id] = (path, self._trash(path))
            except OSError as exc:
                self.errors.append(str(exc))
                continue
            for beside in along.get(photo_id, []):
                if not os.path.lexists(beside):
                    continue
                try:
                    self.companions.setdefault(photo_id, []).append((beside, self._trash(beside)))
                except OSError as exc:
                    self.errors.append(str(exc))
        if self.errors:
            self._failed(self.errors)
        if not self.moved:
            self.setObsolete(True)
            return
        self._statuses = mark_trashed(self._db, list(self.moved), self._onto)
        self._changed([])

    def undo(self) -> None:
        if self._gone is not None:
            self._failed([self._gone])
            return
        self.errors = []
        back: dict[int, str] = {}
        for photo_id, (original, in_trash) in self.moved.items():
            if not self._bring_back(original, in_trash):
                continue
            for beside, beside_in_trash in self.companions.get(photo_id, []):
                self._bring_back(beside, beside_in_trash)
            back[photo_id] = self._statuses.get(photo_id, PhotoStatus.TAGGED)
        restore_trashed(self._db, back)
        if self.errors:
            self._failed(self.errors)
        self._changed(list(back))

    def _bring_back(self, original: str, in_trash: str) -> bool:
        if os.path.exists(original):
            self.errors.append(
                f"{original}: a file of that name exists again; the one in the trash stays there"
            )
            return False
        try:
            os.makedirs(os.path.dirname(original), exist_ok=True)
            os.rename(in_trash, original)
        except OSError as exc:
            self.errors.append(f"{original}: could not be brought back ({exc})")
            return False
        _forget_trash_info(in_trash)
        return True


def _forget_trash_info(in_trash: str) -> None:
    """The freedesktop trash keeps a .trashinfo beside files/; without its file it is litter."""
    folder, name = os.path.split(in_trash)
    if os.path.basename(folder) == "files":
        info = os.path.join(os.path.dirname(folder), "info", name + ".trashinfo")
        try:
            os.unlink(info)
        except OSError:
            pass
