"""View > Sort by Folder lists the folders in the sidebar's order: 'apple' before 'Zoo', 'Trip 9'
before 'Trip 10', 'Émojis' among the E's, a folder's own photos before its subfolders'. The grid
sorted the folder paths byte by byte: 'Zoo' came before 'apple', 'Trip 10' before 'Trip 9', and
'Émojis 🎉 trip' after 'Tierpark Zoo', while the sidebar listed them the other way round."""

from __future__ import annotations

import random
from pathlib import Path

from phototagger.core.folders import FolderNode, folder_tree
from phototagger.store.connection import open_database
from phototagger.store.photos import add_folder, photo_ids_in_order, photo_ids_sorted
from tests.store_helpers import add_photo

FOLDERS = [
    "/pics",
    "/pics/2024",
    "/pics/2024/Summer at the lake",
    "/pics/apple",
    "/pics/Émojis 🎉 trip",
    "/pics/Familie Müller",
    "/pics/Tierpark Zoo",
    "/pics/Trip 9",
    "/pics/Trip 10",
    "/pics/Zoo",
]


def _depth_first(nodes: list[FolderNode]) -> list[str]:
    return [p for n in nodes for p in [n.path, *_depth_first(n.children)]]


def test_sort_by_folder_follows_the_sidebar(tmp_path: Path) -> None:
    db = open_database(tmp_path / "library.db")
    add_folder(db, "/pics")
    shuffled = random.Random(7).sample(FOLDERS, len(FOLDERS))
    for folder in shuffled:
        for name in ("b10.jpg", "b9.jpg", "A.jpg"):
            add_photo(db, f"{folder}/{name}")
    assert _depth_first(folder_tree(db)) == FOLDERS  # the sidebar's order

    expected = [f"{folder}/{name}" for folder in FOLDERS for name in ("A.jpg", "b9.jpg", "b10.jpg")]
    path_of = dict(db.execute("SELECT id, path FROM photos").fetchall())
    assert [path_of[i] for i in photo_ids_in_order(db, "folder").tolist()] == expected
    assert [path_of[i] for i in photo_ids_sorted(db, "folder")] == expected
    some = [i for i in path_of if i % 3 == 0]
    assert [path_of[i] for i in photo_ids_sorted(db, "folder", some)] == [
        p for p in expected if p in {path_of[i] for i in some}
    ]
    db.close()
