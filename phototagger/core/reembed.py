"""Embedding photos again with a deep model version's fine-tuned CNN, before it becomes active."""

from __future__ import annotations

from phototagger.core.embeddings import encode_embedding
from phototagger.core.errors import PhotoError
from phototagger.core.imaging import DecodedPhoto
from phototagger.core.jobs import CancelToken, Progress, ProgressCallback, RateMeter
from phototagger.core.library import Library
from phototagger.core.media import embed_pooled
from phototagger.core.model.tagger import load_tagger
from phototagger.core.scan import decoded_stream
from phototagger.core.states import PhotoStatus
from phototagger.store.connection import transaction
from phototagger.store.embeddings import photos_without_embedding, put_embeddings
from phototagger.store.photos import photos_by_ids


def embed_missing(
    library: Library,
    version: str,
    backbone: str,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    batch_size: int = 32,
) -> int:
    """Decode and embed every tagged photo that has no `backbone` embedding yet; return how many.
    Only `backbone`'s embeddings are written, and another key's (the base CNN's) where a photo
    has none: those the scan made are kept, whatever runtime made them.

    Each batch is committed: the work survives a stop and the next activation resumes it. It only
    adds cached embeddings, so the active version and the tags are untouched. Photos that can no
    longer be read are skipped (they keep the tags they have).
    """
    report = progress or (lambda _: None)
    token = cancel or CancelToken()
    photos = [
        p
        for p in photos_by_ids(library.db, photos_without_embedding(library.db, backbone))
        if p.status == PhotoStatus.TAGGED
    ]
    if not photos:
        return 0
    report(Progress("loading the model", 0, len(photos), detail=f"model {version}"))
    tagger = load_tagger(library, version)
    source = getattr(tagger, "embedder", "") or None
    meter = RateMeter()
    meter.update(0)
    done = embedded = 0
    batch: list[tuple[int, DecodedPhoto]] = []

    # The photos lacking each other key the tagger returns (the base CNN's), read once per key.
    # The scan's base embeddings stay as they are: it may have run another runtime (LiteRT,
    # OpenVINO) than this TensorFlow top, and a rollback re-tags from them.
    lacking: dict[str, set[int]] = {}

    def wanted(key: str, pid: int) -> bool:
        if key == backbone:
            return True
        if key not in lacking:
            lacking[key] = set(photos_without_embedding(library.db, key))
        return pid in lacking[key]

    def flush() -> int:
        if not batch:
            return 0
        # A clip is embedded from all its sampled frames and pooled, as the scan does.
        vectors, _ = embed_pooled(tagger, [decoded for _, decoded in batch])
        with transaction(library.db):
            for key, matrix in vectors.items():
                rows = [
                    (pid, encode_embedding(row))
                    for (pid, _), row in zip(batch, matrix, strict=True)
                    if wanted(key, pid)
                ]
                if rows:
                    put_embeddings(library.db, key, rows, source)
        count = len(batch)
        batch.clear()
        return count

    for item in decoded_stream(photos, library.thumbnails_dir, 2, token, batch_size * 3):
        done += 1
        if not isinstance(item.result, PhotoError):
            batch.append((item.photo.id, item.result))
        if len(batch) >= batch_size:
            embedded += flush()
            meter.update(done)
            report(
                Progress(
                    "embedding with the new CNN",
                    done,
                    len(photos),
                    item.photo.path,
                    meter.rate,
                    meter.eta(done, len(photos)),
                    detail=f"model {version}",
                )
            )
        token.raise_if_cancelled()
    embedded += flush()
    return embedded
