"""While another phototagger upgraded the library, the app showed its "Waiting for another
phototagger..." window once and then blocked in SQLite for the whole upgrade (minutes on a large
library): the window was never painted again, could not be moved or closed, and the desktop
called it "not responding". The lock is now tried again ten times a second, the front end runs
between tries (`tick`), and closing the window ends the wait with nothing changed."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from phototagger.core.errors import UpgradeWaitStopped
from phototagger.core.library import open_library, upgrade_wait
from phototagger.gui.app import UpgradeWaitNotice, open_with_notice, run
from phototagger.paths import LibraryHome
from phototagger.store import migrations
from phototagger.store.connection import open_database
from phototagger.store.tags import ensure_tag


@pytest.fixture
def old_library(home: LibraryHome, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A library as phototagger v13 left it, with a user tag that migration 14 moves."""
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:13])
        db = open_database(home.database)
        ensure_tag(db, "People/Anna", "user")
        db.conn.commit()
        db.close()
    return home.database


class _Holder:
    """Another process's upgrade: a connection of its own, in a thread, holding the library's
    write lock (BEGIN IMMEDIATE) until released (or `most` seconds, a safety net: a test that
    found it committed on its own on a loaded machine would fail), then writing and committing
    a table of its own."""

    def __init__(self, path: Path, most: float) -> None:
        self.path, self.most = path, most
        self.held, self.release = threading.Event(), threading.Event()
        self.committed = False
        self.thread = threading.Thread(target=self._run, name="holder")

    def _run(self) -> None:
        conn = sqlite3.connect(str(self.path), isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            self.held.set()
            self.release.wait(self.most)
            conn.execute("CREATE TABLE held_by_another (x)")
            conn.execute("COMMIT")
            self.committed = True
        finally:
            conn.close()


@contextmanager
def _held(path: Path, most: float = 120.0) -> Iterator[_Holder]:
    holder = _Holder(path, most)
    holder.thread.start()
    assert holder.held.wait(10)
    try:
        yield holder
    finally:
        holder.release.set()
        holder.thread.join(30)


def _read(path: Path) -> tuple[int, list[str], bool]:
    conn = sqlite3.connect(str(path))
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tags = sorted(str(r[0]) for r in conn.execute("SELECT name FROM tags"))
        tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master")}
        return version, tags, "held_by_another" in tables
    finally:
        conn.close()


UPGRADED = (migrations.LATEST_VERSION, ["People (keywords)/Anna"], True)
UNTOUCHED = (13, ["People/Anna"], True)  # and the other's own write kept


def test_the_wait_ticks_while_the_lock_is_held_and_opens_once_it_is_released(
    home: LibraryHome, old_library: Path
) -> None:
    lines: list[str] = []
    ticks = 0
    with _held(old_library) as holder:

        def tick() -> None:
            nonlocal ticks
            ticks += 1
            assert not holder.committed  # called while the other holds the lock
            if ticks == 15:
                holder.release.set()

        with open_library(home, lines.append, tick) as lib:
            assert migrations.user_version(lib.db) == migrations.LATEST_VERSION
    assert lines == [upgrade_wait(old_library)]  # told once, not once per try
    assert 15 <= ticks <= 40, ticks  # the lock taken within a few tries of its release
    assert _read(old_library) == UPGRADED
    assert sorted(p.name for p in old_library.parent.glob("*.bak")) == ["library.db.v13.bak"]


def test_what_a_tick_raises_ends_the_wait_and_changes_nothing(
    home: LibraryHome, old_library: Path
) -> None:
    ticks = 0

    def tick() -> None:
        nonlocal ticks
        ticks += 1
        if ticks == 3:
            raise UpgradeWaitStopped()

    with _held(old_library) as holder, pytest.raises(UpgradeWaitStopped):
        open_library(home, lambda _line: None, tick)
    assert holder.committed  # the other went on, and its write is kept
    assert _read(old_library) == UNTOUCHED
    assert not list(old_library.parent.glob("*.bak"))


def test_ctrl_c_between_tries_says_the_wait_was_stopped(
    home: LibraryHome, old_library: Path
) -> None:
    def ctrl_c() -> None:
        raise KeyboardInterrupt

    with _held(old_library), pytest.raises(UpgradeWaitStopped) as caught:
        open_library(home, lambda _line: None, ctrl_c)
    assert caught.value.exit_code == 130
    assert caught.value.message.startswith("stopped waiting for the other phototagger")
    assert _read(old_library) == UNTOUCHED


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _notice() -> UpgradeWaitNotice | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, UpgradeWaitNotice) and widget.isVisible():
            if widget.line.text().startswith("Waiting for another phototagger"):
                return widget
    return None


def test_the_apps_notice_is_painted_while_it_waits(
    qtbot: QtBot, home: LibraryHome, old_library: Path
) -> None:
    """A timer of the app fires and the notice repaints during the wait (before: neither, until
    the other's upgrade had ended)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    paints = _Paints()
    fired = 0
    timer = QTimer()
    timer.setInterval(50)

    with _held(old_library) as holder:

        def beat() -> None:
            nonlocal fired
            notice = _notice()
            if notice is None:
                return
            fired += 1
            if fired == 1:
                notice.installEventFilter(paints)
            notice.update()
            if fired >= 10 and paints.count >= 5:
                holder.release.set()

        timer.timeout.connect(beat)
        timer.start()
        try:
            library = open_with_notice(app, home)
        finally:
            timer.stop()
        library.close()
    assert fired >= 10 and paints.count >= 5, (fired, paints.count)
    assert _notice() is None  # gone once the library is open
    assert _read(old_library) == UPGRADED


def _run_app_and(
    home: LibraryHome, old_library: Path, act: Callable[[UpgradeWaitNotice], object]
) -> int:
    """run() on `old_library` while another holds its lock; `act` is done, once, to the
    notice once it shows. Returns run()'s exit code; the lock is released after."""
    acted = False

    def beat() -> None:
        nonlocal acted
        notice = _notice()
        if notice is not None and not acted:
            acted = True
            act(notice)

    timer = QTimer()
    timer.setInterval(200)
    timer.timeout.connect(beat)
    with _held(old_library) as holder:
        timer.start()
        try:
            code = run(home=home)
        finally:
            timer.stop()
        assert not holder.committed  # stopped while the other still held the lock
    assert acted and holder.committed
    assert _read(old_library) == UNTOUCHED
    assert not list(old_library.parent.glob("*.bak"))
    return code


def test_closing_the_apps_notice_stops_the_wait(
    qtbot: QtBot, home: LibraryHome, old_library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _run_app_and(home, old_library, lambda notice: notice.close())
    assert code == 130
    err = capsys.readouterr().err.splitlines()
    assert err == [
        upgrade_wait(old_library),
        "phototagger: stopped waiting for the other phototagger to finish upgrading the "
        "library; nothing was changed, and its upgrade goes on: start phototagger again once "
        "it is done",
    ]


def test_the_notice_says_what_closing_it_does_and_its_button_stops_the_wait(
    qtbot: QtBot, home: LibraryHome, old_library: Path
) -> None:
    """Closing the notice quits the app, and the message saying so went to stderr only: someone
    who started phototagger from a desktop launcher saw the window vanish, told nothing. The
    window now says, while it waits, what stopping does; Stop Waiting is that answer."""
    seen: list[tuple[str, str, bool]] = []

    def press_stop(notice: UpgradeWaitNotice) -> None:
        words = notice.then
        seen.append((words.text(), notice.stop.text(), words.isVisible() and notice.isVisible()))
        qtbot.mouseClick(notice.stop, Qt.MouseButton.LeftButton)

    code = _run_app_and(home, old_library, press_stop)
    [(words, button, shown)] = seen
    assert shown and button == "Stop Waiting"
    assert words == (
        "You can stop waiting: this phototagger will close, changing nothing, and the other "
        "one goes on upgrading. Start phototagger again once it is done."
    )
    assert code == 130 and _notice() is None
