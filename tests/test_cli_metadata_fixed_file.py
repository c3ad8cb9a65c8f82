"""`metadata write --embed` on a read-only photo records a problem; the user makes the file
writable and writes again: the keywords went in, yet `phototagger problems` (and the problem
count) kept saying 'the file is read-only; its keywords were not written'."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import run, scan_with
from tests.keyword_readers import exiftool_keywords
from tests.photo_factory import real_photo, truncated_jpeg


def test_a_write_that_works_again_clears_its_problem(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "Pictures"
    photo = real_photo(pics / "cat.jpg", "chelsea")
    broken = truncated_jpeg(pics / "broken.jpg")
    assert scan_with(engine, pics, monkeypatch, capsys) == 1
    assert run(capsys, "label", str(photo), "--add", "Pets/Chelsea")[0] == 0
    photo.chmod(0o444)
    code, out, err = run(capsys, "metadata", "write", "--embed", "--quiet", str(photo))
    assert code == 1 and "problem" in err
    assert out.startswith(
        "1 photo: written into 0 photos, 0 already up to date, 1 could not be written;"
    )
    _, out, _ = run(capsys, "problems", "--json")
    assert {p["path"]: p["code"] for p in json.loads(out)}[str(photo)] == "keywords-write"

    photo.chmod(0o644)
    code, out, _ = run(capsys, "metadata", "write", "--embed", "--quiet", str(photo))
    assert code == 0 and "written into 1 photo," in out
    assert exiftool_keywords(photo)["Xmp.digiKam.TagsList"] == ["Pets/Chelsea"]
    _, out, _ = run(capsys, "problems", "--json")
    assert [p["path"] for p in json.loads(out)] == [str(broken)]  # the other problem stays
