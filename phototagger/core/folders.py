"""The library's folders as a tree with photo counts, and taking a folder out of the library."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import sqlite_utils

from phototagger.core.names import os_path
from phototagger.store import photos as photo_store
from phototagger.store.connection import transaction
from phototagger.store.problems import clear_problems_under
from phototagger.store.settings import get_setting, set_setting

# The settings key of the folders removed from the library (removed_folders).
REMOVED_FOLDERS = "removed_folders"


@dataclass
class FolderNode:
    path: str
    label: str
    count: int = 0  # photos in this folder and every folder below it
    children: list[FolderNode] = field(default_factory=list)
    # A library folder: whether it is on the disk (not: its drive unplugged, or it was renamed
    # or moved). Looked at each time the tree is read, so the sidebar can say so at start-up.
    there: bool = True


def folder_tree(db: sqlite_utils.Database) -> list[FolderNode]:
    """One tree per library root: every folder holding photos, and the folders between."""
    return build_tree(photo_store.list_folders(db), photo_store.counts_by_folder(db))


def build_tree(roots: list[str], counts: dict[str, int]) -> list[FolderNode]:
    """The trees, each level in the grid's name order (store/name_order.py), as file managers
    and digiKam list folders: 'apple' before 'Zoo', 'Trip 9' before 'Trip 10'."""
    trees: list[FolderNode] = []
    for root in roots:
        if inside_another(root, roots):
            continue  # added before the folder above it: shown once, within that one's tree
        label = os.path.basename(root.rstrip(os.sep)) or root
        node = FolderNode(root, label, there=os.path.isdir(os_path(root)))
        nodes = {root: node}
        prefix = root.rstrip(os.sep) + os.sep
        for folder in sorted(f for f in counts if f == root or f.startswith(prefix)):
            parts = os.path.relpath(folder, root).split(os.sep) if folder != root else []
            current = node
            path = root
            for part in parts:
                path = os.path.join(path, part)
                child = nodes.get(path)
                if child is None:
                    child = nodes[path] = FolderNode(path, part)
                    current.children.append(child)
                current = child
            # Counts add up along the path: a folder shows what is anywhere inside it.
            for ancestor in _ancestors(folder, root, nodes):
                ancestor.count += counts[folder]
        trees.append(node)
    _in_name_order(trees)
    return trees


def _in_name_order(roots: list[FolderNode]) -> None:
    # The keys Sort by Folder orders the grid by (store/photos.py's folder_order): one order.
    roots.sort(key=lambda n: photo_store.root_key(n.path))
    for node in roots:
        _children_in_name_order(node)


def _children_in_name_order(node: FolderNode) -> None:
    node.children.sort(key=lambda n: photo_store.name_key(n.label))
    for child in node.children:
        _children_in_name_order(child)


def inside_another(folder: str, roots: list[str]) -> bool:
    """`folder` lies inside another of the library's `roots`."""
    return any(folder != root and folder.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def holding_root(folder: str, roots: list[str]) -> str | None:
    """The library folder (of `roots`) that is `folder` or holds it, or None: a folder added
    again, or one inside a library folder, is only scanned again ("already in the library"),
    as Add Folder and `scan DIR` say."""
    wanted = os.path.normpath(folder)
    normal = [os.path.normpath(r) for r in roots]
    return next((r for r in normal if r == wanted or inside_another(wanted, [r])), None)


def outermost_root(folder: str, roots: list[str]) -> str:
    """The outermost of the library's `roots` that is `folder` or holds it (`folder` itself
    when none does): what a scan of it walks. It differs from `folder` exactly when the folder
    lies inside another root (inside_another)."""
    holding = [r for r in roots if r == folder or inside_another(folder, [r])]
    return min(holding, key=len) if holding else folder


def _ancestors(folder: str, root: str, nodes: dict[str, FolderNode]) -> list[FolderNode]:
    found = []
    path = folder
    while True:
        if path in nodes:
            found.append(nodes[path])
        if path == root or len(path) <= len(root):
            return found
        path = os.path.dirname(path)


def remove_folder(db: sqlite_utils.Database, root: str) -> int:
    """Take a library root out of the library: its photos leave the grid (marked missing, so
    their tags and the user's decisions stay in the library should the folder be added again)
    and its files leave the Problems list; nothing on disk is touched. Returns the photos taken
    out, as the sidebar counted them: not its files that could not be read ("Removed ... (158
    photos)" of a folder the sidebar showed with 156, two of its files not pictures)."""
    with transaction(db):
        ids = photo_store.present_ids_under(db, root)
        photos = len(photo_store.present_ids_under(db, root, photos_only=True))
        photo_store.mark_missing(db, ids)
        for folder in photo_store.list_folders(db):
            if folder == root or inside_another(folder, [root]):
                photo_store.remove_folder(db, folder)  # with any added before it, inside it
        clear_problems_under(db, root)  # its files are no longer the library's
        # `stats` tells its photos from files gone (removed_folders).
        removed = get_setting(db, REMOVED_FOLDERS, [])
        set_setting(db, REMOVED_FOLDERS, [*(f for f in removed if f != root), root])
    return photos


def removed_folders(db: sqlite_utils.Database) -> list[str]:
    """The folders the user removed from the library (Remove Folder), latest last: their
    photos are marked missing, their files on disk, their tags kept should they come back."""
    return list(get_setting(db, REMOVED_FOLDERS, []))


def photos_under(db: sqlite_utils.Database, root: str) -> int:
    """How many photos of the library a folder holds, in it and below it (what remove_folder
    would take out), as the sidebar counts them: not the files that could not be read."""
    return len(photo_store.present_ids_under(db, root, photos_only=True))


def photo_ids_under(db: sqlite_utils.Database, root: str) -> set[int]:
    """The photos of the library a folder holds, in it and below it (what remove_folder would
    take out)."""
    return set(photo_store.present_ids_under(db, root))


def taken_out(db: sqlite_utils.Database) -> tuple[int, list[str]]:
    """The photos the user took out of the library with Remove Folder that are not back (in no
    folder of the library now, not trashed), and the folders removed so, latest last."""
    roots = library_roots(db)
    removed = [f for f in removed_folders(db) if f not in roots and not inside_another(f, roots)]
    # Read ones only: a file that could not be read was no photo of the grid's count.
    return photo_store.count_out_of_folders(db, removed, read_only=True), removed


def library_roots(db: sqlite_utils.Database) -> list[str]:
    return photo_store.list_folders(db)
