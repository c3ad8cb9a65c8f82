"""A file name that is not UTF-8 (Latin-1 bytes from an old camera or a zip) and a terminal that
is not UTF-8.

`problems`, `search` and `export` printed such a name as the library stores it, each byte that
is not UTF-8 as a private-use character (U+10FFE9 for 0xE9): a script got a path it could not
open (`| xargs ls` found no file). Text output now gives the name's own bytes; --json gives
each such byte as the escape "\\udcXX", which Python's os.fsencode turns back into the byte.
On a stdout Python writes as ASCII (LC_ALL=C, its UTF-8 mode off), those commands crashed on
such a name, `review` and `scores` on an accented one, and `models` and `duplicates` on their
'→' and '·'; `label --add café` crashed in SQLite (and so did the crash report)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.core.names import storable
from phototagger.paths import default_home
from tests.cli_helpers import scan_with
from tests.photo_factory import real_photo, text_as_jpg
from tests.switch_helpers import save_version_record, synthetic_library

LATIN1 = b"caf\xe9.jpg"  # 'café' as Latin-1: not UTF-8
NAMES = [LATIN1, "Über.jpg".encode(), b"plain.jpg"]


def _library(tmp_path: Path) -> list[bytes]:
    """Three photos on disk (a Latin-1, a UTF-8 and an ASCII name), in the library and all
    tagged 'trip'; and one file that is no picture, with a Latin-1 name, in its problems. The
    names' bytes, as the file system has them."""
    pics = os.fsencode(tmp_path / "Pictures")
    os.makedirs(pics)
    paths = [pics + b"/" + name for name in NAMES]
    with open_library(default_home()) as lib:
        for pid, path in zip(synthetic_library(lib.db, 3), paths, strict=True):
            real_photo(Path(os.fsdecode(path)), "chelsea")
            lib.db.execute(
                "UPDATE photos SET path = ? WHERE id = ?", [storable(os.fsdecode(path)), pid]
            )
        lib.db.conn.commit()
    assert main(["label", *map(os.fsdecode, paths), "--add", "trip"]) == 0
    bad = os.fsencode(tmp_path / "Other") + b"/bad\xe9.jpg"
    os.makedirs(os.path.dirname(bad))
    text_as_jpg(Path(os.fsdecode(bad)))
    assert main(["scan", "--quiet", os.fsdecode(os.path.dirname(bad))]) == 1
    return [*paths, bad]


def _out(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> bytes:
    code = main(list(argv))
    out = capsysbinary.readouterr().out
    assert code == 0, out
    return out


def test_text_output_gives_a_names_own_bytes(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    photos, bad = (lambda p: (p[:3], p[3]))(_library(tmp_path))
    capsysbinary.readouterr()
    found = _out(capsysbinary, "search", "trip").splitlines()
    assert sorted(found) == sorted(photos)
    assert all(os.path.exists(line) for line in found)  # what `| xargs ls` does
    rows = _out(capsysbinary, "export").splitlines()
    assert sorted(row.split(b"\t")[0] for row in rows) == sorted(photos)
    out = tmp_path / "export.tsv"
    assert main(["export", "-o", str(out)]) == 0
    assert sorted(row.split(b"\t")[0] for row in out.read_bytes().splitlines()) == sorted(photos)
    listed = _out(capsysbinary, "problems").splitlines()
    assert b"  " + bad in listed


def test_json_gives_a_name_python_turns_back_into_its_bytes(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    photos, bad = (lambda p: (p[:3], p[3]))(_library(tmp_path))
    capsysbinary.readouterr()
    for argv in (["search", "trip", "--json"], ["export", "--json"], ["problems", "--json"]):
        text = _out(capsysbinary, *argv)
        assert b"caf\\udce9.jpg" in text or b"bad\\udce9.jpg" in text, text
        paths = [os.fsencode(row["path"]) for row in json.loads(text)]
        assert sorted(paths) == sorted([bad] if argv[0] == "problems" else photos), argv
        assert "\U0010ffe9" not in text.decode("utf-8")  # the stored form left nowhere


def test_export_json_of_an_empty_library_is_one_line(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    """It printed '[' and ']' on two lines (valid JSON, unlike every other empty --json list)."""
    assert _out(capsysbinary, "export", "--json") == b"[]\n"
    assert _out(capsysbinary, "search", "--untagged", "--json") == b"[]\n"


# One process of the real `phototagger` runs each command given (split by _NEXT) through its
# main(), as `phototagger ARGV` would: its stdout and stderr put back to what the interpreter
# made them (ASCII; errors surrogateescape and backslashreplace) before each, so each command
# makes them fit itself as a fresh process does; after each, _END and its exit status, on both.
_NEXT = "--next-command--"
_END = "#phototagger-test-command-ended#"
_COMMANDS = f"""
import codecs, sys, traceback
from phototagger.cli import main
streams = [(stream, stream.errors) for stream in (sys.stdout, sys.stderr)]
assert all(codecs.lookup(s.encoding).name == "ascii" for s, _ in streams), streams
commands = [[]]
for word in sys.argv[1:]:
    commands.append([]) if word == {_NEXT!r} else commands[-1].append(word)
for argv in commands:
    for stream, errors in streams:
        stream.reconfigure(errors=errors)
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    except BaseException:
        traceback.print_exc()
        code = -1
    for stream, _ in streams:
        stream.flush()
        stream.buffer.write(b"\\n{_END} %d\\n" % code)
        stream.buffer.flush()
"""


def _ascii_terminal(*commands: list[str]) -> list[subprocess.CompletedProcess[bytes]]:
    """The real `phototagger ARGV` of each of `commands` (in one process, one after the other),
    with stdout and stderr in ASCII: LC_ALL=C, Python's UTF-8 mode off, PYTHONIOENCODING unset.
    What each exited with and wrote."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIO"))}
    env.update(LC_ALL="C", LANG="C", PYTHONUTF8="0")
    words = [word for argv in commands for word in (_NEXT, *argv)][1:]
    done = subprocess.run(
        [sys.executable, "-c", _COMMANDS, *words], env=env, capture_output=True, timeout=300
    )
    assert done.returncode == 0, done
    end = re.compile(rb"\n" + _END.encode() + rb" (-?\d+)\n")
    outs, errs = end.split(done.stdout), end.split(done.stderr)
    assert len(outs) == len(errs) == 2 * len(commands) + 1, done
    assert outs[-1] == errs[-1] == b"", done
    return [
        subprocess.CompletedProcess(argv, int(outs[2 * i + 1]), outs[2 * i], errs[2 * i])
        for i, argv in enumerate(commands)
    ]


def test_every_command_on_an_ascii_terminal(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "Pictures"
    cat = real_photo(pics / "cat.jpg", "chelsea")
    real_photo(pics / "Über cat.jpg", "chelsea")  # the same picture twice: duplicates
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    save_version_record(
        "v2",
        {
            "parent": "v1",
            "created_at": "2026-01-01T00:00:00",
            "summary": "mean F1 0.86 -> 1.00 on 1 tag",
        },
    )
    commands = (
        (["models"], 0, b"86 -> 100"),
        (["duplicates"], 0, b" - keeping "),
        (["search", "cat"], 0, "Über cat.jpg".encode()),
        (["export"], 0, "Über cat.jpg".encode()),
        (["scores", "cat"], 0, "Über cat.jpg".encode()),
        (["review", "cat"], 0, b"cat.jpg"),
        (["similar", str(cat)], 0, "Über cat.jpg".encode()),
        (["tags", str(cat)], 0, b"cat"),
        (["stats"], 0, b"cat"),
        (["problems"], 0, b""),
        (["label", str(cat), "--add", "café"], 0, b"labelled 1 photo"),
        (["tags", str(cat)], 0, "café".encode()),
        (["tag", "rename", "café", "Café au lait"], 0, "Café au lait".encode()),
        (["--help"], 0, b"usage"),
    )
    for (argv, code, says), done in zip(
        commands, _ascii_terminal(*(argv for argv, _, _ in commands)), strict=True
    ):
        assert b"Traceback" not in done.stderr and b"Error" not in done.stderr, (argv, done)
        assert done.returncode == code, (argv, done)
        assert says in done.stdout, (argv, done.stdout)


def test_a_non_ascii_path_as_an_argument_on_an_ascii_terminal(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`tags`, `label` and `similar` given a path with a letter outside ASCII, on an ASCII
    terminal: the argument's UTF-8 bytes arrive as lone surrogates ('\\udcc3\\udc9c' for 'Ü'),
    which is how the file system names the file there too."""
    pics = tmp_path / "Pictures"
    real_photo(pics / "cat.jpg", "chelsea")
    uber = real_photo(pics / "Über.jpg", "chelsea")
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    commands = (
        (["tags", str(uber)], b"cat"),
        (["label", str(uber), "--add", "trip"], b"labelled 1 photo"),
        (["tags", str(uber)], b"trip"),
        (["label", str(uber), "--remove", "trip"], b"1 photo"),
        (["similar", str(uber)], b"cat.jpg"),
        (["tags", "--json", str(uber)], b"cat"),
    )
    for (argv, says), done in zip(
        commands, _ascii_terminal(*(argv for argv, _ in commands)), strict=True
    ):
        assert b"Traceback" not in done.stderr and b"Error" not in done.stderr, (argv, done)
        assert done.returncode == 0, (argv, done)
        assert says in done.stdout, (argv, done.stdout)
