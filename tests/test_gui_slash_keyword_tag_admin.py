"""Managing a keyword with a slash in it ('AC/DC', read from the photos' files) in the app names
it as the sidebar does, with its '/': the delete and merge questions (and the merge's list of
tags to go into), the status line after a rename or merge, the Edit menu's undo text that
follows a rename, and the Settings dialog's thresholds. They showed the library's stored
lookalike slash (U+2215) instead."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.location import LibraryLocation
from phototagger.gui.settings_dialog import SettingsDialog
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.modal_helpers import answer_next_modal, type_text
from tests.slash_helpers import AC_DC, tagged_and_other
from tests.store_helpers import tag_states
from tests.switch_helpers import two_taught_tags

STORED = "\u2215"


def _cancel(dialog: QWidget) -> None:
    assert isinstance(dialog, QMessageBox), dialog
    dialog.reject()


def _listed_then(name: str, listed: list[str]):
    """Answer a tag prompt with `name`, keeping the names it listed in `listed`."""

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog), dialog
        listed.extend(dialog.comboBoxItems())
        type_text(name)(dialog)

    return act


def test_rename_merge_and_delete_name_the_keyword(qtbot: QtBot, tmp_path: Path) -> None:
    tagged, other = tagged_and_other(
        tmp_path / "gigs", "-XMP-dc:Subject=AC/DC", "-XMP-digiKam:TagsList=Bands/Live"
    )
    window = open_window(qtbot, None, tmp_path)
    ids = {row["path"]: row["id"] for row in window.library.db.query("SELECT id, path FROM photos")}
    window.decide([ids[str(other)]], AC_DC, "accept")
    settle(qtbot, window)
    assert window.undo_stack.text(0) == "Accept “AC/DC”"

    asked = answer_next_modal(_cancel)
    window.tools.ask_delete(AC_DC)
    settle(qtbot, window)
    assert asked and "“AC/DC”" in asked[0] and STORED not in asked[0]

    asked = answer_next_modal(type_text("Music/AC\\/DC"))
    window.tools.ask_rename(AC_DC)
    settle(qtbot, window)
    assert window.status.currentMessage().startswith("Renamed “AC/DC” to “Music/AC/DC” (2 photos)")
    assert window.undo_stack.text(0) == "Accept “Music/AC/DC”"  # the undo text followed

    listed: list[str] = []
    asked = answer_next_modal(_listed_then("Bands/Live", listed))
    window.tools.ask_merge(f"Music/{AC_DC}")
    settle(qtbot, window)
    assert asked and asked[0].startswith("Merge “Music/AC/DC” into which tag?")
    assert "Bands/Live" in listed and not [n for n in listed if STORED in n]
    assert window.status.currentMessage().startswith("Merged “Music/AC/DC” into “Bands/Live”")
    assert tag_states(window.db, tagged) == {"Bands/Live": "file"}


def test_the_settings_thresholds(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as library:
        two_taught_tags(library, AC_DC, "Bands/B\u2215W")
        dialog = SettingsDialog(library, None, LibraryLocation(tmp_path / "location.json"))
        qtbot.addWidget(dialog)
        table = dialog.thresholds
        rows = range(table.rowCount())
        names = {item.text() for r in rows if (item := table.item(r, 0)) is not None}
        assert {"AC/DC", "Bands/B/W"} <= names
        tips = [widget.toolTip() for r in rows if (widget := table.cellWidget(r, 1)) is not None]
        assert any(tip.startswith("“AC/DC” is put on a photo") for tip in tips)
        assert not [t for t in [*names, *tips] if STORED in t]
        dialog.reject()
