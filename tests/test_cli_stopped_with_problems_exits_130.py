"""Ctrl-C in a scan of a folder holding one bad file (polish32: a phone and camera folder, a
zero-byte JPEG among 1,000 photos) printed "stopped: 212 photos left to tag; scan again to
resume", then "finished with 6 problems" and exited 1, "the job finished, but some files had
problems": a script testing for 130 (README: "interrupted (Ctrl-C) or stopped") never saw the
stop. `metadata write` stopped so did the same. A stop now exits 130 whatever the problems, and
says "stopped with ..." of them."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from phototagger.core import scan as scan_module
from phototagger.core.metadata import job as job_module
from tests.child_pytest import OWN_CTRL_C_CHILD
from tests.cli_helpers import read_only_unwritten, run
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


def _ctrl_c_after(module: Any, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real Ctrl-C (SIGINT to this process) the moment `module.name` returns or raises."""
    step: Callable[..., Any] = getattr(module, name)

    def then_ctrl_c(*args: Any, **kwargs: Any) -> Any:
        try:
            return step(*args, **kwargs)
        finally:
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(module, name, then_ctrl_c)


def test_a_scan_stopped_in_a_folder_with_a_bad_file_exits_130(
    engine: object,
    tmp_path: Path,
    library_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _ctrl_c_after(scan_module, "_tag_pending", monkeypatch)
    monkeypatch.setattr(
        "phototagger.commands.library.tagger_loader", lambda library, args: lambda: engine
    )
    pics = tmp_path / "pics"
    for name in ("coffee", "chelsea"):
        real_photo(pics / f"{name}.jpg", name)
    (pics / "empty.jpg").write_bytes(b"")  # copied from a card pulled out too soon

    code, out, err = run(capsys, "scan", "--quiet", str(pics))

    assert code == 130, (out, err)
    assert "stopped after every photo was tagged" in out
    assert "stopped with 1 problem (see: phototagger problems)" in err
    assert "finished" not in err


def test_a_keyword_write_stopped_after_a_read_only_photo_exits_130(
    tmp_path: Path,
    library_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sources = [real_photo(tmp_path / f"src{i}.jpg", "coffee", quality=80 + i) for i in range(2)]
    photos = read_only_unwritten(capsys, tmp_path / "pics", sources)
    _ctrl_c_after(job_module, "_write_one", monkeypatch)

    code, out, err = run(capsys, "metadata", "write", "--quiet", *map(str, photos))

    assert code == 130, (out, err)
    assert "stopped with 1 problem (see: phototagger problems)" in err
    assert "finished" not in err
