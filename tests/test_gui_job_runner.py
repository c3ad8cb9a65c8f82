"""The job runner runs a core job on its own thread with its own library connection, and turns
its progress, result, cancellation and failure into signals on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from phototagger.core.jobs import CancelToken, Progress
from phototagger.core.library import Library, open_library
from phototagger.gui.jobs import JobRunner
from phototagger.paths import default_home
from phototagger.store.settings import get_setting, set_setting


def test_progress_and_result_arrive_on_the_gui_thread(qtbot) -> None:
    library = open_library(default_home())
    runner = JobRunner(library.home)
    seen: list[tuple[int, bool]] = []
    gui_thread = QThread.currentThread()
    runner.progress.connect(lambda p: seen.append((p.done, QThread.currentThread() is gui_thread)))
    job_threads: list[int] = []

    def job(lib: Library, progress, cancel: CancelToken) -> str:
        job_threads.append(threading.get_ident())
        assert lib.db is not library.db  # its own connection
        for i in range(1, 4):
            progress(Progress("counting", i, 3))
        set_setting(lib.db, "answer", 42)
        return "done"

    with qtbot.waitSignal(runner.finished) as finished:
        assert runner.start("Counting", job)
        assert not runner.start("Another", job)  # one at a time
    assert finished.args == ["done"]
    assert seen[-1] == (3, True) and all(on_gui for _, on_gui in seen)
    assert job_threads != [threading.get_ident()]
    assert get_setting(library.db, "answer") == 42
    assert not runner.busy
    library.close()


def test_cancel_and_failure(qtbot) -> None:
    library = open_library(default_home())
    runner = JobRunner(library.home)
    started = threading.Event()

    def slow(lib: Library, progress, cancel: CancelToken) -> str:
        started.set()
        while not cancel.cancelled:
            cancel.raise_if_cancelled()
            threading.Event().wait(0.01)
        cancel.raise_if_cancelled()
        return "not reached"

    with qtbot.waitSignal(runner.finished) as finished:
        runner.start("Slow", slow)
        started.wait(5)
        runner.cancel()
    assert finished.args == [None]

    def broken(lib: Library, progress, cancel: CancelToken) -> None:
        raise ValueError("there are no corrections to learn from yet")

    reasons: list[str] = []
    with qtbot.waitSignal(runner.failed) as failed:
        runner.start("Broken", broken, on_failed=reasons.append)
    assert failed.args == ["there are no corrections to learn from yet"] == reasons
    library.close()


def test_a_new_phase_is_shown_even_right_after_the_last_count(qtbot) -> None:
    # A scan's "tagging 1,000 of 1,000" was followed at once by minutes of converting and timing
    # the model's runtimes; that report fell within the 0.1 s between reports and was dropped,
    # so the status bar read "Tagging 1,000 of 1,000" throughout.
    library = open_library(default_home())
    runner = JobRunner(library.home)
    phases: list[str] = []
    runner.progress.connect(lambda p: phases.append(p.phase))

    def job(lib: Library, progress, cancel: CancelToken) -> None:
        for i in range(1, 4):
            progress(Progress("tagging", i, 3))
        progress(Progress("timing the runtimes", 0, None))

    with qtbot.waitSignal(runner.finished):
        assert runner.start("Scanning", job)
    assert phases[0] == "tagging" and phases[-1] == "timing the runtimes"
    library.close()
