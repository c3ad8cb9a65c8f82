"""What a job that wrote embeddings (a scan) leaves for the next training: the embeddings'
copy (core/embedding_matrix.py) and the default head's probabilities of every page
(core/probability_matrix.py). The next training or re-tag would otherwise make them first, on
the user's clock: ~3 s and 2-4 s of every training for 100,000 photos on 2 cores, against the
scan's hours. And Find Similar's ranking (core/similar.py), which its first click in a new
process would otherwise build."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from phototagger.core.embedding_matrix import embedding_matrix
from phototagger.core.library import Library
from phototagger.core.probability_matrix import build_probabilities, load_probabilities
from phototagger.core.score_cache import cache_key
from phototagger.core.similar import keep_similar_ranking
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head


def refresh_after_job(
    library: Library,
    backbones: Sequence[str],
    cancelled: Callable[[], bool] | None = None,
    building: Callable[[], None] | None = None,
) -> None:
    """Make whichever of the copies is missing or stale for each backbone. Nothing to do where
    they are current or the library is small (MIN_PHOTOS); a cancel stops it between pages and
    leaves no copy. `building` is called before anything is computed (a progress line)."""
    cache = library.home.embeddings_cache
    for backbone in dict.fromkeys(backbones):
        if cancelled is not None and cancelled():
            return
        matrix = embedding_matrix(
            library.db, backbone, cache, cancelled=cancelled, building=building
        )
        if cancelled is not None and cancelled():
            return
        if backbone == BACKBONE_NAME:
            # Find Similar's ranking, kept beside the library (core/similar.py).
            if matrix is None:
                keep_similar_ranking(library.db, backbone)
            else:
                keep_similar_ranking(library.db, backbone, matrix.rows, matrix.generation)
        if matrix is None or (cancelled is not None and cancelled()):
            continue
        default = load_default_head()
        key = cache_key(default, backbone)
        if load_probabilities(library.db, cache, backbone, matrix, key) is None:
            if building is not None:
                building()
            build_probabilities(library.db, cache, backbone, matrix, default, key, cancelled)
