"""The tag head re-tagging a photo leaves the people detector's tags alone, and the detector
leaves the head's tags alone: each owns its own suggestions; the user's decisions beat both."""

from __future__ import annotations

from typing import Any

from phototagger.core.people import load_rules, record_people
from phototagger.ml.faces import FaceBox
from phototagger.store.tags import (
    set_user_state,
    write_model_tags,
    write_model_tags_many,
)
from tests.store_helpers import add_photo, tag_states


def test_head_and_detector_keep_to_their_own_tags(db: Any) -> None:
    rules = load_rules()
    photo = add_photo(db, "/pics/family.jpg")
    faces = [FaceBox(0.1 * i, 0.3, 0.08, 0.1, 0.999) for i in range(1, 5)]
    write_model_tags(db, photo, {"beach": 0.9, "dog": 0.1}, ["beach"], "v1")
    record_people(db, photo, faces, "mtcnn-test", rules)
    assert tag_states(db, photo) == {"beach": None, "people": None, "group": None}

    write_model_tags(db, photo, {"beach": 0.2, "dog": 0.8}, ["dog"], "v2")
    assert tag_states(db, photo) == {"dog": None, "people": None, "group": None}
    write_model_tags_many(db, ["beach", "dog"], [(photo, [0.9, 0.1], [0])], "v3")
    assert tag_states(db, photo) == {"beach": None, "people": None, "group": None}

    set_user_state(db, photo, "people", "rejected")
    # Found again, now with one small face: `people` stays rejected, `group` goes.
    record_people(db, photo, faces[:1], "mtcnn-test", rules)
    assert tag_states(db, photo) == {"beach": None, "people": "rejected"}
