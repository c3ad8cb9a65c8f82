"""child_pytest.passed_in_a_child, on a tiny test file of its own (child_pytest_sample.py): a
child that dies before its tests have all passed gets one second chance for the tests that had
not passed, said in a warning (with what the caller finds in the dead child's logs: Ray's own log
of a dead driver, ray_cluster.dead_driver_said); a test that fails, or a second death, fails at
once; what a dead child left running is stopped."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from tests.child_pytest import passed_in_a_child
from tests.child_pytest_sample import SAMPLE_CHILD, SAMPLE_DIR
from tests.ray_cluster import dead_driver_said

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
    dead: list[int] = []

    def explain(pid: int) -> str:
        dead.append(pid)
        return "what its logs say\n"

    with pytest.warns(UserWarning) as said:
        code, passed, out = passed_in_a_child(
            SAMPLE, SAMPLE_CHILD, 120, second_chance=True, explain=explain
        )
    assert (code, passed) == (0, 4), out
    [warning] = [str(w.message) for w in said if "child pytest" in str(w.message)]
    assert warning.startswith(f"the child pytest running {SAMPLE} was killed by SIGKILL after 2 ")
    assert "child_pytest_sample.py::test_dies_while_deaths_are_left[a]" in warning  # last lines
    assert "what its logs say\nthe tests that had not passed run again in a new child" in warning
    assert len(dead) == 1 and not _alive(dead[0])
    # The two that passed are not run again; the one that died and the one after it are.
    assert _ran(folder) == [*EVERY[:3], "dies[a]", "after"]
    # The process the dead child started was stopped with it.
    sleeper = int((folder / "sleeper.pid").read_text())
    deadline = time.monotonic() + 10
    while _alive(sleeper) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(sleeper)


def test_a_child_killed_before_it_collected_its_tests_gets_a_second_chance(folder: Path) -> None:
    (folder / "deaths at import").write_text("1")
    with pytest.warns(UserWarning, match="killed by SIGKILL before it had collected its tests"):
        code, passed, out = passed_in_a_child(SAMPLE, SAMPLE_CHILD, 120, second_chance=True)
    assert (code, passed) == (0, 4), out
    assert _ran(folder) == EVERY


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


def test_a_dead_drivers_ray_log_is_said_and_its_cluster_folder_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    logs = tmp_path / "pt-ray-abc" / "session_2026-12-07_02-49-16_1_2" / "logs"
    logs.mkdir(parents=True)
    (logs.parent.parent / "session_latest").symlink_to(logs.parent)
    (logs / "python-core-driver-01ff_4242.log").write_text(
        "[2026-12-07 02:49:42,098 I 4242 4242] core_worker.cc:1: all is well\n"
        "[2026-12-07 02:49:42,549 W 4242 4242] actor_manager.cc:110: Failed to look up actor\n"
        "[2026-12-07 02:49:42,780 W 4242 4242] core_worker.cc:5: Raylet is terminated, exiting\n"
        "[2026-12-07 02:49:43,001 F 4242 4250] core_worker.cc:9: Check failed: connected\n"
    )
    # A second job of the same driver (a second ray.init) in the same folder: both read (the
    # first reader removed the folder after the first log and failed on the second).
    (logs / "python-core-driver-05ff_4242.log").write_text(
        "[2026-12-07 02:55:01,000 E 4242 4242] core_worker.cc:7: Failed to connect to GCS\n"
    )
    (tmp_path / "pt-ray-other").mkdir()  # another cluster's: left alone
    said = dead_driver_said(4242)
    assert said.splitlines() == [
        "Ray's log of that driver (python-core-driver-01ff_4242.log) ends:",
        "[2026-12-07 02:49:42,780 W 4242 4242] core_worker.cc:5: Raylet is terminated, exiting",
        "[2026-12-07 02:49:43,001 F 4242 4250] core_worker.cc:9: Check failed: connected",
        "Ray's log of that driver (python-core-driver-05ff_4242.log) ends:",
        "[2026-12-07 02:55:01,000 E 4242 4242] core_worker.cc:7: Failed to connect to GCS",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pt-ray-other"]
    assert dead_driver_said(4243) == ""
