"""`export -o tags.csv` wrote the tab-separated lines of `export` into a file named .csv: a
spreadsheet opening it took each line for one cell (or split it at the tags' commas), and a name
holding a comma or a quote shifted the columns. A FILE named .csv gets real CSV now, for
LibreOffice and Excel; .tsv and stdout stay as they were."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.cli_helpers import run, scan_with
from tests.photo_factory import real_photo


def test_export_to_a_csv_file_writes_comma_separated_values_with_a_header(
    engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "Pictures"
    cat = real_photo(folder / "cat.jpg", "chelsea")
    odd = real_photo(folder / 'Über, the "best" coffee.jpg', "coffee")
    assert scan_with(engine, folder, monkeypatch, capsys) == 0
    assert run(capsys, "label", str(cat), "--add", "Smith, Anna", "--reject", "dog")[0] == 0
    assert run(capsys, "label", str(odd), "--add", "morning")[0] == 0
    # What the photos hold, from --json: the CSV's cells must say the same.
    records = {r["path"]: r for r in json.loads(run(capsys, "export", "--json")[1])}

    for name in ("tags.csv", "TAGS.CSV"):
        code, out, err = run(capsys, "export", "-o", str(tmp_path / name))
        assert (code, out, err) == (0, "", "exported 2 photos\n")
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")  # the mark by which Excel reads it as UTF-8
        with open(tmp_path / name, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == ["path", "tags"]
        assert all(len(row) == 2 for row in rows)
        cells = dict(rows[1:])
        assert sorted(cells) == sorted([str(cat), str(odd)])  # a comma and quotes kept whole
        cat_tags = cells[str(cat)].split(", ")
        assert "Smith" in cat_tags and "Anna" in cat_tags  # one tag, its comma its own
        assert "dog (rejected)" in cat_tags
        assert "morning" in cells[str(odd)].split(", ")
        for path, record in records.items():
            shown = [t["name"] for t in record["tags"] if t["state"] != "rejected"]
            assert all(name in cells[path] for name in shown)

    # Tab-separated as before, to a .tsv file and to stdout.
    code, out, _ = run(capsys, "export", "-o", str(tmp_path / "tags.tsv"))
    tsv = (tmp_path / "tags.tsv").read_text(encoding="utf-8")
    assert code == 0 and out == "" and not tsv.startswith("\ufeff")
    lines = tsv.splitlines()
    assert len(lines) == 2 and all(line.count("\t") == 1 for line in lines)
    assert {line.split("\t")[0] for line in lines} == {str(cat), str(odd)}
    assert run(capsys, "export")[1] == tsv


def test_a_tag_a_spreadsheet_would_run_as_a_formula_is_written_as_text(
    engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A tag comes from the files' keywords, which whoever made the file wrote: a cell starting
    "=", "+", "-" or "@" is run as a formula by Excel and LibreOffice (CSV injection). Such a
    cell is written with a leading "'", which a spreadsheet shows as text."""
    folder = tmp_path / "Pictures"
    cat = real_photo(folder / "cat.jpg", "chelsea")
    assert scan_with(engine, folder, monkeypatch, capsys) == 0
    formula = '=HYPERLINK("example.invalid","open")'
    assert run(capsys, "label", str(cat), "--add", formula)[0] == 0
    record = json.loads(run(capsys, "export", "--json")[1])[0]
    assert record["tags"][0]["name"] == formula  # the user's tag comes first in the cell
    assert run(capsys, "export", "-o", str(tmp_path / "tags.csv"))[0] == 0
    with open(tmp_path / "tags.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    cell = rows[1][1]
    assert cell.startswith("'" + formula), cell
    assert rows[1][0] == str(cat)  # a path starts with "/": left as it is
