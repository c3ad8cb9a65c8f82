"""A JPEG cut short with most of it there is shown and tagged from the part there is, yet
File ▸ Problems listed it under "2 photos in the grid could not be read" with a photo whose
file holds too little to read: a photographer was told a photo in front of them, tagged, could
not be read. It now has a section of its own that says it was read from what is there."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.states import PhotoStatus
from phototagger.gui.problems_dialog import ProblemsDialog
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.scan_helpers import run_scan
from tests.test_gui_problems_say_what_went_wrong import _sections
from tests.test_similar_figure_means_something import det_photos

NAMES = ("n02509815_1443_red_panda.jpg", "n02509815_5993_red_panda.jpg")


def _cut(path: Path, share: float) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * share)])


def test_a_photo_shown_from_its_part_is_not_said_unreadable(
    qtbot: QtBot, engine, tmp_path: Path
) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    mostly, little = (Path(shutil.copy(det_photos() / n, pics / n)) for n in NAMES)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)  # both read whole and tagged first
        _cut(mostly, 0.7)  # an interrupted copy: most of it there
        _cut(little, 0.3)  # too little to tag
        run_scan(library, [pics], engine)
        shown = get_photo_by_path(library.db, str(mostly))
        assert shown is not None and shown.status == PhotoStatus.TAGGED
        gone = get_photo_by_path(library.db, str(little))
        assert gone is not None and gone.status == PhotoStatus.PROBLEM

        dialog = ProblemsDialog(library.db)
        qtbot.addWidget(dialog)
        rows = _sections(dialog)
        assert rows[0] == "1 photo in the grid could not be read"
        assert rows[1][0] == str(little)
        assert isinstance(rows[2], str)
        assert rows[2].startswith("1 photo cut short: its lower part is missing")
        assert "shown and tagged from the part there is" in rows[2]
        assert rows[3][0] == str(mostly)
        assert "could not be read" not in dialog.summary.text().splitlines()[1]
