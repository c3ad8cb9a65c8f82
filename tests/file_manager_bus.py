"""A session bus of a test's own (dbus-daemon) and a file manager on it: a real D-Bus service
that takes ShowItems of org.freedesktop.FileManager1 by its signature (as s), as GNOME Files
does, and writes down what it was asked to show (gui/show_file.py asks it)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Slot
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot


class FileManager(QObject):
    """What a file manager does on the bus, as far as phototagger asks it: takes ShowItems."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[list[str]] = []

    @Slot("QStringList", str)
    def ShowItems(self, uris: list[str], _startup_id: str) -> None:  # noqa: N802 (D-Bus's name)
        self.shown.append(list(uris))


@pytest.fixture
def bus_address() -> Iterator[str]:
    """A session bus of the test's own (dbus-daemon), nothing on it yet."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("no dbus-daemon here")
    errors = tempfile.TemporaryFile("w+")  # a file, not a pipe: a chatty daemon never blocks
    proc = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
    )
    assert proc.stdout is not None
    address = proc.stdout.readline().strip()
    try:
        if not address:
            # A machine where the daemon cannot start (no session configuration): said, not
            # failed. The Makefile installs dbus-daemon so that CI runs these tests.
            proc.wait(10)
            errors.seek(0)
            pytest.skip(f"dbus-daemon did not start a session bus here: {errors.read().strip()}")
        yield address
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(10)
        proc.stdout.close()
        errors.close()


def connect(address: str) -> QDBusConnection:
    name = f"test-{uuid.uuid4().hex}"
    bus = QDBusConnection.connectToBus(address, name)
    assert bus.isConnected()
    return bus


@pytest.fixture
def file_manager(qtbot: QtBot, bus_address: str) -> Iterator[FileManager]:
    """A file manager answering ShowItems on the test's bus."""
    bus = connect(bus_address)
    manager = FileManager()
    assert bus.registerObject(
        "/org/freedesktop/FileManager1",
        "org.freedesktop.FileManager1",
        manager,
        QDBusConnection.RegisterOption.ExportAllSlots,
    )
    assert bus.registerService("org.freedesktop.FileManager1")
    yield manager
    QDBusConnection.disconnectFromBus(bus.name())
