"""`phototagger gui` opens the main window; the GUI's modules import no TensorFlow."""

from __future__ import annotations

import subprocess
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from phototagger.cli import main
from phototagger.gui.main_window import MainWindow


def test_gui_command_opens_the_main_window(qtbot) -> None:
    opened: list[MainWindow] = []

    # Once the window shows (looked for every 10 ms, for at most 30 s): no fixed wait for it.
    # A count of looks ran out on a loaded machine, where the timer fires less often.
    deadline = time.monotonic() + 30

    def look_and_quit() -> None:
        opened.extend(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        if opened or time.monotonic() > deadline:
            poll.stop()
            QApplication.quit()

    # A last window closed inside exec() posts a quit event that would outlive it and stop
    # the event loops of the tests after this one.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    poll = QTimer()
    poll.timeout.connect(look_and_quit)
    poll.start(10)
    try:
        assert main(["gui"]) == 0
    finally:
        poll.stop()
        for window in opened:
            window.close()
        app.setQuitOnLastWindowClosed(True)
    assert [w.windowTitle() for w in opened] == ["phototagger"]


def test_importing_the_gui_loads_no_tensorflow() -> None:
    code = (
        "import sys, phototagger.gui.main_window, phototagger.gui.app; "
        "print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
