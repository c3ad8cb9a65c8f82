"""Running one test file in a child pytest of its own, a fresh interpreter: for tests a long
test process cannot host (test_scan_on_ray_child.py, test_terminal_abort_child.py say why)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.ray_cluster import stop_marked

ROOT = Path(__file__).resolve().parent.parent

# Set to "1" in the child pytest that runs the tests sending Ctrl-C (SIGINT) to their own process
# (test_own_ctrl_c_children.py).
OWN_CTRL_C_CHILD = "PHOTOTAGGER_TEST_OWN_CTRL_C_CHILD"
# Every process a child pytest starts inherits this variable (a value of its own per child): what
# a child that died left running (a Ray cluster whose teardown never ran) is stopped by it.
_CHILD_MARK = "PHOTOTAGGER_TEST_CHILD_RUN"


@dataclass(frozen=True)
class _Child:
    code: int  # the child's return code: -N when signal N ended it, _TIMED_OUT when out of time
    pid: int
    collected: int | None  # None: it died before it had collected its tests
    passed: list[str]  # the ids of the tests that passed, in order
    broken: list[str]  # "id RESULT" of each test that failed, errored or was skipped
    out: str

    def how_it_ended(self) -> str:
        return how_it_ended(self.code)

    def all_passed(self) -> bool:
        return self.collected is not None and len(self.passed) == self.collected > 0

    def progress(self) -> str:
        if self.collected is None:
            return "before it had collected its tests"
        return f"after {len(self.passed)} of its {self.collected} tests passed"


_TIMED_OUT = 124  # a child killed for running past its time: as `timeout` says it


def how_it_ended(code: int) -> str:
    """A child's return code in words: "killed by SIGSEGV", "ended with code 1"."""
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    if code == _TIMED_OUT:
        return "killed for running past its time"
    return f"ended with code {code}"


def _run(test_files: tuple[str, ...], env_var: str, timeout: float, deselect: list[str]) -> _Child:
    marker = uuid.uuid4().hex
    args = [f"--deselect=tests/{test}" for test in deselect]
    # Into a file, not a pipe: waiting for a pipe's end would wait for whatever process the child
    # left holding it, and one stream keeps a crash's report in order with the lines before it.
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        child = subprocess.Popen(
            [
                sys.executable,
                "-u",  # each result line is written as it comes, even if the child dies after
                "-m",
                "pytest",
                "-v",
                "-p",
                "no:cacheprovider",
                *(str(ROOT / "tests" / test_file) for test_file in test_files),
                *args,
            ],
            cwd=ROOT,
            env=dict(os.environ, **{env_var: "1", _CHILD_MARK: marker}),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            code = child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            code = _TIMED_OUT
        finally:
            stop_marked(_CHILD_MARK, marker)  # what it left running when it died
        log.seek(0)
        out = log.read()
    if code == _TIMED_OUT:
        out += f"\n[the child ran past its {timeout:.0f} s and was killed]\n"
    collected = re.search(r"collected (\d+) items?(?: / (\d+) deselected)?", out)
    # Each deselected test was one that passed: a --deselect matching more (a test id that starts
    # another's) would leave a test never run.
    assert collected is None or int(collected.group(2) or 0) == len(deselect), out[-4000:]
    names = "|".join(map(re.escape, test_files))
    # A parametrized test's id holds brackets and spaces: the rest of its line, up to the result.
    # Each as "file::id".
    passed = re.findall(rf"\b((?:{names})::[^\n]+?) PASSED", out)
    broken = re.findall(rf"\b((?:{names})::[^\n]+? (?:FAILED|ERROR|SKIPPED))", out)
    count = None if collected is None else int(collected.group(1)) - len(deselect)
    return _Child(code, child.pid, count, passed, broken, out)


def _last_lines(out: str, count: int = 6) -> str:
    return "\n".join(out.rstrip("\n").splitlines()[-count:])


def passed_in_a_child(
    test_file: str | tuple[str, ...],
    env_var: str,
    timeout: int,
    *,
    second_chance: bool = False,
    explain: Callable[[int], str] | None = None,
) -> tuple[int, int, str]:
    """Runs tests/`test_file` (or several files, in one child: one interpreter, one load of the
    session fixtures) with `env_var` set to "1" (the file runs only so); every test it
    collects must pass (each result read from its own line, written unbuffered, so that a child
    that dies after them still tells them). (the child's return code, how many passed, its
    output) for the caller to judge how it ended; `timeout`: the seconds all of it may take.

    With `second_chance`, a child that died (a signal, a non-zero code or its time run out)
    before all its tests passed, with none failed, is said in a warning (how it ended, its last
    lines, and what `explain` says given its process id), and the tests that had not passed run
    once more in a new child, which must pass them all; its return code is the one returned."""
    deadline = time.monotonic() + timeout
    test_files = (test_file,) if isinstance(test_file, str) else test_file
    # Two thirds of the time for the first child: a second one has a third at least.
    first = _run(test_files, env_var, timeout * (2 / 3 if second_chance else 1), [])
    assert not first.broken, first.out[-8000:]
    if first.all_passed() or not second_chance:
        assert first.all_passed(), first.out[-8000:]
        return first.code, len(first.passed), first.out
    warnings.warn(
        f"the child pytest running {', '.join(test_files)} was {first.how_it_ended()} "
        f"{first.progress()}; "
        f"its last lines:\n{_last_lines(first.out)}\n{explain(first.pid) if explain else ''}"
        "the tests that had not passed run again in a new child",
        stacklevel=2,
    )
    again = _run(test_files, env_var, max(deadline - time.monotonic(), 1.0), first.passed)
    out = f"{first.out}\n[the first child {first.how_it_ended()}; a second one]\n{again.out}"
    assert not again.broken, out[-8000:]
    assert again.all_passed(), out[-8000:]
    return again.code, len(first.passed) + len(again.passed), out
