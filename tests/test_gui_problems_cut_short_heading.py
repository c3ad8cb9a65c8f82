"""A JPEG cut short with most of it there is shown and tagged from the part there is, yet
File ▸ Problems listed it under "2 photos in the grid could not be read" with a photo whose
file holds too little to read: a photographer was told a photo in front of them, tagged, could
not be read. It now has a section of its own that says it was read from what is there.

That heading said of every photo cut short that its lower part is missing; an interlaced PNG
cut short is shown whole, every other row of its lower part there and those between filled in:
it has a heading of its own that says so, and the JPEG's, PNG's and lossy WebP's says what the
user sees of theirs: grey."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.states import PhotoStatus
from phototagger.gui.problems_dialog import ProblemsDialog
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.scan_helpers import run_scan
from tests.test_gui_problems_say_what_went_wrong import _sections
from tests.test_imaging_truncated_png_shown import FLUTE, _interlaced_png, _png, _webp
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
        assert rows[2] == (
            "1 photo cut short: its lower part is missing "
            "(it is shown grey there and tagged from the part there is)"
        )
        assert rows[3][0] == str(mostly)
        assert "could not be read" not in dialog.headings[1]


def test_each_kind_of_photo_cut_short_is_said_what_is_missing_of_it(
    qtbot: QtBot, engine, tmp_path: Path
) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    picture = Image.open(FLUTE).convert("RGB")
    jpeg = Path(shutil.copy(FLUTE, pics / "flute.jpg"))
    _cut(jpeg, 0.7)
    grey_below = [
        str(jpeg),
        str(_png(pics / "flute.png", picture, 0.7)),
        str(_webp(pics / "flute.webp", 0.8, quality=90)),
    ]
    interlaced = [
        str(_interlaced_png(pics / f"flute_interlaced_{n}.png", picture, share))
        for n, share in enumerate((0.7, 0.8))
    ]
    with open_library(default_home()) as library:
        summary = run_scan(library, [pics], engine)
        assert (summary.tagged, summary.problems) == (5, 0)

        dialog = ProblemsDialog(library.db)
        qtbot.addWidget(dialog)
        # Each heading, then the paths of the files under it.
        rows = [row if isinstance(row, str) else row[0] for row in _sections(dialog)]
        assert rows == [
            "3 photos cut short: their lower part is missing "
            "(they are shown grey there and tagged from the part there is)",
            *sorted(grey_below),
            "2 photos cut short: every other row of their lower part is missing "
            "(they are shown and tagged whole, those rows filled in from the rows around them)",
            *sorted(interlaced),
        ]
        assert dialog.windowTitle() == "Problems"  # two kinds: each heading says its own
        # Said once, in bold over their rows; the line above counts them.
        assert dialog.summary.text().startswith("5 problems of 2 kinds, each under its heading.")
