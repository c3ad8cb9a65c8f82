"""Right-click menus on photos, tags and folders: the same QActions as the menu bar, so each
entry shows its key and does exactly what the key does."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from phototagger.gui.window_parts import MenuHost, MenuTools


def photo_menu(window: MenuHost, tools: MenuTools) -> QMenu:
    a = window.commands
    menu = QMenu(window.grid)
    menu.addActions([a.open_viewer, tools.open_default, tools.show_in_folder])
    menu.addSeparator()
    menu.addAction(tools.find_similar)
    menu.addSeparator()
    menu.addActions([a.add_tag, a.accept_all, a.write_keywords])
    menu.addSeparator()
    menu.addAction(tools.trash_photos)
    return menu


def sidebar_menu(window: MenuHost, tools: MenuTools, kind: str, title: str = "") -> QMenu:
    """A tag's or folder's menu, headed by its name (`title`): the right-clicked row is not
    selected, and the menu covers its focus frame, so "Rename Tag…" alone left the user to
    guess which tag it meant."""
    menu = QMenu(window.sidebar.tree)
    if title:
        heading = menu.addAction(title)
        heading.setEnabled(False)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        menu.addSeparator()
    if kind == "tag":
        menu.addActions([tools.rename_tag, tools.merge_tag, tools.delete_tag])
        menu.addSeparator()
        menu.addAction(tools.manage_tags)
        menu.addSeparator()
        menu.addActions(list(window.commands.tag_sort.values()))
    else:
        menu.addActions([tools.show_folder, tools.rescan_folder])
        menu.addSeparator()
        menu.addAction(tools.remove_folder)
    return menu
