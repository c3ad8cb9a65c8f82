"""Sorting the grid by name put 'IMG_b' after 'IMG_Z' and 'IMG_10' before 'IMG_2' (SQLite's
byte order). It now sorts as file managers and digiKam do: case and accents aside, numbers as
numbers; a library made before the change sorts so once it is opened."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store import migrations
from phototagger.store.connection import open_database
from phototagger.store.photos import get_photo_by_path, photo_ids_sorted, update_photo
from tests.gui_helpers import open_window, settle, shown_names
from tests.store_helpers import add_photo, library_at_version

# As a user expects them by name (Nautilus, Dolphin, digiKam).
NATURAL = [
    "a.jpg",
    "a1.jpg",
    "a2.jpg",
    "a10.jpg",
    "Äpfel 3.jpg",
    "apfel 20.jpg",
    "IMG_1.jpg",
    "IMG_2.jpg",
    "img_9.jpg",
    "IMG_10.jpg",
    "IMG_b.jpg",
    "IMG_Z.jpg",
    "zebra.jpg",
]


def _names(db, order: str) -> list[str]:  # noqa: ANN001 - sqlite_utils.Database
    return [
        db.execute("SELECT name FROM photos WHERE id = ?", [pid]).fetchone()[0]
        for pid in photo_ids_sorted(db, order)
    ]


def test_names_sort_naturally_and_without_case(tmp_path: Path) -> None:
    db = open_database(tmp_path / "library.db")
    names = random.Random(4).sample(NATURAL, len(NATURAL))
    for name in names:
        add_photo(db, f"/pics/{name}", taken_at="2024-05-01T12:00:00")
    assert _names(db, "name") == NATURAL
    assert _names(db, "folder") == NATURAL
    assert _names(db, "taken") == NATURAL  # photos taken at the same moment: by name
    # A renamed file (found moved by a scan) takes its place under its new name.
    photo = get_photo_by_path(db, "/pics/zebra.jpg")
    assert photo is not None
    update_photo(db, photo.id, path="/pics/IMG_3.jpg")
    assert _names(db, "name")[7:9] == ["IMG_2.jpg", "IMG_3.jpg"]
    db.close()


def test_a_library_made_before_sorts_naturally_once_opened(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    db = library_at_version(path, 9)
    for name in reversed(NATURAL):  # as schema v9's insert_photo wrote them
        db.execute(
            "INSERT INTO photos (path, folder, name, status) VALUES (?, '/pics', ?, 'tagged')",
            [f"/pics/{name}", name],
        )
    db.close()
    db = open_database(path)
    assert migrations.user_version(db) == migrations.LATEST_VERSION
    assert _names(db, "name") == NATURAL
    plan = " ".join(
        row[3]
        for row in db.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM photos WHERE status != 'missing'"
            " ORDER BY name_sort, name, id"
        )
    )
    assert "USING COVERING INDEX photos_grid_name" in plan and "TEMP B-TREE" not in plan
    db.close()
    with sqlite3.connect(str(path) + ".v9.bak") as old:  # the copy set aside is the old order
        assert old.execute("PRAGMA user_version").fetchone()[0] == 9


def test_the_grid_sorted_by_name_shows_the_natural_order(qtbot, tmp_path: Path) -> None:
    with open_library(default_home()) as library:
        for name in reversed(NATURAL):
            add_photo(library.db, f"/pics/{name}")
    window = open_window(qtbot, None, tmp_path)
    window.commands.sort["name"].trigger()
    settle(qtbot, window)
    assert shown_names(window) == NATURAL
