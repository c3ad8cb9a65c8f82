"""tests/exiftool_process.py runs the tests' exiftool commands in one stay-open exiftool per test
worker: what a command prints, how it fails and what it writes must be what its own command
line gives, or the round-trip tests built on it would check something else than they say. Real
det-photos, the real exiftool both ways."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.exiftool_process import ExiftoolFailed, exiftool
from tests.store_helpers import DET

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool is tested")

PHOTO = DET / "n00007846_147031_person.jpg"
# Everything exiftool reads in the photo but the file system's own fields (its access time
# changes as it is read).
READ = ("-j", "-a", "-G1", "--System:all")


def _copy(folder: Path, name: str = "photo.jpg") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    photo = Path(shutil.copy(PHOTO, folder / name))
    photo.chmod(0o644)
    return photo


def _one_shot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["exiftool", *args], capture_output=True, text=True)


def _stay_open_children() -> set[int]:
    """The test process's children that are a stay-open exiftool."""
    found = set()
    for children in Path(f"/proc/{os.getpid()}/task").glob("*/children"):
        for pid in children.read_text().split():
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except FileNotFoundError:  # ended meanwhile
                continue
            if b"-stay_open" in cmdline and any(b"exiftool" in part for part in cmdline):
                found.add(int(pid))
    return found


def test_a_read_and_a_write_give_what_their_own_command_lines_give(tmp_path: Path) -> None:
    photo = _copy(tmp_path)
    read = exiftool(*READ, str(photo))
    alone = _one_shot(*READ, str(photo))
    assert (read.returncode, read.stdout, read.stderr) == (0, alone.stdout, alone.stderr)
    assert json.loads(read.stdout)[0]["File:ImageWidth"] == 333  # a real read, not empty
    # As bytes too (text=False), undecoded.
    assert exiftool(*READ, str(photo), text=False).stdout == alone.stdout.encode()

    # The same write on two copies: the same words said, the same file written.
    mine, theirs = _copy(tmp_path / "mine"), _copy(tmp_path / "theirs")
    write = ("-overwrite_original", "-XMP-dc:Subject=Anna", "-IPTC:Keywords=Bea Müller")
    written = exiftool(*write, str(mine))
    alone = _one_shot(*write, str(theirs))
    assert alone.returncode == 0
    assert (written.stdout, written.stderr) == (alone.stdout, alone.stderr)
    assert "1 image files updated" in written.stdout
    assert mine.read_bytes() == theirs.read_bytes() != PHOTO.read_bytes()
    keywords = json.loads(exiftool("-j", "-XMP-dc:Subject", "-IPTC:Keywords", str(mine)).stdout)
    assert (keywords[0]["Subject"], keywords[0]["Keywords"]) == ("Anna", "Bea Müller")


def test_a_failing_command_raises_with_exiftools_message(tmp_path: Path) -> None:
    missing = tmp_path / "not there.jpg"
    alone = _one_shot("-j", str(missing))
    assert alone.returncode != 0 and "File not found" in alone.stderr
    with pytest.raises(ExiftoolFailed) as failed:
        exiftool("-j", str(missing))
    assert failed.value.returncode == alone.returncode
    assert failed.value.stderr == alone.stderr
    assert alone.stderr.strip() in str(failed.value)  # the message says why
    # The process goes on after it: the next command is answered, and as itself.
    photo = _copy(tmp_path)
    assert exiftool(*READ, str(photo)).stdout == _one_shot(*READ, str(photo)).stdout


def test_an_argument_with_a_line_break_is_written_whole(tmp_path: Path) -> None:
    """An argument file takes one argument a line: a caption of two lines would be two
    arguments. It runs in its own exiftool, as the command line does."""
    photo = _copy(tmp_path)
    exiftool("-q", "-overwrite_original", "-XMP-dc:Description=first line\nsecond line", str(photo))
    out = exiftool("-j", "-XMP-dc:Description", str(photo)).stdout
    assert json.loads(out)[0]["Description"] == "first line\nsecond line"


def test_one_process_answers_many_calls(tmp_path: Path) -> None:
    photo = _copy(tmp_path)
    first = exiftool(*READ, str(photo)).stdout
    [pid] = _stay_open_children()
    reads = [exiftool(*READ, str(photo)).stdout for _ in range(50)]
    assert reads == [first] * 50
    assert _stay_open_children() == {pid}  # the same process, still running
