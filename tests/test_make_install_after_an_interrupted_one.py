"""`make install` after an interrupted one (Ctrl-C, a full disk) ran `python -m venv` over the
half-installed .venv, and pip trusted the half-unpacked packages it found there: TensorFlow then
failed with "No module named 'tensorflow.python'". With no stamp but a .venv, the install starts
from an empty virtualenv now (--clear); with the stamp, pyproject.toml changed since, the
virtualenv is kept and upgraded, its stamp taken off until the upgrade is done. Read from what
`make -n install` would run, in a folder of a fake .venv: nothing is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

MAKEFILE = Path(__file__).resolve().parents[1] / "Makefile"

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="no make here")


def _would_run(folder: Path) -> list[str]:
    done = subprocess.run(
        [
            "make",
            "-n",
            "--no-print-directory",
            "-f",
            str(MAKEFILE),
            "install",
            "PYTHON=python3",
            "TEST_JOBS=1",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
        # Not `make test`'s own flags, nor its level: run by `make test`, this make was a
        # sub-make and said "make[1]: Leaving directory ..." after the recipe's last line.
        env={
            **{k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MFLAGS")},
            "MAKEFLAGS": "",
        },
    )
    return done.stdout.splitlines()


def _venv_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if " -m venv " in line]


@needs_make
def test_an_interrupted_install_starts_from_an_empty_virtualenv(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("")
    half = tmp_path / ".venv" / "lib" / "python3" / "site-packages" / "tensorflow"
    half.mkdir(parents=True)  # what an install cut short leaves: no stamp
    lines = _would_run(tmp_path)
    assert _venv_lines(lines) == ["python3 -m venv --clear .venv"]
    assert lines[-1] == "touch .venv/.installed"

    # Installed (the stamp), then pyproject.toml changed: kept and upgraded, its stamp off
    # before pip runs, so that an upgrade cut short starts from an empty one the next time.
    stamp = tmp_path / ".venv" / ".installed"
    stamp.touch()
    an_hour_ago = time.time() - 3600
    os.utime(stamp, (an_hour_ago, an_hour_ago))
    lines = _would_run(tmp_path)
    assert _venv_lines(lines) == ["python3 -m venv .venv"]
    first_pip = next(i for i, line in enumerate(lines) if " -m pip " in line)
    assert "rm -f .venv/.installed" in lines[:first_pip]

    stamp.touch()  # installed since: nothing to do
    assert not _venv_lines(_would_run(tmp_path))
