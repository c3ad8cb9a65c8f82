"""A `train` SIGKILLed while it writes its version's weights leaves no version (a version
exists once its record does), but its temporary file stayed in the versions folder for good,
one more each time (tens of MB for a deep version). The next training clears them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.core.model.active import active_version
from phototagger.core.model.tagger import load_head
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.kill_helpers import REPO
from tests.retrain_helpers import faces_labelled


def _leftovers(folder: Path) -> list[str]:
    return [n for n in os.listdir(folder) if n.startswith(".tmp-")] if folder.is_dir() else []


def test_the_next_training_clears_what_a_killed_save_left(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    faces_labelled(template)
    folder = default_home().model_versions
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with open_library(default_home()) as lib:
        first = active_version(lib.db)
    # The kill is sent when a temporary file is seen; on a loaded machine the save may finish
    # (the file renamed into place) before the kill lands, and then nothing was cut short:
    # tried again, up to 5 times, until a kill lands mid-write. A training that finished made
    # its version the active one, and a `train` after it would have nothing new to learn (code
    # 3, as on a machine at load 10): the first version is made active again before a retry.
    for _attempt in range(5):
        with open_library(default_home()) as lib:
            again = active_version(lib.db) != first
        if again:
            code, _out, err = run(capsys, "models", "use", first)
            assert code == 0, err
        with open_library(default_home()) as lib:
            before = lib.models.saved()
        child = subprocess.Popen(
            [sys.executable, "-m", "phototagger", "train"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 300
        while child.poll() is None and time.monotonic() < deadline:
            if _leftovers(folder):  # writing its weights: killed there
                child.send_signal(signal.SIGKILL)
                break
        child.wait(60)
        if _leftovers(folder):
            break
    assert child.returncode == -signal.SIGKILL and _leftovers(folder), child.returncode
    with open_library(default_home()) as lib:
        assert lib.models.saved() == before  # no half version listed
    code, out, err = run(capsys, "train")
    assert code == 0, err
    assert _leftovers(folder) == []
    with open_library(default_home()) as lib:
        [version] = [v for v in lib.models.saved() if v not in before]
        load_head(lib, version)
    assert f"{version} is now active" in out
