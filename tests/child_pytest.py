"""Running one test file in a child pytest of its own, a fresh interpreter: for tests a long
test process cannot host (test_scan_on_ray_child.py, test_terminal_abort_child.py say why)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Set to "1" in the child pytest that runs the tests sending Ctrl-C (SIGINT) to their own process
# (test_own_ctrl_c_children.py).
OWN_CTRL_C_CHILD = "PHOTOTAGGER_TEST_OWN_CTRL_C_CHILD"


def passed_in_a_child(test_file: str, env_var: str, timeout: int) -> tuple[int, int, str]:
    """Runs tests/`test_file` with `env_var` set to "1" (the file runs only so); every test it
    collects must pass (each result read from its own line, written unbuffered, so that a child
    that dies after them still tells them). (the child's return code, how many passed, its
    output) for the caller to judge how it ended."""
    child = subprocess.run(
        [
            sys.executable,
            "-u",  # each result line is written as it comes, even if the child dies after
            "-m",
            "pytest",
            "-v",
            "-p",
            "no:cacheprovider",
            str(ROOT / "tests" / test_file),
        ],
        cwd=ROOT,
        env=dict(os.environ, **{env_var: "1"}),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    out = child.stdout + child.stderr
    collected = re.search(r"collected (\d+) items?", out)
    assert collected is not None, out[-4000:]
    name = re.escape(test_file)
    # A parametrized test's id holds brackets and spaces: the rest of its line, up to the result.
    passed = re.findall(rf"{name}::([^\n]+?) PASSED", out)
    broken = re.findall(rf"{name}::([^\n]+?) (?:FAILED|ERROR|SKIPPED)", out)
    assert not broken, out[-8000:]
    assert len(passed) == int(collected.group(1)) > 0, out[-8000:]
    return child.returncode, len(passed), out
