"""A library folder made read-only for real: a read-only bind mount when running as root
(permission bits do not stop root), permission bits otherwise."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only_view(folder: Path, mountpoint: Path) -> Iterator[Path]:
    """`folder` as a path that cannot be written; yields that path."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
        for p, mode in modes.items():
            p.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        try:
            yield folder
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    mountpoint.mkdir(parents=True, exist_ok=True)
    bind = subprocess.run(["mount", "--bind", str(folder), str(mountpoint)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip("running as root without the right to mount: cannot make a folder read-only")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(mountpoint)], check=True)
        yield mountpoint
    finally:
        if subprocess.run(["umount", str(mountpoint)]).returncode != 0:
            subprocess.run(["umount", "-l", str(mountpoint)], check=True)  # still in use: detach
            raise AssertionError("something kept a file of the read-only library open")
