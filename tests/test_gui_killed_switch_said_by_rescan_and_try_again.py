"""The app open, `phototagger models use v2` run from a terminal and SIGKILLed while re-tagging,
then File ▸ Rescan Folders or File ▸ Problems ▸ Try Again: real processes, real photos, the
real model, real widgets (offscreen).

The app's start and `phototagger scan` say a switch killed midway that they put back (bad43);
a Rescan or a Try Again in an app already open put it back inside its scan without a word: the
photos the switch had re-tagged went back on v1, v2 stayed listed as never made active, and
nothing said why. Now each says it first, in the words `models` and `scan` use (put_back_words),
and again with the line the job ends with (a rescan with nothing new ends within a second)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.kill_helpers import (
    check_consistent,
    decisions,
    switch_killed,
    switch_put_back,
)
from tests.scan_helpers import run_scan
from tests.store_helpers import DET
from tests.switch_helpers import save_second_version
from tests.synthetic_homes import SYNTHETIC, on_synthetic_home


def _library(engine: object, pics: Path, synthetic: Path) -> Path:
    """12,000 photos on v1 (a copy of `synthetic`, conftest's synthetic_12k), 4 real ones
    scanned and a file that is no photo, listed in Problems; v2 saved. The file listed."""
    pics.mkdir()
    photos = sorted(DET.glob("*.jpg"))[:4]
    for path in photos:
        shutil.copy(path, pics)
    broken = pics / "IMG_0099.jpg"
    broken.write_text("not a photo")
    on_synthetic_home(synthetic)
    with open_library(default_home()) as lib:
        run_scan(lib, [pics], engine)
        # Decisions the put-back must keep: on photos the switch re-tags, and a real one.
        mine = [f"/synthetic/{i:06d}.jpg" for i in range(0, SYNTHETIC, 500)]
        label_paths(lib.db, [*mine, str(pics / photos[0].name)], add=["mine"], reject=["dog"])
    save_second_version("v2")
    return broken


def _cut_short(switched: int) -> str:
    return (
        "Switching to model v2 was cut short (phototagger was stopped or the computer went "
        f"off): the {switched:,} photos it had re-tagged are back on model v1, still the active "
        "one, and none of your decisions is lost; v2 is kept: to switch to it, select it in "
        "Model ▸ Model Versions and click Make Active"
    )


class _Opened(NamedTuple):
    window: MainWindow
    broken: Path  # the file listed in Problems
    messages: list[str]  # the status bar's, since the switch was killed
    switched: int  # the photos the killed switch had re-tagged
    before: set[tuple[int, str, str]]  # the user's decisions


def _opened(qtbot: QtBot, engine: object, tmp_path: Path, synthetic: Path) -> _Opened:
    """The app open on the library, then the switch killed from a terminal."""
    broken = _library(engine, tmp_path / "pics", synthetic)
    messages: list[str] = []
    window = open_window(
        qtbot, engine, tmp_path, lambda w: w.status.messageChanged.connect(messages.append)
    )
    settle(qtbot, window)
    before = decisions()
    switched = switch_killed(SYNTHETIC)
    messages.clear()
    return _Opened(window, broken, messages, switched, before)


def _said_and_put_back(qtbot: QtBot, opened: _Opened, ended: str) -> None:
    """The put-back said as the job starts, and again before the line it ends with (`ended`
    starts it); no switch left, every photo on v1, every decision kept."""
    settle(qtbot, opened.window)
    said = _cut_short(opened.switched)
    assert said in opened.messages, opened.messages  # said at once
    assert opened.messages[-1].startswith(f"{said}. {ended}"), opened.messages
    assert not opened.window.jobs.busy
    switch_put_back()
    check_consistent(opened.before)


@pytest.mark.model
def test_rescan_says_a_switch_killed_while_the_app_was_open(
    engine: object, tmp_path: Path, qtbot: QtBot, synthetic_12k: Path
) -> None:
    opened = _opened(qtbot, engine, tmp_path, synthetic_12k)
    window = opened.window
    window.commands.rescan.trigger()
    qtbot.waitUntil(
        lambda: not window.jobs.busy and any("Scan finished" in m for m in opened.messages),
        timeout=180_000,
    )
    _said_and_put_back(qtbot, opened, "Scan finished: ")


@pytest.mark.model
def test_try_again_says_a_switch_killed_while_the_app_was_open(
    engine: object, tmp_path: Path, qtbot: QtBot, synthetic_12k: Path
) -> None:
    opened = _opened(qtbot, engine, tmp_path, synthetic_12k)
    window, broken = opened.window, str(opened.broken)
    dialog = window.open_problems()
    qtbot.waitExposed(dialog)
    assert dialog.listed_paths() == [broken]
    dialog.table.selectRow(dialog.row_of(broken))
    dialog.try_again.click()
    assert dialog.trying == [broken] and dialog.try_again.text() == "&Stop"
    qtbot.waitUntil(lambda: not dialog.trying and not window.jobs.busy, timeout=180_000)
    assert "IMG_0099.jpg" in dialog.outcome.toPlainText()  # the file was tried again
    _said_and_put_back(qtbot, opened, "IMG_0099.jpg still cannot be read")
