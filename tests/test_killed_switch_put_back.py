"""A model switch SIGKILLed while re-tagging (`models use`, and so `train` or the Train page's
Apply, which switch the same way) left the photos it had re-tagged with the new version's tags
under the old one, the new one listed "never made active", until the next scan or switch:
`phototagger models`, `train` and the app showed that half-applied library and said nothing.
Now each of them puts those photos back on the active version and says so.

The switch is killed once per module (`killed`, a real process SIGKILLed); each test goes on from
a copy of the library as the kill left it, in the same folder."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.cli import main
from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.model.active import SWITCH_SETTING, active_version
from phototagger.paths import default_home
from phototagger.store.photos import ids_not_tagged_by
from phototagger.store.settings import get_setting
from tests.child_process import REPO
from tests.gui_helpers import open_window
from tests.switch_helpers import save_second_version
from tests.synthetic_homes import SYNTHETIC as PHOTOS
from tests.synthetic_homes import on_synthetic_home


def _switch_left(db: object) -> bool:
    return get_setting(db, SWITCH_SETTING) is not None  # type: ignore[arg-type]


def _on_version(database: Path, version: str) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as db:
        found = db.execute("SELECT count(*) FROM photos WHERE model_version = ?", [version])
        return int(found.fetchone()[0])


def _killed_while_retagging(synthetic: Path) -> int:
    """A library of PHOTOS photos on v1 (a copy of `synthetic`, conftest's synthetic_12k) and a
    saved v2; `phototagger models use v2` SIGKILLed once it has re-tagged some photos: how many
    it had."""
    on_synthetic_home(synthetic)
    with open_library(default_home()) as lib:
        label_paths(
            lib.db, [f"/synthetic/{i:06d}.jpg" for i in range(0, PHOTOS, 300)], add=["mine"]
        )
    save_second_version()
    database = default_home().database
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-m", "phototagger", "models", "use", "v2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while child.poll() is None and time.monotonic() < deadline:
        if _on_version(database, "v2"):
            break
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait(60)
    done = _on_version(database, "v2")
    with open_library(default_home()) as lib:
        # Killed midway: some photos on v2, the marker of the switch left, v1 still active.
        assert 0 < done < PHOTOS and _switch_left(lib.db), (done, child.returncode)
        assert active_version(lib.db) == "v1"
    return done


Killed = tuple[Path, int]  # `killed`'s


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory, synthetic_12k: Path) -> Killed:
    """_killed_while_retagging's library in root/home, a copy of it kept in root/left: (root, the
    photos the switch had re-tagged). Each test goes on from that copy (_as_the_kill_left_it)."""
    root = tmp_path_factory.mktemp("killed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PHOTOTAGGER_HOME", str(root / "home"))
        done = _killed_while_retagging(synthetic_12k)
    shutil.copytree(root / "home", root / "left")
    return root, done


def _as_the_kill_left_it(killed: Killed, monkeypatch: pytest.MonkeyPatch) -> int:
    """The library put back as the kill left it, where it was, the test's PHOTOTAGGER_HOME: the
    photos the switch had re-tagged."""
    root, done = killed
    shutil.rmtree(root / "home", ignore_errors=True)
    shutil.copytree(root / "left", root / "home")
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(root / "home"))
    with open_library(default_home()) as lib:
        assert _switch_left(lib.db) and active_version(lib.db) == "v1"
    assert _on_version(default_home().database, "v2") == done
    return done


def _put_back() -> None:
    with open_library(default_home()) as lib:
        assert not _switch_left(lib.db)
        assert active_version(lib.db) == "v1"
        assert ids_not_tagged_by(lib.db, "v1") == []


def test_models_puts_back_a_switch_killed_midway_and_says_so(
    killed: Killed, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    done = _as_the_kill_left_it(killed, monkeypatch)
    assert main(["models"]) == 0
    err = capsys.readouterr().err
    assert (
        f"phototagger: switching to model v2 was cut short (phototagger was stopped or the "
        f"computer went off): the {done:,} photos it had re-tagged are back on model v1, still "
        "the active one, and none of your decisions is lost; v2 is kept: to switch to it, "
        "phototagger models use v2\n"
    ) in err, err
    _put_back()
    assert main(["models"]) == 0  # said once
    assert "cut short" not in capsys.readouterr().err


def test_train_puts_back_a_switch_killed_midway_and_says_so(
    killed: Killed, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    done = _as_the_kill_left_it(killed, monkeypatch)
    # Not made active: nothing else would put those photos back.
    main(["train", "--no-activate"])
    err = capsys.readouterr().err
    assert "switching to model v2 was cut short" in err and f"the {done:,} photos" in err, err
    _put_back()


def test_the_app_puts_back_a_switch_killed_midway_and_says_so(
    killed: Killed, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tmp_path: Path
) -> None:
    done = _as_the_kill_left_it(killed, monkeypatch)
    window = open_window(qtbot, None, tmp_path)
    said = (
        "Switching to model v2 was cut short (phototagger was stopped or the computer went "
        f"off): the {done:,} photos it had re-tagged are back on model v1"
    )
    qtbot.waitUntil(lambda: said in window.status.currentMessage(), timeout=60_000)
    assert window.status.currentMessage().endswith(
        "v2 is kept: to switch to it, select it in Model ▸ Model Versions and click Make Active"
    )
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=60_000)
    _put_back()
