"""Photos tagged on a Ray cluster were counted by no runtime: the workers' results said which
runtime ran the CNN but not which made the embeddings, and `phototagger models` read them as
"scanned before this was recorded". A worker's result now says what embedded each photo, and the
library records it with the photo's embedding. (The worker's own code makes the results, on the
real network, and the scan's own merge takes them in: only Ray's transport is left out.)"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from phototagger.core.cluster import merge_results
from phototagger.core.cluster_worker import embed_rows
from phototagger.core.embedding_sources import describe_sources, embedding_sources
from phototagger.core.imaging import decode_photo
from phototagger.core.jobs import CancelToken, ProgressCallback
from phototagger.core.library import Library, open_library
from phototagger.core.scan import ScanSummary, scan
from phototagger.paths import default_home
from phototagger.store.photos import pending_photos
from tests.scan_helpers import never_load

DET = Path("/work/shared/data/det-photos")


def test_photos_embedded_on_a_worker_are_counted_by_its_runtime(
    engine: Any, tmp_path: Path
) -> None:
    pics = tmp_path / "Pictures"
    pics.mkdir()
    for source in sorted(DET.glob("*.jpg"))[:3]:
        shutil.copy(source, pics / source.name)
    shutil.copy(pics / source.name, pics / "copy.jpg")  # an identical copy: one embedding

    def on_a_worker(
        library: Library,
        summary: ScanSummary,
        report: ProgressCallback,
        token: CancelToken,
        order: str,
    ) -> None:
        paths = [photo.path for photo in pending_photos(library.db, order=order)]
        rows = embed_rows(engine, paths, [decode_photo(path) for path in paths])
        merge_results(library, rows.to_pylist(), summary)

    with open_library(default_home()) as lib:
        summary = scan(lib, [str(pics)], never_load, remote=on_a_worker, people=False)
        assert summary.tagged == 4
        assert embedding_sources(lib.db) == {engine.embedder: 3}
        assert describe_sources(lib.db) == (
            "embeddings: 4 photos (1 is an identical copy of another, sharing its embedding); "
            f"made by {engine.embedder} for 3 photos"
        )
