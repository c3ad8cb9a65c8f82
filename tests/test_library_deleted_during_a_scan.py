"""A database deleted or replaced during a scan stops it, and the next command does not start an
empty library in its place (issue 9.11)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core.jobs import Progress
from phototagger.core.library import open_library
from phototagger.core.library_guard import LibraryGoneError, marker_path
from phototagger.paths import default_home
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library, run_scan


def _pictures(folder: Path) -> Path:
    for i in range(8):
        real_photo(folder / f"p-{i}.jpg", "coffee", quality=70 + i)
    return folder


def _delete_database(lib_path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(lib_path) + suffix).unlink(missing_ok=True)


def test_a_deleted_database_stops_the_scan_and_the_next_command(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = _pictures(tmp_path / "pics")
    with new_library() as lib:

        def delete_it(p: Progress) -> None:
            if p.phase == "tagging" and p.done and lib.database_path.exists():
                _delete_database(lib.database_path)

        with pytest.raises(LibraryGoneError, match="was deleted"):
            run_scan(lib, [pics], engine, progress=delete_it, batch_size=2)
        database = lib.database_path
    assert not database.exists()
    # The next command refuses to start over silently, and says how to.
    assert main(["stats"]) == 3
    err = capsys.readouterr().err
    assert "is gone" in err and "Traceback" not in err
    assert not database.exists()
    # Deleting the marker is the user's way of saying "start a new library".
    marker_path(database).unlink()
    with open_library(default_home()) as lib:
        assert lib.db.execute("SELECT count(*) FROM photos").fetchone()[0] == 0


def test_a_replaced_database_stops_the_scan(engine, tmp_path: Path) -> None:
    pics = _pictures(tmp_path / "pics")
    with new_library() as lib:
        spare = tmp_path / "other.db"
        shutil.copy(lib.database_path, spare)

        def replace_it(p: Progress) -> None:
            if p.phase == "tagging" and p.done and spare.exists():
                os.replace(spare, lib.database_path)

        with pytest.raises(LibraryGoneError, match="replaced"):
            run_scan(lib, [pics], engine, progress=replace_it, batch_size=2)
