"""`label --add monkeys` beside the vocabulary's `monkey`: the app asks which tag is meant, the
command line (which asks nothing) says so on stderr and labels as told."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.cli import main
from tests.cli_helpers import scan_with
from tests.photo_factory import real_photo


def test_a_new_tag_like_an_existing_one_gets_a_note(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = real_photo(tmp_path / "cat.jpg", "chelsea")
    assert scan_with(engine, tmp_path, monkeypatch, capsys) == 0

    assert main(["label", str(photo), "--add", "cats", "--reject", "grandma's garden"]) == 0
    out, err = capsys.readouterr()
    assert "labelled 1 photo" in out
    assert err.strip().splitlines() == [
        "phototagger: note: 'cats' is a new tag, but 'cat' exists "
        '(`phototagger tag merge "cats" "cat"` joins them)',
        # A new name rejected is a tag invented too: near the built-in 'garden'.
        "phototagger: note: 'garden' is already a tag the tagger looks for, on no photo yet; "
        "'grandma's garden' is a new one",
    ]
    assert main(["tags", str(photo)]) == 0
    assert "cats" in capsys.readouterr().out  # labelled as told, not as guessed

    # Once "cats" exists it is a tag like any other: no note.
    assert main(["label", str(photo), "--reject", "cats"]) == 0
    assert capsys.readouterr().err == ""
