"""One scan per library at a time: a second one stops at once with a clear message (issue 9.3);
a scan killed outright (a force-quit) leaves the library free to scan again at once."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core.jobs import Progress
from phototagger.core.library import open_library
from phototagger.core.scan_lock import ScanBusyError, scan_lock
from phototagger.paths import default_home
from phototagger.store.photos import count_by_status
from tests.kill_helpers import REPO
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
        summary = run_scan(
            lib, [pics], engine, progress=second_scan_from_another_thread, batch_size=4
        )
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


# A scan that forks a worker while it holds the lock (as `import openvino` did, to send its usage
# report), then waits: it prints the worker's pid once the worker runs its own code (after the
# fork's handlers: on a loaded machine a child just forked may not have run yet).
_FORKING_SCAN = """
import multiprocessing, sys, time
from pathlib import Path
from phototagger.core.scan_lock import scan_lock
context = multiprocessing.get_context("fork")
running = context.Event()
def work():
    running.set()
    time.sleep(120)
with scan_lock(Path(sys.argv[1])):
    worker = context.Process(target=work)
    worker.start()
    assert running.wait(60)
    print(worker.pid, flush=True)
    time.sleep(120)
"""


def test_a_killed_scan_s_forked_worker_does_not_keep_the_library_locked(tmp_path: Path) -> None:
    database = tmp_path / "library.db"
    scan = subprocess.Popen(
        [sys.executable, "-c", _FORKING_SCAN, str(database)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert scan.stdout is not None
    worker = int(scan.stdout.readline())
    try:
        with pytest.raises(ScanBusyError, match=rf"\(process {scan.pid}\)"), scan_lock(database):
            pass  # refused while the scan runs, naming it
        scan.send_signal(signal.SIGKILL)
        scan.wait(30)
        os.kill(worker, 0)  # the orphaned worker lives on...
        with scan_lock(database):  # ...and the library can be scanned again at once
            pass
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker, signal.SIGKILL)
        scan.kill()
        scan.wait()


@contextlib.contextmanager
def _network_that_never_answers() -> Iterator[tuple[str, threading.Event]]:
    """An HTTPS proxy that takes every connection and never says a word (a captive portal, a
    firewall that drops): its address, and an event set once something connected."""
    server = socket.create_server(("127.0.0.1", 0))
    asked = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                held.append(server.accept()[0])
            except OSError:
                return
            asked.set()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}", asked
    finally:
        with contextlib.suppress(OSError):
            server.shutdown(socket.SHUT_RDWR)
        server.close()
        for connection in held:
            connection.close()


def test_a_scan_force_quit_as_it_starts_tagging_can_be_followed_at_once(
    engine, tmp_path: Path, library_home: Path
) -> None:
    """Killed once the model is loading (when OpenVINO, imported, sent its usage report from a
    forked copy of the scan that waited on the network), or at its first photos tagged."""
    pics = tmp_path / "pics"
    for i in range(6):
        real_photo(pics / f"p-{i}.jpg", "chelsea", quality=70 + i)
    with _network_that_never_answers() as (proxy, asked):
        scan = subprocess.Popen(
            [sys.executable, "-m", "phototagger", "scan", str(pics), "--batch-size", "2"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO), "HTTPS_PROXY": proxy, "https_proxy": proxy},
        )
        tagging = threading.Event()

        def read() -> None:
            assert scan.stderr is not None
            for line in scan.stderr:
                if "tagging" in line:
                    tagging.set()
            tagging.set()

        threading.Thread(target=read, daemon=True).start()
        deadline = time.monotonic() + 300
        while not (asked.is_set() or tagging.is_set()) and time.monotonic() < deadline:
            time.sleep(0.02)
        scan.send_signal(signal.SIGKILL)
        scan.wait(30)
        assert scan.returncode == -signal.SIGKILL
        with open_library(default_home()) as lib:
            run_scan(lib, [pics], engine)  # at once: no "another scan of the library is running"
            assert count_by_status(lib.db)["tagged"] == 6
