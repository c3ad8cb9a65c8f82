"""Writing keywords into read-only photos listed them in Problems as files that could not be
used, though they were read and tagged fine: only the write failed. Problems now says what went
wrong, in the line over the list when one thing did (once: not in the title too), and in a
section heading per kind otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.problems_dialog import ProblemsDialog
from phototagger.paths import default_home
from phototagger.store.photos import add_folder, update_photo
from phototagger.store.problems import record_problem
from tests.cli_helpers import run
from tests.store_helpers import add_photo

DET = Path("/work/shared/data/det-photos")


def _read_only_photos(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    photos = []
    for source in sorted(DET.glob("*.jpg"))[:count]:
        photo = Path(shutil.copy(source, folder / source.name))
        photos.append(photo)
    with open_library(default_home()) as library:
        add_folder(library.db, str(folder))
        for photo in photos:
            update_photo(library.db, add_photo(library.db, str(photo)), model_version="v1")
    for photo in photos:
        photo.chmod(0o444)
    return photos


def _sections(dialog: ProblemsDialog) -> list[str | list[str]]:
    """The table as shown: a heading row as its text, a file's row as [path, what is wrong]
    (the path the row stands for: its name is shown, its folder beside)."""
    rows: list[str | list[str]] = []
    for r in range(dialog.table.rowCount()):
        first, second = dialog.table.item(r, 0), dialog.table.item(r, 1)
        assert first is not None
        path = first.data(Qt.ItemDataRole.UserRole)
        rows.append(first.text() if second is None else [path, second.text()])
    return rows


def test_read_only_photos_are_said_to_be_unwritable(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = _read_only_photos(tmp_path / "pics", 3)
    assert run(capsys, "label", *map(str, photos), "--add", "harbour")[0] == 0
    assert run(capsys, "metadata", "write", "--embed", "--quiet", *map(str, photos))[0] == 1
    with open_library(default_home()) as library:
        dialog = ProblemsDialog(library.db)
        qtbot.addWidget(dialog)
        heading = "3 photos could not be written: read-only"
        # One kind: said once, over the table (the title said it again, and a title bar cuts
        # a line that long).
        assert dialog.windowTitle() == "Problems"
        assert "could not be used" not in dialog.summary.text()
        assert dialog.summary.text().startswith(f"{heading} ")
        assert "read and tagged fine" in dialog.summary.text().splitlines()[0]
        assert [row[0] for row in _sections(dialog)] == sorted(map(str, photos))
        assert dialog.selected_paths() == [min(map(str, photos))]

        # With a file that is no photo too: a section each, the title plain.
        notes = tmp_path / "pics" / "notes.jpg"
        notes.write_text("shopping list")
        add_photo(library.db, str(notes), status="problem")
        record_problem(library.db, str(notes), "NOT_AN_IMAGE", "this is not a picture")
        library.db.conn.commit()
        again = ProblemsDialog(library.db)
        qtbot.addWidget(again)
        assert again.windowTitle() == "Problems"
        rows = _sections(again)
        assert rows[0] == "1 file could not be read: it is not among your photos"
        assert rows[1][0] == str(notes)
        assert isinstance(rows[2], str) and rows[2].startswith(heading)
        assert [row[0] for row in rows[3:]] == sorted(map(str, photos))
        # A heading is no file: never selected, never acted on.
        again.table.selectAll()
        assert again.selected_paths() == [str(notes), *sorted(map(str, photos))]
