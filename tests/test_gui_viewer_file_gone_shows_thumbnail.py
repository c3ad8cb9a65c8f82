"""A photo whose file was deleted since the scan (the grid lists it until a rescan), opened in the
viewer: it showed an empty dark window saying "the file is no longer there", though the library
still has the photo's thumbnail, and A and R still decide on its tags there. The viewer shows
that thumbnail, as Lightroom shows its preview of a missing file, and says under it what it is.
Open in Viewer stays offered for such a photo: it shows the photo, not the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from phototagger.gui.viewer import MAX_SIDE
from tests.gui_helpers import click_photo, open_window, prescanned, row_of

SAID = (
    "The file is no longer there (it was moved or deleted): this is the library's small copy of it"
)


def test_the_viewer_shows_the_thumbnail_of_a_file_gone(qtbot, engine, tmp_path: Path) -> None:
    pics = prescanned(tmp_path / "card", engine)
    (pics / "rocket.jpg").unlink()  # deleted in the file manager: the grid still lists it
    window = open_window(qtbot, engine, tmp_path)
    click_photo(qtbot, window, "rocket.jpg")
    assert window.commands.open_viewer.isEnabled()
    assert not window.tools.open_default.isEnabled()  # the file's own actions are grey
    viewer = window.open_viewer(row_of(window, "rocket.jpg"))
    qtbot.waitUntil(lambda: bool(viewer.message.text()), timeout=5000)
    assert viewer.message.text() == SAID
    shown = viewer.canvas.item.pixmap()
    assert not shown.isNull()
    assert 0 < max(shown.width(), shown.height()) <= 320 < MAX_SIDE  # the thumbnail's size
    assert viewer.message.alignment() & Qt.AlignmentFlag.AlignBottom  # under it, not over it

    # The next photo, whose file is there: shown full size, nothing said over it.
    viewer.show_row(row_of(window, "astronaut.jpg"))  # 512 x 512
    qtbot.waitUntil(lambda: viewer.canvas.item.pixmap().width() > 320, timeout=10_000)
    assert viewer.message.text() == ""
    viewer.close()
