"""Two trainings of one library at once (two `train` in two terminals, or `train` beside the
desktop app's Train page) both named their version after the newest saved when each started:
on a 255-photo det-photos library both printed "trained v5 from v4" and "v5 is now active", and
the one saved last replaced the other's v5. Two `models use` at once (v7 and v2) both said so,
"v7 is now active" and "v2 was active already", and v2 was active. One training or switch of a
library's model runs at a time now: the second is refused at once ("the model of the library …
is being trained or switched by another phototagger (process N) …", exit 3) and the first one
is left whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from tests.cli_helpers import face_labelled, run, scan_with

REPO = Path(__file__).resolve().parents[1]
T = TypeVar("T")

# A training (or a switch to argv[3]) in a process of its own that stops at its first progress
# report (its version named by then, or its switch begun) until the test lets it go on.
_CHILD = """
import sys, time
from pathlib import Path
from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import train_candidate
from phototagger.paths import default_home

started, go = Path(sys.argv[1]), Path(sys.argv[2])


def progress(_):
    if not started.exists():
        started.touch()
        while not go.exists():
            time.sleep(0.05)


with open_library(default_home()) as library:
    if len(sys.argv) > 3:
        activate_version(library, sys.argv[3], progress=progress)
        print(sys.argv[3])
    else:
        print(train_candidate(library, progress=progress).version)
"""


def _meanwhile(
    tmp_path: Path, child_argv: list[str], action: Callable[[], T]
) -> tuple[T, subprocess.Popen[str], str]:
    """What `action` gives, run while the child (_CHILD with `child_argv`) is paused in its
    work; the child, and what it printed once let go."""
    started, go = tmp_path / "started", tmp_path / "go"
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(started), str(go), *child_argv],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        while not started.exists():  # the child at work
            assert child.poll() is None, child.communicate()
            time.sleep(0.05)
        said = action()
    finally:
        go.touch()
        child_out, child_err = child.communicate(timeout=300)
    assert child.returncode == 0, child_err
    return said, child, child_out


def _refused(said: tuple[int, str, str], child: subprocess.Popen[str]) -> None:
    code, out, err = said
    assert (code, out) == (3, ""), err
    assert "is being trained or switched by another phototagger" in err, err
    assert f"(process {child.pid})" in err


def test_a_second_training_of_the_library_is_refused_while_one_runs(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    face_labelled(template, capsys)
    said, child, child_out = _meanwhile(tmp_path, [], lambda: run(capsys, "train", "--json"))
    _refused(said, child)
    assert child_out.split() == ["v2"]
    code, out, _ = run(capsys, "models", "--json")
    assert [v["version"] for v in json.loads(out)] == ["v1", "v2"]
    # Once it is over, training goes on as before: the next one is v3 (replacing v2, never
    # made active, as a run beside it always does).
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0
    assert (json.loads(out)["version"], json.loads(out)["replaced"]) == ("v3", ["v2"])


def test_a_switch_of_the_model_is_refused_while_another_runs(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    face_labelled(template, capsys)
    assert run(capsys, "train")[0] == 0  # v2, active
    said, child, _ = _meanwhile(tmp_path, ["v1"], lambda: run(capsys, "models", "use", "v2"))
    _refused(said, child)
    code, out, _ = run(capsys, "models", "--json")
    assert [v["version"] for v in json.loads(out) if v["active"]] == ["v1"]
    code, out, _ = run(capsys, "models", "use", "v2")  # once it is over, as before
    assert code == 0 and out.startswith("v2 is now active; ")


def test_a_scan_leaves_a_switch_that_runs_alone(
    engine: object,
    template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A scan puts back the photos a killed switch had re-tagged (its marker left behind): it
    did so to a switch still running, and the library was left on the old version's tags under
    the new one."""
    pics, _, _ = face_labelled(template, capsys)
    assert run(capsys, "train")[0] == 0  # v2, active
    code, _, _ = _meanwhile(
        tmp_path, ["v1"], lambda: (scan_with(engine, pics, monkeypatch, capsys), "", "")
    )[0]
    assert code == 0
    code, out, _ = run(capsys, "models", "--json")
    assert [v["version"] for v in json.loads(out) if v["active"]] == ["v1"]
    code, out, _ = run(capsys, "export", "--json")
    assert {photo["model_version"] for photo in json.loads(out)} == {"v1"}
