"""A new user's first session on the command line: scan, look, correct, rescan, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.cli import main
from tests.photo_factory import real_photo, truncated_jpeg


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.model
def test_scan_label_search_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pics = tmp_path / "Pictures"
    cat = real_photo(pics / "cat.jpg", "chelsea")
    cup = real_photo(pics / "Café" / "espresso été.jpg", "coffee")
    truncated_jpeg(pics / "broken.jpg")

    code, out, err = run(capsys, "scan", "--quiet", str(pics))
    assert code == 1 and "finished with 1 problem" in err
    # broken.jpg is no photo: three files found, two photos tagged, one problem.
    assert "3 files found: 3 new" in out and "2 tagged" in out

    code, out, _ = run(capsys, "tags", "--json", str(cat))
    tags = {t["name"]: t for t in json.loads(out)["tags"]}
    assert code == 0 and tags["cat"]["source"] == "model" and tags["cat"]["confidence"] > 0.8

    code, out, _ = run(capsys, "search", "coffee")
    assert code == 0 and out.splitlines() == [str(cup)]
    code, out, _ = run(capsys, "search", "--json", "cat", "coffee", "--any")
    assert sorted(r["path"] for r in json.loads(out)) == sorted([str(cat), str(cup)])
    code, out, _ = run(capsys, "search", "animal", "--not", "cat")
    assert out == ""

    code, out, _ = run(capsys, "label", str(cat), "--add", "Chelsea", "--reject", "animal")
    assert code == 0 and "labelled 1 photo" in out
    code, _, err = run(capsys, "label", str(tmp_path / "nowhere.jpg"), "--add", "x")
    assert code == 3 and "not in the library" in err  # as `tags`: nothing was labelled

    code, out, _ = run(capsys, "scan", "--json", str(pics))
    summary = json.loads(out)
    assert (summary["unchanged"], summary["tagged"], summary["problems"]) == (2, 0, 1)

    code, out, _ = run(capsys, "tags", str(cat))
    lines = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "user" in lines["Chelsea"] and "added" in lines["Chelsea"]
    assert "rejected" in lines["animal"]
    code, out, _ = run(capsys, "search", "animal")
    assert out == ""  # a rejected tag stays rejected through rescans

    code, out, _ = run(capsys, "export", "--json")
    records = {r["path"]: r for r in json.loads(out)}
    # broken.jpg (under half of it there) was never read: no photo, as in the grid; `problems`
    # lists it.
    assert set(records) == {str(cat), str(cup)}
    states = {t["name"]: (t["source"], t["state"]) for t in records[str(cat)]["tags"]}
    assert states["Chelsea"] == ("user", "added")
    assert states["animal"] == ("user", "rejected")
    assert states["cat"] == ("model", "suggested")

    code, out, _ = run(capsys, "stats", "--json")
    stats = json.loads(out)
    assert stats["photos"] == 2 and stats["problems"] == 1 and stats["user_decisions"] == 2
    code, out, _ = run(capsys, "problems", "--json")
    [problem] = json.loads(out)
    assert problem["code"] == "TRUNCATED" and problem["path"].endswith("broken.jpg")


@pytest.mark.model
def test_classify_prints_tags_for_loose_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cat = real_photo(tmp_path / "cat.jpg", "chelsea")
    broken = truncated_jpeg(tmp_path / "broken.jpg")
    code, out, err = run(capsys, "classify", "--json", str(cat), str(broken))
    assert code == 1 and "finished with 1 problem" in err
    data = json.loads(out)
    first, second = data["photos"]
    assert {t["name"] for t in first["tags"]} >= {"cat", "animal"}
    assert first["imagenet"][0]["class"] in {"tabby", "tiger cat", "Egyptian cat"}
    assert second["error"]["code"] == "TRUNCATED"
    assert data["device"].startswith(("CPU", "GPU"))


def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "tags", str(tmp_path / "x.jpg"))
    assert code == 3 and err.count("\n") == 1 and "not in the library" in err
    code, _, err = run(capsys, "search")
    assert code == 2 and "give at least one TAG" in err
    code, _, err = run(capsys, "label", str(tmp_path / "x.jpg"))
    assert code == 2 and "nothing to do" in err
