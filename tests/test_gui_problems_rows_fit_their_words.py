"""File ▸ Problems sized each row to its words before the dialog had its width: the words
wrapped at the narrower table of the first layout, and the rows kept that height once the table
was wider, a blank line under the words of one row, none under another's (seen with xshot on a
library of bad files). Rows fit their words at the width they are shown at, and again when the
dialog or a column is resized."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.problems_dialog import ProblemsDialog
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from phototagger.store.problems import record_problem
from tests.store_helpers import add_photo

WORDS = [
    "the file is empty (0 bytes): it was not copied completely; re-copy it from the camera or "
    "a backup if you have one",
    "the image is too large to open safely (3,600 megapixels); it may be damaged or built to "
    "exhaust memory (a 'decompression bomb')",
    "this is not a picture: its contents are not JPEG, HEIC, AVIF, PNG, WebP, TIFF, BMP or GIF, "
    "whatever its name says",
    "this is not a regular file (a pipe, socket or device)",
    "the file ends early, with only 5 % of the picture there, too little to tag: it may be cut "
    "short by a copy that did not finish; re-copy it from the camera or a backup if you have one "
    "(JPEG data is truncated)",
]


def _fitted(dialog: ProblemsDialog) -> list[tuple[int, int]]:
    """Each file's row: its height, and the height its words take at the columns' widths (a
    row of one short line as high as the list's least, as Qt has it)."""
    table, least = dialog.table, dialog.table.verticalHeader()
    rows = [dialog.row_of(path) for path in dialog.listed_paths()]
    return [
        (table.rowHeight(row), max(table.sizeHintForRow(row), least.sectionSizeHint(row)))
        for row in rows
    ]


def test_rows_fit_their_words_as_shown_and_when_resized(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "card"
    folder.mkdir()
    with open_library(default_home()) as library:
        add_folder(library.db, str(folder))
        for i, words in enumerate(WORDS):
            path = folder / f"bad_{i}.jpg"
            path.write_text("not a photo")
            add_photo(library.db, str(path), status="problem")
            record_problem(library.db, str(path), "NOT_AN_IMAGE", words)
        library.db.conn.commit()
        dialog = ProblemsDialog(library.db)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: all(h == fit for h, fit in _fitted(dialog)))
        assert len({fit for _, fit in _fitted(dialog)}) > 1  # rows of one, two and three lines

        # Wider: fewer lines, the rows lower; narrower again: as they were.
        before = _fitted(dialog)
        dialog.resize(1400, dialog.height())
        qtbot.waitUntil(lambda: all(h == fit for h, fit in _fitted(dialog)))
        assert sum(h for h, _ in _fitted(dialog)) < sum(h for h, _ in before)
        # A column made narrower by hand: the words wrap again, the rows grow with them.
        wide = _fitted(dialog)
        dialog.table.horizontalHeader().resizeSection(0, 600)
        qtbot.waitUntil(lambda: all(h == fit for h, fit in _fitted(dialog)))
        assert sum(h for h, _ in _fitted(dialog)) > sum(h for h, _ in wide)
        dialog.close()
