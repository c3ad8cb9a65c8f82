"""The review queue reads the user's past answers about a tag under the versions they were given
under (core/model/review._unseen_turns): each such version's head is read from disk once, not on
every queue (at 20 versions that was 20 loads, 1.1 s of a 1.4 s queue). A version saved again
under a name given before is read again; the user's thresholds are read as they are now. The
answered photos' ImageNet probabilities are computed once a queue, not once a version."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from phototagger.core.embedding_matrix import embedding_matrix
from phototagger.core.library import Library, open_library
from phototagger.core.model import review
from phototagger.core.probability_matrix import build_probabilities
from phototagger.core.review_mix import FEWEST
from phototagger.core.score_cache import cache_key
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.paths import default_home
from phototagger.store import tags as tag_store
from phototagger.store.settings import set_setting
from tests.softmax_count import softmax_rows
from tests.store_helpers import embedded_photos
from tests.taught_tags import taught

VERSIONS = 6


def _photos(lib: Library, count: int = 30) -> list[int]:
    rng = np.random.default_rng(0)
    vectors = np.clip(rng.normal(0.4, 0.8, (count, 1280)), 0, 6).astype(np.float32)
    return embedded_photos(lib.db, vectors)


def _answered_under_each(lib: Library, ids: list[int]) -> None:
    """VERSIONS versions of 'cats', two photos answered no under each (a day after it)."""
    for n in range(2, 2 + VERSIONS):
        taught(lib, "cats", {"Persian cat": 1.0}, f"v{n}", created_at=f"2026-01-{n:02d}T00:00:00")
        for pid in ids[2 * n : 2 * n + 2]:
            tag_store.reject_tag(lib.db, pid, "cats")
            lib.db.execute(
                "UPDATE photo_tags SET decided_at = ? WHERE photo_id = ?",
                [f"2026-01-{n:02d}T12:00:00", pid],
            )


def test_each_older_version_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[str] = []
    real = ModelVersions.load_head

    def counted(self: ModelVersions, version: str, base: Any) -> Any:
        loaded.append(version)
        return real(self, version, base)

    monkeypatch.setattr(ModelVersions, "load_head", counted)
    with open_library(default_home()) as lib:
        _answered_under_each(lib, _photos(lib))
        loaded.clear()
        # Twelve "no" in a row on photos scored under half the cut, under six versions.
        assert review._unseen_turns(lib, "cats") == FEWEST
        assert sorted(loaded) == sorted(f"v{n}" for n in range(2, 2 + VERSIONS))
        loaded.clear()
        assert review._unseen_turns(lib, "cats") == FEWEST
        assert loaded == []  # each read once

        # A version saved again under its name (a discarded version's name given again) is
        # read again, the others are not.
        last = f"v{1 + VERSIONS}"
        up_to = lib.models.record(last).decisions_up_to  # trained on the same answers
        day = f"2026-01-{1 + VERSIONS:02d}"
        taught(lib, "cats", {"Persian cat": 1.0}, last, created_at=day, decisions_up_to=up_to)
        loaded.clear()
        review._unseen_turns(lib, "cats")
        assert loaded == [last]

        # The user's own threshold for the tag, as it is now.
        head = review._answered_under(lib, "v2")
        assert head is not None
        column = list(head.tag_names).index("cats")
        assert head.thresholds[column] == pytest.approx(0.5)
        set_setting(lib.db, "thresholds", {"cats": 0.8})
        head = review._answered_under(lib, "v2")
        assert head is not None and head.thresholds[column] == pytest.approx(0.8)


def test_the_answers_softmax_runs_once_a_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    """The answered photos' ImageNet probabilities depend on their embeddings and the default
    head, not on the version: they were computed again for each version (at 30 versions most of
    a queue's time), and are now computed once, or read from the library's copy of them."""
    computed = softmax_rows(monkeypatch)
    with open_library(default_home()) as lib:
        _answered_under_each(lib, _photos(lib))
        computed.clear()
        # Twelve "no" in a row, each under half the cut of the version it was given under.
        assert review._unseen_turns(lib, "cats") == FEWEST
        assert computed == [2 * VERSIONS]  # the twelve answers at once, not six times two

        # With the probabilities' copy a scan's last step makes (core/job_end_copies.py).
        cache = lib.home.embeddings_cache
        matrix = embedding_matrix(lib.db, BACKBONE_NAME, cache, min_photos=0)
        assert matrix is not None
        default = load_default_head()
        key = cache_key(default, BACKBONE_NAME)
        assert build_probabilities(lib.db, cache, BACKBONE_NAME, matrix, default, key)
        computed.clear()
        assert review._unseen_turns(lib, "cats") == FEWEST
        assert computed == []
