"""Find Duplicates ▸ Move Unticked to Trash: the spare copies went, the search ran again and the
dialog said only "No duplicates among 261 photos: ... every one is different" (walk60, 12
copies moved): nothing said what had just been done, nor that Ctrl+Z brings them back. The
summary now starts with it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.gui_helpers import open_window, prescanned, settle, trash_in_folder
from tests.scan_helpers import run_scan


def test_the_dialog_says_what_went_to_the_trash(qtbot, engine, tmp_path: Path) -> None:
    folder = prescanned(tmp_path / "pics", engine)
    copy = Path(shutil.copy(folder / "chelsea.jpg", folder / "chelsea-copy.jpg"))
    window = open_window(qtbot, engine, tmp_path)
    run_scan(window.library, [folder], engine)
    settle(qtbot, window)
    trash_in_folder(window, tmp_path / "trash")
    dialog = window.tools.open_duplicates()
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=20_000)
    assert len(dialog.unticked()) == 1
    dialog.trash_unticked()
    qtbot.waitUntil(lambda: dialog.search_button.isEnabled(), timeout=20_000)
    assert not dialog.groups
    assert not (folder / "chelsea.jpg").exists() or not copy.exists()  # one of them went
    assert dialog.summary.text() == (
        "1 photo moved to the trash (Ctrl+Z in the main window brings it back). "
        "No duplicates among 4 photos: each was compared with every other, by its file and by "
        "how it looks, and every one is different."
    )
    # Said once: a search made again says only what it finds.
    dialog.search_button.click()
    qtbot.waitUntil(lambda: dialog.search_button.isEnabled(), timeout=20_000)
    assert dialog.summary.text().startswith("No duplicates among 4 photos:")
    window.undo_stack.undo()
    settle(qtbot, window)
    assert (folder / "chelsea.jpg").exists() and copy.exists()
