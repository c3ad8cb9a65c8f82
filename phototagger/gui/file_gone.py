"""Photos whose files are gone (deleted or moved since the last scan, which still lists them):
the entries that act on a photo's file (Write Keywords, Open in Default App, Show in File Manager)
are grey for them and say why, in the words the details panel uses."""

from __future__ import annotations

import os
from collections.abc import Sequence

import sqlite_utils
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from phototagger.core.file_guard import GONE_WORDS
from phototagger.core.names import os_path
from phototagger.core.trash import photo_paths

# Files looked for on the disk, at most, when the selection changes: one stat each.
LOOKED_FOR = 50
# As the details panel and Problems say it.
GONE = GONE_WORDS
GONE_TIP = f"The photo's file is {GONE}: rescan to bring the library up to date"
# Of several photos chosen, every one's file gone.
ALL_GONE = "no longer there (they were moved or deleted)"
ALL_GONE_TIP = f"The selected photos' files are {ALL_GONE}: rescan to bring the library up to date"
# Under the library's thumbnail of a photo whose file is gone (the viewer, the details panel).
SMALL_COPY = f"The file is {GONE}: this is the library's small copy of it"


def files_gone(
    db: sqlite_utils.Database, ids: Sequence[int], most: int | None = LOOKED_FOR
) -> list[str]:
    """The paths of the photos among `ids` (if no more than `most`; None: any number, off the
    GUI thread) whose files are no longer on the disk."""
    return list(photos_gone(db, ids, most).values())


def photos_gone(
    db: sqlite_utils.Database, ids: Sequence[int], most: int | None = LOOKED_FOR
) -> dict[int, str]:
    """photo id -> path of the photos among `ids` (if no more than `most`) whose files are no
    longer on the disk."""
    if most is not None and len(ids) > most:
        return {}
    paths = photo_paths(db, list(ids))
    return {i: p for i, p in paths.items() if not os.path.lexists(os_path(p))}


def gone_of_words(gone: int, chosen: int) -> str:
    """ "2 of the 5 files are no longer there (rescan)": said after writing the others (Write
    Keywords), where some of the chosen files are gone; short, after the counts of what was
    written, in a status bar that has the model's line beside it."""
    verb = "is" if gone == 1 else "are"
    return f"{gone:,} of the {chosen:,} files {verb} no longer there (rescan)"


def offer_unless_gone(action: QAction, gone: bool, why: str = GONE_TIP) -> None:
    """`action` grey, its tooltip and status tip saying why (`why`), when the file it would act
    on is `gone`; otherwise enabled with its usual tips (kept from the first call). Grey, its
    keys say why in the status bar (Qt fires no shortcut of a disabled action: they did
    nothing)."""
    if action.property("usual_tip") is None:
        action.setProperty("usual_tip", action.toolTip())
        action.setProperty("usual_status_tip", action.statusTip())
    action.setEnabled(not gone)
    action.setToolTip(why if gone else str(action.property("usual_tip")))
    action.setStatusTip(why if gone else str(action.property("usual_status_tip")))
    stand_in = _keys_saying_why(action)
    if stand_in is not None:
        stand_in.setEnabled(gone)


def _keys_saying_why(action: QAction) -> QAction | None:
    """An action on `action`'s window with its keys, enabled only while `action` is grey (so
    the two never answer one key together), that says in the status bar what its tooltip says;
    None for an action without keys or window."""
    found = action.findChild(QAction, KEYS_SAYING_WHY)
    if found is not None:
        return found
    window = action.parent()
    if not action.shortcuts() or not isinstance(window, QMainWindow):
        return None
    stand_in = QAction(action)
    stand_in.setObjectName(KEYS_SAYING_WHY)
    stand_in.setShortcuts(action.shortcuts())
    stand_in.setShortcutContext(action.shortcutContext())
    stand_in.setEnabled(False)
    stand_in.triggered.connect(lambda: window.statusBar().showMessage(action.toolTip(), 10000))
    window.addAction(stand_in)
    return stand_in


KEYS_SAYING_WHY = "keys_saying_why"
