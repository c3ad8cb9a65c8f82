"""The Ray scan tests (test_scan_on_ray.py) run in a child pytest of their own.

Ray's driver teardown, after ray.shutdown() had completed ("Driver shutdown complete" in the
driver's log), now and then ended the whole test process with a segmentation fault: twice in
about a dozen full runs, each time after every Ray test had passed, and it took every test after
them down too. In a child, each Ray test's result is read from its own line, and a crash after
all of them passed is said as a warning; a test that fails, or a crash before every test has
passed, fails here."""

from __future__ import annotations

import signal
import warnings

import pytest

from tests.child_pytest import passed_in_a_child
from tests.ray_cluster import RAY_CHILD

pytestmark = pytest.mark.model


def test_the_ray_scan_tests_pass_in_a_child_process() -> None:
    pytest.importorskip("ray")
    code, passed, out = passed_in_a_child("test_scan_on_ray.py", RAY_CHILD, timeout=1500)
    if code == -signal.SIGSEGV:
        warnings.warn(
            f"the Ray tests' child process crashed after all {passed} passed "
            "(Ray's driver teardown)",
            stacklevel=1,
        )
    else:
        assert code == 0, out[-8000:]
