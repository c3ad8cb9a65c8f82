"""The app's worker threads (thumbnails, pictures, jobs, the library reader) call Qt for nothing
that can freeze the window: a Qt call made holding Python's lock can wait for a lock of Qt's that
the GUI thread holds while it waits for Python's (a test run froze so: commit dd2601a). Each
thread hands its results over through gui/handoff.py: a plain deque, and the one emit of a
signal without arguments that PySide makes without Python's lock. Image work in memory (QImage's
copy, scaled) takes no lock of Qt's and is allowed; reading an image through Qt's plugins, any
other signal, any other Qt call is not. Every Qt function or method a worker thread calls is
recorded with a profile hook: the old code emitted its own signals from each thread (with Python
objects in them, which Qt copies taking Python's lock) and read cached thumbnails with Qt."""

from __future__ import annotations

import re
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import shiboken6
from PIL import Image
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtGui import QImage

from phototagger.core.imaging import save_thumbnail, thumbnail_path
from phototagger.core.jobs import CancelToken, Progress
from phototagger.core.library import Library, open_library
from phototagger.gui.jobs import JobRunner
from phototagger.gui.pictures import PictureLoader
from phototagger.gui.reader import LibraryReader
from phototagger.gui.thumbnails import ThumbnailCache
from phototagger.paths import default_home
from tests.child_process import run_gui_child

_QT_CLASSES = {name for module in (QtCore, QtGui, QtWidgets) for name in dir(module)}
_IMAGE_READS = {"QImage.fromData", "QImage.loadFromData", "QImage.load"}


class QtCallsOffTheGuiThread:
    """A profile hook: each Qt function or method called on a thread other than the main one."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, frame: FrameType, event: str, arg: Any) -> None:
        if event != "c_call" or threading.current_thread() is threading.main_thread():
            return
        name = getattr(arg, "__qualname__", "")
        if name == "SignalInstance.emit":
            found = re.search(r"SignalInstance (\S+)", repr(arg.__self__))
            self.calls.append(f"emit {found.group(1) if found else '?'}")
        elif name.split(".")[0] in _QT_CLASSES:
            self.calls.append(name)

    def not_allowed(self) -> list[str]:
        return sorted(
            {
                call
                for call in self.calls
                if call != "emit wake()"
                and not (call.startswith("QImage.") and call not in _IMAGE_READS)
            }
        )


def _photo(path: Path, colour: tuple[int, int, int]) -> str:
    Image.new("RGB", (96, 64), colour).save(path, "JPEG", quality=90)
    return str(path)


def _wait(qtbot: Any, done: Callable[[], bool]) -> None:
    qtbot.waitUntil(done, timeout=20_000)


def test_thumbnail_and_picture_threads_only_wake_the_gui(qtbot: Any, tmp_path: Path) -> None:
    recorder = QtCallsOffTheGuiThread()
    threading.setprofile(recorder)  # the threads started from now on
    thumbnails_dir = tmp_path / "thumbnails"
    cached = _photo(tmp_path / "cached.jpg", (200, 30, 40))
    save_thumbnail(Image.open(cached), thumbnail_path(thumbnails_dir, "c" * 64))
    fresh = _photo(tmp_path / "fresh.jpg", (30, 200, 40))

    cache = ThumbnailCache(thumbnails_dir, side=48)
    pictures = PictureLoader()
    shown: list[tuple[str, QImage]] = []
    pictures.loaded.connect(lambda path, image: shown.append((path, image)))
    try:
        assert cache.image("c" * 64, cached) is None  # read from the cache
        assert cache.image("d" * 64, fresh) is None  # made again from the photo
        pictures.load(fresh)
        _wait(qtbot, lambda: bool(shown) and None not in cache.images([("c" * 64, cached)]))
        _wait(qtbot, lambda: cache.image("d" * 64, fresh) is not None)
    finally:
        threading.setprofile(None)
        cache.shutdown()
        pictures.shutdown()
    red = cache.image("c" * 64, cached)
    green = cache.image("d" * 64, fresh)
    assert red is not None and green is not None
    assert (red.width(), red.height()) == (48, 32)
    assert red.pixelColor(24, 16).red() > 150 and green.pixelColor(24, 16).green() > 150
    assert shown[0][0] == fresh and shown[0][1].width() == 96
    assert recorder.not_allowed() == []
    assert "emit wake()" in recorder.calls  # the hook saw the threads


def test_job_and_reader_threads_only_wake_the_gui(qtbot: Any) -> None:
    recorder = QtCallsOffTheGuiThread()
    library = open_library(default_home())
    runner = JobRunner(library.home)
    reader = LibraryReader(library.home)
    reports: list[int] = []
    runner.progress.connect(lambda progress: reports.append(progress.done))

    def job(lib: Library, progress: Callable[[Progress], None], cancel: CancelToken) -> int:
        sys.setprofile(recorder)  # this thread's calls from here on, the job's end included
        for done in range(1, 4):
            progress(Progress("counting", done, 3))
        return 7

    def query(lib: Library) -> int:
        sys.setprofile(recorder)
        return int(lib.db.execute("select 41 + 1").fetchone()[0])

    def broken(lib: Library) -> int:
        raise ValueError("no such photo")

    answers: list[object] = []
    try:
        with qtbot.waitSignal(runner.finished) as finished:
            assert runner.start("Counting", job)
        reader.submit("answer", query, answers.append)
        reader.submit("broken", broken, answers.append, answers.append)
        _wait(qtbot, lambda: not reader.busy)
    finally:
        reader.shutdown()
        library.close()
    assert finished.args == [7] and reports[-1] == 3
    assert answers == [42, "no such photo"]
    assert recorder.not_allowed() == []
    assert "emit wake()" in recorder.calls


def test_a_runner_deleted_mid_job_hears_nothing_of_it(qtbot: Any) -> None:
    """As a queued signal to a deleted object is dropped, what a job hands over after its
    runner's Qt object was deleted (its window closed; Python still holds the runner) is
    dropped: no call on a deleted object."""
    library = open_library(default_home())
    runner = JobRunner(library.home)
    heard: list[object] = []
    runner.progress.connect(heard.append)
    started, go_on, ended = threading.Event(), threading.Event(), threading.Event()

    def job(lib: Library, progress: Callable[[Progress], None], cancel: CancelToken) -> int:
        started.set()
        go_on.wait(10)
        progress(Progress("counting", 1, 1))
        ended.set()
        return 1

    assert runner.start("Counting", job)
    assert started.wait(10)
    runner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(runner))
    go_on.set()
    assert ended.wait(10)
    qtbot.wait(300)
    library.close()
    assert heard == []


# A picture loader or thumbnail cache dropped while its thread decodes. The thread held it (the
# cache) or its relay object (both), so the last reference went, and the QObject was destroyed,
# on the decoding thread when the decode ended. Run in a child: that destruction may hang.
CHILD = textwrap.dedent(
    """
    import gc, sys, threading, time, weakref
    from pathlib import Path
    from PIL import Image
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication
    from phototagger.gui import pictures, thumbnails

    app = QApplication([])
    started, go_on, ended = threading.Event(), threading.Event(), threading.Event()

    def slow(path, max_side=None):
        started.set()
        go_on.wait(30)
        ended.set()
        return Image.new("RGB", (8, 8))

    pictures.load_full_image = slow
    thumbnails.load_full_image = slow
    gone = []
    for make, ask in (
        (pictures.PictureLoader, lambda o: o.load("/nowhere/a.jpg")),
        (lambda: thumbnails.ThumbnailCache(Path(sys.argv[1])), lambda o: o.image(None, "/x.jpg")),
    ):
        started.clear(), go_on.clear(), ended.clear()
        owner = make()
        ask(owner)
        assert started.wait(10), "the decode never started"
        for held in [owner, *(v for v in vars(owner).values() if isinstance(v, QObject))]:
            name = type(held).__name__
            weakref.finalize(held, lambda n=name: gone.append((n, threading.current_thread().name)))
        del owner, held
        gc.collect()
        go_on.set()
        assert ended.wait(10)
        time.sleep(0.3)  # the decode's result is handed over, the thread's task ends
        app.processEvents()
        gc.collect()
    for name, thread in gone:
        print(name, thread)
    """
)


def test_a_loader_dropped_mid_decode_goes_on_the_gui_thread(tmp_path: Path) -> None:
    done = run_gui_child(CHILD, str(tmp_path), timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    gone = [line.split() for line in done.stdout.splitlines()]
    assert ["PictureLoader", "MainThread"] in gone and ["ThumbnailCache", "MainThread"] in gone
    assert {thread for _, thread in gone} == {"MainThread"}, gone
