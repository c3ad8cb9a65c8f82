"""A tag name with '|': `label --add 'Place|Garden'` was taken, and `metadata write` put it in
hierarchicalSubject, where '|' is Lightroom's level separator; read back (a rescan, `metadata
read`) the photo had a second tag, 'Place/Garden', beside the one the user made. New names with
'|' are refused in one line; a tag that already holds one (read from a file) can still be
removed or renamed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.cli import main
from tests.cli_helpers import run, scan_with
from tests.keyword_readers import digikam_tags
from tests.photo_factory import real_photo


def _tags(capsys: pytest.CaptureFixture[str], photo: Path) -> dict[str, str]:
    assert main(["tags", "--json", str(photo)]) == 0
    return {t["name"]: t["state"] for t in json.loads(capsys.readouterr().out)["tags"]}


def test_a_bar_in_a_new_tag_name_is_refused(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = real_photo(tmp_path / "Pictures" / "cat.jpg", "chelsea")
    digikam_tags(photo, ["Old|Keyword", "Trips"])
    assert scan_with(engine, photo.parent, monkeypatch, capsys) == 0
    before = _tags(capsys, photo)
    assert before["Old|Keyword"] == before["Trips"] == "from file"

    for action in ("--add", "--reject"):
        code, out, err = run(capsys, "label", str(photo), action, "Place|Garden")
        assert code == 2 and out == "" and err.count("\n") == 1
        assert "cannot hold '|'" in err and "'Place/Garden'" in err
    code, _, err = run(capsys, "tag", "rename", "Trips", "Travel | 2024")
    assert code == 2 and err.count("\n") == 1 and "'Travel/2024'" in err
    assert _tags(capsys, photo) == before

    # The one read from the file is the user's to fix: renamed to a hierarchy, or removed.
    assert run(capsys, "tag", "rename", "Old|Keyword", "Old/Keyword")[0] == 0
    assert run(capsys, "label", str(photo), "--remove", "Old/Keyword")[0] == 0
    assert _tags(capsys, photo)["Old/Keyword"] == "rejected"
