"""The pieces of the Ray merge that stand in for the CNN and the face detector (no cluster, no
model): a photo's frame vectors come back as they went in, once; faces found on a worker are
recorded with the worker's detector version, and a photo the worker did not look at is left to
`phototagger people`."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from PIL import Image

from phototagger.core.cluster import FacesFromCluster, FoundFace, FrameTable
from phototagger.core.people import load_rules, people_scores
from phototagger.store.connection import transaction
from phototagger.store.faces import faces_of, photos_to_examine
from phototagger.store.tags import tags_of_photo
from tests.store_helpers import add_photo


def test_frame_vectors_come_back_once_by_their_keys() -> None:
    table = FrameTable()
    still = np.arange(4, dtype=np.float32)[None]
    clip = np.arange(12, dtype=np.float32).reshape(3, 4) + 100
    still_keys, clip_keys = table.add(still), table.add(clip)
    assert still_keys.shape == (1, 1) and clip_keys.shape == (3, 1)
    # As embed_pooled stacks them: the clip's frames, then the still, in one "pixel" batch.
    np.testing.assert_array_equal(
        table.take(np.concatenate([clip_keys, still_keys])), np.concatenate([clip, still])
    )
    with pytest.raises(KeyError):  # taken once: a second merge of the same keys cannot reuse them
        table.take(still_keys)


def _photo(db: Any, name: str) -> int:
    return add_photo(db, f"/photos/{name}.jpg", content_hash=name)  # a hash: people looks at it


def test_worker_faces_are_recorded_with_its_version_and_unlooked_photos_left(db: Any) -> None:
    people = FacesFromCluster()
    rules = load_rules()
    face = FoundFace(0.2, 0.1, 0.3, 0.4, 0.99)
    with_face, without, unlooked = (Image.new("RGB", (8, 8)) for _ in range(3))
    people.add(with_face, "mtcnn/worker", [face])
    people.add(without, "mtcnn/worker", [])
    ids = [_photo(db, "a"), _photo(db, "b"), _photo(db, "c")]
    # In another order than added: matched by thumbnail, not by position.
    found = people.detect_later([unlooked, with_face, without]).result()
    assert [len(f) for f in found] == [0, 1, 0]
    with transaction(db):
        people.record(db, [ids[2], ids[0], ids[1]], found)
    (stored,) = faces_of(db, ids[0])
    assert (stored.x, stored.y, stored.w, stored.h, stored.confidence) == (0.2, 0.1, 0.3, 0.4, 0.99)
    assert stored.detector == "mtcnn/worker"
    tags = {t.name: t for t in tags_of_photo(db, ids[0])}
    assert tags["people"].model_version == "mtcnn/worker"
    assert set(people_scores([face], rules)[1]) <= tags.keys()
    assert faces_of(db, ids[1]) == [] and faces_of(db, ids[2]) == []
    # Looked at: a and b; c (no faces from the worker) is left to the people follow-up.
    assert [pid for pid, _, _ in photos_to_examine(db, ["mtcnn/worker"])] == [ids[2]]
