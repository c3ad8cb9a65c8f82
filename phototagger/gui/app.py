"""Starting the desktop app: `phototagger gui` or `python -m phototagger.gui`."""

from __future__ import annotations

import os
import signal
import socket
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from phototagger import __version__
from phototagger.gui.gc_thread import collected_on_gui_thread
from phototagger.gui.muted import mute
from phototagger.paths import LibraryHome

if TYPE_CHECKING:
    from phototagger.core.library import Library


def run(argv: Sequence[str] | None = None, home: LibraryHome | None = None) -> int:
    """Open the window on `home` (given with --home), else on the home chosen at start-up."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName("phototagger")
    app.setApplicationDisplayName("phototagger")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("phototagger")

    from phototagger.core.errors import UpgradeWaitStopped
    from phototagger.core.preferences import CANNOT_OPEN
    from phototagger.gui.location import LibraryLocation
    from phototagger.gui.main_window import MainWindow
    from phototagger.gui.reader import stop_left_running
    from phototagger.gui.resources import app_icon

    app.setWindowIcon(app_icon())
    try:
        library = open_with_notice(app, home or LibraryLocation().startup_home())
    except UpgradeWaitStopped as exc:
        # Said in the window before it was closed (UpgradeWaitNotice); here for a terminal.
        print(f"phototagger: {exc.message}", file=sys.stderr, flush=True)
        return exc.exit_code
    except CANNOT_OPEN as exc:
        QMessageBox.critical(None, "phototagger", f"The library could not be opened:\n{exc}")
        return 3
    window = MainWindow(library)
    window.show()
    with closed_on_sigterm(window), collected_on_gui_thread():
        code = app.exec()
    if window.isVisible():
        # The app was told to quit with its window still open: the window closes first (its
        # layout saved, its threads stopped, no answer acted on) before its library does.
        window.close()
    if window.jobs.busy:
        # The job is still in a batch (or loading the model) and was told to stop: the library
        # is consistent at every commit and the job resumes next time, so do not wait for it.
        sys.stdout.flush()
        os._exit(code)
    # The readers' connections first (their threads were told to stop with the window): the
    # last connection's close copies the log into library.db, and a refused copy is said
    # (_tell_unfinished_close) only where it is made before the words are chosen.
    stop_left_running()
    library.close()
    return _tell_unfinished_close(code)


def _tell_unfinished_close(code: int) -> int:
    """The library closed with the last changes left in its log (library.db-wal), their copy
    into library.db refused (a file size limit just over its size): said once, in a box and
    on stderr, the exit status a failure's (3), as the command line says it. Nothing is lost:
    the next start without the limit finishes the copy."""
    from phototagger.core.library import unfinished_close_lines

    lines = unfinished_close_lines()
    for line in lines:
        print(f"phototagger: {line}", file=sys.stderr, flush=True)
    if not lines:
        return code
    QMessageBox.warning(
        None, "phototagger", "\n\n".join(line[:1].upper() + line[1:] for line in lines)
    )
    return 3 if code == 0 else code


def open_with_notice(app: QApplication, home: LibraryHome) -> Library:
    """Open the library at `home`; while another phototagger upgrades it (minutes on a large
    library), a small window says so, painted and movable: the app runs its events between
    tries of the lock. Closing that window (or its Stop Waiting) stops the wait
    (UpgradeWaitStopped), changing nothing; the other phototagger's upgrade goes on. While
    this one upgrades it (10 s for 500,000 photos), another small window says that, painted
    between pieces of the work: before, nothing showed until the main window did."""
    from phototagger.core.errors import UpgradeWaitStopped
    from phototagger.core.library import open_library

    notice = UpgradeWaitNotice()  # shown only while another phototagger upgrades the library
    upgrade = UpgradeNotice()  # shown only while this one upgrades it

    def waiting(line: str) -> None:
        print(line, file=sys.stderr, flush=True)
        notice.line.setText(line)
        notice.show()
        app.processEvents()

    def tick() -> None:
        app.processEvents()
        if not notice.isVisible():  # closed by the user
            raise UpgradeWaitStopped()

    def upgrading(line: str) -> None:
        print(line, file=sys.stderr, flush=True)
        upgrade.line.setText(line)
        upgrade.show()
        app.processEvents()

    try:
        return open_library(home, waiting, tick, upgrading, app.processEvents)
    finally:
        notice.close()
        upgrade.close()


class _Notice(QDialog):
    """A small window of two lines before the main window: what is being done (`line`, set
    by its caller), and what comes of it (`then`, muted)."""

    def __init__(self, then: str, bottom: int = 24) -> None:
        super().__init__()
        self.setWindowTitle("phototagger")
        self.line = QLabel()
        self.line.setWordWrap(True)
        self.then = QLabel(then)
        self.then.setWordWrap(True)
        mute(self.then)
        self.lines = QVBoxLayout(self)
        self.lines.setContentsMargins(24, 24, 24, bottom)
        self.lines.setSpacing(12)
        self.lines.addWidget(self.line)
        self.lines.addWidget(self.then)
        self.setMinimumWidth(460)


class UpgradeNotice(_Notice):
    """The "Upgrading the library…" window, while this phototagger upgrades the library it
    opens: what is done and that it is done once. No button: the upgrade is one transaction
    that ends by itself; closing the window hides it, and the upgrade goes on."""

    def __init__(self) -> None:
        super().__init__(
            "This is done once, the first time this version of phototagger opens the library. "
            "phototagger's window opens when it is done."
        )


class UpgradeWaitNotice(_Notice):
    """The "Waiting for another phototagger…" window, and what closing it does, said before it is
    closed: phototagger quits at once (a message box after it would be a second window to
    close), so the window itself is the question. Stop Waiting, the close button and Escape
    all mean the answer: stop."""

    STOP = "Stop Waiting"

    def __init__(self) -> None:
        super().__init__(
            "You can stop waiting: this phototagger will close, changing nothing, and the other "
            "one goes on upgrading. Start phototagger again once it is done.",
            bottom=18,
        )
        buttons = QDialogButtonBox()
        self.stop = buttons.addButton(self.STOP, QDialogButtonBox.ButtonRole.RejectRole)
        self.stop.setAutoDefault(False)  # Enter pressed by chance does not stop the wait
        buttons.rejected.connect(self.close)
        self.lines.addWidget(buttons)


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
