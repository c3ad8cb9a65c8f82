"""Under a file size limit just over library.db's size, a command's writes go into the log
(library.db-wal) and the copy of them into library.db at close is refused. After a command that
finished, that was said (bad47); after one that was stopped (Ctrl-C) or failed for another
reason, it went unsaid: the user was told to run the command again, and not that this session
cannot keep the library whole. Now it is said there too, after the stop or the failure, whose
exit status stays (walk48)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from phototagger.cli import INTERRUPTED
from phototagger.core.failures import size_limit_message
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.kill_helpers import REPO
from tests.store_helpers import labelled_in_home
from tests.switch_helpers import synthetic_library

# `label` run under the limit; once its labels are written, a Ctrl-C (a real SIGINT), a job's
# stop, or a failure of another kind (exit 3).
CHILD = """
import os, resource, signal, sys
from phototagger import cli
from phototagger.core import labels
from phototagger.core.errors import Cancelled, DeviceUnavailable

real = labels.label_paths

def then(*args, **kwargs):
    done = real(*args, **kwargs)
    if sys.argv[2] == "ctrl-c":
        os.kill(os.getpid(), signal.SIGINT)
    raise Cancelled() if sys.argv[2] == "stopped" else DeviceUnavailable("no GPU here")

labels.label_paths = then
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), resource.RLIM_INFINITY))
sys.exit(cli.main(sys.argv[3:]))
"""


@pytest.mark.parametrize("end", ["ctrl-c", "stopped", "failed"])
def test_a_close_refused_after_a_stop_or_a_failure_is_said(tmp_path: Path, end: str) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 2000, folder=str(pics))
    database = default_home().database
    limit = database.stat().st_size + 4096  # room for the log, not for library.db to grow
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(limit), end, "label", "--add", "holiday", str(pics)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    said = done.stderr.splitlines()
    assert said[-1] == f"phototagger: {size_limit_message(str(database), limit)}", done.stderr
    assert done.stderr.count("the file size limit") == 1
    # What the stop or the failure says first, its exit status kept.
    first = {
        "ctrl-c": ["", f"phototagger: {INTERRUPTED}"],
        "stopped": ["phototagger: stopped; everything done until now is kept"],
        "failed": ["phototagger: no GPU here"],
    }
    assert said[:-1] == first[end]
    assert done.returncode == (3 if end == "failed" else 130)
    # Nothing is lost: the labels written before the stop are in the log, read back.
    assert Path(f"{database}-wal").stat().st_size > 0
    assert labelled_in_home("holiday") == 2000
