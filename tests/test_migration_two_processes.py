"""Before an upgrade, the library is copied aside to `<name>.v<old>.bak`. The app and the CLI
started together on an old library both read its old version and both copied it aside: the
second copy, taken once the first process had upgraded it, overwrote the good backup with the
upgraded library under the old version's name. The copy and the migrations are now one write
transaction, the second process finds the library upgraded and copies nothing, and a backup
once kept is never written over."""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from phototagger.store import migrations
from phototagger.store.connection import open_database
from phototagger.store.tags import all_tags, ensure_tag


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A library as phototagger v13 left it: a user tag migration 14 moves."""
    path = tmp_path / "library.db"
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:13])
        db = open_database(path)
        ensure_tag(db, "People/Anna", "user")
        db.conn.commit()
        db.close()
    return path


def _read(path: Path) -> tuple[int, list[str]]:
    conn = sqlite3.connect(str(path))
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        return version, sorted(str(r[0]) for r in conn.execute("SELECT name FROM tags"))
    finally:
        conn.close()


# Opens the library as the app or the CLI does. The first process pauses inside migration 14
# (its backup made) until told to go on; the second announces itself, pauses before it copies
# the library aside (if it ever does) until the first has ended, and says when it is told that
# it waits for another phototagger's upgrade.
_OPENER = """
import sys, time
from pathlib import Path
from phototagger.store import migrations
from phototagger.store.connection import open_database

library, flags, role = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

def wait_for(name):
    while not (flags / name).exists():
        time.sleep(0.02)

def paused(conn):
    (flags / "first-migrating").touch()
    wait_for("first-go-on")

if role == "first":
    migrations.MIGRATIONS[13] = (paused, *migrations.MIGRATIONS[13])
else:
    copy_aside = migrations._copy_aside
    def late_copy(path, target):
        (flags / "second-copying").touch()
        wait_for("first-ended")
        copy_aside(path, target)
    migrations._copy_aside = late_copy
    (flags / "second-started").touch()
waiting = None if role == "first" else lambda: (flags / "second-waiting").touch()
open_database(library, waiting).close()
"""


def _start(library: Path, flags: Path, role: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.Popen(
        [sys.executable, "-c", _OPENER, str(library), str(flags), role], env=env
    )


def _wait_for(seconds: float, *flags: Path) -> bool:
    """Whether one of `flags` appeared within `seconds` (a safety net: each comes in well
    under one on an idle machine)."""
    deadline = time.monotonic() + seconds
    while not any(flag.exists() for flag in flags):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_two_processes_upgrading_at_once_keep_the_old_librarys_backup(
    tmp_path: Path, library: Path
) -> None:
    flags = tmp_path / "flags"
    flags.mkdir()

    first = _start(library, flags, "first")
    try:
        assert _wait_for(60, flags / "first-migrating")
        second = _start(library, flags, "second")
        try:
            assert _wait_for(60, flags / "second-started")
            # It reads the version and (before) copied the library aside; now it waits for the
            # first process's migration instead, and is told so after a second of it.
            assert _wait_for(60, flags / "second-copying", flags / "second-waiting")
            (flags / "first-go-on").touch()
            assert first.wait(60) == 0
            (flags / "first-ended").touch()
            assert second.wait(60) == 0
        finally:
            second.kill()
            second.wait()
    finally:
        first.kill()
        first.wait()

    assert _read(library) == (migrations.LATEST_VERSION, ["People (keywords)/Anna"])
    assert sorted(p.name for p in tmp_path.glob("*.bak")) == ["library.db.v13.bak"]
    # The library as it was before the upgrade, not the upgraded one under the old name.
    assert _read(tmp_path / "library.db.v13.bak") == (13, ["People/Anna"])
    assert not (flags / "second-copying").exists()  # it found the library upgraded
    assert (flags / "second-waiting").exists()


def test_an_earlier_backup_is_never_written_over(tmp_path: Path, library: Path) -> None:
    kept = tmp_path / "library.db.v13.bak"
    kept.write_bytes(b"the backup of an earlier upgrade of this library")

    db = open_database(library)
    try:
        assert "People (keywords)/Anna" in dict(all_tags(db))
    finally:
        db.close()
    assert kept.read_bytes() == b"the backup of an earlier upgrade of this library"
    assert _read(tmp_path / "library.db.v13.2.bak") == (13, ["People/Anna"])


_KILLED_MID_UPGRADE = """
import sys, time
from pathlib import Path
from phototagger.store import migrations
from phototagger.store.connection import open_database

library, flags = Path(sys.argv[1]), Path(sys.argv[2])

def paused(conn):  # after migration 14 moved the user's tree, before its version is written
    (flags / "moved").touch()
    time.sleep(600)

migrations.MIGRATIONS[13] = (*migrations.MIGRATIONS[13], paused)
open_database(library).close()
"""


def test_an_upgrade_killed_half_way_leaves_the_old_version_whole(
    tmp_path: Path, library: Path
) -> None:
    flags = tmp_path / "flags"
    flags.mkdir()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    writer = subprocess.Popen(
        [sys.executable, "-c", _KILLED_MID_UPGRADE, str(library), str(flags)], env=env
    )
    try:
        assert _wait_for(60, flags / "moved")
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    assert _read(library) == (13, ["People/Anna"])
    db = open_database(library)  # upgraded whole on the next open
    try:
        assert migrations.user_version(db) == migrations.LATEST_VERSION
        assert "People/Anna" not in {name for name, _ in all_tags(db)}
    finally:
        db.close()


@contextmanager
def _cli_waiting(
    tmp_path: Path, library: Path
) -> Iterator[tuple[subprocess.Popen[str], subprocess.Popen[bytes], Path, Path]]:
    """`phototagger stats` started while a first process upgrades `library` (moved to where
    PHOTOTAGGER_HOME keeps it), once it has said it waits: (the CLI, the first process, where
    the first's flags are, the library). The first is told to go on by touching first-go-on."""
    flags = tmp_path / "flags"
    flags.mkdir()
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    library = library.replace(home / "data" / "library.db")  # where PHOTOTAGGER_HOME keeps it
    env = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
        "PHOTOTAGGER_HOME": str(home),
    }
    first = _start(library, flags, "first")
    try:
        assert _wait_for(60, flags / "first-migrating")
        cli = subprocess.Popen(
            [sys.executable, "-m", "phototagger", "stats"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert cli.stderr is not None
            # While the first upgrades (paused until told to go on, so never after it ends):
            # a second or so once the interpreter has started, which a loaded machine slows.
            said, _, _ = select.select([cli.stderr], [], [], 120)
            assert said, "the CLI said nothing while it waited"
            assert cli.stderr.readline().strip() == (
                f"Waiting for another phototagger to finish upgrading the library ({library})…"
            )
            yield cli, first, flags, library
        finally:
            cli.kill()
            cli.wait()
    finally:
        first.kill()
        first.wait()


def test_the_cli_says_it_waits_for_another_processs_upgrade(tmp_path: Path, library: Path) -> None:
    """A second phototagger waited silently (up to 30 minutes) while another upgraded the
    library: the terminal showed nothing, as if it had hung."""
    with _cli_waiting(tmp_path, library) as (cli, first, flags, library):
        assert cli.poll() is None  # still waiting, not failed
        (flags / "first-go-on").touch()
        assert first.wait(60) == 0
        out, err = cli.communicate(timeout=60)
        assert cli.returncode == 0, err
        assert "Waiting for another" not in err  # said once
        assert out.strip()
    assert _read(library) == (migrations.LATEST_VERSION, ["People (keywords)/Anna"])


def test_ctrl_c_ends_the_clis_wait_at_once(tmp_path: Path, library: Path) -> None:
    """Ctrl-C while another phototagger upgrades the library: the CLI blocked in SQLite for up
    to 10 s before it noticed, then said only "interrupted". It now stops within a try of the
    lock (0.1 s), says what it stopped, and the other's upgrade goes on to the end."""
    with _cli_waiting(tmp_path, library) as (cli, first, flags, library):
        time.sleep(0.3)  # into the tries that follow the line
        cli.send_signal(signal.SIGINT)
        asked = time.monotonic()
        _, err = cli.communicate(timeout=60)
        took = time.monotonic() - asked
        assert took < 2, took
        assert cli.returncode == 130, err
        assert err.strip() == (
            "phototagger: stopped waiting for the other phototagger to finish upgrading the "
            "library; nothing was changed, and its upgrade goes on: start phototagger again "
            "once it is done"
        )
        (flags / "first-go-on").touch()
        assert first.wait(60) == 0
    assert _read(library) == (migrations.LATEST_VERSION, ["People (keywords)/Anna"])
    assert sorted(p.name for p in library.parent.glob("*.bak")) == ["library.db.v13.bak"]
