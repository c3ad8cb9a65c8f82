"""File ▸ Problems ▸ Try Again closed the dialog, and the status line said only "1 tagged": a
user who had fixed three files was told neither which could be read now nor which still could
not. The dialog now stays open while the files are tried again (the job's progress in it), the
list is read again, and the dialog and the status bar say of each file by name what came of it.
Try Again on a photo whose keywords could not be written (a read-only file) read it again and
wrote nothing; it now writes the keywords again, as Write Keywords does, and says if it worked.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from phototagger.core.catalog import problems
from phototagger.core.library import open_library
from phototagger.core.metadata.read import read_metadata
from phototagger.core.metadata.settings import KeywordSettings, save_settings
from phototagger.gui.main_window import MainWindow
from phototagger.gui.problems_dialog import ProblemsDialog
from phototagger.paths import default_home
from phototagger.store.photos import add_folder, update_photo
from tests.cli_helpers import read_only_unwritten, run
from tests.gui_helpers import open_window, scan, settle, shown_names
from tests.photo_factory import headless_copy, mend
from tests.store_helpers import add_photo

DET = Path("/work/shared/data/det-photos")
SOURCES = sorted(DET.glob("*.jpg"))[100:105]


def _try_again(qtbot: QtBot, window: MainWindow, dialog: ProblemsDialog, paths: list[str]) -> None:
    dialog.table.clearSelection()
    dialog.table.setSelectionMode(dialog.table.SelectionMode.MultiSelection)
    for path in paths:
        dialog.table.selectRow(dialog.row_of(path))
    dialog.table.setSelectionMode(dialog.table.SelectionMode.ExtendedSelection)
    assert sorted(dialog.selected_paths()) == sorted(paths)
    with qtbot.waitSignal(window.jobs.idle, timeout=180_000):
        dialog.try_again.click()
        # Running: the dialog stays, says what it is doing, and its button stops it.
        assert dialog.isVisible() and dialog.trying == dialog.selected_paths()
        assert dialog.outcome.toPlainText().startswith("Trying ")
        assert dialog.try_again.text() == "&Stop" and not dialog.forget.isEnabled()
    settle(qtbot, window)


@pytest.mark.model
def test_try_again_says_which_files_can_be_read_now(qtbot: QtBot, engine, tmp_path: Path) -> None:
    card = tmp_path / "card"
    card.mkdir()
    first, second, third = (
        headless_copy(source, card / f"IMG_{n}.jpg") for n, source in enumerate(SOURCES[:3], 11)
    )
    # A PNG cut short with under half of it there: refused, with how much is there.
    png = card / "IMG_14.png"
    Image.open(SOURCES[3]).save(tmp_path / "whole.png")
    data = (tmp_path / "whole.png").read_bytes()
    png.write_bytes(data[: len(data) * 3 // 10])
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, card)
    assert shown_names(window) == []
    dialog = window.open_problems()
    qtbot.waitExposed(dialog)
    assert len(dialog.listed_paths()) == 4

    # The user mends two of the three JPEGs and tries all four again.
    mend(first, SOURCES[0])
    mend(second, SOURCES[1])
    chosen = [str(first), str(second), str(third), str(png)]
    _try_again(qtbot, window, dialog, chosen)

    assert dialog.isVisible()
    assert sorted(shown_names(window)) == ["IMG_11.jpg", "IMG_12.jpg"]
    said = dialog.outcome.toPlainText().splitlines()
    # Those still wrong first, with why; then the good news, each file by name.
    assert said[0].startswith("IMG_13.jpg still cannot be read: ")
    assert said[1].startswith("IMG_14.png still cannot be read: the file ends early, with only ")
    assert "% of the picture there" in said[1]
    assert said[2:] == ["IMG_11.jpg can be read now", "IMG_12.jpg can be read now"]
    status = window.status.currentMessage()
    assert status == (
        "IMG_11.jpg and IMG_12.jpg can be read now; "
        "IMG_13.jpg and IMG_14.png still cannot be read (File ▸ Problems)"
    )
    # The list read again: only those still wrong, and they are the ones selected.
    assert dialog.listed_paths() == [str(third), str(png)]
    assert dialog.selected_paths() == [str(third), str(png)]
    assert dialog.try_again.text() == "&Try Again" and dialog.try_again.isEnabled()

    # One file alone: the status line says why it still cannot be read.
    _try_again(qtbot, window, dialog, [str(third)])
    reason = next(p.message for p in problems(window.db) if p.path == str(third))
    assert window.status.currentMessage() == (
        f"IMG_13.jpg still cannot be read: {reason} (File ▸ Problems)"
    )
    assert dialog.outcome.toPlainText() == f"IMG_13.jpg still cannot be read: {reason}"
    dialog.close()


def test_try_again_writes_the_keywords_a_read_only_file_refused(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = read_only_unwritten(capsys, tmp_path / "pics", SOURCES)
    assert all("harbour" not in read_metadata(photo).keywords for photo in photos)

    window = open_window(qtbot, None, tmp_path)
    dialog = window.open_problems()
    qtbot.waitExposed(dialog)
    assert dialog.summary.text().startswith("5 photos could not be written: read-only")
    # The user makes four of them writable; one stays read-only.
    for photo in photos[:4]:
        photo.chmod(0o644)
    _try_again(qtbot, window, dialog, [str(photo) for photo in photos])

    written = [("harbour" in read_metadata(photo).keywords) for photo in photos]
    assert written == [True, True, True, True, False]
    said = dialog.outcome.toPlainText().splitlines()
    assert said[0] == "IMG_4.jpg: its keywords still could not be written: read-only"
    assert said[1:] == [f"IMG_{n}.jpg: its keywords are written now" for n in range(4)]
    # Five files are counted in the status bar (the dialog names them).
    assert window.status.currentMessage() == (
        "Tried 5 files again: 4 with their keywords written; 1 still not written (File ▸ Problems)"
    )
    assert dialog.listed_paths() == [str(photos[4])]

    # Made writable, the last one too; tried alone, it is named in the status bar.
    photos[4].chmod(0o644)
    _try_again(qtbot, window, dialog, [str(photos[4])])
    assert "harbour" in read_metadata(photos[4]).keywords
    assert window.status.currentMessage() == "IMG_4.jpg: its keywords are written now"
    assert dialog.listed_paths() == []
    assert dialog.summary.text() == "Every file found could be read."
    dialog.close()


@pytest.mark.model
def test_a_failed_write_read_again_by_the_scan_is_not_said_written(
    qtbot: QtBot, engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tried again with a damaged file, a read-only photo edited since (a new time) is read
    again by the scan, which clears its note: it is said not written all the same, as it is."""
    card = tmp_path / "card"
    card.mkdir()
    photo = Path(shutil.copy(SOURCES[4], card / "IMG_10.jpg"))
    damaged = headless_copy(SOURCES[0], card / "IMG_11.jpg")
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, card)
    save_settings(window.db, KeywordSettings(enabled=True, asked=True, target="embed"))
    window.db.conn.commit()
    photo.chmod(0o444)
    assert run(capsys, "label", str(photo), "--add", "harbour")[0] == 0
    assert run(capsys, "metadata", "write", "--quiet", str(photo))[0] == 1
    os.utime(photo, (photo.stat().st_atime, photo.stat().st_mtime + 60))  # edited elsewhere
    dialog = window.open_problems()
    qtbot.waitExposed(dialog)
    _try_again(qtbot, window, dialog, [str(photo), str(damaged)])
    assert "harbour" not in read_metadata(photo).keywords
    said = dialog.outcome.toPlainText().splitlines()
    assert said[0].startswith("IMG_11.jpg still cannot be read: ")
    assert said[1] == "IMG_10.jpg: its keywords still could not be written: read-only"
    assert window.status.currentMessage() == (
        "IMG_11.jpg still cannot be read, the keywords of IMG_10.jpg still could not be "
        "written (File ▸ Problems)"
    )
    dialog.close()


@pytest.mark.model
def test_stop_says_the_files_were_not_tried(qtbot: QtBot, engine, tmp_path: Path) -> None:
    """Stopped at once, Try Again says so of each file, and lists them as before: not that
    they still cannot be read, which it did not find out."""
    card = tmp_path / "card"
    card.mkdir()
    damaged = [headless_copy(s, card / f"IMG_{n}.jpg") for n, s in enumerate(SOURCES[:2], 11)]
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, card)
    dialog = window.open_problems()
    qtbot.waitExposed(dialog)
    for path, source in zip(damaged, SOURCES, strict=False):
        mend(path, source)
    dialog.table.selectAll()
    with qtbot.waitSignal(window.jobs.idle, timeout=180_000):
        dialog.try_again.click()
        assert dialog.try_again.text() == "&Stop"
        dialog.try_again.click()
        assert not dialog.try_again.isEnabled()
        assert dialog.outcome.toPlainText().startswith("Stopping")
    settle(qtbot, window)
    assert dialog.outcome.toPlainText().splitlines() == [
        "IMG_11.jpg was not tried again: you stopped it",
        "IMG_12.jpg was not tried again: you stopped it",
    ]
    assert window.status.currentMessage() == (
        "IMG_11.jpg and IMG_12.jpg were not tried again: you stopped it (File ▸ Problems)"
    )
    assert dialog.try_again.text() == "&Try Again" and dialog.try_again.isEnabled()
    dialog.close()


def test_try_again_asks_before_writing_into_files_the_first_time(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Keywords written from the command line (--embed) with the app's writing never allowed:
    Try Again asks first, as Write Keywords does; a No writes nothing and says why."""
    pics = tmp_path / "pics"
    pics.mkdir()
    photo = Path(shutil.copy(SOURCES[0], pics / "IMG_0.jpg"))
    with open_library(default_home()) as library:
        add_folder(library.db, str(pics))
        update_photo(library.db, add_photo(library.db, str(photo)), model_version="v1")
    photo.chmod(0o444)
    assert run(capsys, "label", str(photo), "--add", "harbour")[0] == 0
    assert run(capsys, "metadata", "write", "--embed", "--quiet", str(photo))[0] == 1
    photo.chmod(0o644)
    window = open_window(qtbot, None, tmp_path)
    dialog = window.open_problems()
    qtbot.waitExposed(dialog)
    asked: list[str] = []

    def answer(button: str) -> None:
        box = getattr(window.keyword_writer, "question", None)
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(20, lambda: answer(button))
            return
        asked.append(box.text())
        if button:
            next(b for b in box.buttons() if b.text() == button).click()
        else:
            box.reject()

    QTimer.singleShot(20, lambda: answer(""))
    _try_again(qtbot, window, dialog, [str(photo)])
    assert asked == [
        "Write this photo's tags where digiKam, Lightroom, darktable and Immich read them?"
    ]
    assert dialog.outcome.toPlainText() == (
        "IMG_0.jpg: its keywords still could not be written: writing keywords into files is "
        "not allowed (Settings ▸ Keywords in files)"
    )
    assert "harbour" not in read_metadata(photo).keywords

    QTimer.singleShot(20, lambda: answer("Write Into the Files"))
    _try_again(qtbot, window, dialog, [str(photo)])
    assert len(asked) == 2
    assert "harbour" in read_metadata(photo).keywords
    assert dialog.outcome.toPlainText() == "IMG_0.jpg: its keywords are written now"
    dialog.close()
