"""What runs on the Ray cluster: decode, hash, thumbnail, embed and look for faces in photos and
clips read by path.

Only file paths reach the cluster, and only what the file itself says comes back (its hash, size,
pixels' facts, thumbnail, every sampled frame's embedding and the faces in its thumbnail): tags
are scored at home with the library's own head, so nothing the user decided ever leaves the
library (core/cluster.py merges the results).
Ray is imported here, lazily, and only by a scan run with `--ray`.
"""

from __future__ import annotations

import io
import logging
import socket
from collections.abc import Generator, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from phototagger.core.decoders import video
from phototagger.core.errors import PhotoError, PhototaggerError
from phototagger.core.imaging import THUMBNAIL_QUALITY, DecodedPhoto, decode_photo
from phototagger.core.media import embed_frames
from phototagger.core.people import Face, PeopleStep

# One result row per path; a None column is what does not apply (an error has no hash ...).
RESULT_COLUMNS = (
    "path",
    "error_code",
    "error_message",
    "content_hash",
    "size",
    "width",
    "height",
    "orientation",
    "taken_at",
    "kind",
    "format",
    "duration",
    "backbone",
    "embedding",  # float32 (frames, d): one row for a still, each sampled frame's for a clip
    "frames",
    "thumbnail",
    "clip",
    "runtime",
    "embedder",  # the runtime and precision that made the embedding (core/embedding_sources.py)
    "faces",  # float64 (n, 5): x, y, w, h, confidence; None where faces were not looked for
    "detector",  # the face detector's version, as the library stores it with the faces
    "damage_code",  # what is wrong with a file still used (a JPEG cut short): a problem note
    "damage_message",
)
FACE_FIELDS = 5
_CONNECT_TIMEOUT_S = 10.0
_log = logging.getLogger(__name__)
_TASK_RETRIES = 3  # runs of a batch whose actor died, after the first
_DECODE_THREADS = 2  # decoding overlaps on threads (Pillow releases the GIL while it decodes)


class ClusterError(PhototaggerError):
    """The cluster could not be reached or failed; the message is one line for a person."""


def _no_photos() -> np.ndarray:
    # A worker has no library to check a conversion on: it uses a cached verdict, else TensorFlow.
    return np.zeros((0, 224, 224, 3), np.uint8)


def thumbnail_bytes(decoded: DecodedPhoto) -> bytes:
    """The thumbnail as the library's cache stores it (imaging.save_thumbnail's JPEG)."""
    img = decoded.thumbnail if decoded.thumbnail.mode == "RGB" else decoded.thumbnail.convert("RGB")
    out = io.BytesIO()
    img.save(out, "JPEG", quality=THUMBNAIL_QUALITY)
    return out.getvalue()


def _decode(path: str) -> DecodedPhoto | PhotoError:
    try:
        return decode_photo(path)
    except PhotoError as exc:
        return exc


class EmbedPhotos:
    """The Ray Data actor: holds one tagging engine, loaded once by the usual loader (OpenVINO
    where this machine's cached agreement check passed, else TensorFlow), and, when the scan
    looks for people, the packaged face detector on the runtime a local scan would give it."""

    def __init__(
        self,
        weights_cache: str,
        runtimes_cache: str,
        runtime: str = "auto",
        device: str = "auto",
        people: bool = True,
        clip_budget_s: float = video.DEFAULT_BUDGET_S,
    ) -> None:
        """The caches: the scanning library's folders (LibraryHome), as strings for Ray;
        `clip_budget_s`: the scanning machine's decoding time per clip (its front's setting)."""
        from phototagger.ml.device import parse_choice
        from phototagger.ml.runtimes import parse_runtime
        from phototagger.ml.runtimes.choice import load_runtime_engine

        video.set_budget(clip_budget_s)
        self.engine = load_runtime_engine(
            parse_runtime(runtime),
            parse_choice(device),
            None,
            _no_photos,
            weights_cache=Path(weights_cache),
            runtimes_cache=Path(runtimes_cache),
        )
        self.people = PeopleStep(runtime=runtime, device=device) if people else None
        self.pool = ThreadPoolExecutor(_DECODE_THREADS, thread_name_prefix="decode")

    def __call__(self, batch: dict[str, np.ndarray]) -> Any:  # a pyarrow.Table
        paths = [str(p) for p in batch["path"]]
        return embed_rows(self.engine, paths, list(self.pool.map(_decode, paths)), self.people)


def embed_rows(
    engine: Any,
    paths: Sequence[str],
    results: Sequence[DecodedPhoto | PhotoError],
    people: PeopleStep | None = None,
) -> Any:
    """Result columns for decoded photos and clips: each sampled frame is embedded (the merge
    pools a clip's frames as the local scan does), and `people` looks for faces in the
    thumbnails meanwhile, as the local scan does."""
    decoded = [r for r in results if isinstance(r, DecodedPhoto)]
    found = _faces_later(people, decoded)
    frames, spans = embed_frames(engine, decoded) if decoded else ({}, [])
    vectors = frames.get(engine.backbone_name)
    faces = _faces(found, len(decoded))
    detector = people.finder().version if people is not None and faces is not None else None
    rows: list[dict[str, Any]] = []
    index = 0
    for path, result in zip(paths, results, strict=True):
        row: dict[str, Any] = dict.fromkeys(RESULT_COLUMNS)
        row.update(
            path=path,
            runtime=engine.runtime,
            embedder=getattr(engine, "embedder", None),
            backbone=engine.backbone_name,
            clip=False,
        )
        if isinstance(result, PhotoError):
            row.update(error_code=result.code, error_message=result.message)
        else:
            start, end = spans[index]
            row.update(
                content_hash=result.content_hash,
                size=result.size,
                width=result.width,
                height=result.height,
                orientation=result.orientation,
                taken_at=result.taken_at,
                kind=result.media.kind.value,
                format=result.media.format,
                duration=result.media.duration,
                thumbnail=thumbnail_bytes(result),
                clip=result.frames is not None,
                frames=end - start,
            )
            if result.damage is not None:
                row.update(damage_code=result.damage.code, damage_message=result.damage.message)
            if vectors is not None:
                row["embedding"] = vectors[start:end].astype(np.float32).tobytes()
            if faces is not None:
                row.update(faces=face_bytes(faces[index]), detector=detector)
            index += 1
        rows.append(row)
    return _table(rows)


def _faces_later(people: PeopleStep | None, decoded: Sequence[DecodedPhoto]) -> Any:
    """The detector started on the thumbnails (on a thread of its own where it runs on OpenVINO,
    so it shares the cores with the backbone, as in a local scan); None if it could not start."""
    if people is None or not decoded:
        return None
    try:
        return people.detect_later([d.thumbnail for d in decoded])
    except Exception:  # a detector that fails leaves the faces to `people`
        _log.exception("the face detector failed to start on this worker")
        return None


def _faces(found: Any, count: int) -> list[Sequence[Face]] | None:
    """The detector's faces per decoded photo, or None where it failed: those photos are left to
    `phototagger people`, which looks at every photo its detector version has not seen."""
    if found is None:
        return [] if count == 0 else None
    try:
        return list(found.result())
    except Exception:  # logged on the worker; the tags still come back
        _log.exception("the face detector failed on this worker")
        return None


def face_bytes(faces: Sequence[Face]) -> bytes:
    return (
        np.array([(f.x, f.y, f.w, f.h, f.confidence) for f in faces], np.float64)
        .reshape(-1, FACE_FIELDS)
        .tobytes()
    )


def _table(rows: Sequence[dict[str, Any]]) -> Any:
    """An Arrow table with each column's type spelled out: None stays None on the way back
    (numpy object columns would turn it into NaN)."""
    import pyarrow as pa

    types = {
        "size": pa.int64(),
        "width": pa.int64(),
        "height": pa.int64(),
        "orientation": pa.int64(),
        "duration": pa.float64(),
        "embedding": pa.binary(),
        "frames": pa.int64(),
        "thumbnail": pa.binary(),
        "clip": pa.bool_(),
        "faces": pa.binary(),
    }
    return pa.table(
        {
            col: pa.array([r[col] for r in rows], types.get(col, pa.string()))
            for col in RESULT_COLUMNS
        }
    )


@dataclass(frozen=True)
class RayOptions:
    """How a scan uses the cluster: `workers` actors (one CPU each), `batch_size` files per
    batch, the CNN's `runtime` and `device` as on the command line, and `people`: look for
    faces there too."""

    workers: int = 2
    batch_size: int = 16
    runtime: str = "auto"
    device: str = "auto"
    people: bool = True


def results_on_ray(
    paths: Sequence[str],
    address: str,
    options: RayOptions,
    caches: tuple[Path, Path],
) -> Generator[dict[str, Any], None, None]:
    """Stream one result row per path (in any order) from a Ray Data pipeline of
    `options.workers` actors on the cluster at `address` ("auto": the one started on this
    machine). `caches`: the library's (weights, runtimes) cache folders the actors load the CNN
    from.

    An actor that dies (killed, out of memory, its machine lost) is restarted and its batch run
    again, up to _TASK_RETRIES times; a batch that still fails yields no rows and the pipeline
    goes on (its photos stay pending for the caller)."""
    try:
        import ray
    except ImportError as exc:
        raise ClusterError("--ray needs Ray: pip install 'phototagger[cluster]'") from exc
    _check_reachable(address)
    try:
        ray.init(
            address=address,
            logging_level=logging.ERROR,
            log_to_driver=False,
            ignore_reinit_error=True,
        )
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise ClusterError(
            f"cannot reach the Ray cluster at {address}: {' '.join(str(exc).split())[:300]}"
        ) from exc
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        context.max_errored_blocks = -1  # a batch that failed every retry: the others go on
        dataset = ray.data.from_items([{"path": p} for p in paths]).map_batches(
            EmbedPhotos,
            fn_constructor_kwargs={
                "runtime": options.runtime,
                "device": options.device,
                "people": options.people,
                "clip_budget_s": video.budget_s(),
                "weights_cache": str(caches[0]),
                "runtimes_cache": str(caches[1]),
            },
            compute=ray.data.ActorPoolStrategy(size=options.workers),
            batch_size=options.batch_size,
            batch_format="numpy",
            num_cpus=1,
            # Ray Data retries a batch whose actor died forever: one file that kills its worker
            # every time would hang the scan. Bounded here; a batch that still fails is skipped
            # (its photos stay pending) and the others go on. (Passed as remote args, deprecated
            # from Ray 2.61 with nothing in 2.60 to replace them; the extra pins 2.60.)
            max_restarts=-1,
            max_task_retries=_TASK_RETRIES,
        )
        try:
            batches: Iterable[Any] = dataset.iter_batches(
                batch_size=options.batch_size, batch_format="pyarrow"
            )
            for table in batches:
                yield from table.to_pylist()
        except ray.exceptions.RayError as exc:
            raise ClusterError(
                f"the Ray pipeline failed: {' '.join(str(exc).split())[:300]}"
            ) from exc
    finally:
        ray.shutdown()


def _check_reachable(address: str) -> None:
    """Fail in seconds on a wrong HOST:PORT (Ray itself keeps retrying for minutes)."""
    host, sep, port = address.rpartition(":")
    if not sep or not port.isdigit():
        return  # "auto", or a ray:// address: Ray finds it (or says why)
    try:
        socket.create_connection((host, int(port)), timeout=_CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        raise ClusterError(
            f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}; "
            "is `ray start --head` running there?"
        ) from exc
