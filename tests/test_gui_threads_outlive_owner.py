"""A library reader or job runner that Python collects while its thread runs does not end the
program. Qt aborts the whole process ("QThread: Destroyed while thread is still running") when a
running QThread is destroyed: a reader dropped without shutdown() did that (CI saw the test run
abort in a later test's window, where the collection happened). The thread lives on until its
work ends or the program exits. Run in a child process: an abort fails this test, not the suite."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.child_process import run_gui_child

CHILD = textwrap.dedent(
    """
    import gc, sys, threading, time
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication
    from phototagger.core.library import open_library
    from phototagger.gui.jobs import JobRunner
    from phototagger.gui.reader import LibraryReader
    from phototagger.paths import LibraryHome

    app = QApplication([])
    home = LibraryHome.under(Path(sys.argv[1]))
    open_library(home).close()

    reader = LibraryReader(home)
    answers = []
    reader.submit("count", lambda lib: 42, answers.append)
    while reader.busy:
        app.processEvents()
    del reader  # never shut down: its thread ends as it is collected
    gc.collect()
    print("reader dropped", answers, flush=True)

    started, go_on, ended = threading.Event(), threading.Event(), threading.Event()

    def slow(library, progress, cancel):  # still at work until the runner is dropped
        started.set()
        go_on.wait(60)
        ended.set()
        return "slow"

    runner = JobRunner(home)
    runner.start("Slow", slow)
    assert started.wait(10)
    runner.deleteLater()  # as a closed window's runner goes, its job still running
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del runner
    gc.collect()
    print("runner dropped", ended.is_set(), flush=True)
    go_on.set()
    assert ended.wait(10)
    time.sleep(0.2)
    gc.collect()
    app.processEvents()
    print("ended")
    """
)


def test_dropping_a_reader_or_runner_mid_work_does_not_abort(tmp_path: Path) -> None:
    done = run_gui_child(CHILD, str(tmp_path / "home"))
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split("\n")[:3] == ["reader dropped [42]", "runner dropped False", "ended"]
    assert "Destroyed while thread" not in done.stderr, done.stderr
