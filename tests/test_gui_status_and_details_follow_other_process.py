"""The command line beside the open window. `phototagger models use v5`: the Versions page
marked v5 active, but the status bar kept saying "Model v3 · …" until the window was closed.
`phototagger label` on the photo shown: its tile showed the new tag, the details panel did not.
The window's own changes updated both; another process's commits refreshed the grid and the
pages only. Now the status bar and the details panel follow them too."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import from_default
from phototagger.paths import default_home
from tests.child_process import REPO
from tests.gui_helpers import click_photo, held_off_at_polls, open_window, settle
from tests.switch_helpers import synthetic_library


def _save_version(version: str) -> None:
    """A trained version on disk, as `train` leaves one before it is made active."""
    default = load_default_head()
    base = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    ModelVersions(default_home().model_versions).save(
        dataclasses.replace(base, version=version),
        {"parent": "v1", "created_at": "2026-01-01T00:00:00", "summary": "retrained"},
    )


def _cli(*args: str) -> str:
    """The real command line, in another process, on the test's library; its output."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "phototagger", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """The window on 10 photos tagged by v1, with v2 trained and saved, 000003.jpg shown."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    _save_version("v2")
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    click_photo(qtbot, window, "000003.jpg")
    assert window.status.model.text().startswith("Model v1 · ")
    return window


def _names(window: MainWindow) -> list[str]:
    return [row.entry.name for row in window.details.tags.rows]


def test_the_status_bar_names_the_model_another_process_made_active(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path)

    assert "v2 is now active" in _cli("models", "use", "v2")

    def named() -> None:
        assert window.status.model.text().startswith("Model v2 · ")

    qtbot.waitUntil(named)


def test_the_details_panel_shows_a_tag_another_process_added_to_its_photo(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # `phototagger label IMG.jpg --add grizzly` while the window showed IMG.jpg: the grid's
    # tile said "grizzly · animal · bear", the details panel beside it did not list grizzly
    # (nor would A, R, J and K reach it) until another photo was clicked and this one again.
    window = _window(qtbot, tmp_path)
    before = _names(window)
    assert "grizzly" not in before

    _cli("label", "/synthetic/000003.jpg", "--add", "grizzly")

    def listed() -> None:
        assert _names(window) == [*before, "grizzly"]

    qtbot.waitUntil(listed)
    assert window.current_photo_id() is not None


def test_what_came_while_a_dialog_was_open_is_shown_after_a_refresh(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # `models use` and `label` on the command line while Manage Tags was open (the window waits
    # for it to close), then a tag renamed there: the rename's refresh took the commits as
    # shown, so the status bar kept "Model v1" and the details panel its old rows for good.
    window = _window(qtbot, tmp_path)
    dialog = window.tools.open_tag_manager()
    qtbot.waitExposed(dialog)

    _cli("models", "use", "v2")
    _cli("label", "/synthetic/000003.jpg", "--add", "grizzly")
    held_off_at_polls(qtbot, window, 1)  # a poll saw the commits: the window waits for the dialog
    assert window.status.model.text().startswith("Model v1 · ")
    window.tools.ask_text = lambda *_: "bears/grizzly"
    window.tools.ask_rename("grizzly")  # as Rename (F2) in the dialog does
    dialog.close()

    def shown() -> None:
        assert window.status.model.text().startswith("Model v2 · ")
        assert "bears/grizzly" in _names(window)

    qtbot.waitUntil(shown, timeout=10_000)
