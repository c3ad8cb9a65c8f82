"""The model side compares tag names as the database does. Tag names are UNIQUE COLLATE NOCASE,
which folds ASCII letters only: 'Dog' and 'dog' are one tag, 'Äpfel' and 'äpfel' two. Training's
labels, the replay of renames onto saved versions, a version's record check and the people tags'
lookup folded with str.casefold, making one of the two (tests/test_retrain_unicode_case.py
trains the real model on both)."""

from __future__ import annotations

import numpy as np

from phototagger.core.people import PeopleRules, PeopleTag, _people_tag
from phototagger.core.tag_admin import merge_tags, rename_tag, tag_changes
from phototagger.core.tag_map import column_map
from phototagger.core.training_set import label_index
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.version_check import check_record
from phototagger.store.embeddings import put_embeddings
from phototagger.store.tags import add_user_tag, all_tags, reject_tag
from tests.scan_helpers import new_library
from tests.store_helpers import add_photo


def test_decisions_on_two_tags_apart_beyond_ascii_case_are_two_tags_labels() -> None:
    with new_library() as lib:
        ids = [add_photo(lib.db, f"/p/{i}.jpg") for i in range(4)]
        vector = np.zeros(1280, np.float32).tobytes()
        put_embeddings(lib.db, BACKBONE_NAME, [(i, vector) for i in ids])
        add_user_tag(lib.db, ids[0], "Äpfel")
        add_user_tag(lib.db, ids[1], "äpfel")
        reject_tag(lib.db, ids[1], "Äpfel")
        add_user_tag(lib.db, ids[2], "dog")
        assert {n for n, _ in all_tags(lib.db)} >= {"Äpfel", "äpfel"}  # two tags in the library

        labels = label_index(lib.db, ["Äpfel", "Dog"])  # the model's spellings
        assert labels.by_photo[ids[0]] == {"Äpfel": True}
        assert labels.by_photo[ids[1]] == {"äpfel": True, "Äpfel": False}
        assert labels.positives == {"Äpfel": 1, "äpfel": 1, "Dog": 1}  # 'dog' is the model's 'Dog'
        assert labels.negatives == {"Äpfel": 1}


def test_a_rename_or_merge_replays_onto_the_column_of_its_own_tag() -> None:
    saved = ["Äpfel", "äpfel", "Dog"]  # a version that learned both, and 'Dog'
    with new_library() as lib:
        photo = add_photo(lib.db, "/p/a.jpg")
        for name in ("Äpfel", "äpfel", "Dog", "Birnen"):
            add_user_tag(lib.db, photo, name)
        rename_tag(lib.db, "äpfel", "Obst")
        assert column_map(saved, tag_changes(lib.db), None) == (["Äpfel", "Obst", "Dog"], [0, 1, 2])
        rename_tag(lib.db, "dog", "Hund")  # ASCII case: the column 'Dog' follows, as ever
        assert column_map(saved, tag_changes(lib.db), None) == (
            ["Äpfel", "Obst", "Hund"],
            [0, 1, 2],
        )
        # Merging 'Obst' into 'Birnen' (no column): 'Äpfel' stays; 'Obst''s column is renamed.
        merge_tags(lib.db, "Obst", "Birnen")
        assert column_map(saved, tag_changes(lib.db), None) == (
            ["Äpfel", "Birnen", "Hund"],
            [0, 1, 2],
        )
    # A merge onto a name that only casefolds like a column keeps that column apart.
    changes = [("2026-01-01", "Äpfel", "äpfel")]
    assert column_map(["äpfel", "Äpfel"], changes, None) == (["äpfel"], [0])
    assert column_map(["Äpfel", "Birnen"], changes, None) == (["äpfel", "Birnen"], [0, 1])


def test_a_version_may_have_outputs_for_both_tags() -> None:
    record = {"version": "v2", "tags": ["Äpfel", "äpfel"], "thresholds": [0.5, 0.5]}
    check_record(record, "v2")  # two tags of the library: no "names a tag twice"
    twice = {"version": "v2", "tags": ["Dog", "dog"], "thresholds": [0.5, 0.5]}
    try:
        check_record(twice, "v2")
    except Exception as exc:  # noqa: BLE001 - DamagedModelError, the message is the point
        assert "names a tag twice" in str(exc)
    else:
        raise AssertionError("'Dog' and 'dog' are one tag: a record naming both is damaged")


def test_a_people_tag_is_found_as_the_database_finds_it() -> None:
    rules = PeopleRules((PeopleTag("Ärzte", 3), PeopleTag("people")), 0.9)
    assert _people_tag(rules, " PEOPLE ") == rules.tags[1]
    assert _people_tag(rules, "ÄRZTE") == rules.tags[0]
    assert _people_tag(rules, "ärzte") is None  # another tag of the library
