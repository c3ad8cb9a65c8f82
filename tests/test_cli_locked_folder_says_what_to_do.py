"""A folder of the library that phototagger may not open (chmod 000, another user's) was listed
in Problems as "this folder cannot be opened (permission denied)", where a file so locked says
"phototagger is not allowed to read this file: check its permissions or owner (permission
denied)": the folder's note did not say what to do (polish32, a phone and camera folder with a
locked folder and a locked file). It says it now, as the file's does.

Run for real, as a user without the right to read it: as root (whom permission bits do not
stop) the commands run without the capabilities that let root read anything."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.kill_helpers import REPO
from tests.photo_factory import real_photo

_NO_OVERRIDE = [
    "setpriv",
    "--inh-caps=-dac_override,-dac_read_search",
    "--bounding-set=-dac_override,-dac_read_search",
]


def _as_a_user(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """`phototagger --home HOME ARGV...` run by someone whom permission bits stop."""
    prefix = _NO_OVERRIDE if os.geteuid() == 0 else []
    if prefix and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: a chmod 000 folder cannot be locked")
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "phototagger", "--home", str(home), *argv],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if prefix and done.stderr.startswith("setpriv:"):  # a container that may not drop them
        pytest.skip(f"setpriv could not drop root's file capabilities: {done.stderr.strip()}")
    return done


def test_a_folder_phototagger_may_not_open_says_what_to_do(tmp_path: Path) -> None:
    locked = tmp_path / "pics" / "locked"
    real_photo(locked / "a.jpg", "coffee")
    locked.chmod(0)
    try:
        scan = _as_a_user(tmp_path / "home", "scan", "--quiet", str(tmp_path / "pics"))
        problems = _as_a_user(tmp_path / "home", "problems")
    finally:
        locked.chmod(0o755)
    assert scan.returncode == 1, scan.stderr
    assert problems.returncode == 0, problems.stderr
    lines = problems.stdout.splitlines()
    assert lines[:2] == [
        "1 folder could not be opened (the photos in it were not looked at):",
        f"  {locked}",
    ]
    assert lines[2] == (
        "    this folder cannot be opened (permission denied: phototagger is not allowed to "
        "open it; check its permissions or owner)"
    )
