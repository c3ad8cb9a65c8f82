"""Opening a library an older phototagger left, the app upgraded it before its window showed, and
said nothing: on 500,000 photos (2.7 GB) that was 10.5 s with nothing on screen, 10.2 s of it
the copy kept first (benchmarks/migration27.py), and the command line sat silent as long. Now a
small window says what is being done and where the copy goes, painted between pieces of the
work, and the command line says it on stderr."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from phototagger.gui.app import open_with_notice
from phototagger.paths import LibraryHome
from phototagger.store import migrations
from phototagger.store.connection import transaction
from phototagger.store.photos import insert_photo
from tests.cli_helpers import run
from tests.store_helpers import library_at_version

PHOTOS = 4000  # 10 MB of embeddings: the copy is made in a few pieces (migrations._COPY_PAGES)


@pytest.fixture
def old_library(home: LibraryHome) -> Path:
    """A library of PHOTOS photos with embeddings, as phototagger at schema 26 left it."""
    db = library_at_version(home.database, 26)
    vectors = np.random.default_rng(0).random((PHOTOS, 1280)).astype(np.float16)
    with transaction(db):
        for i in range(PHOTOS):
            pid = insert_photo(
                db,
                path=f"/photos/2024/IMG_{i:05d}.jpg",
                size=1000 + i,
                mtime=1.7e9 + i,
                content_hash=f"{i:032x}",
                width=4000,
                height=3000,
                taken_at=None,
                orientation=1,
                status="tagged",
            )
            db.execute(
                "INSERT INTO photo_file_metadata (photo_id, photo_size, photo_mtime, keywords)"
                " VALUES (?, ?, ?, '[]')",
                [pid, 1000 + i, 1.7e9 + i],
            )
            db.execute(
                "INSERT INTO embeddings (photo_id, backbone, vector) VALUES (?, 'b0', ?)",
                [pid, vectors[i].tobytes()],
            )
    db.close()
    assert os.path.getsize(home.database) > 8 * 1024 * 1024
    return home.database


def _upgrade_lines() -> list[str]:
    """The texts of the visible windows' labels that say an upgrade is under way."""
    return [
        label.text()
        for widget in QApplication.topLevelWidgets()
        if widget.isVisible()
        for label in widget.findChildren(QLabel)
        if label.text().startswith("Upgrading the library")
    ]


def _told(library: Path, copy: Path) -> str:
    return (
        f"Upgrading the library ({library}) for this version of phototagger… A copy of it as "
        f"it was is kept first, at {copy}."
    )


def _version(path: Path) -> int:
    with closing(sqlite3.connect(str(path))) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def test_the_app_says_it_upgrades_the_library_and_paints_while_it_does(
    qtbot: QtBot, home: LibraryHome, old_library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    seen: list[list[str]] = []  # the lines shown, each time the app ran its events
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: seen.append(_upgrade_lines()))
    timer.start()
    try:
        library = open_with_notice(app, home)
    finally:
        timer.stop()
    library.close()
    copy = old_library.with_name("library.db.v26.bak")
    line = _told(old_library, copy)
    shown = [lines for lines in seen if lines]
    # The window was up and the app ran its events several times during the work (the copy's
    # pieces and the migration): before, the app ran none until the main window.
    assert len(shown) >= 3 and all(lines == [line] for lines in shown), seen
    assert _upgrade_lines() == []  # gone once the library is open
    assert capsys.readouterr().err.splitlines() == [line]
    assert _version(old_library) == migrations.LATEST_VERSION and _version(copy) == 26


def test_the_command_line_says_it_upgrades_the_library(
    home: LibraryHome, old_library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "stats")
    assert code == 0, err
    copy = old_library.with_name("library.db.v26.bak")
    assert err.splitlines() == [_told(old_library, copy)]
    assert "4,000" in out or "4000" in out, out
    # Opened again, upgraded: nothing said.
    code, _, err = run(capsys, "stats")
    assert code == 0 and err == "", err
