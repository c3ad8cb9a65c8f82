"""A scan's end keeps Find Similar's ranking from the embeddings' copy it has just made
(core/job_end_copies.py). The copy is of the embeddings as they were when its statement began;
another process (the CLI rescanning edited photos while the app's scan ends) may write
embeddings meanwhile, before the ranking is kept. The ranking was then built from the copy's
old vectors and kept under the library's new embeddings generation: every later Find Similar,
in any process, ranked those photos by what they showed before, until the next change. Now the
copy is used only when it is of the library's current embeddings.

Real SQLite library files, 2,500 photos with embeddings shaped like the real model's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from phototagger.core.embedding_matrix import embedding_matrix
from phototagger.core.job_end_copies import refresh_after_job
from phototagger.core.library import open_library
from phototagger.core.similar import keep_similar_ranking
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.paths import default_home
from phototagger.store.connection import open_database
from tests.test_similar_kept_ranking import _anew, _assert_same, _built, _embed, _fill, _vectors


def test_a_copy_made_before_other_embeddings_were_written_is_not_kept(
    db: Any,  # noqa: ANN401
    tmp_path: Path,
) -> None:
    ids = _fill(db)
    copy = embedding_matrix(db, BACKBONE_NAME, tmp_path / "cache")
    assert copy is not None
    _embed(db, ids[:40], _vectors(40, 98))  # another process rescans 40 edited photos
    keep_similar_ranking(db, BACKBONE_NAME, copy.rows, copy.generation)
    _assert_same(_anew(db), _built(db))


def test_a_scan_end_keeps_the_ranking_of_embeddings_written_meanwhile(tmp_path: Path) -> None:
    """The scan's last step as the app runs it, while another process writes embeddings once
    the copy's statement has begun (at the scan's second look whether it was cancelled): the
    ranking kept is the library's as it is after."""
    library = open_library(default_home())
    other = open_database(library.home.database)
    try:
        ids = _fill(library.db)
        asked = 0

        def other_process_writes() -> bool:
            nonlocal asked
            asked += 1
            if asked == 2:
                _embed(other, ids[:40], _vectors(40, 98))
            return False

        refresh_after_job(library, [BACKBONE_NAME], cancelled=other_process_writes)
        assert asked >= 2
        _assert_same(_anew(library.db), _built(library.db))
    finally:
        other.close()
        library.close()
