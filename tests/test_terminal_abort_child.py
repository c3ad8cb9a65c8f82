"""The Ctrl-C tests of the command line's terminal handling (test_terminal_abort_outside_thread_
machinery.py) run in a child pytest of their own, a fresh interpreter as the command line is.

In the whole suite they signal the test process itself (os.kill(getpid(), SIGINT)) after some
1,570 other tests have left their threads and native libraries (TensorFlow, Qt, OpenVINO) in it,
and three full runs in a row died there of a segmentation fault (2026-12-05, Python 3.11.7), the
first with faulthandler's trace in sys._current_frames(), the next two after that call was gone,
without a trace; the file passes alone and after the 36 files before it. What they test is the
command line's own process, so that is where they run: a failure, a crash or a test not run
fails here."""

from __future__ import annotations

from tests.child_pytest import passed_in_a_child


def test_the_ctrl_c_tests_pass_in_a_child_process() -> None:
    code, _, out = passed_in_a_child(
        "test_terminal_abort_outside_thread_machinery.py",
        "PHOTOTAGGER_TEST_TERMINAL_CHILD",
        timeout=300,
    )
    assert code == 0, out[-8000:]
