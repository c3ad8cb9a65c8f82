"""The command line said "renamed 'cat' to 'kitty' (1 photos)", "exported 1 photos" and "1 photos:
1 files written" where the app says "1 photo": a count of one is singular in every message, and
`--json` keeps its numbers as they were."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.photo_factory import real_photo
from tests.store_helpers import add_photo


def _one_photo_library(tmp_path: Path) -> Path:
    """A library holding one real photo (as a scan leaves it), no model needed."""
    photo = real_photo(tmp_path / "Pictures" / "cat.jpg", "chelsea")
    with open_library(default_home()) as library:
        add_photo(library.db, str(photo), size=photo.stat().st_size)
    return photo


def test_one_photo_is_said_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = _one_photo_library(tmp_path)
    assert run(capsys, "label", str(photo), "--add", "cat", "--add", "dog") == (
        0,
        "labelled 1 photo\n",
        "",
    )
    assert run(capsys, "tag", "rename", "cat", "kitty")[1] == "renamed 'cat' to 'kitty' (1 photo)\n"
    assert run(capsys, "tag", "merge", "kitty", "dog")[1] == "merged 'kitty' into 'dog' (1 photo)\n"
    code, out, err = run(capsys, "metadata", "write", "--quiet", str(photo))
    assert code == 0 and out.startswith(
        "1 photo: written into 1 new sidecar file beside its photo (as your setting asks; "
        "--embed writes into the files), 0 already up to date; "
        "1 keyword added"
    )
    assert run(capsys, "export")[2] == "exported 1 photo\n"
    assert run(capsys, "search", "dog")[2] == "1 photo\n"
    assert run(capsys, "tag", "delete", "dog")[1] == "deleted 'dog' from 1 photo\n"


def test_two_photos_stay_plural_and_json_keeps_its_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = _one_photo_library(tmp_path)
    other = real_photo(tmp_path / "Pictures" / "coffee.jpg", "coffee")
    with open_library(default_home()) as library:
        add_photo(library.db, str(other), size=other.stat().st_size)
    assert run(capsys, "label", str(photo), str(other), "--add", "cat")[1] == "labelled 2 photos\n"
    assert run(capsys, "tag", "rename", "cat", "kitty")[1] == (
        "renamed 'cat' to 'kitty' (2 photos)\n"
    )
    code, out, _ = run(capsys, "tag", "rename", "kitty", "cat", "--json")
    assert code == 0 and json.loads(out) == {
        "action": "rename",
        "tag": "kitty",
        "new_name": "cat",
        "photos": 2,
        "child_tags": 0,
        "child_tags_merged": 0,
    }
    assert run(capsys, "export")[2] == "exported 2 photos\n"


def test_the_core_lines_the_command_line_prints_count_one_in_the_singular(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from phototagger.core.embedding_sources import describe_sources
    from phototagger.core.new_tag_wait import unread_note
    from phototagger.core.training_set import Labels
    from phototagger.ml.backbone_name import BACKBONE_NAME
    from phototagger.store.embeddings import put_embeddings

    one = Labels(by_photo={}, positives={}, negatives={}, unread={"cat": 1})
    assert "; 1 of your labels is on a photo that could not be read and does not count" in (
        unread_note(one)
    )
    assert "; 3 of your labels are on photos" in unread_note(
        Labels(by_photo={}, positives={}, negatives={}, unread={"cat": 1, "dog": 2})
    )
    with open_library(default_home()) as library:
        photo = add_photo(library.db, "/photos/a.jpg")
        put_embeddings(library.db, BACKBONE_NAME, [(photo, bytes(8))], "openvino")
        assert describe_sources(library.db) == "embeddings: 1 photo; made by openvino for 1 photo"
        code, out, _ = run(capsys, "models")
        assert code == 0 and "embeddings: 1 photo; made by openvino for 1 photo\n" in out
