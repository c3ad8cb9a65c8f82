"""words48: a version's record that says "Crete trip is new, so v4 has nothing to compare it
with, and on monkeys, which v4 has too, it had learned from …" named the new tag under its name
now after a `tag rename` (verdict46), but the tags after "and on" under the names the run knew:
'monkeys' renamed 'primates' still read "and on monkeys, which v4 has too". Now each follows.
The sentence as core/validation.verdict writes it, read as `models` and Model ▸ Versions read it
(core/model/listing.named_now); the real run is in tests/test_models_new_tag_verdict_words.py."""

from __future__ import annotations

from phototagger.core.model.listing import named_now
from phototagger.core.validation import verdict
from phototagger.ml.model_version import ModelVersion

TAGS = ("Crete trip", "birds", "monkeys")


def _said(renames: list[tuple[str, str | None]]) -> str:
    """The record's sentence, after `renames` ((old, new); new None: deleted)."""
    _, said = verdict([], "v4", {"monkeys": 5, "birds": 2}, ["Crete trip"], {"Crete trip"})
    record = ModelVersion("v5", TAGS, (0.5,) * len(TAGS), parent="v4", summary=said)
    changes = [("2026-12-06T15:00:00", old, new) for old, new in renames]
    return named_now(said, record, changes)


def test_the_tags_the_old_version_learned_from_follow_a_rename() -> None:
    assert _said([]) == (
        "nothing to compare old and new on yet: Crete trip is new, so v4 has nothing to compare "
        "it with, and on birds, monkeys, which v4 has too, 7 of the answers this one was checked "
        "on are ones v4 had learned from, so they cannot show which is better (answers you give "
        "from now on can)"
    )
    said = _said([("birds", "aves"), ("monkeys", "primates"), ("Crete trip", "Crete 2024")])
    assert said.startswith(
        "nothing to compare old and new on yet: Crete 2024 is new, so v4 has nothing to compare "
        "it with, and on aves, primates, which v4 has too, 7 of the answers this one was checked "
    ), said
    # The first of them alone too.
    assert ", and on aves, monkeys, which v4 has too" in _said([("birds", "aves")])
    # A tag deleted since keeps the name it was learned under.
    assert ", and on birds, monkeys, which v4" in _said([("monkeys", None)])
