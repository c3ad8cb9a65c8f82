"""Tagging an archive on a Ray cluster (`phototagger scan --ray ADDRESS FOLDER`).

The scan lists and reconciles files here as always (core/scan.py); the pending photos' paths go to
a Ray Data pipeline (core/cluster_worker.py) that decodes and embeds them on the cluster's machines,
reading the files from shared storage. Each result is merged here by the scan's own batch commit:
the library's active head scores the embedding, so the tags are those a local scan gives, and the
user's decisions and trained heads never leave the library. Resumable and idempotent: a photo
leaves `pending` only in the transaction that stores its result, results for photos no longer
pending are dropped, and clips (their tags pool per-frame scores) are left to the local step.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from phototagger.core.cluster_worker import ClusterError, results_on_ray
from phototagger.core.decoders import MediaInfo, MediaKind
from phototagger.core.errors import PhotoError
from phototagger.core.imaging import DecodedPhoto, thumbnail_path
from phototagger.core.jobs import CancelToken, Progress, ProgressCallback, RateMeter
from phototagger.core.library import Library
from phototagger.core.model.active import active_version
from phototagger.core.model.tagger import backbone_for, load_head
from phototagger.core.scan import RemoteStep, ScanSummary, Tagger, _commit_batch, _Decoded
from phototagger.core.scan import _LazyTagger as LazyTagger
from phototagger.core.states import PhotoStatus
from phototagger.ml.engine import BACKBONE_NAME, TagHead
from phototagger.ml.heads import suggestions
from phototagger.store.photos import get_photo_by_path, pending_photos

__all__ = ["ClusterError", "merge_results", "ray_step"]
COMMIT_SIZE = 64  # results per merge transaction


@dataclass
class HeadTagger:
    """The library's active head without the CNN: the cluster already embedded the photos."""

    head: TagHead

    @property
    def model_version(self) -> str:
        return self.head.version

    @property
    def backbone_name(self) -> str:
        return BACKBONE_NAME

    @property
    def tag_names(self) -> list[str]:
        return self.head.tag_names

    def embed(self, pixels: np.ndarray) -> np.ndarray:
        raise RuntimeError("photos tagged on a cluster arrive embedded")

    def embed_all(self, pixels: np.ndarray) -> dict[str, np.ndarray]:
        raise RuntimeError("photos tagged on a cluster arrive embedded")

    def scores(self, embeddings: np.ndarray) -> np.ndarray:
        return self.head.scores(embeddings)

    def suggest(self, scores: np.ndarray) -> list[list[tuple[str, float]]]:
        return suggestions(self.head.tag_names, self.head.thresholds, scores)


def ray_step(
    address: str, *, workers: int = 2, batch_size: int = 16, runtime: str = "auto"
) -> RemoteStep:
    """The scan's remote step: tag every pending photo on the Ray cluster at `address`."""

    def step(
        library: Library, summary: ScanSummary, report: ProgressCallback, token: CancelToken
    ) -> None:
        version = active_version(library.db)
        if backbone_for(library, version) != BACKBONE_NAME:
            raise ClusterError(
                f"the active version {version} has a fine-tuned network of its "
                "own; scan without --ray (the cluster embeds with the base one)"
            )
        photos = pending_photos(library.db)
        if not photos:
            return  # nothing to tag: the cluster is not even contacted
        report(Progress("starting Ray", 0, len(photos), problems=summary.problems))
        rows = results_on_ray(
            [p.path for p in photos],
            address,
            workers=workers,
            batch_size=batch_size,
            runtime=runtime,
            caches=(library.home.weights_cache, library.home.runtimes_cache),
        )
        # Closed at once when cancelled: the connection to the cluster ends with it.
        with contextlib.closing(rows):
            merge_results(library, rows, summary, report, token, total=len(photos))

    return step


def merge_results(
    library: Library,
    rows: Iterable[dict[str, Any]],
    summary: ScanSummary,
    report: ProgressCallback | None = None,
    token: CancelToken | None = None,
    total: int | None = None,
) -> int:
    """Merge result rows (core/cluster_worker.RESULT_COLUMNS) into the library, COMMIT_SIZE per
    transaction; returns how many photos were merged. Rows for paths that are not pending are
    dropped, so merging the same results twice adds nothing."""
    report = report or (lambda _: None)
    version = active_version(library.db)
    lazy = LazyTagger(lambda: _head_tagger(library, version), lambda: None)
    keys = [BACKBONE_NAME]
    meter = RateMeter()
    meter.update(0)
    seen: set[str] = set()
    runtimes: set[str] = set()
    merged = 0
    batch: list[_Decoded] = []
    try:
        for row in rows:
            runtimes.add(str(row["runtime"]))
            item = _to_decoded(library, row, seen)
            if item is not None:
                batch.append(item)
            if len(batch) >= COMMIT_SIZE:
                full, batch = batch, []
                merged += _commit_batch(library, lazy, keys, full, summary)
                meter.update(merged)
                report(
                    Progress(
                        "tagging on Ray",
                        merged,
                        total,
                        row["path"],
                        meter.rate,
                        meter.eta(merged, total) if total else None,
                        summary.problems,
                    )
                )
            if token is not None and token.cancelled:
                break
    finally:
        # What arrived is kept even when the pipeline fails: the next run resumes after it.
        if batch:
            merged += _commit_batch(library, lazy, keys, batch, summary)
    report(Progress("tagging on Ray", merged, total, None, meter.rate, 0.0, summary.problems))
    if runtimes:
        summary.runtime = f"a Ray cluster: {', '.join(sorted(runtimes))}"
    return merged


def _head_tagger(library: Library, version: str) -> Tagger:
    return HeadTagger(load_head(library, version))


def _to_decoded(library: Library, row: dict[str, Any], seen: set[str]) -> _Decoded | None:
    """The scan's view of one result, or None for a result it must not merge (a photo no longer
    pending, a second result for the same photo, a clip left to the local step)."""
    path = str(row["path"])
    photo = get_photo_by_path(library.db, path)
    if photo is None or photo.status != PhotoStatus.PENDING or path in seen or row["clip"]:
        return None
    seen.add(path)
    if row["error_code"]:
        return _Decoded(photo, PhotoError(str(row["error_code"]), str(row["error_message"])))
    if row["embedding"] is None:
        return None  # not embedded (cannot happen for a still): left pending
    decoded = DecodedPhoto(
        content_hash=str(row["content_hash"]),
        size=int(row["size"]),
        width=int(row["width"]),
        height=int(row["height"]),
        orientation=int(row["orientation"]),
        taken_at=None if row["taken_at"] is None else str(row["taken_at"]),
        model_input=np.zeros((0,), np.uint8),  # not needed: the embedding came with it
        thumbnail=Image.open(BytesIO(bytes(row["thumbnail"]))),  # decoded only if used
        media=MediaInfo(
            MediaKind(row["kind"]),
            str(row["format"]),
            None if row["duration"] is None else float(row["duration"]),
        ),
    )
    _keep_thumbnail(library, decoded.content_hash, bytes(row["thumbnail"]))
    return _Decoded(photo, decoded, {str(row["backbone"]): bytes(row["embedding"])})


def _keep_thumbnail(library: Library, content_hash: str, data: bytes) -> None:
    """Into the library's cache, atomically (a cache: a failure only costs a regeneration)."""
    try:
        dest = thumbnail_path(library.thumbnails_dir, content_hash)
        if dest.exists():
            return
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, dest)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
            raise
    except (OSError, ValueError):
        pass
