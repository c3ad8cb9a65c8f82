"""A `phototagger` process ran on for 1-5 s after printing its summary (a finished scan, or one
stopped by Ctrl-C): the interpreter's teardown, where TensorFlow frees its objects and thread
pools, kept a user's script waiting for nothing. Once everything is written and the library
closed, the process now leaves without that teardown, with the same exit status and output, and
the library whole. (The seconds: benchmarks/cli_exit.py; here, what can be told without a clock:
an object that says when the interpreter tears it down, planted through sitecustomize.) A scan
on Ray leaves at once too: that test runs with the other Ray tests, on their cluster
(test_scan_on_ray.py)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.ml.backbone_name import BACKBONE_NAME
from phototagger.paths import default_home
from phototagger.store.embeddings import iter_embedded_ids
from phototagger.store.photos import count_by_status
from phototagger.store.tags import user_decisions
from tests.cli_helpers import run
from tests.store_helpers import add_photo

REPO = Path(__file__).resolve().parents[1]
DET = Path("/work/shared/data/det-photos")
TORN_DOWN = "the interpreter tore this process down"

_MARKER = f'''import os


class _SaysWhenTornDown:
    def __del__(self) -> None:
        os.write(2, b"{TORN_DOWN}\\n")


_marker = _SaysWhenTornDown()
'''


def _phototagger(tmp_path: Path, *argv: str) -> subprocess.Popen[str]:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(_MARKER)
    return subprocess.Popen(
        [sys.executable, "-m", "phototagger", *argv],
        env={**os.environ, "PYTHONPATH": f"{site}{os.pathsep}{REPO}"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finished(child: subprocess.Popen[str], limit_s: float = 300) -> tuple[int, str, str]:
    out, err = child.communicate(timeout=limit_s)
    return child.returncode, out, err


def _ctrl_c_once(child: subprocess.Popen[str], when: str) -> str:
    """Ctrl-C once the child's stderr says `when`; what it said until then."""
    assert child.stderr is not None
    said = ""
    while line := child.stderr.readline():
        said += line
        if when in line:
            child.send_signal(signal.SIGINT)
            break
    return said


def _photos(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        Path(shutil.copy(source, folder / source.name))
        for source in sorted(DET.glob("*.jpg"))[start : start + count]
    ]


def _whole(tagged: int) -> None:
    """The library as a later run finds it: intact, closed cleanly, `tagged` photos tagged and
    embedded."""
    database = default_home().database
    assert not Path(f"{database}-wal").exists()  # the last connection closed: WAL checkpointed
    with open_library(default_home()) as lib:
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert count_by_status(lib.db)["tagged"] == tagged
        assert len(iter_embedded_ids(lib.db, BACKBONE_NAME)) == tagged


def test_a_command_leaves_without_the_teardown(tmp_path: Path) -> None:
    """No model needed: `label` writes decisions in a child process; they are all there after."""
    photos = _photos(tmp_path / "Pictures", 3)
    with open_library(default_home()) as lib:
        for photo in photos:
            add_photo(lib.db, str(photo), status="pending")
    child = _phototagger(tmp_path, "label", *map(str, photos), "--add", "mine", "--reject", "dog")
    code, out, err = _finished(child)
    assert code == 0 and TORN_DOWN not in err, (out, err)
    assert out == "labelled 3 photos\n", out
    child = _phototagger(tmp_path, "search", "mine")
    assert _finished(child) == (0, "".join(f"{p}\n" for p in photos), "3 photos\n")
    with open_library(default_home()) as lib:
        assert len(user_decisions(lib.db)) == 6
    _whole(0)


@pytest.mark.model
def test_a_scan_finished_or_stopped_leaves_with_its_status_and_the_library_whole(
    tmp_path: Path,
    scans_with_engine: object,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pics = tmp_path / "Pictures"
    _photos(pics, 3)
    child = _phototagger(tmp_path, "scan", "--runtime", "tensorflow", str(pics))
    code, out, err = _finished(child)
    assert code == 0, (out, err)
    assert "3 photos found: 3 new" in out and "3 tagged in" in out
    assert TORN_DOWN not in err and "Traceback" not in err, err
    _whole(3)
    child = _phototagger(tmp_path, "classify", str(pics / sorted(os.listdir(pics))[1]))
    code, out, err = _finished(child)  # the model without a library to write
    assert code == 0 and out.startswith(str(pics)) and TORN_DOWN not in err, (out, err)
    with open_library(default_home()) as lib:  # a decision the stopped scan must keep
        label_paths(lib.db, [str(pics / sorted(os.listdir(pics))[0])], add=["mine"])
        before = set(user_decisions(lib.db))

    _photos(pics, 12, start=3)
    child = _phototagger(tmp_path, "scan", "--batch-size", "2", str(pics))
    watchdog = threading.Timer(240, child.kill)  # a scan that hangs fails the test
    watchdog.start()
    said = _ctrl_c_once(child, "tagging")  # stop after the batch at hand
    code, out, err = _finished(child)
    watchdog.cancel()
    err = said + err
    assert code == 130, (out, err)
    # Ctrl-C lands while batches are tagged ("scan again to resume") or, on a fast machine, after
    # the last one, while the files' keywords are read ("scan again to read them": a fresh
    # clone's run on an idle machine, 12 photos tagged in 4 s): both are a scan stopped.
    stopped = "scan again to resume" in out or "scan again to read them" in out
    assert stopped and TORN_DOWN not in err and "Traceback" not in err, (out, err)
    with open_library(default_home()) as lib:
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert set(user_decisions(lib.db)) >= before
        stopped_at = count_by_status(lib.db)["tagged"]
    # How many the stop let through is the scan's timing (on a loaded machine every batch in
    # flight was done before Ctrl-C landed); what this checks is the exit and the library.
    assert 3 <= stopped_at <= 15

    # The next scan carries on: here, with the session's engine (scans_with_engine); how a
    # process leaves is the three above's.
    code, out, err = run(capsys, "scan", str(pics))
    assert code == 0 and f"{15 - stopped_at} tagged in" in out, (out, err)
    _whole(15)
