"""A tiny test file for test_child_pytest.py to run through child_pytest.passed_in_a_child: its
middle test dies by SIGKILL (after starting a process that would outlive it) while the folder
$PHOTOTAGGER_TEST_SAMPLE_DIR says it has deaths left (the file "deaths"; "deaths at import": the
module itself, before its tests are collected), and fails when that folder holds "fail".
Each test notes its run in that folder's ran.txt."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE_CHILD = "PHOTOTAGGER_TEST_SAMPLE_CHILD"
SAMPLE_DIR = "PHOTOTAGGER_TEST_SAMPLE_DIR"

pytestmark = pytest.mark.skipif(
    os.environ.get(SAMPLE_CHILD) != "1", reason="run by test_child_pytest.py in a child"
)


def _folder() -> Path:
    return Path(os.environ[SAMPLE_DIR])


def _one_death_less(name: str) -> bool:
    """Whether a death of `name` is left in the folder (one less then)."""
    deaths = _folder() / name
    left = int(deaths.read_text()) if deaths.exists() else 0
    if left > 0:
        deaths.write_text(str(left - 1))
    return left > 0


if os.environ.get(SAMPLE_CHILD) == "1" and _one_death_less("deaths at import"):
    os.kill(os.getpid(), signal.SIGKILL)  # before the tests are even collected


def _ran(name: str) -> None:
    with (_folder() / "ran.txt").open("a", encoding="utf-8") as fh:
        fh.write(f"{name}\n")


def test_before() -> None:
    _ran("before")


@pytest.mark.parametrize("name", ["a b", "a"])  # an id with a space
def test_dies_while_deaths_are_left(name: str) -> None:
    _ran(f"dies[{name}]")
    if name == "a" and _one_death_less("deaths"):
        # A process it started, left running: the harness stops it.
        sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
        (_folder() / "sleeper.pid").write_text(str(sleeper.pid))
        os.kill(os.getpid(), signal.SIGKILL)
    assert not (_folder() / "fail").exists(), "told to fail"


def test_after() -> None:
    _ran("after")
