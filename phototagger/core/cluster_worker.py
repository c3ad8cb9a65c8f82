"""What runs on the Ray cluster: decode, hash, thumbnail and embed photos read by path.

Only file paths reach the cluster, and only what the file itself says comes back (its hash, size,
pixels' facts, thumbnail and embedding): tags are scored at home with the library's own head, so
nothing the user decided ever leaves the library (core/cluster.py merges the results).
Ray is imported here, lazily, and only by a scan run with `--ray`.
"""

from __future__ import annotations

import io
import logging
import socket
from collections.abc import Generator, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from phototagger.core.embeddings import encode_embedding
from phototagger.core.errors import PhotoError, PhototaggerError
from phototagger.core.imaging import THUMBNAIL_QUALITY, DecodedPhoto, decode_photo
from phototagger.core.media import embed_pooled

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
    "embedding",
    "thumbnail",
    "clip",
    "runtime",
)
_CONNECT_TIMEOUT_S = 10.0
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
    where this machine's cached agreement check passed, else TensorFlow)."""

    def __init__(
        self, weights_cache: str, runtimes_cache: str, runtime: str = "auto", device: str = "auto"
    ) -> None:
        """The caches: the scanning library's folders (LibraryHome), as strings for Ray."""
        from phototagger.ml.device import parse_choice
        from phototagger.ml.runtimes import parse_runtime
        from phototagger.ml.runtimes.choice import load_runtime_engine

        self.engine = load_runtime_engine(
            parse_runtime(runtime),
            parse_choice(device),
            None,
            _no_photos,
            weights_cache=Path(weights_cache),
            runtimes_cache=Path(runtimes_cache),
        )
        self.pool = ThreadPoolExecutor(_DECODE_THREADS, thread_name_prefix="decode")

    def __call__(self, batch: dict[str, np.ndarray]) -> Any:  # a pyarrow.Table
        paths = [str(p) for p in batch["path"]]
        return embed_rows(self.engine, paths, list(self.pool.map(_decode, paths)))


def embed_rows(
    engine: Any, paths: Sequence[str], results: Sequence[DecodedPhoto | PhotoError]
) -> Any:
    """Result columns for decoded photos: stills are embedded here; a clip comes back without an
    embedding (its tags pool per-frame scores, so the local scan tags it)."""
    stills = [r for r in results if isinstance(r, DecodedPhoto) and r.frames is None]
    vectors = embed_pooled(engine, stills)[0].get(engine.backbone_name) if stills else None
    rows: list[dict[str, Any]] = []
    index = 0
    for path, result in zip(paths, results, strict=True):
        row: dict[str, Any] = dict.fromkeys(RESULT_COLUMNS)
        row.update(path=path, runtime=engine.runtime, backbone=engine.backbone_name, clip=False)
        if isinstance(result, PhotoError):
            row.update(error_code=result.code, error_message=result.message)
        else:
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
            )
            if result.frames is None and vectors is not None:
                row["embedding"] = encode_embedding(vectors[index])
                index += 1
        rows.append(row)
    return _table(rows)


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
        "thumbnail": pa.binary(),
        "clip": pa.bool_(),
    }
    return pa.table(
        {
            col: pa.array([r[col] for r in rows], types.get(col, pa.string()))
            for col in RESULT_COLUMNS
        }
    )


def results_on_ray(
    paths: Sequence[str],
    address: str,
    *,
    workers: int = 2,
    batch_size: int = 16,
    runtime: str = "auto",
    caches: tuple[Path, Path],
) -> Generator[dict[str, Any], None, None]:
    """Stream one result row per path (in any order) from a Ray Data pipeline of `workers`
    actors on the cluster at `address` ("auto": the one started on this machine). `caches`:
    the library's (weights, runtimes) cache folders the actors load the CNN from."""
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
        dataset = ray.data.from_items([{"path": p} for p in paths]).map_batches(
            EmbedPhotos,
            fn_constructor_kwargs={
                "runtime": runtime,
                "weights_cache": str(caches[0]),
                "runtimes_cache": str(caches[1]),
            },
            compute=ray.data.ActorPoolStrategy(size=workers),
            batch_size=batch_size,
            batch_format="numpy",
            num_cpus=1,
        )
        try:
            batches: Iterable[Any] = dataset.iter_batches(
                batch_size=batch_size, batch_format="pyarrow"
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
