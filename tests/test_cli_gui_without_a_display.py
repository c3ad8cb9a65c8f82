"""`phototagger gui` without a display (an ssh session, a server) let Qt abort the process:
exit 134, "could not connect to display ... Reinstalling the application may fix this problem".
It says there is no display to open the app on, in one line, exit 3, before Qt is loaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.child_process import REPO


def test_gui_without_a_display_says_so(tmp_path: Path) -> None:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [sys.executable, "-m", "phototagger", "--home", str(tmp_path / "home"), "gui"],
        env={**env, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout) == (3, "")
    assert done.stderr == (
        "phototagger: there is no display to open the app on (neither DISPLAY nor "
        "WAYLAND_DISPLAY is set): run 'phototagger gui' in your desktop session; the other "
        "commands work here\n"
    )
