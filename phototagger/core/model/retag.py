"""Re-tagging the library from cached embeddings (no decoding), one short transaction per chunk,
and putting back the photos a stopped or killed switch had re-tagged."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sqlite_utils

from phototagger.core.jobs import CancelToken, Progress, ProgressCallback
from phototagger.core.library import Library
from phototagger.core.model.active import SWITCH_SETTING, active_version
from phototagger.core.model.tagger import backbone_for, load_head
from phototagger.core.scan_lock import ModelBusyError, model_lock
from phototagger.core.score_cache import head_score_chunks
from phototagger.core.states import PhotoStatus
from phototagger.core.switch_scores import RETAG_PAGE
from phototagger.ml.engine import TagHead
from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import TrainedHead
from phototagger.store import photos as photo_store
from phototagger.store.connection import transaction
from phototagger.store.settings import delete_setting, get_setting
from phototagger.store.tags import TagMoves, write_model_tags_flat

# Photos re-tagged per transaction during a switch: about a tenth of a second of write lock.
SWITCH_CHUNK = RETAG_PAGE


def finish_interrupted_switch(library: Library) -> int:
    """Put back to the active version the photos a stopped or killed switch had re-tagged."""
    db = library.db
    if get_setting(db, SWITCH_SETTING) is None:
        return 0
    version = active_version(db)
    ids = photo_store.ids_not_tagged_by(db, version)
    head = load_head(library, version)
    done = retag(
        db,
        head,
        backbone_for(library, version),
        ids,
        lambda _: None,
        None,
        library.home.embeddings_cache,
    )
    delete_setting(db, SWITCH_SETTING)
    return done


@dataclass(frozen=True)
class PutBack:
    """A switch killed midway, put back (put_back_killed_switch)."""

    to: str  # the version the switch was making active: saved, not active
    active: str  # the version the photos are back on, active all along
    photos: int  # the photos re-tagged again by `active`


def switch_left(db: sqlite_utils.Database) -> bool:
    """Whether a model switch is marked as running: one runs now, or one was killed."""
    return get_setting(db, SWITCH_SETTING) is not None


def put_back_killed_switch(library: Library) -> PutBack | None:
    """Put back the photos a killed model switch (`models use`, `train`, Apply) left on the
    version it was making active, if one was killed and no switch runs now (its model lock
    free: a switch that runs finishes or puts back its own). A `train` killed while re-tagging
    left 4,096 of 20,000 photos with the new version's tags, the old one active and the new
    one listed as never made active, until the next scan or switch; the app, `models` and
    `train` showed them so. None where there was nothing to put back."""
    if not switch_left(library.db):
        return None
    try:
        with model_lock(library.database_path):
            marker = get_setting(library.db, SWITCH_SETTING)  # read again, under the lock
            if marker is None:
                return None
            photos = finish_interrupted_switch(library)
    except ModelBusyError:
        return None
    to = marker.get("to") if isinstance(marker, dict) else None
    return PutBack(to if isinstance(to, str) else "", active_version(library.db), photos)


def put_back_words(put_back: PutBack, apply: str) -> str:
    """What a front says of a killed switch it put back; `apply` says how to make the version
    active after all (the command line's command, the app's menu)."""
    to = f"model {put_back.to}" if put_back.to else "another model"
    return (
        f"switching to {to} was cut short (phototagger was stopped or the computer went off): "
        f"{_photos(put_back.photos)} it had re-tagged are back on model {put_back.active}, "
        "still the active one, and none of your decisions is lost"
        + (f"; {put_back.to} is kept: to switch to it, {apply}" if put_back.to else "")
    )


def _photos(count: int) -> str:
    return "the photo" if count == 1 else f"the {count:,} photos"


def retag(
    db: sqlite_utils.Database,
    head: TagHead,
    backbone: str,
    photo_ids: Sequence[int] | None,
    report: ProgressCallback,
    cancel: CancelToken | None,
    matrix_cache: Path | None = None,
    columns: Sequence[int] | None = None,
    scored: Iterator[tuple[list[int], np.ndarray]] | None = None,
    changed: set[int] | None = None,
    moves: TagMoves | None = None,
) -> int:
    """Re-tag from cached embeddings, one short transaction per chunk of photos (read from the
    library's embedding matrix in `matrix_cache` where it is current). `columns`: only these of
    `head`'s tags are rescored and rewritten, the photos' other model rows being `head`'s
    already (core/model/changed_tags.py); None: every tag. `scored`: pages of (photo ids,
    their scores of `columns`) already computed (core/switch_scores.py). `changed`: the photos
    whose tags as shown changed (a suggestion gained or dropped) are added to it; `moves`:
    which tags they gained or dropped (write_model_tags_flat)."""
    total = (
        len(photo_ids)
        if photo_ids is not None
        else photo_store.count_by_status(db).get(PhotoStatus.TAGGED, 0)
    )
    names = head.tag_names
    thresholds = head.thresholds
    keep = None if columns is None else np.asarray(columns, dtype=int)
    if keep is not None:
        names, thresholds = [names[j] for j in keep], thresholds[keep]
    done = 0
    version = head.version
    # The default head's scores come cached (core/score_cache.py): no 1000-class softmax. One
    # short transaction per page (its cache fill included), so labels written meanwhile by the
    # GUI or another command wait a moment at most.
    pages = scored or head_score_chunks(
        db,
        backbone,
        load_default_head(),
        head,
        page=SWITCH_CHUNK,
        photo_ids=photo_ids,
        matrix_cache=matrix_cache,
        # The default head's scores (the score cache) only where a kept tag reads them.
        default_scores=keep is None
        or not isinstance(head, TrainedHead)
        or bool((head.base_index[keep] >= 0).any()),
    )
    while True:
        if cancel is not None:
            cancel.raise_if_cancelled()
        with transaction(db):
            page = next(pages, None)
            if page is None:
                break
            ids, scores = page
            if keep is not None and scored is None:
                scores = scores[:, keep]
            # Only the suggested scores become Python floats (not 60 per photo).
            rows, cols = np.nonzero(scores >= thresholds)
            flat = list(zip(rows.tolist(), cols.tolist(), scores[rows, cols].tolist(), strict=True))
            moved = write_model_tags_flat(
                db,
                names,
                ids,
                flat,
                lambda i, j: float(scores[i, j]),  # noqa: B023 - called now
                version,
                only_listed=keep is not None,
                moves=moves,
            )
            photo_store.set_model_version(db, ids, version)
            if changed is not None:
                changed |= moved
        done += len(ids)
        # Reported between transactions: whoever listens may write to the library meanwhile.
        report(Progress("re-tagging", done, max(total, done), detail=f"model {version}"))
    return done
