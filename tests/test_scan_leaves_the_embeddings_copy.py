"""A scan ends by making the embeddings' copy (core/job_end_copies.refresh_after_job) that
the next training would otherwise make on its own clock; a small library or a cancelled scan
gets none, and the training reads the scan's copy instead of making another."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from phototagger.core import embedding_matrix
from phototagger.core.embedding_matrix import EmbeddingMatrix
from phototagger.core.embeddings import decode_embeddings
from phototagger.core.jobs import CancelToken, Progress
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import train_candidate
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.store.embeddings import iter_embeddings
from tests.photo_factory import REAL_PHOTOS, real_photo
from tests.retrain_helpers import label_faces, library_from
from tests.scan_helpers import new_library, run_scan

pytestmark = pytest.mark.model

PREPARING = "preparing for training"


def _copies(lib: Any) -> list[Path]:
    return sorted(lib.home.embeddings_cache.glob("*/*.npy"))


def test_small_or_cancelled_scans_make_no_copy(
    engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pics = tmp_path / "pics"
    for i in range(2):
        for name in REAL_PHOTOS:
            real_photo(pics / f"{name}-{i}.jpg", name, quality=80 + i)
    phases: list[str] = []
    with new_library() as lib:
        token = CancelToken()

        def cancel_after_a_batch(p: Progress) -> None:
            phases.append(p.phase)
            if p.phase == "tagging" and p.done >= 4:
                token.cancel()

        with monkeypatch.context() as m:
            m.setattr(embedding_matrix, "MIN_PHOTOS", 1)
            assert run_scan(
                lib, [pics], engine, progress=cancel_after_a_batch, cancel=token, batch_size=4
            )
        assert PREPARING not in phases and _copies(lib) == []
        summary = run_scan(lib, [pics], engine, progress=lambda p: phases.append(p.phase))
        assert summary.tagged == 4 and not summary.cancelled
        # 8 photos, under MIN_PHOTOS: no copy and no step that says it makes one.
        assert PREPARING not in phases and _copies(lib) == []


def test_the_next_training_reads_the_copy_the_scan_made(
    template: Path, engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embedding_matrix, "MIN_PHOTOS", 1)
    lib, pics = library_from(template)
    with lib:
        real_photo(tmp_path / "more" / "rocket.jpg", "rocket")
        phases: list[str] = []
        assert run_scan(lib, [tmp_path / "more"], engine, progress=lambda p: phases.append(p.phase))
        assert PREPARING in phases
        rows = list(iter_embeddings(lib.db, BACKBONE_NAME))
        copy = embedding_matrix.embedding_matrix(lib.db, BACKBONE_NAME, lib.home.embeddings_cache)
        assert copy is not None and copy.ids.tolist() == [r[0] for r in rows]  # the new photo too
        np.testing.assert_array_equal(copy.vectors, decode_embeddings([r[1] for r in rows]))
        made = _copies(lib)  # and the default head's probabilities (core/probability_matrix)
        assert len(made) == 3 and sum(".probs-" in p.name for p in made) == 1

        def no_second_copy(*_: Any) -> None:
            raise AssertionError("the training made a copy of its own")

        read: list[int] = []
        original = EmbeddingMatrix.rows

        def counted(self: EmbeddingMatrix, photo_ids: Any) -> Any:
            read.append(len(photo_ids))
            return original(self, photo_ids)

        monkeypatch.setattr(embedding_matrix, "_build", no_second_copy)
        monkeypatch.setattr(EmbeddingMatrix, "rows", counted)
        label_faces(lib, pics)
        result = train_candidate(lib)  # its comparison reads every embedding
        assert sum(read) >= len(rows)
        activate_version(lib, result.version)
        assert _copies(lib) == made  # the same copy, neither replaced nor joined by another
