"""Write Keywords to Files was offered for a photo whose file was deleted since the scan (the
grid lists it until a rescan): it ran a job that only noted the file in Problems. It is now grey
for such a photo, in the Tags menu and the photo's right-click menu, says why, and refuses with
a message when asked anyway."""

from __future__ import annotations

from pathlib import Path

from phototagger.gui.context_menus import photo_menu
from tests.gui_helpers import click_photo, open_window, prescanned


def test_write_keywords_is_grey_for_a_file_gone(qtbot, engine, tmp_path: Path) -> None:
    pics = prescanned(tmp_path / "card", engine)
    (pics / "rocket.jpg").unlink()  # deleted in the file manager: the grid still lists it
    window = open_window(qtbot, engine, tmp_path)
    write = window.commands.write_keywords
    click_photo(qtbot, window, "coffee.jpg")
    assert write.isEnabled()
    click_photo(qtbot, window, "rocket.jpg")
    entry = next(a for a in photo_menu(window, window.tools).actions() if a is write)
    assert not entry.isEnabled()
    assert "no longer there (it was moved or deleted)" in entry.toolTip()
    assert window.keyword_writer.write_chosen() is False
    assert (
        "rocket.jpg is no longer there (it was moved or deleted)" in window.status.currentMessage()
    )
    assert not list(pics.glob("*.xmp")) and window.open_problems().table.rowCount() == 0
    click_photo(qtbot, window, "chelsea.jpg")
    assert write.isEnabled()
    assert "no longer" not in write.toolTip()
