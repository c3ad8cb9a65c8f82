"""On a 1,366 x 768 laptop screen the window's first start (1,400 x 880), the viewer
(1,100 x 760) and Settings (560 x 780) opened taller than the screen: the status bar, the
viewer's keys and Settings' Save button were below its edge. Each now opens within the screen
it is on (less a title bar's room); on a large screen at the sizes it had."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.child_process import REPO
from tests.switch_helpers import synthetic_library

CHILD = """
import sys
import time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from phototagger.core.library import open_library
from phototagger.gui.location import LibraryLocation
from phototagger.gui.main_window import MainWindow
from phototagger.gui.settings_dialog import SettingsDialog
from phototagger.paths import default_home

app = QApplication([])
library = open_library(default_home())
location = LibraryLocation(Path(sys.argv[1]))
window = MainWindow(library, load_tagger=lambda _l: None, location=location)
window.show()
started = time.monotonic()
while window.model.rowCount() == 0 and time.monotonic() - started < 60:
    app.processEvents()
    time.sleep(0.01)
room = app.primaryScreen().availableGeometry()
print("screen", room.width(), room.height())
print("window", window.width(), window.height())
viewer = window.open_viewer(0)
print("viewer", viewer.width(), viewer.height())
settings = SettingsDialog(library, window)
settings.show()
print("settings", settings.width(), settings.height())
viewer.close()
window.close()
library.close()
"""


def sizes(tmp_path: Path, width: int, height: int) -> dict[str, tuple[int, int]]:
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    config = tmp_path / f"screen-{width}.json"
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / f"location-{width}.json")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = {}
    for line in done.stdout.splitlines():
        name, w, h = line.split()
        found[name] = (int(w), int(h))
    assert found["screen"] == (width, height), found
    return found


@pytest.fixture
def library(tmp_path: Path) -> Path:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    return tmp_path


def test_windows_open_within_a_laptop_screen(library: Path) -> None:
    found = sizes(library, 1366, 768)
    for name in ("window", "viewer", "settings"):
        width, height = found[name]
        assert width <= 1366 and height <= 768 - 40, (name, found[name])


def test_a_large_screen_keeps_their_sizes(library: Path) -> None:
    found = sizes(library, 1920, 1080)
    assert found["window"] == (1400, 880)
    assert found["viewer"] == (1100, 760)
    assert found["settings"][1] == 780
