"""Write Keywords to Files was offered for a photo whose file was deleted since the scan (the
grid lists it until a rescan): it ran a job that only noted the file in Problems. It is now grey
for such a photo, in the Tags menu and the photo's right-click menu, says why, and refuses with
a message when asked anyway."""

from __future__ import annotations

from pathlib import Path

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.core.metadata.settings import KeywordSettings, save_settings
from phototagger.gui.context_menus import photo_menu
from phototagger.paths import default_home
from tests.gui_helpers import JOB_TIMEOUT_MS, click_photo, open_window, prescanned, settle

SETTING = "as set in Settings ▸ Keywords in files"  # why sidecars, in the status line


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


def test_the_other_files_are_written_and_the_gone_ones_counted(
    qtbot, engine, tmp_path: Path
) -> None:
    # Two of the four chosen files gone: Write Keywords stayed on (rightly, two can be written),
    # handed the gone ones to the write, which noted each in Problems, a problem only a rescan
    # puts right, and the status line said "1 could not be written". The other files are
    # written, and the status line says how many were not, and why.
    pics = prescanned(tmp_path / "card", engine)
    with open_library(default_home()) as lib:
        save_settings(lib.db, KeywordSettings(enabled=True, asked=True))  # sidecars, unasked
        ids = [row[0] for row in lib.db.execute("SELECT id FROM photos")]
        labels.apply_edits(lib.db, labels.decision_edits(ids, "trip", "add"))
    for name in ("rocket.jpg", "coffee.jpg"):
        (pics / name).unlink()  # deleted in the file manager: the grid still lists them
    window = open_window(qtbot, engine, tmp_path)
    window.grid.selectAll()
    settle(qtbot, window)
    assert sorted(window.chosen_photo_ids()) == sorted(ids)
    write = window.commands.write_keywords
    assert write.isEnabled()
    with qtbot.waitSignal(window.jobs.idle, timeout=JOB_TIMEOUT_MS):
        write.trigger()
    settle(qtbot, window)
    assert sorted(p.name for p in pics.glob("*.xmp")) == ["astronaut.jpg.xmp", "chelsea.jpg.xmp"]
    assert window.status.currentMessage() == (
        f"Keywords written into 2 new sidecar files beside their photos ({SETTING}), "
        "0 already up to date; "
        "2 of the 4 files are no longer there (rescan)"
    )
    assert window.open_problems().table.rowCount() == 0
