"""The scan's last lines said which runtime ran the CNN in one line of up to 400 characters:
"the model ran on TensorFlow (a CPU runtime is used once at least 32 photos can be checked
against it)", or with a first scan's figures for every runtime timed. The runtime now stands
alone on its line, and why (the measurement's figures) on indented lines below, wrapped to the
terminal's width; --json gives the runtime's text as before. `scan --quiet` printed those lines
too: it now leaves them out (the counts and errors only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.photo_factory import real_photo
from tests.session_runtimes import sessions_tensorflow

__all__ = ["sessions_tensorflow"]

pytestmark = pytest.mark.model


def test_the_runtime_first_then_why_wrapped_to_the_terminal(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sessions_tensorflow: object,
) -> None:
    """(The three scans' TensorFlow is the session's engine, not one loaded in each library.)"""
    pics = tmp_path / "Pictures"
    for name in ("chelsea", "coffee", "astronaut"):
        real_photo(pics / f"{name}.jpg", name)
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = run(capsys, "scan", "--quiet", str(pics))
    assert code == 0 and "3 tagged" in out
    assert "the model ran on" not in out and "checked" not in out, out
    # Not quiet (another library): the runtime, then why.
    code, out, _ = run(capsys, "scan", "--home", str(tmp_path / "loud"), str(pics))
    assert code == 0 and "3 tagged" in out
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("the model ran on "))
    ran, why = lines[at], lines[at + 1 :]
    assert ran == "the model ran on TensorFlow"  # too few photos to check a CPU runtime
    assert len(why) >= 2 and all(line.startswith("  ") and len(line) < 60 for line in why)

    # The same scan elsewhere, --json: the runtime's text unchanged, all of it said above.
    code, out, _ = run(capsys, "scan", "--json", "--home", str(tmp_path / "other"), str(pics))
    assert code == 0
    runtime = json.loads(out)["runtime"]
    assert runtime.startswith("TensorFlow (") and runtime.endswith(")")
    assert " ".join(ran.split()[4:] + " ".join(why).split()) == (runtime.replace("(", "", 1)[:-1])
