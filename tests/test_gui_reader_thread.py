"""The library reader runs its queries on a plain Python thread that calls Qt for nothing but the
mailbox's wake (gui/handoff.py). It was a QThread with a QObject worker that received each query
as a queued call carrying a Python object, which Qt copies taking Python's lock: the kind of Qt
call off the GUI thread that froze the window once (dd2601a). Its thread ends when the reader is
shut down (without the window waiting for a query still running) or collected, and at exit."""

from __future__ import annotations

import gc
import sqlite3
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from phototagger.core.errors import PhototaggerError
from phototagger.core.library import Library, open_library
from phototagger.gui.reader import LibraryReader
from phototagger.paths import LibraryHome
from tests.child_process import run_gui_child
from tests.test_gui_worker_threads_call_no_qt import QtCallsOffTheGuiThread


@pytest.fixture
def home(tmp_path: Path) -> LibraryHome:
    made = LibraryHome.under(tmp_path / "home")
    open_library(made).close()
    return made


def _closed(library: Library) -> bool:
    try:
        library.db.conn.in_transaction  # noqa: B018 (raises once the connection is closed)
    except sqlite3.ProgrammingError:
        return True
    return False


def test_the_reader_is_a_python_thread_that_only_wakes_the_gui(
    qtbot: Any, home: LibraryHome
) -> None:
    recorder = QtCallsOffTheGuiThread()
    threading.setprofile(recorder)  # the reader's thread, from its start to its end
    ran_on: list[threading.Thread] = []
    libraries: list[Library] = []

    def query(library: Library) -> int:
        ran_on.append(threading.current_thread())
        libraries.append(library)
        return int(library.db.execute("select 41 + 1").fetchone()[0])

    def refused(library: Library) -> int:
        raise PhototaggerError("no tag named “seaside”")

    def broken(library: Library) -> int:
        raise ValueError("no such photo")

    answers: list[object] = []
    try:
        reader = LibraryReader(home)
        reader.submit("answer", query, answers.append)
        reader.submit("refused", refused, answers.append, answers.append)
        reader.submit("broken", broken, answers.append, answers.append)
        qtbot.waitUntil(lambda: not reader.busy, timeout=20_000)
        reader.shutdown()
        assert ran_on, "the query never ran"
        thread = ran_on[0]
        # A thread of Python's own (a QThread is a "Dummy" one to Python), ended by shutdown,
        # its connection, opened on it, closed.
        assert type(thread) is not threading._DummyThread and thread.name == "library-reader"
        thread.join(20)
    finally:
        threading.setprofile(None)
    assert answers == [42, "no tag named “seaside”", "no such photo"]
    assert not thread.is_alive()
    assert _closed(libraries[0])
    assert recorder.not_allowed() == []
    assert "emit wake()" in recorder.calls  # the hook saw the reader's thread


def test_shutdown_does_not_wait_for_the_query_running(qtbot: Any, home: LibraryHome) -> None:
    """The window closes at once with a query still running (the old reader's shutdown waited
    for it); the query's answer is not acted on, and the thread ends with the query."""
    reader = LibraryReader(home)
    started, go_on, ended = threading.Event(), threading.Event(), threading.Event()
    ran_on: list[threading.Thread] = []
    libraries: list[Library] = []
    answers: list[object] = []
    settled: list[bool] = []

    def slow(library: Library) -> int:
        ran_on.append(threading.current_thread())
        libraries.append(library)
        started.set()
        go_on.wait(30)  # set once shutdown has returned
        ended.set()
        return 42

    reader.submit("overview", slow, answers.append, answers.append)
    reader.submit("grid", lambda _library: 7, answers.append)  # waiting: never run
    assert started.wait(20)
    reader.settled.connect(lambda: settled.append(True))
    reader.shutdown()
    still_running = not ended.is_set()
    go_on.set()
    assert still_running, "shutdown waited for the query"
    assert not reader.busy
    assert type(ran_on[0]) is not threading._DummyThread  # a QThread is a "Dummy" to Python
    ran_on[0].join(20)
    assert not ran_on[0].is_alive() and ended.is_set()
    assert _closed(libraries[0])
    for _ in range(5):
        QApplication.processEvents()
    assert answers == [] and settled == []
    reader.submit("grid", lambda _library: 7, answers.append)  # nothing runs after shutdown
    assert not reader.busy


def test_a_reader_collected_without_shutdown_ends_its_thread(qtbot: Any, home: LibraryHome) -> None:
    """As a window collected without a close event leaves its readers: the thread ends and its
    connection is closed (the old reader's QThread was kept running, idle, until exit)."""
    reader = LibraryReader(home)
    ran_on: list[threading.Thread] = []
    libraries: list[Library] = []
    answers: list[object] = []

    def query(library: Library) -> int:
        ran_on.append(threading.current_thread())
        libraries.append(library)
        return 42

    reader.submit("count", query, answers.append)
    qtbot.waitUntil(lambda: answers == [42], timeout=20_000)
    del reader
    gc.collect()
    assert type(ran_on[0]) is not threading._DummyThread  # the old one: a QThread, kept running
    ran_on[0].join(20)
    assert not ran_on[0].is_alive()
    assert _closed(libraries[0])


# Interpreter exit with a reader's query running: one reader shut down, one left as it was.
# Python waits for neither thread on its own (a reader still held would wait for ever); the
# reader's exit handler lets each query end and closes its connection, and nothing aborts.
EXIT_CHILD = textwrap.dedent(
    """
    import os, sys, threading
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from phototagger.core.library import open_library
    from phototagger.gui.reader import LibraryReader
    from phototagger.paths import LibraryHome

    app = QApplication([])
    home = LibraryHome.under(Path(sys.argv[1]))
    open_library(home).close()
    started, go_on = threading.Semaphore(0), threading.Event()

    def slow(name):
        def query(library):
            started.release()
            go_on.wait(30)  # set as the script ends
            library.db.execute("select 1").fetchone()
            os.write(1, f"{name} ended\\n".encode())  # one write: the two threads' lines stay whole
        return query

    shut, left = LibraryReader(home), LibraryReader(home)
    shut.submit("a", slow("shut"), print)
    left.submit("a", slow("left"), print)
    started.acquire(), started.acquire()
    shut.shutdown()
    os.write(1, b"leaving\\n")
    go_on.set()
    """
)


def test_exit_with_queries_running_lets_them_end(tmp_path: Path) -> None:
    done = run_gui_child(EXIT_CHILD, str(tmp_path / "home"), timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.split()
    assert lines[:1] == ["leaving"] and sorted(lines[1:]) == ["ended", "ended", "left", "shut"]
    assert "Traceback" not in done.stderr and "Destroyed while thread" not in done.stderr
