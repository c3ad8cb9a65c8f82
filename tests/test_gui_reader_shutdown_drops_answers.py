"""An answer the library reader's thread sends after the window shut the reader down is dropped,
not acted on. The fresh-clone suite caught the window's first overview arriving after `gui` had
quit and closed the library: resuming a stopped scan (f8f2f4a) then read the closed database
("Cannot operate on a closed database", raised in the Qt event loop)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QApplication

from phototagger.core.library import open_library
from phototagger.gui.reader import LibraryReader
from phototagger.paths import LibraryHome


def test_an_answer_after_shutdown_is_not_acted_on(qtbot, tmp_path: Path) -> None:
    home = LibraryHome.under(tmp_path / "home")
    open_library(home).close()
    reader = LibraryReader(home)
    started = threading.Event()
    answers: list[object] = []
    ran_on: list[threading.Thread] = []

    def slow(library: object) -> int:
        ran_on.append(threading.current_thread())
        started.set()
        threading.Event().wait(0.3)  # the window closes while the query runs
        return 42

    reader.submit("overview", slow, answers.append)
    assert started.wait(10)
    reader.shutdown()  # does not wait for the query: its thread ends when the query does
    ran_on[0].join(10)  # the answer is posted to the GUI thread by then
    for _ in range(5):
        QApplication.processEvents()
    assert answers == []
    assert not reader.busy

    # Before shutdown, answers are delivered as ever.
    live = LibraryReader(home)
    live.submit("overview", lambda _library: 7, answers.append)
    qtbot.waitUntil(lambda: answers == [7], timeout=10000)
    live.shutdown()
