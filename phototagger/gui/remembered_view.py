"""The grid's view kept across restarts, as digiKam and Lightroom keep it: the sidebar's filter
(the tags chosen and how they combine, how sure the tagger must be of them, a folder, Untagged
or Needs review, or the search box's words, file names' too; the files' rating, colour label
and pick) and which of its headings, folders and tag groups were opened or closed, in the
window's settings file beside the sort order and the thumbnail size.

The library may have changed meanwhile (the command line, another copy of the app): a tag
renamed or merged since is followed through core.tag_admin's log of tag changes, and a tag or
folder that is gone is left out, with a message saying so; never an error. Find Similar's
ranking is a moment's question, not a view: it is not kept.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, get_args

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QStatusBar

from phototagger.core.queries import (
    FORMER_REJECTED_RATING,
    PICKS,
    RATINGS,
    GridFilter,
    Special,
)
from phototagger.core.tag_admin import name_key, renamed, shown_name, tag_changes
from phototagger.gui.grid_controller import GridController
from phototagger.gui.quotes import quoted
from phototagger.gui.sidebar import Sidebar

KEY = "view/filter"
BRANCHES_KEY = "view/sidebar-branches"
MODES = ("all_of", "any_of", "none_of")


@dataclass(frozen=True)
class View:
    grid_filter: GridFilter = field(default_factory=GridFilter)
    search: bool = False  # the filter came from the search box's words, not the sidebar's items
    mode: str = "all_of"  # how several tags chosen in the sidebar combine
    changes_seen: int = 0  # tag changes logged when it was saved (core.tag_admin.tag_changes)
    # A search's words that named no tag when it was saved ('unicorn'): searched for as typed
    # again, never reported as a tag gone.
    not_tags: tuple[str, ...] = ()


def save_view(settings: QSettings, view: View) -> None:
    f = view.grid_filter
    if f.similar_to is not None:
        f = GridFilter()
    settings.setValue(
        KEY,
        json.dumps(
            {
                "all_of": list(f.all_of),
                "any_of": list(f.any_of),
                "none_of": list(f.none_of),
                "names": list(f.names),
                "names_out": list(f.names_out),
                "names_any": list(f.names_any),
                "special": f.special,
                "folder": f.folder,
                "sure": list(f.sure) if f.sure is not None else None,
                "rating": f.rating,
                "label": f.label,
                "pick": f.pick,
                "search": view.search,
                "mode": view.mode,
                "changes_seen": view.changes_seen,
                "not_tags": list(view.not_tags),
            }
        ),
    )


def read_view(settings: QSettings) -> View:
    """The view saved last; everything for none, or for one this version cannot read."""
    try:
        saved = json.loads(str(settings.value(KEY, "{}")))
    except ValueError:
        return View()
    if not isinstance(saved, dict):
        return View()
    special = saved.get("special")
    folder = saved.get("folder")
    seen = saved.get("changes_seen")
    mode = saved.get("mode")
    return View(
        GridFilter(
            all_of=_names(saved.get("all_of")),
            any_of=_names(saved.get("any_of")),
            none_of=_names(saved.get("none_of")),
            names=_names(saved.get("names")),
            names_out=_names(saved.get("names_out")),
            names_any=_names(saved.get("names_any")),
            special=special if special in get_args(Special) else None,
            folder=folder if isinstance(folder, str) and folder else None,
            sure=_sure(saved.get("sure")),
            **_marks(saved),
        ),
        search=saved.get("search") is True,
        mode=mode if mode in MODES else "all_of",
        changes_seen=seen if isinstance(seen, int) and seen >= 0 else 0,
        not_tags=_names(saved.get("not_tags")),
    )


def save_branches(settings: QSettings, branches: list[tuple[str, str, bool]]) -> None:
    settings.setValue(BRANCHES_KEY, json.dumps([list(b) for b in branches]))


def read_branches(settings: QSettings) -> list[tuple[str, str, bool]]:
    """The sidebar's folders and tag groups opened or closed last time (none for a file this
    version cannot read)."""
    try:
        saved = json.loads(str(settings.value(BRANCHES_KEY, "[]")))
    except ValueError:
        return []
    if not isinstance(saved, list):
        return []
    return [
        (b[0], b[1], b[2])
        for b in saved
        if isinstance(b, list)
        and len(b) == 3
        and b[0] in ("section", "folder", "tag")
        and isinstance(b[1], str)
        and isinstance(b[2], bool)
    ]


def _sure(value: Any) -> tuple[int, int] | None:
    """A saved range of how sure the tagger is ([40, 70]), or None for one this version cannot
    read."""
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and 0 <= value[0] < value[1] <= 100
    ):
        return value[0], value[1]
    return None


def _marks(saved: dict[str, Any]) -> dict[str, Any]:
    """The saved rating, colour label and pick flag; each left out (any) where this version
    cannot read it."""
    rating, label, pick = saved.get("rating"), saved.get("label"), saved.get("pick")
    if rating == FORMER_REJECTED_RATING and pick is None:
        # Saved when Rating had a 'Rejected' (-1): the same photos are Pick's 'rejected' now.
        rating, pick = None, "rejected"
    return {
        "rating": rating if rating in RATINGS and not isinstance(rating, bool) else None,
        "label": label if isinstance(label, str) and label.strip() else None,
        "pick": pick if pick in PICKS else None,
    }


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(n for n in value if isinstance(n, str) and n.strip())


def checked_view(
    view: View,
    changes: Sequence[tuple[str, str, str | None]],
    known_tag: Callable[[str], str | None],
    has_folder: Callable[[str], bool],
) -> tuple[View, str]:
    """`view` as the library now has it, and what the user should be told ('' for nothing):
    the tag changes logged since it was saved (oldest first) followed, then the tags the library
    no longer has (`known_tag`: a name's current spelling, None if none) and a folder it no
    longer holds left out."""
    saved = view.grid_filter
    # A log shorter than when the view was saved (a library restored from a backup): the
    # changes it lists are not the ones since.
    pending = changes[view.changes_seen :] if view.changes_seen <= len(changes) else []
    now: dict[str, str | None] = {n: n for n in saved.tag_names}
    for _, old, new in pending:
        now = {n: None if m is None else renamed(m, old, new) for n, m in now.items()}
    now = {n: None if m is None else known_tag(m) for n, m in now.items()}
    # Words searched for that were no tag then: the same words now (a tag's spelling if one
    # was made since), not a tag gone.
    words = [n for n in now if view.search and n in view.not_tags]
    now |= {n: known_tag(n) or n for n in words}

    def current(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m for m in (now[n] for n in names) if m is not None))

    folder_gone = saved.folder is not None and not has_folder(saved.folder)

    # Words of file names are never a tag gone; one made a tag since is that tag, as the
    # search box would read it now.
    def made_tags(words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(t for w in words if view.search and (t := known_tag(w)) is not None)

    def still_names(words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(w for w in words if not (view.search and known_tag(w)))

    f = GridFilter(
        all_of=(*current(saved.all_of), *made_tags(saved.names)),
        any_of=(*current(saved.any_of), *made_tags(saved.names_any)),
        none_of=(*current(saved.none_of), *made_tags(saved.names_out)),
        names=still_names(saved.names),
        names_out=still_names(saved.names_out),
        names_any=still_names(saved.names_any),
        special=saved.special,
        folder=None if folder_gone else saved.folder,
        sure=saved.sure,
        rating=saved.rating,
        label=saved.label,
        pick=saved.pick,
    )
    gone = [n for n, m in now.items() if m is None]
    # Only a new name is news, not the library's spelling of the words typed ('pets/cat').
    moved = [(n, m) for n, m in now.items() if m is not None and name_key(m) != name_key(n)]
    parts = []
    if gone:
        one = len(gone) == 1
        parts.append(
            f"{_quoted(gone)} {'is' if one else 'are'} no longer {'a tag' if one else 'tags'}"
        )
    if folder_gone:
        parts.append(f"the folder {saved.folder} is no longer in the library")
    parts += [f"{quoted(shown_name(n))} is now {quoted(shown_name(m))}" for n, m in moved]
    search = view.search and not f.is_everything
    not_tags = tuple(n for n in view.not_tags if search and not known_tag(n))
    kept = View(f, search, view.mode, len(changes), not_tags)
    if not parts:
        return kept, ""
    shown = f.describe()
    result = "all photos are shown" if f.is_everything else f"showing {shown[0].lower()}{shown[1:]}"
    return kept, f"The filter from last time changed: {'; '.join(parts)}; {result}."


def _quoted(names: Sequence[str]) -> str:
    shown = [f"{quoted(shown_name(n))}" for n in names]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


class ViewKeeper:
    """Brings last time's view back into the main window's grid and sidebar, and keeps the one
    the window closes with."""

    def __init__(
        self,
        settings: QSettings,
        db: Any,  # the library's connection (sqlite_utils.Database), read for its tag changes
        controller: GridController,
        sidebar: Sidebar,
        header: QLabel,
        status: QStatusBar,
    ) -> None:
        self._settings, self._db = settings, db
        self._controller, self._sidebar, self._header, self._status = (
            controller,
            sidebar,
            header,
            status,
        )
        view = read_view(settings)
        self._waiting: View | None = view  # until the library's tags and folders are known
        self._changes_seen = view.changes_seen
        # Set before the grid's first query: no flash of every photo first.
        controller.filter = view.grid_filter
        header.setText(view.grid_filter.describe())
        sidebar.show_filter(view.grid_filter, view.search, view.mode)
        sidebar.restore_branches(read_branches(settings))

    def library_known(self) -> None:
        """The sidebar now lists the library's tags and folders: check the view against them
        (once)."""
        view, self._waiting = self._waiting, None
        if view is None or self._controller.filter != view.grid_filter:
            return  # checked already, or the user chose another view meanwhile
        try:
            changes = tag_changes(self._db)
        except sqlite3.Error:
            # The window closed before the library answered (`phototagger gui` closed at once):
            # nothing was checked, so the saved view stays as it was for next time.
            self._waiting = view
            return
        sidebar = self._sidebar
        checked, message = checked_view(view, changes, sidebar.known_tag, sidebar.has_folder)
        self._changes_seen = checked.changes_seen
        sidebar.show_filter(checked.grid_filter, checked.search, checked.mode)
        if checked.grid_filter != view.grid_filter:
            self._header.setText(checked.grid_filter.describe())
            self._controller.set_filter(checked.grid_filter)
        if message:
            self._status.showMessage(message, 30_000)

    def save(self) -> None:
        if self._waiting is not None:
            return  # the library never said what it holds: the saved view stays as it was
        try:
            # The filter followed the tag changes made in this window as they were made.
            self._changes_seen = len(tag_changes(self._db))
        except sqlite3.Error:
            pass  # the library went away meanwhile: the changes known before
        sidebar = self._sidebar
        grid_filter = self._controller.filter
        searching = sidebar.searching
        not_tags = grid_filter.tag_names if searching else ()
        view = View(
            grid_filter,
            searching,
            str(sidebar.mode.currentData()),
            self._changes_seen,
            tuple(n for n in not_tags if sidebar.known_tag(n) is None),
        )
        save_view(self._settings, view)
        save_branches(self._settings, sidebar.changed_branches())
