"""Ctrl-C after a scan had tagged every photo printed "40 tagged in 0:13" and then "stopped: 0
photos left to tag; scan again to resume": advice to resume what had finished. The stop now
says what it cut short, and "scan again" only when something is left: the files' keywords when
it came before they were read, nothing when it came while the scan was finishing up."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from phototagger.core import scan as scan_module
from tests.child_pytest import OWN_CTRL_C_CHILD
from tests.cli_helpers import run
from tests.photo_factory import real_photo

# They send Ctrl-C to their own process: they run in a child pytest of their own
# (test_own_ctrl_c_children.py says why).
pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(
        os.environ.get(OWN_CTRL_C_CHILD) != "1",
        reason="runs in a child process: test_own_ctrl_c_children.py",
    ),
]


def _ctrl_c_after(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real Ctrl-C (SIGINT to this process) the moment the scan's step `name` is done."""
    step: Callable[..., Any] = getattr(scan_module, name)

    def then_ctrl_c(*args: Any, **kwargs: Any) -> Any:
        done = step(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)
        return done

    monkeypatch.setattr(scan_module, name, then_ctrl_c)


@pytest.mark.parametrize(
    ("after", "said"),
    [
        (
            "_tag_pending",
            "stopped after every photo was tagged, before the files' keywords were all read; "
            "scan again to read them",
        ),
        (
            "sync_file_metadata",
            "stopped after every photo was tagged, while finishing up; nothing is left to do",
        ),
    ],
)
def test_a_stop_after_tagging_says_what_it_cut_short(
    after: str,
    said: str,
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pics = tmp_path / "pics"
    for i in range(3):
        real_photo(pics / f"c-{i}.jpg", "coffee", quality=70 + i)
    monkeypatch.setattr(
        "phototagger.commands.library.tagger_loader", lambda library, args: lambda: engine
    )
    _ctrl_c_after(after, monkeypatch)

    code, out, err = run(capsys, "scan", "--quiet", str(pics))
    assert code == 130, err
    lines = out.splitlines()
    assert lines[1].startswith("3 tagged in ")
    assert lines[-1] == said
    assert "left to tag" not in out
