"""The command line's Ctrl-C tests that send SIGINT to their own process (a real Ctrl-C landing at
a chosen scan step) run in a child pytest of their own, a fresh interpreter as the command line
is.

In `make test`'s parallel workers (pytest-xdist) such a Ctrl-C once ended the worker that ran it
(2026-12-06: "[gw1] node down: Not properly terminated", in
test_cli_scan_stopped_after_tagging.py), and the run then hung at 98 % with its other workers idle
(pytest-xdist's --dist loadfile, issue #784 there). In a child, the Ctrl-C reaches the child
alone, in one process or in workers. A failure, a crash or a test not run fails here; every test
file that signals its own process must be run so (the last test checks)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.child_pytest import OWN_CTRL_C_CHILD, passed_in_a_child

CHILD_RUN = (
    "test_cli_scan_stopped_after_tagging.py",
    "test_cli_stopped_with_problems_exits_130.py",
)


def _signals_itself(source: str) -> bool:
    """Whether the code (not a string it hands a child) signals its own process: os.kill(
    os.getpid(), ...), signal.raise_signal, signal.pthread_kill."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        if name in ("raise_signal", "pthread_kill"):
            return True
        if name == "kill" and node.args and "getpid" in ast.unparse(node.args[0]):
            return True
    return False


@pytest.mark.model
def test_the_ctrl_c_tests_pass_in_a_child_process() -> None:
    """All of CHILD_RUN's files in one child: one interpreter and one load of the model for them
    all (a child each loaded TensorFlow and the model again, 10 s a file); the Ctrl-C of one
    reaches the child alone all the same, and each test of each file must pass."""
    code, _, out = passed_in_a_child(CHILD_RUN, OWN_CTRL_C_CHILD, timeout=600)
    assert code == 0, out[-8000:]
    for test_file in CHILD_RUN:  # each file's tests ran there
        assert re.search(rf"{re.escape(test_file)}::[^\n]+ PASSED", out), out[-8000:]


def test_every_test_that_signals_its_own_process_runs_in_a_child() -> None:
    tests = Path(__file__).resolve().parent
    signalling = {
        path.name
        for path in tests.glob("test_*.py")
        if _signals_itself(path.read_text(encoding="utf-8"))
    }
    in_a_child = {
        path.name
        for path in tests.glob("test_*.py")
        if re.search(r"_CHILD\b.*\) != \"1\"", path.read_text(encoding="utf-8"))
    }
    assert signalling, "the search finds no test signalling its own process: it reads wrong"
    assert signalling - in_a_child == set(), "sends Ctrl-C to the test process: run it in a child"
    assert set(CHILD_RUN) <= signalling
