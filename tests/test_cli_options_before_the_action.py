"""`phototagger tag --home DIR rename cat kitty` renamed 'cat' in the default library, not in DIR:
argparse filled the action's own unset --home (and --json) with their defaults over the
command's. An option given before the action (`tag`, `metadata`, `models`) now counts as one
given after it, and the library the user named is the one changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.photo_factory import real_photo
from tests.store_helpers import add_photo


def _library_with_a_cat(home: Path, photo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home(home)) as library:
        add_photo(library.db, str(photo), size=photo.stat().st_size)
    assert run(capsys, "label", "--home", str(home), str(photo), "--add", "cat")[0] == 0


def _tags(capsys: pytest.CaptureFixture[str], home: Path, photo: Path) -> set[str]:
    code, out, _ = run(capsys, "tags", "--json", "--home", str(home), str(photo))
    assert code == 0
    return {t["name"] for t in json.loads(out)["tags"]}


@pytest.mark.parametrize("where", ["before", "after"])
def test_home_and_json_before_the_action_are_kept(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    usual = tmp_path / "usual home"  # PHOTOTAGGER_HOME: the library the user did not name
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(usual))
    other = tmp_path / "other home"
    usual_photo = real_photo(tmp_path / "usual" / "cat.jpg", "chelsea")
    other_photo = real_photo(tmp_path / "other" / "cat.jpg", "chelsea")
    _library_with_a_cat(usual, usual_photo, capsys)
    _library_with_a_cat(other, other_photo, capsys)

    def argv(command: str, action: str, *rest: str, json_out: bool = False) -> list[str]:
        options = ["--home", str(other)] + (["--json"] if json_out else [])
        if where == "before":
            return [command, *options, action, *rest]
        return [command, action, *options, *rest]

    assert run(capsys, *argv("tag", "rename", "cat", "kitty"))[0] == 0
    assert _tags(capsys, other, other_photo) == {"kitty"}
    assert _tags(capsys, usual, usual_photo) == {"cat"}

    code, out, _ = run(capsys, *argv("metadata", "write", "--quiet", json_out=True))
    assert code == 0 and json.loads(out)["photos"] == 1
    assert any(p.suffix == ".xmp" for p in other_photo.parent.iterdir())
    assert not any(p.suffix == ".xmp" for p in usual_photo.parent.iterdir())

    assert run(capsys, *argv("tag", "delete", "kitty"))[0] == 0
    assert _tags(capsys, other, other_photo) == set()
    assert _tags(capsys, usual, usual_photo) == {"cat"}
