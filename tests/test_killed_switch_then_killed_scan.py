"""A model switch SIGKILLed midway (`models use v2`), then a scan SIGKILLed while tagging (real
processes), then the scan run again or the app started: real photos, the real model.

The scan put the killed switch's photos back on the active version, as `models`, `train` and
the app's start do, but said nothing of it: the switch was never said to be cut short, by the
scan or by anything after it (its marker gone), and v2 was left listed as "never made active"
without a word. Now the scan says it as `models` does, once, before it tags; and what comes
after (the scan again, the app) finds a sound library, finishes the scan, and keeps every
decision.

The switch and the scan are killed once per module (`killed`); each test goes on from a copy of
the library and the photos as the kills left them, in the same folders."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import count_by_status
from tests.cli_helpers import run
from tests.gui_helpers import open_window
from tests.kill_helpers import (
    check_consistent,
    child,
    count_rows,
    decisions,
    kill_when,
    switch_killed,
    switch_put_back,
)
from tests.scan_helpers import run_scan
from tests.store_helpers import DET
from tests.switch_helpers import save_second_version
from tests.synthetic_homes import SYNTHETIC, on_synthetic_home

FIRST = 4  # real photos scanned first
MORE = 16  # real photos the killed scan finds new


def _switch_then_scan_killed(engine: object, pics: Path, synthetic: Path) -> tuple[int, str]:
    """The library (a copy of `synthetic`, conftest's synthetic_12k, and more), the switch
    killed while re-tagging, then the scan killed while tagging: (the photos the switch had
    re-tagged, what the killed scan said)."""
    photos = sorted(DET.glob("*.jpg"))
    pics.mkdir()
    for path in photos[:FIRST]:
        shutil.copy(path, pics)
    on_synthetic_home(synthetic)  # SYNTHETIC photos on v1
    with open_library(default_home()) as lib:
        marked = [f"/synthetic/{i:06d}.jpg" for i in range(0, SYNTHETIC, 600)]
        label_paths(lib.db, marked, add=["mine"])
        run_scan(lib, [pics], engine)
        label_paths(lib.db, [str(pics / photos[0].name)], add=["mine"], reject=["dog"])
    for path in photos[FIRST : FIRST + MORE]:
        shutil.copy(path, pics)
    save_second_version("v2")

    switched = switch_killed(SYNTHETIC)

    # Killed once it has tagged some of the new photos, not all (two at a time).
    tagged = "SELECT count(*) FROM photos WHERE path LIKE ? AND status = 'tagged'"
    more_than_first = f"SELECT ({tagged}) > {FIRST}"
    scan = child("scan", str(pics), "--batch-size", "2")
    said = kill_when(scan, more_than_first, [f"{pics}/%"])
    assert FIRST < count_rows(tagged, [f"{pics}/%"]) < FIRST + MORE
    return switched, said


def _cut_short(switched: int) -> str:
    return (
        f"phototagger: switching to model v2 was cut short (phototagger was stopped or the "
        f"computer went off): the {switched:,} photos it had re-tagged are back on model v1, "
        "still the active one, and none of your decisions is lost; v2 is kept: to switch to "
        "it, phototagger models use v2"
    )


def _sound(pics: Path) -> None:
    """Every photo on v1, the active one, no switch left, every new photo tagged."""
    switch_put_back()
    with open_library(default_home()) as lib:
        assert count_by_status(lib.db).get("pending", 0) == 0
    assert (
        count_rows("SELECT count(*) FROM photos WHERE path LIKE ?", [f"{pics}/%"]) == FIRST + MORE
    )


Killed = tuple[Path, int, str]  # `killed`'s


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory, engine: object, synthetic_12k: Path) -> Killed:
    """_switch_then_scan_killed's library in root/home and its photos in root/pics, a copy of
    both kept in root/left: (root, the photos the switch had re-tagged, what the killed scan
    said). Each test goes on from that copy (_as_the_kills_left_it)."""
    root = tmp_path_factory.mktemp("killed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PHOTOTAGGER_HOME", str(root / "home"))
        switched, said = _switch_then_scan_killed(engine, root / "pics", synthetic_12k)
    for folder in ("home", "pics"):
        shutil.copytree(root / folder, root / "left" / folder)
    return root, switched, said


def _as_the_kills_left_it(killed: Killed, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """The library and the photos put back as the kills left them, where they were (the
    library names its photos by path), the library the test's PHOTOTAGGER_HOME: (the photos'
    folder, what the killed scan said). Its switch said cut short by the scan that put it back."""
    root, switched, said = killed
    for folder in ("home", "pics"):
        shutil.rmtree(root / folder, ignore_errors=True)
        shutil.copytree(root / "left" / folder, root / folder)
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(root / "home"))
    # Said by the scan that put the switch's photos back, before it tagged.
    assert _cut_short(switched) in said.splitlines(), said
    return root / "pics", said


def test_a_killed_switch_then_a_killed_scan_then_the_scan_again(
    killed: Killed,
    scans_with_engine: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pics, _ = _as_the_kills_left_it(killed, monkeypatch)
    before_decisions = decisions()
    check_consistent(before_decisions)
    code, _, err = run(capsys, "scan", str(pics))  # the session's engine (scans_with_engine)
    assert code == 0, err
    assert "cut short" not in err  # said once
    _sound(pics)
    check_consistent(before_decisions)  # every decision kept (the files add their keywords)


def test_a_killed_switch_then_a_killed_scan_then_the_app(
    killed: Killed,
    engine: object,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pics, _ = _as_the_kills_left_it(killed, monkeypatch)
    before_decisions = decisions()
    left = (
        FIRST
        + MORE
        - count_rows(
            "SELECT count(*) FROM photos WHERE path LIKE ? AND status = 'tagged'", [f"{pics}/%"]
        )
    )
    messages: list[str] = []
    window = open_window(
        qtbot, engine, tmp_path, lambda w: w.status.messageChanged.connect(messages.append)
    )
    # The scan goes on by itself; the switch, put back and said already, is not said again.
    qtbot.waitUntil(
        lambda: not window.jobs.busy and count_by_status(window.library.db).get("pending", 0) == 0,
        timeout=180_000,
    )
    assert f"Going on with the last scan: {left} photos left to tag" in messages, messages
    assert not [m for m in messages if "cut short" in m], messages
    _sound(pics)
    check_consistent(before_decisions)  # every decision kept (the files add their keywords)
