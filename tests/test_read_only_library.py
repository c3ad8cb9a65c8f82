"""A library the user cannot write: reading commands work, writing ones say why (issue 9.8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.read_only import read_only_view
from tests.store_helpers import add_photo


def test_reading_works_and_writing_says_why(
    tmp_path: Path,
    library_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_library(default_home()) as lib:
        add_photo(lib.db, "/photos/a.jpg")
        label_paths(lib.db, ["/photos/a.jpg"], add=["mine"])
    with read_only_view(library_home, tmp_path / "ro-view") as view:
        monkeypatch.setenv("PHOTOTAGGER_HOME", str(view))
        capsys.readouterr()
        assert main(["stats", "--json"]) == 0
        stats = json.loads(capsys.readouterr().out)
        assert stats["photos"] == 1 and stats["user_decisions"] == 1
        assert main(["export", "--json"]) == 0
        [record] = json.loads(capsys.readouterr().out)
        assert record["tags"][0]["name"] == "mine"
        assert main(["search", "mine"]) == 0
        assert "/photos/a.jpg" in capsys.readouterr().out
        assert main(["tags", "/photos/a.jpg"]) == 0
        assert main(["problems"]) == 0
        capsys.readouterr()
        for writing in (
            ["label", "/photos/a.jpg", "--add", "other"],
            ["scan", str(tmp_path), "--quiet"],
        ):
            assert main(writing) == 3
            err = capsys.readouterr().err
            assert "read-only" in err and "Traceback" not in err, err
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(library_home))
    with open_library(default_home()) as lib:  # nothing was changed behind the user's back
        assert [t for t in lib.db.execute("SELECT count(*) FROM photo_tags")] == [(1,)]
