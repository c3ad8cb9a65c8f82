"""A full disk: a clear message, everything done kept, and the next run carries on (issue 9.9).

The disk fills for real as SQLite sees it: PRAGMA max_page_count stops the database growing, and
SQLite then fails exactly as on a full disk (SQLITE_FULL, "database or disk is full").
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core import library as library_module
from phototagger.core.failures import disk_full_message, explain
from phototagger.core.library import Library
from phototagger.paths import LibraryHome
from phototagger.store.photos import count_by_status
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library, run_scan


def _pictures(folder: Path, count: int = 12) -> Path:
    for i in range(count):
        real_photo(folder / f"p-{i:02d}.jpg", "chelsea", quality=60 + i)
    return folder


def _fill_up(lib: Library, spare_pages: int) -> None:
    pages = lib.db.execute("PRAGMA page_count").fetchone()[0]
    lib.db.execute(f"PRAGMA max_page_count = {pages + spare_pages}")


def test_a_scan_on_a_full_disk_stops_with_a_message_and_resumes(engine, tmp_path: Path) -> None:
    pics = _pictures(tmp_path / "pics")
    with new_library() as lib:
        _fill_up(lib, 12)
        with pytest.raises(Exception) as caught:
            run_scan(lib, [pics], engine, batch_size=2)
        # Said of the database file, where it named only its folder ("(writing …/data)").
        message = explain(caught.value, lib.home)
        assert message == disk_full_message(str(lib.home.database)), caught.value
        counts = count_by_status(lib.db)
        assert counts["pending"] > 0  # it really stopped part way
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        done_before = counts["tagged"]
    with new_library() as lib:  # space freed: the next scan carries on
        summary = run_scan(lib, [pics], engine, batch_size=2)
        assert summary.tagged == 12 - done_before
        assert count_by_status(lib.db)["tagged"] == 12


def test_the_cli_says_the_disk_is_full(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = _pictures(tmp_path / "pics", 4)
    real_open = library_module.open_library

    def full_disk_library(
        home: LibraryHome,
        waiting: Callable[[str], None] | None = None,
        upgrading: Callable[[str], None] | None = None,
    ) -> Library:
        lib = real_open(home, waiting, upgrading=upgrading)
        _fill_up(lib, 1)
        return lib

    monkeypatch.setattr(library_module, "open_library", full_disk_library)
    assert main(["scan", str(pics), "--quiet"]) == 3
    err = capsys.readouterr().err
    assert "the disk is full" in err and "run the command again" in err
    assert "Traceback" not in err


def test_an_os_level_full_disk_is_explained(home: LibraryHome) -> None:
    error = OSError(errno.ENOSPC, "No space left on device", "/library/models/v2.npz")
    assert explain(error, home) == (
        "the disk is full (writing /library/models/v2.npz); everything done until now is kept: "
        "free some space and run the command again to carry on where it stopped"
    )
