"""child_pytest.passed_in_a_child, on a tiny test file of its own (child_pytest_sample.py): a
child that dies before its tests have all passed gets one second chance for the tests that had
not passed, said in a warning; a test that fails, or a second death, fails at once; what a dead
child left running is stopped."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.child_pytest import passed_in_a_child
from tests.child_pytest_sample import SAMPLE_CHILD, SAMPLE_DIR

SAMPLE = "child_pytest_sample.py"
EVERY = ["before", "dies[a b]", "dies[a]", "after"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(SAMPLE_DIR, str(tmp_path))
    return tmp_path


def _ran(folder: Path) -> list[str]:
    return (folder / "ran.txt").read_text(encoding="utf-8").splitlines()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent's wait is missing


def test_a_child_killed_once_runs_the_tests_left_in_a_second_one(folder: Path) -> None:
    (folder / "deaths").write_text("1")
    with pytest.warns(UserWarning, match=r"killed by SIGKILL after 2 of its 4 tests passed"):
        code, passed, out = passed_in_a_child(SAMPLE, SAMPLE_CHILD, 120, second_chance=True)
    assert (code, passed) == (0, 4), out
    # The two that passed are not run again; the one that died and the one after it are.
    assert _ran(folder) == [*EVERY[:3], "dies[a]", "after"]
    # The process the dead child started was stopped with it.
    sleeper = int((folder / "sleeper.pid").read_text())
    deadline = time.monotonic() + 10
    while _alive(sleeper) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(sleeper)


def test_a_child_that_dies_twice_fails(folder: Path) -> None:
    (folder / "deaths").write_text("2")
    with pytest.warns(UserWarning, match="killed by SIGKILL"):
        with pytest.raises(AssertionError, match="a second one"):
            passed_in_a_child(SAMPLE, SAMPLE_CHILD, 120, second_chance=True)
    assert _ran(folder) == [*EVERY[:3], "dies[a]"]


def test_a_test_that_fails_fails_without_a_second_chance(folder: Path) -> None:
    (folder / "fail").touch()
    with pytest.raises(AssertionError, match="told to fail"):
        passed_in_a_child(SAMPLE, SAMPLE_CHILD, 120, second_chance=True)
    assert _ran(folder) == EVERY  # once each


def test_without_a_second_chance_a_death_fails(folder: Path) -> None:
    (folder / "deaths").write_text("1")
    with pytest.raises(AssertionError):
        passed_in_a_child(SAMPLE, SAMPLE_CHILD, 120)
    assert _ran(folder) == EVERY[:3]
    assert not os.environ.get(SAMPLE_CHILD)  # the variable went to the child only
