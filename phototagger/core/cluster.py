"""Tagging an archive on a Ray cluster (`phototagger scan --ray ADDRESS FOLDER`).

The scan lists and reconciles files here as always (core/scan.py); the pending photos' and clips'
paths go to a Ray Data pipeline (core/cluster_worker.py) that decodes them, embeds every sampled
frame and looks for faces on the cluster's machines, reading the files from shared storage; they
are sent in the grid's order, as a local scan tags. Each result is merged here by the scan's own
batch commit: the library's active head scores the embeddings (a clip's tags pool its frames'
scores, core/media.embed_pooled, as locally), the faces found on the worker are recorded as the
scan's people step records them, and a JPEG cut short gets its note in Problems, so the library
holds what a local scan writes, and the user's decisions and trained heads never leave it.
Resumable and idempotent: a photo leaves `pending` only in the transaction that stores its
result, and results for photos no longer pending are dropped. Companions (a live photo's clip, a
RAW beside its JPEG) were absorbed by the walk here, so they never reach the cluster.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np
import sqlite_utils
from PIL import Image

from phototagger.core.cluster_worker import FACE_FIELDS, ClusterError, RayOptions, results_on_ray
from phototagger.core.decoders import MediaInfo, MediaKind
from phototagger.core.errors import PhotoError
from phototagger.core.imaging import DecodedPhoto, thumbnail_path
from phototagger.core.jobs import CancelToken, Progress, ProgressCallback, RateMeter
from phototagger.core.library import Library
from phototagger.core.model.active import active_version
from phototagger.core.model.tagger import backbone_for, load_head
from phototagger.core.people import Face, FaceFinder, PeopleStep, record_people
from phototagger.core.scan import RemoteStep, ScanSummary, _commit_batch, _Decoded
from phototagger.core.scan import _LazyTagger as LazyTagger
from phototagger.core.states import PhotoStatus
from phototagger.core.wording import counted
from phototagger.ml.engine import BACKBONE_NAME, TagHead
from phototagger.ml.heads import suggestions
from phototagger.store.photos import get_photo_by_path, pending_photos

__all__ = ["ClusterError", "RayOptions", "merge_results", "ray_step"]
COMMIT_SIZE = 64  # results per merge transaction


class FrameTable:
    """Frame embeddings that arrived from the cluster, each under a key of its own. A photo
    merged from the cluster carries, as its "pixels", its frames' keys (one for a still, one per
    sampled frame for a clip): HeadTagger.embed_all looks the vectors up instead of running a
    CNN, so the scan's own code (core/media.embed_pooled inside scan._commit_batch) pools a
    clip's frames into its embedding and its tag scores exactly as a local scan does."""

    def __init__(self) -> None:
        self._vectors: dict[int, np.ndarray] = {}
        self._next = 0

    def add(self, frames: np.ndarray) -> np.ndarray:
        """Keep (n, d) vectors; their keys as (n, 1) stand-in pixels."""
        keys = np.arange(self._next, self._next + len(frames), dtype=np.int64)
        self._next += len(frames)
        self._vectors.update(zip(keys.tolist(), frames, strict=True))
        return keys[:, None]

    def clear(self) -> None:
        self._vectors.clear()

    def take(self, keys: np.ndarray) -> np.ndarray:
        # Taken out: each photo is embedded once per merge, and the table stays small.
        return np.stack([self._vectors.pop(int(k)) for k in keys.reshape(-1)])


@dataclass(frozen=True)
class FoundFace:
    """A face box as the worker found it (relative x, y, w, h and confidence)."""

    x: float
    y: float
    w: float
    h: float
    confidence: float


class HeadTagger:
    """The library's active head without the CNN: the cluster already embedded the photos (their
    vectors wait in a FrameTable)."""

    def __init__(self, head: TagHead, table: FrameTable) -> None:
        self.head = head
        self.table = table

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
        return self.embed_all(pixels)[BACKBONE_NAME]

    def embed_all(self, pixels: np.ndarray) -> dict[str, np.ndarray]:
        return {BACKBONE_NAME: self.table.take(pixels)}

    def scores(self, embeddings: np.ndarray) -> np.ndarray:
        return self.head.scores(embeddings)

    def suggest(self, scores: np.ndarray) -> list[list[tuple[str, float]]]:
        return suggestions(self.head.tag_names, self.head.thresholds, scores)


class FacesFromCluster(PeopleStep):
    """The scan's people step for results from the cluster: the faces were found there, in the
    same thumbnail a local scan shows its detector; they are recorded here, with the worker's
    detector version, by the same code (people.record_people). A photo the worker did not look
    at is not recorded, so `phototagger people` looks at it later."""

    def __init__(self) -> None:
        super().__init__(load=_no_local_detector)
        # Keyed by the thumbnail object the merge made for the result (its id while alive).
        self._found: dict[int, tuple[str, list[Face]]] = {}
        self._versions: dict[int, str] = {}

    def add(self, thumbnail: Image.Image, detector: str, faces: list[Face]) -> None:
        self._found[id(thumbnail)] = (detector, faces)

    def clear(self) -> None:
        self._found.clear()
        self._versions.clear()

    def detect_later(self, thumbnails: Sequence[Image.Image]) -> Future[list[Sequence[Face]]]:
        found: list[Sequence[Face]] = []
        for thumbnail in thumbnails:
            detector, faces = self._found.pop(id(thumbnail), ("", []))
            found.append(faces)
            self._versions[id(faces)] = detector
        done: Future[list[Sequence[Face]]] = Future()
        done.set_result(found)
        return done

    def record(
        self, db: sqlite_utils.Database, photo_ids: Sequence[int], found: Sequence[Sequence[Face]]
    ) -> None:
        for photo_id, faces in zip(photo_ids, found, strict=True):
            detector = self._versions.pop(id(faces), "")
            if detector:
                record_people(db, photo_id, faces, detector, self.rules)


def _no_local_detector() -> FaceFinder:
    raise RuntimeError("photos tagged on a cluster arrive with their faces found")


def ray_step(address: str, options: RayOptions | None = None) -> RemoteStep:
    """The scan's remote step: tag every pending photo and clip on the Ray cluster at `address`
    (and look for faces there, as the scan's people step does, unless `options.people` is
    False), sent in the grid's order `order`."""

    def step(
        library: Library,
        summary: ScanSummary,
        report: ProgressCallback,
        token: CancelToken,
        order: str,
    ) -> None:
        version = active_version(library.db)
        if backbone_for(library, version) != BACKBONE_NAME:
            raise ClusterError(
                f"the active version {version} has a fine-tuned network of its "
                "own; scan without --ray (the cluster embeds with the base one)"
            )
        # In the grid's order, as a local scan tags: the top rows first (the cluster's actors
        # hand back their batches roughly in the order they were given them).
        photos = pending_photos(library.db, order=order)
        if not photos:
            return  # nothing to tag: the cluster is not even contacted
        report(Progress("starting Ray", 0, len(photos), problems=summary.problems))
        rows = results_on_ray(
            [p.path for p in photos],
            address,
            options or RayOptions(),
            caches=(library.home.weights_cache, library.home.runtimes_cache),
        )
        # Closed at once when cancelled: the connection to the cluster ends with it.
        with contextlib.closing(rows):
            merge_results(library, rows, summary, report, token, total=len(photos))
        left = len(pending_photos(library.db))
        if left and not token.cancelled:
            # A batch whose worker died on every retry (or failed): its photos stay pending and
            # the scan's local step tags them, recording the problem files as it always does.
            report(
                Progress(
                    f"{counted(left, 'photo')} got no result from the cluster: tagging them here",
                    0,
                    left,
                    problems=summary.problems,
                )
            )

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
    table = FrameTable()
    lazy = LazyTagger(lambda: HeadTagger(load_head(library, version), table), lambda: None)
    people = FacesFromCluster()
    keys = [BACKBONE_NAME]

    def commit(items: list[_Decoded]) -> int:
        try:
            return _commit_batch(library, lazy, keys, items, summary, people)
        finally:
            # What the batch did not use (a moved photo is never embedded) goes with it: a
            # reorganised archive sends every photo back as a move.
            table.clear()
            people.clear()

    meter = RateMeter()
    meter.update(0)
    seen: set[str] = set()
    runtimes: set[str] = set()
    merged = 0
    batch: list[_Decoded] = []
    try:
        for row in rows:
            runtimes.add(str(row["runtime"]))
            item = _to_decoded(library, row, seen, table, people)
            if item is not None:
                batch.append(item)
            if len(batch) >= COMMIT_SIZE:
                full, batch = batch, []
                merged += commit(full)
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
            merged += commit(batch)
    report(Progress("tagging on Ray", merged, total, None, meter.rate, 0.0, summary.problems))
    if runtimes:
        summary.runtime = f"a Ray cluster: {', '.join(sorted(runtimes))}"
    return merged


def _to_decoded(
    library: Library,
    row: dict[str, Any],
    seen: set[str],
    table: FrameTable,
    people: FacesFromCluster,
) -> _Decoded | None:
    """The scan's view of one result, or None for a result it must not merge (a photo no longer
    pending, a second result for the same photo, one without its embeddings). Its frames'
    vectors go into `table`, its faces into `people`."""
    path = str(row["path"])
    photo = get_photo_by_path(library.db, path)
    if photo is None or photo.status != PhotoStatus.PENDING or path in seen:
        return None
    seen.add(path)
    if row["error_code"]:
        return _Decoded(photo, PhotoError(str(row["error_code"]), str(row["error_message"])))
    if row["embedding"] is None or not row["frames"]:
        return None  # not embedded (the worker's CNN found no usable frame): left pending
    frames = np.frombuffer(bytes(row["embedding"]), np.float32).reshape(int(row["frames"]), -1)
    handles = table.add(frames)
    thumbnail = Image.open(BytesIO(bytes(row["thumbnail"])))  # decoded only if used
    decoded = DecodedPhoto(
        content_hash=str(row["content_hash"]),
        size=int(row["size"]),
        width=int(row["width"]),
        height=int(row["height"]),
        orientation=int(row["orientation"]),
        taken_at=None if row["taken_at"] is None else str(row["taken_at"]),
        model_input=handles[0],
        thumbnail=thumbnail,
        media=MediaInfo(
            MediaKind(row["kind"]),
            str(row["format"]),
            None if row["duration"] is None else float(row["duration"]),
        ),
        frames=handles if row["clip"] else None,
        damage=(
            None
            if row["damage_code"] is None
            else PhotoError(str(row["damage_code"]), str(row["damage_message"]))
        ),
    )
    if row["faces"] is not None and row["detector"]:
        boxes = np.frombuffer(bytes(row["faces"]), np.float64).reshape(-1, FACE_FIELDS)
        people.add(thumbnail, str(row["detector"]), [FoundFace(*map(float, b)) for b in boxes])
    _keep_thumbnail(library, decoded.content_hash, bytes(row["thumbnail"]))
    return _Decoded(photo, decoded, str(row.get("embedder") or ""))


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
