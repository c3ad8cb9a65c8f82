"""Two trainings of one library at once (two `train` in two terminals, or `train` beside the
desktop app's Train page) both named their version after the newest saved when each started:
on a 255-photo det-photos library both printed "trained v5 from v4" and "v5 is now active", and
the one saved last replaced the other's v5. One training of a library runs at a time now: the
second is refused at once ("another training of the library … is running (process N)", exit 3)
and the first one's version is left whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_helpers import face_labelled, run

REPO = Path(__file__).resolve().parents[1]

# A training in a process of its own that stops at its first progress report (its version
# named by then) until the test lets it go on.
_TRAINING = """
import sys, time
from pathlib import Path
from phototagger.core.library import open_library
from phototagger.core.retrain import train_candidate
from phototagger.paths import default_home

started, go = Path(sys.argv[1]), Path(sys.argv[2])


def progress(_):
    if not started.exists():
        started.touch()
        while not go.exists():
            time.sleep(0.05)


with open_library(default_home()) as library:
    print(train_candidate(library, progress=progress).version)
"""


def test_a_second_training_of_the_library_is_refused_while_one_runs(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    face_labelled(template, capsys)
    started, go = tmp_path / "started", tmp_path / "go"
    child = subprocess.Popen(
        [sys.executable, "-c", _TRAINING, str(started), str(go)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        while not started.exists():  # the child training, its version named
            assert child.poll() is None, child.communicate()
            time.sleep(0.05)
        code, out, err = run(capsys, "train", "--json")
    finally:
        go.touch()
        child_out, child_err = child.communicate(timeout=300)
    assert child.returncode == 0, child_err
    assert (code, out) == (3, ""), err
    assert "another training of the library" in err and f"(process {child.pid})" in err
    assert child_out.split() == ["v2"]
    code, out, _ = run(capsys, "models", "--json")
    assert [v["version"] for v in json.loads(out)] == ["v1", "v2"]
    # Once it is over, training goes on as before: the next one is v3 (replacing v2, never
    # made active, as a run beside it always does).
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0
    assert (json.loads(out)["version"], json.loads(out)["replaced"]) == ("v3", ["v2"])
