"""`phototagger tags PHOTO` showed a photo's state as the database stores it: "[pending]",
"[problem]", "[missing]". It says it in words: waiting to be tagged, cannot be read and why (as
`problems` says it), missing with its tags kept; --json keeps the stored state."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.problems import record_problem
from tests.cli_helpers import run
from tests.photo_factory import text_as_jpg
from tests.store_helpers import add_photo


def test_tags_says_a_photos_state_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = text_as_jpg(tmp_path / "notes.jpg")
    why = "this is not a picture: its contents are not JPEG, whatever its name says"
    with open_library(default_home()) as lib:
        add_photo(lib.db, str(tmp_path / "waiting.jpg"), status="pending")
        add_photo(lib.db, str(tmp_path / "gone.jpg"), status="missing")
        add_photo(lib.db, str(notes), status="problem")
        record_problem(lib.db, str(notes), "NOT_AN_IMAGE", why)
        lib.db.conn.commit()

    said = {
        "waiting.jpg": "waiting to be tagged (phototagger scan tags it)",
        "gone.jpg": "missing: the file is no longer there (it was moved or deleted); its tags "
        "are kept",
        "notes.jpg": f"cannot be read: {why}",
    }
    for name, state in said.items():
        code, out, _ = run(capsys, "tags", str(tmp_path / name))
        assert code == 0
        assert out.splitlines()[0] == f"{tmp_path / name}  [{state}]"
    code, out, _ = run(capsys, "tags", "--json", str(tmp_path / "gone.jpg"))
    assert json.loads(out)["status"] == "missing"
