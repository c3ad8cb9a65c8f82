"""Model versions as the library sees them: which is active, switching (and so rolling back),
re-tagging from cached embeddings, and reading the active model's confidence for a tag.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlite_utils

from phototagger.core.embedding_matrix import cached_chunks
from phototagger.core.embeddings import decode_embeddings
from phototagger.core.jobs import CancelToken, Progress, ProgressCallback
from phototagger.core.library import Library, device_setting
from phototagger.core.score_cache import head_score_chunks
from phototagger.core.tag_admin import tag_changes
from phototagger.core.tag_map import RemappedDefault, column_map, remap_trained
from phototagger.ml import registry
from phototagger.ml.engine import BACKBONE_NAME, TaggingEngine, TagHead
from phototagger.ml.heads import (
    DEFAULT_VERSION,
    DefaultHead,
    load_default_head,
    with_overrides,
)
from phototagger.ml.version_check import check_name
from phototagger.store import photos as photo_store
from phototagger.store.connection import transaction
from phototagger.store.embeddings import iter_embeddings
from phototagger.store.settings import get_setting, set_setting
from phototagger.store.tags import decided_photo_ids, write_model_tags_flat

ACTIVE_SETTING = "active_model"
THRESHOLDS_SETTING = "thresholds"
SWITCH_SETTING = "model_switch"
# Photos re-tagged per transaction during a switch: about a tenth of a second of write lock.
SWITCH_CHUNK = 1024


@dataclass(frozen=True)
class VersionInfo:
    version: str
    parent: str | None
    created_at: str | None
    active: bool
    tags: int
    metrics_summary: str
    learned: dict[str, Any] | None = None  # per tag: how it was learned (core/tag_learning.py)


@dataclass(frozen=True)
class ReviewItem:
    photo_id: int
    path: str
    confidence: float
    state: str | None  # the user's decision on this tag, if any (None: undecided)


def active_version(db: sqlite_utils.Database) -> str:
    """The active version's name; DamagedModelError if the setting is not one (so a tampered
    setting such as '../../outside/x' never leads a load outside the model folder)."""
    version = get_setting(db, ACTIVE_SETTING, DEFAULT_VERSION)
    return check_name(version if isinstance(version, str) else DEFAULT_VERSION)


def threshold_overrides(db: sqlite_utils.Database) -> dict[str, float]:
    """The user's per-tag thresholds; entries that are not a number in (0, 1) are ignored."""
    raw = get_setting(db, THRESHOLDS_SETTING, {})
    if not isinstance(raw, dict):
        return {}
    found: dict[str, float] = {}
    for key, value in raw.items():
        if (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and 0.0 < float(value) < 1.0
        ):
            found[str(key)] = float(value)
    return found


class _OverriddenDefault:
    """The default head with the user's per-tag thresholds."""

    def __init__(self, head: DefaultHead, overrides: dict[str, float]) -> None:
        self._head = head
        self._overrides = overrides
        self.version = head.version

    @property
    def tag_names(self) -> list[str]:
        return self._head.tag_names

    @property
    def thresholds(self) -> np.ndarray:
        return with_overrides(self._head.tag_names, self._head.thresholds, self._overrides)

    @property
    def default_columns(self) -> np.ndarray | None:
        return getattr(self._head, "default_columns", None)

    def scores(self, embeddings: np.ndarray) -> np.ndarray:
        return self._head.scores(embeddings)


def load_head(
    db: sqlite_utils.Database,
    version: str | None = None,
    default: DefaultHead | None = None,
    *,
    with_user_thresholds: bool = True,
) -> TagHead:
    """The head of `version` (the active one by default), with the user's threshold overrides
    (or the model's own thresholds: with_user_thresholds=False)."""
    version = version or active_version(db)
    default = default or load_default_head()
    overrides = threshold_overrides(db) if with_user_thresholds else {}
    changes = tag_changes(db)
    if version == DEFAULT_VERSION:
        names, columns = column_map(default.tag_names, changes, None)
        base: Any = (
            default if names == default.tag_names else RemappedDefault(default, names, columns)
        )
        return _OverriddenDefault(base, overrides)
    head = registry.load_version(version, default)
    # Tags renamed, merged or deleted since the version was saved (core/tag_admin.py).
    head = remap_trained(head, changes, registry.load_record(version).get("created_at"))
    head.overrides = overrides
    return head


def version_record(version: str) -> dict[str, Any]:
    if version == DEFAULT_VERSION:
        return {"version": DEFAULT_VERSION, "backbone": BACKBONE_NAME, "top_weights": None}
    return registry.load_record(version)


def backbone_for(version: str) -> str:
    """The backbone key whose cached embeddings `version` reads."""
    return registry.backbone_key(version_record(version))


def load_tagger(
    library: Library,
    version: str | None = None,
    device: str | None = None,
    runtime: str | None = None,
) -> TaggingEngine:
    """The CNN (with a deep version's fine-tuned top) plus the version's head. The base CNN runs
    on the runtime the library's setting (or `runtime`) and the cached agreement check allow;
    a deep version's top, and anything that trains, run on TensorFlow."""
    from phototagger.ml.device import parse_choice
    from phototagger.ml.engine import load_engine

    version = version or active_version(library.db)
    record = version_record(version)
    choice = parse_choice(device or device_setting(library.db))
    head = load_head(library.db, version)
    if not record.get("top_weights"):
        from phototagger.core.runtime import check_photos, runtime_setting
        from phototagger.ml.runtimes import parse_runtime
        from phototagger.ml.runtimes.choice import load_runtime_engine

        chosen = parse_runtime(runtime) if runtime else runtime_setting(library.db)
        return load_runtime_engine(chosen, choice, head, lambda: check_photos(library))
    top = registry.load_top(record["top_weights"])
    return load_engine(
        choice, head=head, top_weights=top, backbone_key=registry.backbone_key(record)
    )


def load_active_tagger(
    library: Library, device: str | None = None, runtime: str | None = None
) -> TaggingEngine:
    """What scans tag new photos with: the active version, CNN and head."""
    return load_tagger(library, None, device, runtime)


def list_versions(library: Library) -> list[VersionInfo]:
    try:
        active: str | None = active_version(library.db)
    except registry.DamagedModelError:
        active = None  # listed all the same, so that the user can pick a sound one
    default = load_default_head()
    records = [registry.default_record(default)]
    for version in registry.saved_versions():
        try:
            records.append(registry.load_record(version))
        except (OSError, ValueError):
            continue  # a damaged record is skipped, never fatal
    return [
        VersionInfo(
            r["version"],
            r.get("parent"),
            r.get("created_at"),
            r["version"] == active,
            len(r.get("tags", [])),
            r.get("summary") or r.get("note", ""),
            r.get("learned") or {},
        )
        for r in records
    ]


def embedded_chunks(
    db: sqlite_utils.Database,
    chunk: int = 4096,
    photo_ids: Sequence[int] | None = None,
    backbone: str = BACKBONE_NAME,
) -> Iterator[tuple[list[int], np.ndarray]]:
    copy = cached_chunks(db, backbone, chunk) if photo_ids is None else None
    if copy is not None:  # all of them: from the memory-mapped matrix (core/embedding_matrix.py)
        yield from copy
        return
    ids: list[int] = []
    blobs: list[bytes] = []
    for photo_id, blob in iter_embeddings(db, backbone, photo_ids):
        ids.append(photo_id)
        blobs.append(blob)
        if len(ids) >= chunk:
            yield ids, decode_embeddings(blobs)
            ids, blobs = [], []
    if ids:
        yield ids, decode_embeddings(blobs)


def activate_version(
    library: Library,
    version: str,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Make `version` active and re-tag every photo from its cached embedding (no decoding).

    The re-tagging commits a chunk of photos at a time, so a label made meanwhile waits a
    moment, never fails; the active version flips last, in its own transaction. Until then a
    `model_switch` marker names the switch in progress: stopped (Cancelled) midway, the photos
    done are put back to the active version before this returns; killed midway, the next switch
    or scan does that (finish_interrupted_switch). User decisions are never touched. Returns
    the number of photos re-tagged.
    A deep version needs its own embeddings: photos lacking them are embedded first (this decodes
    them once; what is done is kept if stopped). Photos whose files are gone keep their tags.
    """
    db = library.db
    check_name(version)
    try:
        finish_interrupted_switch(library)
        previous = active_version(db)
    except registry.DamagedModelError:
        previous = version  # the active version is unusable: this switch replaces it
        db.execute("DELETE FROM settings WHERE key = ?", [SWITCH_SETTING])
    head = load_head(db, version)
    report = progress or (lambda _: None)
    backbone = backbone_for(version)
    if backbone != BACKBONE_NAME:
        from phototagger.core.reembed import embed_missing

        embed_missing(library, version, backbone, progress=report, cancel=cancel)
    set_setting(db, SWITCH_SETTING, {"to": version, "from": previous})
    try:
        done = _retag(db, head, backbone, None, report, cancel)
    except BaseException:
        # Cancelled, Ctrl-C, disk full...: what was re-tagged goes back to the active version.
        finish_interrupted_switch(library)
        raise
    with transaction(db):
        set_setting(db, ACTIVE_SETTING, version)
        db.execute("DELETE FROM settings WHERE key = ?", [SWITCH_SETTING])
    return done


def finish_interrupted_switch(library: Library) -> int:
    """Put back to the active version the photos a stopped or killed switch had re-tagged."""
    db = library.db
    if get_setting(db, SWITCH_SETTING) is None:
        return 0
    version = active_version(db)
    ids = photo_store.ids_not_tagged_by(db, version)
    done = _retag(db, load_head(db, version), backbone_for(version), ids, lambda _: None, None)
    db.execute("DELETE FROM settings WHERE key = ?", [SWITCH_SETTING])
    return done


def _retag(
    db: sqlite_utils.Database,
    head: TagHead,
    backbone: str,
    photo_ids: Sequence[int] | None,
    report: ProgressCallback,
    cancel: CancelToken | None,
) -> int:
    """Re-tag from cached embeddings, one short transaction per chunk of photos."""
    total = (
        len(photo_ids)
        if photo_ids is not None
        else photo_store.count_by_status(db).get("tagged", 0)
    )
    names = head.tag_names
    thresholds = head.thresholds
    done = 0
    version = head.version
    # The default head's scores come cached (core/score_cache.py): no 1000-class softmax. One
    # short transaction per page (its cache fill included), so labels written meanwhile by the
    # GUI or another command wait a moment at most.
    pages = head_score_chunks(
        db, backbone, load_default_head(), head, page=SWITCH_CHUNK, photo_ids=photo_ids
    )
    while True:
        if cancel is not None:
            cancel.raise_if_cancelled()
        with transaction(db):
            page = next(pages, None)
            if page is None:
                break
            ids, scores = page
            # Only the suggested scores become Python floats (not 60 per photo).
            rows, cols = np.nonzero(scores >= thresholds)
            flat = list(zip(rows.tolist(), cols.tolist(), scores[rows, cols].tolist(), strict=True))
            write_model_tags_flat(
                db,
                names,
                ids,
                flat,
                lambda i, j: float(scores[i, j]),  # noqa: B023 - called now
                version,
            )
            photo_store.set_model_version(db, ids, version)
        done += len(ids)
        # Reported between transactions: whoever listens may write to the library meanwhile.
        report(Progress("re-tagging", done, max(total, done), detail=f"model {version}"))
    return done


def discard_version(library: Library, version: str) -> None:
    if version == active_version(library.db):
        raise ValueError(f"{version} is the active model; make another version active first")
    registry.delete_version(version)


def tag_scores(library: Library, tag: str, head: TagHead | None = None) -> list[tuple[int, float]]:
    """(photo id, the active model's confidence for `tag`) for every embedded photo, highest
    first. Raises KeyError if the model has no output for that tag."""
    head = head or load_head(library.db)
    index = _tag_index(head, tag)
    result: list[tuple[int, float]] = []
    backbone = backbone_for(head.version)
    for ids, matrix in embedded_chunks(library.db, backbone=backbone):
        column = head.scores(matrix)[:, index]
        result.extend(zip(ids, column.tolist(), strict=True))
    result.sort(key=lambda item: -item[1])
    return result


def _tag_index(head: TagHead, tag: str) -> int:
    folded = tag.strip().casefold()
    for i, name in enumerate(head.tag_names):
        if name.casefold() == folded:
            return i
    raise KeyError(f"the model has no output for {tag!r} yet: label a few photos with it and train")


def review_queue(library: Library, tag: str, limit: int = 50) -> list[ReviewItem]:
    """The next undecided photos to answer for `tag`: unsure "probably yes", most confident and
    likely misses, in turn (core/review_mix.py). For a people tag, the face detector's
    confidences take the model's place."""
    from phototagger.core.people import people_review
    from phototagger.core.review_mix import mixed_order

    people = people_review(library.db, tag, limit)
    if people is not None:
        found = {p.id: p for p in photo_store.photos_by_ids(library.db, [i for i, _ in people])}
        return [
            ReviewItem(pid, found[pid].path, conf, None)
            for pid, conf in people
            if pid in found and found[pid].status != "missing"
        ]
    head = load_head(library.db)
    index = _tag_index(head, tag)
    threshold = float(head.thresholds[index])
    scored = tag_scores(library, tag, head)
    decided = decided_photo_ids(library.db, head.tag_names[index])
    candidates = [(pid, conf) for pid, conf in scored if pid not in decided]
    chosen = mixed_order(candidates, threshold, limit)
    photos = {p.id: p for p in photo_store.photos_by_ids(library.db, [pid for pid, _ in chosen])}
    return [
        ReviewItem(pid, photos[pid].path, conf, None)
        for pid, conf in chosen
        if pid in photos and photos[pid].status != "missing"
    ]


def describe(info: VersionInfo) -> dict[str, Any]:
    return {
        "version": info.version,
        "parent": info.parent,
        "created_at": info.created_at,
        "active": info.active,
        "tags": info.tags,
        "summary": info.metrics_summary,
        "learned": info.learned or {},
    }
