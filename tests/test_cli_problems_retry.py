"""`phototagger problems` only listed the files that could not be read: a user on a server who put
one right (a good copy in its place, its owner or permissions mended, a read-only photo made
writable) had no way to have it read again but a whole `scan`, which passes by a file whose size,
time and mode are as they were (a copy put back with its time, a chown). `problems --retry
[PATH...]` now does what File ▸ Problems ▸ Try Again does (core/try_again.py) and says of each
file, in the dialog's words, what came of it; `problems --forget PATH...` does what Forget does.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from phototagger.core.catalog import problems
from phototagger.core.library import open_library
from phototagger.core.metadata.read import read_metadata
from phototagger.paths import default_home
from tests.cli_helpers import read_only_unwritten, run, scan_with
from tests.kill_helpers import REPO
from tests.photo_factory import headless_copy, mend, real_photo

DET = Path("/work/shared/data/det-photos")
SOURCES = sorted(DET.glob("*.jpg"))[100:106]


def _listed() -> list[str]:
    with open_library(default_home()) as library:
        return sorted(p.path for p in problems(library.db))


@pytest.mark.model
def test_retry_reads_again_the_files_put_right(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    card = tmp_path / "card"
    card.mkdir()
    # Its first bytes wiped (the same size as the photo), and one cut short, and one whole.
    wiped = headless_copy(SOURCES[0], card / "IMG_11.jpg")
    cut = card / "IMG_12.jpg"
    cut.write_bytes(SOURCES[1].read_bytes()[: SOURCES[1].stat().st_size * 3 // 10])
    still = headless_copy(SOURCES[2], card / "IMG_13.jpg")
    shutil.copy(SOURCES[3], card / "IMG_14.jpg")
    assert scan_with(engine, card, monkeypatch, capsys) == 1
    assert _listed() == [str(wiped), str(cut), str(still)]
    code, _, err = run(capsys, "problems")
    assert code == 0
    assert err == "3 problems (once put right, 'phototagger problems --retry' reads them again)\n"

    mend(wiped, SOURCES[0])
    # A scan passes by the mended copy of the same size and time: still listed.
    assert scan_with(engine, card, monkeypatch, capsys) == 1
    assert str(wiped) in _listed()
    mend(cut, SOURCES[1])  # the photo cut short made whole again

    code, out, err = run(capsys, "problems", "--retry")
    assert code == 1, err  # done, but a file still has its problem
    said = out.splitlines()
    assert said[0].startswith(f"{still} still cannot be read: this is not a picture")
    assert said[1:] == [
        f"{wiped} can be read now",
        f"{cut} can be read now",
        "Tried 3 files again: 2 can be read now; 1 still cannot be read "
        "(see: phototagger problems)",
    ]
    assert "Traceback" not in err
    assert _listed() == [str(still)]
    with open_library(default_home()) as library:
        assert library.db.execute(
            "SELECT count(*) FROM photos WHERE status = 'tagged'"
        ).fetchone() == (3,)

    # A folder named: its listed files; --json says each one's outcome.
    mend(still, SOURCES[2])
    code, out, err = run(capsys, "problems", "--retry", "--json", str(card))
    assert code == 0, err
    found = json.loads(out)
    assert found["files"] == [
        {
            "path": str(still),
            "outcome": "readable",
            "why": "",
            "said": f"{still} can be read now",
            "fixed": True,
        }
    ]
    assert (found["fixed"], found["left"], found["stopped"]) == (1, 0, False)
    assert found["summary"] == "Tried 1 file again: 1 can be read now"
    assert _listed() == []
    code, out, _ = run(capsys, "problems", "--retry")
    assert (code, out) == (0, "no problems are listed: nothing to try again\n")
    code, out, _ = run(capsys, "problems", "--retry", "--json")
    assert code == 0 and json.loads(out) == {
        "files": [],
        "fixed": 0,
        "left": 0,
        "stopped": False,
        "summary": "no problems are listed: nothing to try again",
    }


def test_retry_writes_the_keywords_a_read_only_file_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = read_only_unwritten(capsys, tmp_path / "pics", SOURCES[:3])
    photos[0].chmod(0o644)
    photos[1].chmod(0o644)  # the user makes two of them writable
    code, out, err = run(capsys, "problems", "--retry", str(photos[0]), str(photos[2]))
    assert code == 1, err
    assert out.splitlines() == [
        f"{photos[2]}: its keywords still could not be written: read-only",
        f"{photos[0]}: its keywords are written now",
        "Tried 2 files again: 1 with its keywords written; 1 still not written "
        "(see: phototagger problems)",
    ]
    written = ["harbour" in read_metadata(photo).keywords for photo in photos]
    assert written == [True, False, False]  # the one not named is left as it was
    assert _listed() == [str(photos[1]), str(photos[2])]


def test_forget_takes_files_off_the_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = read_only_unwritten(capsys, tmp_path / "pics", SOURCES[:2])
    code, out, err = run(capsys, "problems", "--forget", str(photos[0]), str(tmp_path / "x.jpg"))
    assert code == 1  # one forgotten, one path that names no listed file
    assert out == "1 file off the list: not read or listed again until it changes\n"
    assert err == (
        f"phototagger: {tmp_path / 'x.jpg'}: not among the problems "
        "('phototagger problems' lists them)\n"
    )
    assert _listed() == [str(photos[1])]
    code, _, _ = run(capsys, "problems", "--forget", str(photos[0]))
    assert code == 3  # no longer listed: nothing done
    assert run(capsys, "problems", str(photos[1]))[0] == 2  # a PATH to list: usage
    with pytest.raises(SystemExit) as refused:  # argparse's: one or the other
        run(capsys, "problems", "--retry", "--forget", str(photos[1]))
    assert refused.value.code == 2


# Root reads a chmod 000 file: the command runs without the capabilities that let it.
_AS_A_USER = (
    ["setpriv", "--inh-caps=-dac_override,-dac_read_search"]
    + ["--bounding-set=-dac_override,-dac_read_search"]
    if os.geteuid() == 0
    else []
)


def _cli(library_home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_AS_A_USER, sys.executable, "-m", "phototagger", *argv],
        env={**os.environ, "PHOTOTAGGER_HOME": str(library_home), "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.model
def test_retry_reads_a_file_made_readable(
    tmp_path: Path,
    library_home: Path,
    scans_with_engine: object,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if _AS_A_USER and shutil.which("setpriv") is None:
        pytest.skip("running as root, with no setpriv to drop the right to read any file")
    pics = tmp_path / "pics"
    pics.mkdir()
    photo = real_photo(pics / "cat.jpg", "chelsea")
    photo.chmod(0)
    assert _cli(library_home, "scan", "--quiet", str(pics)).returncode == 1
    tried = _cli(library_home, "problems", "--retry", "--quiet")
    assert tried.returncode == 1, tried.stderr
    assert tried.stdout.splitlines()[0] == (
        f"{photo} still cannot be read: phototagger is not allowed to read this file: check its "
        "permissions or owner (permission denied)"
    )
    photo.chmod(0o644)
    # Readable by anyone now, root or not: the retry that reads it runs here, with the
    # session's engine (scans_with_engine), not a process loading its own model; the two
    # above, run as a user, are what tell that it could not be read.
    code, out, err = run(capsys, "problems", "--retry", "--quiet", str(photo))
    assert code == 0, err
    assert out.splitlines() == [
        f"{photo} can be read now",
        "Tried 1 file again: 1 can be read now",
    ]
    assert _listed() == []


@pytest.mark.model
def test_ctrl_c_stops_retry_as_it_stops_a_scan(
    tmp_path: Path, library_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    sources = sorted(DET.glob("*.jpg"))[300:370]
    damaged = [headless_copy(src, pics / f"IMG_{n}.jpg") for n, src in enumerate(sources)]
    assert run(capsys, "scan", "--quiet", str(pics))[0] == 1  # none read: no model loaded
    for path, source in zip(damaged, sources, strict=True):
        mend(path, source)
    child = subprocess.Popen(
        [sys.executable, "-m", "phototagger", "problems", "--retry"],
        env={**os.environ, "PHOTOTAGGER_HOME": str(library_home), "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    seen = ""
    while "tagging: " not in seen and (char := child.stderr.read(1)):
        seen += char
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=300)
    err = seen + err
    assert child.returncode == 130, (out, err)
    assert "Traceback" not in err and "please report" not in err, err
    assert "stopping after the current batch" in err
    said = out.splitlines()
    assert len(said) == 71 and said[-1].startswith("Tried 70 files again: "), out
    stopped = [line.split(" was not tried again")[0] for line in said[:-1] if "stopped it" in line]
    # Those the stop left are still listed, to be tried again; the others were read.
    assert sorted(stopped) == _listed()
    assert all(line.endswith(" can be read now") for line in said[len(stopped) : -1])
