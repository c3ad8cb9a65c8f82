"""`models use v5` on the already active v5 said "1 photo's tags changed" after a tag merge. The
merge moved the merged tag's suggestions onto the tag it went into, but the version scores that
tag by its own column and drops the merged one's (core/tag_map.py), so re-tagging with it took
those suggestions away again: the photos showed what no model gave, until the next re-tag."""

from __future__ import annotations

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.switch_helpers import save_second_version, synthetic_library


def _rows(tag: str) -> dict[int, tuple[str | None, float | None]]:
    with open_library(default_home()) as lib:
        return {
            photo: (state, None if confidence is None else round(confidence, 6))
            for photo, state, confidence in lib.db.execute(
                "SELECT photo_id, state, confidence FROM photo_tags JOIN tags ON tags.id = tag_id"
                " WHERE tags.name = ?",
                [tag],
            ).fetchall()
        }


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_the_active_version_used_again_changes_nothing_after_a_merge(
    capsys: pytest.CaptureFixture[str], version: str
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 40)
    if version == "v2":
        save_second_version("v2")
        assert run(capsys, "models", "use", "v2")[0] == 0
    # A yes on one of kitchen's photos: the user's word moves with the merge.
    said = next(iter(_rows("kitchen")))
    assert run(capsys, "label", f"/synthetic/{said - 1:06d}.jpg", "--add", "kitchen")[0] == 0
    food_before = _rows("food")
    code, out, _ = run(capsys, "tag", "merge", "kitchen", "food")
    assert code == 0 and out.startswith("merged 'kitchen' into 'food' ("), out
    merged = _rows("food")
    assert merged[said][0] == "accepted"
    code, out, _ = run(capsys, "models", "use", version)
    assert (code, out) == (0, f"{version} was active already; no photo's tags changed\n")
    # The same photos show 'food', the suggestions at the same scores (the user's yes keeps
    # kitchen's score, the higher, until a re-tag gives it food's).
    after = _rows("food")
    assert after.keys() == merged.keys()
    assert {p: r for p, r in after.items() if p != said} == {
        p: r for p, r in merged.items() if p != said
    }
    # The suggestions are the version's own for 'food'; kitchen's went with its column.
    assert {p: r for p, r in merged.items() if r[0] is None} == {
        p: r for p, r in food_before.items() if r[0] is None and p != said
    }


def test_a_merge_into_a_tag_the_version_does_not_score_keeps_the_suggestions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """'dog' merged into 'pets', a tag of the user's own that no version scores: the version
    scores 'pets' by dog's column, so dog's suggestions are pets' now."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 40)
    save_second_version("v2")
    assert run(capsys, "models", "use", "v2")[0] == 0
    dogs = {p for p, (state, _) in _rows("dog").items() if state is None}
    assert dogs
    assert run(capsys, "label", "/synthetic/000000.jpg", "--add", "pets")[0] == 0
    assert run(capsys, "tag", "merge", "dog", "pets")[0] == 0
    assert dogs <= set(_rows("pets"))
    code, out, _ = run(capsys, "models", "use", "v2")
    assert (code, out) == (0, "v2 was active already; no photo's tags changed\n")
