"""`make test`'s workers take the longest test files first (tests/file_order.py): the order is
worked out from a run's per-file seconds, a file not measured takes the median's place, and the
scheduler's simulation shows why: a long file handed out last leaves the other worker idle."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.file_order import (
    SECONDS_FILE,
    junit_tests,
    load_seconds,
    longest_first,
    per_file,
    simulate,
)

ROOT = Path(__file__).resolve().parents[1]


def test_a_long_file_handed_out_last_leaves_the_other_worker_idle() -> None:
    small, long_ = [5.0], [60.0]
    last = simulate([small] * 12 + [long_])
    first = simulate([long_] + [small] * 12)
    # 120 s of tests: 60 s each at best. Handed out last, the long file starts once a worker
    # has asked for its next file, after half the small ones.
    assert max(last) >= 85
    assert max(first) <= 65
    assert sum(last) == sum(first) == 120


def test_the_longest_files_come_first_an_unmeasured_one_as_the_median() -> None:
    seconds = {"tests/a.py": 1.0, "tests/b.py": 30.0, "tests/c.py": 4.0}
    files = ["tests/a.py", "tests/new.py", "tests/b.py", "tests/c.py"]
    assert longest_first(files, seconds) == [
        "tests/b.py",
        "tests/new.py",
        "tests/c.py",
        "tests/a.py",
    ]
    # Without figures the order is the collection's.
    assert longest_first(files, {}) == files


def test_a_runs_report_gives_each_files_seconds(tmp_path: Path) -> None:
    report = tmp_path / "run.xml"
    report.write_text(
        '<testsuites><testsuite name="pytest">'
        '<testcase classname="tests.test_a" name="test_1" file="tests/test_a.py" time="1.5"/>'
        '<testcase classname="tests.test_b" name="test_1" file="tests/test_b.py" time="7"/>'
        '<testcase classname="tests.test_a" name="test_2" file="tests/test_a.py" time="2.5"/>'
        "</testsuite></testsuites>",
        encoding="utf-8",
    )
    files = per_file(junit_tests(report))
    assert files == {"tests/test_a.py": [1.5, 2.5], "tests/test_b.py": [7.0]}
    assert load_seconds(tmp_path / "missing.json") == {}


def test_the_shipped_figures_cover_the_test_files() -> None:
    seconds = load_seconds()
    assert SECONDS_FILE.is_file()
    here = {f"tests/{p.name}" for p in (ROOT / "tests").glob("test_*.py")}
    assert len(here & seconds.keys()) >= 0.8 * len(here), "run `python -m tests.file_order record`"
    assert all(s >= 0 for s in seconds.values())


def test_a_worker_collects_the_longest_file_first() -> None:
    """What a `make test` worker collects (PYTEST_XDIST_WORKER set): the measured longest file
    before this one, though named after it; a plain run keeps the named order."""
    seconds = load_seconds()
    longest = max(seconds, key=lambda f: seconds[f])
    assert seconds[longest] > seconds.get("tests/test_file_order.py", 0.0)
    files = ["tests/test_file_order.py", longest]

    def collected(worker: bool) -> list[str]:
        env = {k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"}
        if worker:
            env["PYTEST_XDIST_WORKER"] = "gw0"
        out = subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
            + files,
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        names = [line.split("::")[0] for line in out.splitlines() if "::" in line]
        return list(dict.fromkeys(names))

    assert collected(worker=True) == [longest, "tests/test_file_order.py"]
    assert collected(worker=False) == files
