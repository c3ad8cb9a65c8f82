"""Training knows which of a tag's positives the user gave where no model suggested it (added
with T, or a keyword in the file): chosen by what the photo shows, not by a score, which is how
a default tag's threshold reads them (core/tag_threshold.py)."""

from __future__ import annotations

import numpy as np

from phototagger.core.training_set import label_index
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.store.embeddings import put_embeddings
from phototagger.store.states import TagState
from phototagger.store.tags import add_user_tag, reject_tag, set_user_state, write_model_tags
from tests.scan_helpers import new_library
from tests.store_helpers import add_photo


def test_photos_given_a_tag_it_was_not_suggested_on_are_told_apart() -> None:
    with new_library() as lib:
        ids = [add_photo(lib.db, f"/p/{i}.jpg") for i in range(5)]
        vector = np.zeros(1280, np.float32).tobytes()
        put_embeddings(lib.db, BACKBONE_NAME, [(i, vector) for i in ids])
        suggested, unsuggested, keyword, rejected, rejected_suggestion = ids
        write_model_tags(lib.db, suggested, {"dog": 0.9}, ["dog"], "v1")
        write_model_tags(lib.db, rejected_suggestion, {"dog": 0.8}, ["dog"], "v1")
        add_user_tag(lib.db, suggested, "dog")  # accepted: a suggestion confirmed
        add_user_tag(lib.db, unsuggested, "dog")  # added: T where the model saw no dog
        set_user_state(lib.db, keyword, "dog", TagState.FILE)
        reject_tag(lib.db, rejected, "dog")
        reject_tag(lib.db, rejected_suggestion, "dog")
        labels = label_index(lib.db, ["dog"])
        assert labels.positives["dog"] == 3 and labels.negatives["dog"] == 2
        assert labels.unsuggested["dog"] == {unsuggested, keyword}
