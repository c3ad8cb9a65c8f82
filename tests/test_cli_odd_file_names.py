"""File names with a line break, a tab or an escape character (Linux allows them; a download or
a script makes them). Text output gave such a photo two lines in `search`, and an extra column
in `export`'s tab-separated rows, so a script reading them lost or split photos; an escape
character reached the terminal as a control sequence. They are shown escaped (\\n, \\t, \\x1b),
one photo per line; --json keeps the exact names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import run, scan_with
from tests.keyword_readers import exiftool_set
from tests.photo_factory import real_photo


def test_each_photo_stays_one_line(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "Pictures"
    names = ["new\nline.jpg", "tab\there.jpg", "esc\x1b[31mred.jpg", "plain café.jpg"]
    photos = [real_photo(pics / n, "chelsea") for n in names]
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    shown = [str(pics / n) for n in ("new\\nline.jpg", "tab\\there.jpg", "esc\\x1b[31mred.jpg")]
    shown.append(str(photos[3]))

    code, out, _ = run(capsys, "export")
    rows = out.splitlines()
    assert code == 0 and len(rows) == 4 and all(r.count("\t") == 1 for r in rows)
    assert sorted(r.split("\t")[0] for r in rows) == sorted(shown)
    code, out, _ = run(capsys, "export", "--json")
    assert sorted(r["path"] for r in json.loads(out)) == sorted(map(str, photos))

    code, out, _ = run(capsys, "search", "cat")
    assert code == 0 and sorted(out.splitlines()) == sorted(shown)
    code, out, _ = run(capsys, "tags", str(photos[0]))
    assert out.splitlines()[0] == shown[0]
    code, out, _ = run(capsys, "duplicates")
    assert "\x1b" not in out and len(out.splitlines()) == 5  # one group: its title, 4 photos
    code, out, _ = run(capsys, "similar", str(photos[3]))
    assert "\x1b" not in out and len(out.splitlines()) == 3


def test_a_keyword_with_a_line_break_stays_one_line_in_stats(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A keyword read from a file may hold a line break (label refuses one; another tool wrote
    it): `stats` listed it over two lines, the second looking like a tag of its own."""
    photo = real_photo(tmp_path / "Pictures" / "cat.jpg", "chelsea")
    exiftool_set(photo, "-XMP-dc:Subject=trip\nday two")
    assert scan_with(engine, photo.parent, monkeypatch, capsys) == 0
    code, out, _ = run(capsys, "stats")
    rows = [r.split() for r in out.splitlines() if "trip" in r or "day two" in r]
    assert code == 0 and rows == [["trip\\nday", "two", "1"]]
