"""Ctrl-C in a real `phototagger scan` while it tags: one line, exit 130, no traceback, and the
next scan carries on where it stopped (the model tier: the scan runs the real network)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import count_by_status
from tests.kill_helpers import REPO, check_consistent, decisions, scanned_then_more
from tests.scan_helpers import run_scan

pytestmark = pytest.mark.model


def test_ctrl_c_twice_while_a_scan_tags(engine, tmp_path: Path, library_home: Path) -> None:
    # The first Ctrl-C asks for a stop at the next batch (tested in-process: test_scan_resumes);
    # a second one, pressed while that batch runs, aborts at once: the harder case.
    pics = tmp_path / "pics"
    scanned_then_more(pics, engine, labelled=2, more=24)
    before = decisions()
    child = subprocess.Popen(
        [sys.executable, "-m", "phototagger", "scan", str(pics), "--batch-size", "2"],
        env={**os.environ, "PHOTOTAGGER_HOME": str(library_home), "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None and child.stdout is not None
    # A scan that hangs (as a second Ctrl-C once made it, see
    # test_terminal_abort_outside_thread_machinery.py) fails the test instead of hanging it.
    watchdog = threading.Timer(240, child.kill)
    watchdog.start()
    seen = []
    for line in child.stderr:
        seen.append(line)
        if "tagging" in line:
            break
    child.send_signal(signal.SIGINT)
    # A person presses again once told the scan is stopping (two signals sent at once would
    # arrive as one).
    for line in child.stderr:
        seen.append(line)
        if "Ctrl-C again to abort" in line:
            break
    child.send_signal(signal.SIGINT)
    err = "".join(seen) + child.stderr.read()
    out = child.stdout.read()
    child.wait(300)
    watchdog.cancel()
    assert child.returncode != -signal.SIGKILL, f"the scan hung after the second Ctrl-C: {err}"
    assert "Traceback" not in err and "please report" not in err, err
    assert child.returncode == 130, (out, err)
    # The first Ctrl-C's stop, said on stdout: during the tagging ("scan again to resume") or,
    # on a fast machine, after the last batch, while the files' keywords are read ("scan again
    # to read them": a fresh clone's run on an idle machine, 24 photos tagged before it landed).
    if "scan again to resume" not in out and "scan again to read them" not in out:
        assert err.strip().splitlines()[-1] == (
            "phototagger: interrupted; nothing done until now is lost: run the command again "
            "to carry on"
        ), err
    # else the second Ctrl-C came while the stopping scan shut its decode pool down, where
    # Python cannot raise it: dropped without a word, the stop the first one asked for ends it.
    check_consistent(before)
    with open_library(default_home()) as lib:  # the next scan resumes and finishes
        run_scan(lib, [pics], engine)
        assert count_by_status(lib.db)["tagged"] == 26
