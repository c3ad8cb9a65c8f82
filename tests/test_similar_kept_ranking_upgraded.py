"""A ranking kept beside the library by a phototagger before likeness35 is built again.

The kept ranking (library.db.similar-cache) holds the library's likeness scale. That scale was
measured on the photos' projections, and Find Similar's figure read their cosine on it; the
figure is now the full embeddings' cosine, on a scale measured on them (a pair's figure no
longer moves with the library's size: tests/test_similar_figure_as_the_library_grows.py). Read
on the old scale, a full cosine reads less alike. A kept file of the old kind (its magic
PTSIMRK3) is never used: the ranking is built again and kept anew.

A real SQLite library file, 2,500 photos with embeddings shaped like the real model's.
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np

from phototagger.core import similar
from phototagger.core.embeddings import decode_embeddings
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.store.embeddings import iter_embeddings
from tests.test_similar_kept_ranking import _anew, _fill, _kept_file


def _as_an_older_phototagger_kept_it(db: Any) -> similar.LikenessScale:  # noqa: ANN401
    """Rewrite the kept file as phototagger kept it before: magic PTSIMRK3, the scale of the
    projections, its CRC made again. Returns that scale."""
    path = _kept_file(db)
    data = path.read_bytes()
    size = similar._KEPT_HEAD.size
    fields = list(similar._KEPT_HEAD.unpack(data[:size]))
    old = similar.likeness_scale(similar.load_index(db).reduced)
    fields[0], fields[6], fields[7] = b"PTSIMRK3", old.typical, old.standout
    head = similar._KEPT_HEAD.pack(*fields)
    rest = data[size + similar._KEPT_CRC.size :]
    crc = similar._KEPT_CRC.pack(zlib.crc32(rest, zlib.crc32(head)))
    path.write_bytes(head + crc + rest)
    return old


def test_an_older_kept_ranking_is_built_again(db: Any) -> None:  # noqa: ANN401
    _fill(db)
    similar.similar_index(db)  # built, and kept
    old = _as_an_older_phototagger_kept_it(db)
    vectors = decode_embeddings([blob for _, blob in iter_embeddings(db, BACKBONE_NAME)])
    full = similar.likeness_scale(similar._unit(vectors))
    assert abs(old.typical - full.typical) > 0.01  # the projections' scale is another

    ranking = _anew(db)  # a new process, as after an upgrade
    assert ranking.scale == full
    assert _kept_file(db).read_bytes()[:8] == similar._KEPT_MAGIC != b"PTSIMRK3"
    again = _anew(db)  # and the file kept anew is read as it is
    assert again.scale == full
    np.testing.assert_array_equal(again.reduced, ranking.reduced)
