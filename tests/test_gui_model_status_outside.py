"""`phototagger models use v5` on the command line while the window was open: the Versions page
marked v5 active, but the status bar kept saying "Model v3 · …" until the window was closed.
The window's own switch updated it; another process's did not. Now the status bar follows the
active model whoever changes it."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import from_default
from phototagger.paths import default_home
from tests.child_process import REPO
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def _save_version(version: str) -> None:
    """A trained version on disk, as `train` leaves one before it is made active."""
    default = load_default_head()
    base = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    ModelVersions(default_home().model_versions).save(
        dataclasses.replace(base, version=version),
        {"parent": "v1", "created_at": "2026-01-01T00:00:00", "summary": "retrained"},
    )


def test_the_status_bar_names_the_model_another_process_made_active(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    _save_version("v2")
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    assert window.status.model.text().startswith("Model v1 · ")

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "phototagger", "models", "use", "v2"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "v2 is now active" in done.stdout

    def named() -> None:
        assert window.status.model.text().startswith("Model v2 · ")

    qtbot.waitUntil(named, timeout=30_000)
