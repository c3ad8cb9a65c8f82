"""A taught tag learns from its own answers: photos the user answered only for another tag are
unlabelled for it (the parent's score is a soft target there, not a yes or a no)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from phototagger.core import tag_learning
from phototagger.core.labels import label_paths
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import train_candidate
from tests.retrain_helpers import FACES, PATCHES, label_faces, library_from

pytestmark = pytest.mark.model  # runs the real network: full tier only


def test_answers_for_another_tag_are_not_this_tags_answers(
    template: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics, positives=10, negatives=12)
        # Another tag answered on photos "face" has no answer for: the faces not taught (the
        # parent will score them high for "face") and the patches not taught.
        faces = [str(pics / f"face{i:03d}.jpg") for i in range(10, FACES)]
        patches = [str(pics / f"patch{i:03d}.jpg") for i in range(12, PATCHES)]
        label_paths(lib.db, patches, add=["blur"])
        label_paths(lib.db, faces, reject=["blur"])
        activate_version(lib, train_candidate(lib).version)

        # One more answer for "face" only: "face" is the one tag learned again.
        label_paths(lib.db, [str(pics / "chelsea.jpg")], reject=["face"])
        seen: list[np.ndarray] = []
        real = tag_learning.tag_threshold

        def recorded(*args: Any, **kwargs: Any) -> float:
            seen.append(np.asarray(args[2]).copy())  # the answers the threshold is set from
            return real(*args, **kwargs)

        monkeypatch.setattr(tag_learning, "tag_threshold", recorded)
        result = train_candidate(lib)
        assert set(result.counts["learned"]) == {"face"}
        answers = seen[-1]  # the final fit's, of its one tag
        assert len(answers) == 10 + 12 + 1, len(answers)
        assert int(answers.sum()) == 10
