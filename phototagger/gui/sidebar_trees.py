"""The sidebar's Folders and Tags sections as trees: subfolders with photo counts under each
library folder, and tags named 'animals/dog' under 'animals'."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QTreeWidgetItem

from phototagger.core.folders import FolderNode
from phototagger.core.tag_admin import TagNode, shown_name, tag_order, tag_tree
from phototagger.core.wording import counted
from phototagger.gui.quotes import quoted

MakeItem = Callable[[QTreeWidgetItem, str, str, "str | None", "int | None"], QTreeWidgetItem]
ROOT_ROLE = Qt.ItemDataRole.UserRole + 3  # True on a library root (it can be removed)


# A library folder not on the disk (qa26: a USB stick's folder, the stick out at start-up, was
# listed as any other until a rescan named it in Problems): greyed, a warning sign, and why in
# its tooltip. Its name stays as it is: it is what the folder is known by.
NOT_FOUND_TIP = (
    "Not found: was a drive unplugged, or the folder renamed or moved?\n"
    "Its photos keep their tags and your answers: File ▸ Rescan Folders once it is back."
)


def fill_folders(
    section: QTreeWidgetItem,
    roots: list[FolderNode],
    make: MakeItem,
    not_found: tuple[QColor, QIcon] | None = None,
) -> None:
    """`not_found`: how a library folder not on the disk is drawn (its text's colour, its
    icon)."""
    section.takeChildren()
    for root in roots:
        item = _folder(section, root, make)
        item.setData(0, ROOT_ROLE, True)
        if not root.there and not_found is not None:
            item.setToolTip(0, f"{root.path}\n{NOT_FOUND_TIP}")
            item.setForeground(0, not_found[0])
            item.setIcon(0, not_found[1])


def _folder(parent: QTreeWidgetItem, node: FolderNode, make: MakeItem) -> QTreeWidgetItem:
    item = make(parent, node.label, "folder", node.path, node.count)
    item.setToolTip(0, node.path)
    for child in node.children:  # in core.folders' name order
        _folder(item, child, make)
    item.setExpanded(parent.parent() is None)  # roots open, deeper folders closed
    return item


TAG_ORDERS = {"name": "Sort Tags by &Name", "count": "Sort Tags by &Count"}


def fill_tags(
    section: QTreeWidgetItem,
    counts: list[tuple[str, int]],
    make: MakeItem,
    totals: dict[str, int] | None = None,
    order: str = "name",
    keep: Sequence[str] = (),
) -> None:
    """The tag tree under `section`: its top level by name (as digiKam and Lightroom list
    tags) or most used first (`order` 'count'); each group's tags by name. `keep`: top-level
    tags to list first, in that order (the rows as they stand), the others after them."""
    section.takeChildren()
    nodes = tag_tree(counts, totals)
    if order == "count":
        nodes.sort(key=lambda n: (-n.total, *tag_order(n.label)))
    else:
        nodes.sort(key=lambda n: tag_order(n.label))
    if keep:
        place = {name: i for i, name in enumerate(keep)}
        nodes.sort(key=lambda n: place.get(n.name, len(place)))
    for node in nodes:
        _tag(section, node, make)


def _tag(parent: QTreeWidgetItem, node: TagNode, make: MakeItem) -> QTreeWidgetItem:
    # A level with tags below it shows (and, clicked, filters by) the photos having it or any
    # tag below it, each once, as digiKam and Lightroom do; a grouping level with no tag of its
    # own ('animals' of 'animals/dog') is clicked, renamed, merged and deleted like a tag.
    item = make(parent, node.label, "tag", node.name, node.shown)
    # The whole name for a tag of its own: a long one is cut in the list.
    shown = shown_name(node.name)
    item.setToolTip(0, tag_tip(node) or f"{shown}: {counted(node.shown or 0, 'photo')}")
    for child in node.children:
        _tag(item, child, make)
    item.setExpanded(True)
    return item


def tag_tip(node: TagNode) -> str:
    """What a level with tags below it counts, for its tooltip ('' for a tag without any)."""
    if not node.children:
        return ""
    name = shown_name(node.name)
    own = (
        "no photo is tagged with it alone"
        if node.count is None
        else f"{node.count:,} tagged {quoted(name)} itself"
    )
    return (
        f"{name}: {counted(node.total, 'photo')} with it or a tag under it ({own});\n"
        f"tags under it are named {name}/…"
    )


def all_items(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """Every item below `item`, depth first."""
    found: list[QTreeWidgetItem] = []
    for i in range(item.childCount()):
        child = item.child(i)
        if child is not None:
            found.append(child)
            found.extend(all_items(child))
    return found
