"""One scan per library at a time: a second one stops at once with a clear message (issue 9.3)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core.jobs import Progress
from phototagger.core.scan_lock import ScanBusyError, scan_lock
from phototagger.store.photos import count_by_status
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library, run_scan


def test_a_second_scan_while_one_runs_is_refused_and_the_first_finishes(
    engine, tmp_path: Path
) -> None:
    pics = tmp_path / "pics"
    for i in range(6):
        real_photo(pics / f"p-{i}.jpg", "chelsea", quality=70 + i)
    refused: list[BaseException] = []

    def second_scan_from_another_thread(p: Progress) -> None:
        if p.phase == "tagging" and not refused:

            def other() -> None:
                with new_library() as lib2:
                    try:
                        run_scan(lib2, [pics], engine)
                    except ScanBusyError as exc:
                        refused.append(exc)

            thread = threading.Thread(target=other)
            thread.start()
            thread.join()

    with new_library() as lib:
        summary = run_scan(lib, [pics], engine, progress=second_scan_from_another_thread)
        assert summary.tagged == 6 and count_by_status(lib.db)["tagged"] == 6
    assert len(refused) == 1 and "another scan of the library" in str(refused[0])
    # Once the first scan ended, the lock is free again.
    with new_library() as lib:
        assert run_scan(lib, [pics], engine).unchanged == 6


def test_the_cli_says_a_scan_is_running(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pics = tmp_path / "pics"
    real_photo(pics / "a.jpg")
    with new_library() as lib, scan_lock(lib.database_path):
        assert main(["scan", str(pics), "--quiet"]) == 3
    err = capsys.readouterr().err
    assert "another scan of the library" in err and "Traceback" not in err
    assert err.count("\n") == 1
