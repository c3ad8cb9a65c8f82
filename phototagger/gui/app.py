"""Starting the desktop app: `phototagger gui` or `python -m phototagger.gui`."""

from __future__ import annotations

import os
import signal
import socket
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from phototagger import __version__
from phototagger.paths import LibraryHome


def run(argv: Sequence[str] | None = None, home: LibraryHome | None = None) -> int:
    """Open the window on `home` (given with --home), else on the home chosen at start-up."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName("phototagger")
    app.setApplicationDisplayName("phototagger")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("phototagger")

    from phototagger.core.library import open_library
    from phototagger.core.preferences import CANNOT_OPEN
    from phototagger.gui.location import LibraryLocation
    from phototagger.gui.main_window import MainWindow
    from phototagger.gui.resources import app_icon

    app.setWindowIcon(app_icon())
    notice = QLabel()  # shown only while another phototagger upgrades the library
    notice.setWindowTitle("phototagger")
    notice.setMargin(24)

    def waiting(line: str) -> None:
        print(line, file=sys.stderr, flush=True)
        notice.setText(line)
        notice.show()
        app.processEvents()

    try:
        library = open_library(home or LibraryLocation().startup_home(), waiting)
    except CANNOT_OPEN as exc:
        QMessageBox.critical(None, "phototagger", f"The library could not be opened:\n{exc}")
        return 3
    finally:
        notice.close()
    window = MainWindow(library)
    window.show()
    with closed_on_sigterm(window):
        code = app.exec()
    if window.jobs.busy:
        # The job is still in a batch (or loading the model) and was told to stop: the library
        # is consistent at every commit and the job resumes next time, so do not wait for it.
        sys.stdout.flush()
        os._exit(code)
    library.close()
    return code


@contextmanager
def closed_on_sigterm(window: QWidget) -> Iterator[None]:
    """SIGTERM (a logout, a shutdown, `kill`) closes the window as its close button does, so
    what it keeps on closing is kept. Python runs its signal handlers only between bytecodes,
    never while Qt's event loop waits: the handler does nothing, and the signal's byte on a
    socket wakes the loop, which closes the window."""
    if not hasattr(signal, "SIGTERM") or os.name != "posix":
        yield
        return
    ours, theirs = socket.socketpair()
    ours.setblocking(False)
    theirs.setblocking(False)
    notifier = QSocketNotifier(ours.fileno(), QSocketNotifier.Type.Read)

    def woken() -> None:
        try:
            got = ours.recv(64)
        except BlockingIOError:
            return
        if signal.SIGTERM in got:
            window.close()
            QApplication.quit()  # a dialog left open does not keep the app running

    notifier.activated.connect(woken)
    before = signal.signal(signal.SIGTERM, lambda *_: None)
    wakeup = signal.set_wakeup_fd(theirs.fileno())
    try:
        yield
    finally:
        signal.set_wakeup_fd(wakeup)
        signal.signal(signal.SIGTERM, before)
        notifier.setEnabled(False)
        ours.close()
        theirs.close()
