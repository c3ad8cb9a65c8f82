"""Switching the library to another model version (so also rolling back), and discarding one."""

from __future__ import annotations

from dataclasses import replace

from phototagger.core import switch_scores
from phototagger.core.errors import VersionInUse
from phototagger.core.jobs import CancelToken, Progress, ProgressCallback
from phototagger.core.library import Library
from phototagger.core.model.active import (
    ACTIVATED_SETTING,
    ACTIVE_SETTING,
    SWITCH_SETTING,
    active_version,
    been_active,
)
from phototagger.core.model.changed_tags import RescorePlan, rescore_plan
from phototagger.core.model.retag import SWITCH_CHUNK, finish_interrupted_switch, retag
from phototagger.core.model.tagger import backbone_for, load_head
from phototagger.core.scan_lock import model_lock
from phototagger.core.states import PhotoStatus
from phototagger.core.wording import counted
from phototagger.ml import registry
from phototagger.ml.engine import BACKBONE_NAME, TagHead
from phototagger.ml.heads import DEFAULT_VERSION
from phototagger.ml.trained_head import TrainedHead
from phototagger.ml.version_check import check_name
from phototagger.store import photos as photo_store
from phototagger.store import tags as tag_store
from phototagger.store.connection import transaction
from phototagger.store.score_cache import iter_embeddings_with_scores
from phototagger.store.settings import delete_setting, set_setting
from phototagger.store.tags import TagMoves
from phototagger.tag_names import shown_name


def activate_version(
    library: Library,
    version: str,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    changed: set[int] | None = None,
    moves: dict[str, tuple[int, int]] | None = None,
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
    `changed`: the photos whose tags as shown changed (a suggestion gained or dropped) are added
    to it, counted while re-tagging (no second pass); see changed_words. Only photos in the
    library count: one out of it (its folder removed, its file gone) is re-tagged all the same,
    so it is current should it come back, but no view shows it. `moves`: each tag whose
    suggestion those photos gained or dropped, and how many did each (moved_words), from the
    same rows.
    """
    check_name(version)
    # One training or switch of the model at a time (ModelBusyError): two switches at once
    # both said "is now active", and the one whose flip came first was not.
    with model_lock(library.database_path):
        return _activate(library, version, progress, cancel, changed, moves)


def _activate(
    library: Library,
    version: str,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
    changed: set[int] | None,
    moves: dict[str, tuple[int, int]] | None = None,
) -> int:
    db = library.db
    found: TagMoves | None = {} if moves is not None else None
    try:
        finish_interrupted_switch(library)
        previous = active_version(db)
    except registry.DamagedModelError:
        previous = version  # the active version is unusable: this switch replaces it
        delete_setting(db, SWITCH_SETTING)
    head = load_head(library, version)
    report = progress or (lambda _: None)
    backbone = backbone_for(library, version)
    if backbone != BACKBONE_NAME:
        from phototagger.core.reembed import embed_missing

        embed_missing(library, version, backbone, progress=report, cancel=cancel)
    plan = rescore_plan(library, previous, head)
    set_setting(db, SWITCH_SETTING, {"to": version, "from": previous})
    try:
        if plan is None:
            cache = library.home.embeddings_cache
            done = retag(
                db, head, backbone, None, report, cancel, cache, changed=changed, moves=found
            )
        else:
            done = _retag_changed(library, head, backbone, plan, report, cancel, changed, found)
    except BaseException:
        # Cancelled, Ctrl-C, disk full...: what was re-tagged goes back to the active version.
        finish_interrupted_switch(library)
        raise
    with transaction(db):
        set_setting(db, ACTIVE_SETTING, version)
        delete_setting(db, SWITCH_SETTING)
        # The one before too: a library's versions from before this record was kept.
        activated = been_active(db) | {previous, version}
        set_setting(db, ACTIVATED_SETTING, sorted(activated))
    if changed:
        present = set(photo_store.present_photo_ids(db))
        changed.intersection_update(present)
        if moves is not None and found:
            # Counted as `changed` is: the photos in the library.
            names = tag_store.tag_names_of(db, found)
            for tid, (more, fewer) in found.items():
                counts = (len(more & present), len(fewer & present))
                if any(counts) and tid in names:
                    moves[names[tid]] = counts
    return done


def changed_words(changed: int) -> str:
    """What a switch did to the photos' tags as shown, after "vN is active; " (the app's status
    line and the CLI's train)."""
    if not changed:
        return "no photo's tags changed"
    return "1 photo's tags changed" if changed == 1 else f"{changed:,} photos' tags changed"


def moved_words(moves: dict[str, tuple[int, int]], shown: int = 3) -> str:
    """ "kitchen things: 2 photos fewer; dog: 1 photo more; and 2 more tags" ('' when none
    moved): the tags a switch put on photos or took off them (activate_version's `moves`), the
    most photos first, `shown` of them named."""
    if not moves:
        return ""
    ranked = sorted(moves.items(), key=lambda item: (-sum(item[1]), item[0].casefold()))
    parts = []
    for stored, (more, fewer) in ranked[:shown]:
        name = shown_name(stored)  # a slash inside a keyword as it reads ('AC/DC')
        if more and fewer:
            parts.append(f"{name}: {counted(more, 'photo')} more, {fewer:,} fewer")
        else:
            parts.append(f"{name}: {counted(more or fewer, 'photo')} {'more' if more else 'fewer'}")
    rest = len(ranked) - shown
    if rest > 0:
        parts.append(f"and {counted(rest, 'more tag')}")
    return "; ".join(parts)


def _retag_changed(
    library: Library,
    head: TagHead,
    backbone: str,
    plan: RescorePlan,
    report: ProgressCallback,
    cancel: CancelToken | None,
    changed: set[int] | None,
    moves: TagMoves | None = None,
) -> int:
    """The photos the active version did not tag, in full; the others, only the tags the new
    version scores differently (their other rows are already what it would write)."""
    db, cache = library.db, library.home.embeddings_cache
    everything = set(plan.everything)
    rest = None
    if everything:
        # Every photo with an embedding, as a full re-tag reads them (missing ones included).
        embedded = iter_embeddings_with_scores(db, backbone, None, None)
        rest = [p for page in embedded for p, _, _ in page if p not in everything]
    done = 0
    if everything:
        done = retag(
            db,
            head,
            backbone,
            sorted(everything),
            report,
            cancel,
            cache,
            changed=changed,
            moves=moves,
        )
    if rest is None or rest:
        total = photo_store.count_by_status(db).get(PhotoStatus.TAGGED, 0)

        def onwards(p: Progress) -> None:
            report(replace(p, done=p.done + done, total=max(total, p.done + done)))

        # Training kept the scores it compared (core/switch_scores.py): written as they are.
        kept = None
        if isinstance(head, TrainedHead) and switch_scores.keepable(head, plan.columns) == list(
            plan.columns
        ):
            kept = switch_scores.load(library, head, backbone, plan.columns)
        pages = None if kept is None else kept.pages(plan.columns, rest, SWITCH_CHUNK)
        done += retag(
            db, head, backbone, rest, onwards, cancel, cache, plan.columns, pages, changed, moves
        )
    _rescore_decided(library, head, backbone, plan, cancel)
    switch_scores.discard(library, head.version)
    return done


def _rescore_decided(
    library: Library,
    head: TagHead,
    backbone: str,
    plan: RescorePlan,
    cancel: CancelToken | None,
) -> None:
    """The user's rows of the tags the switch did not rescore still name the version that wrote
    them (a rollback left them the newer version's, though it scores them the same), or hold no
    score at all: rescored by `head`, as a full re-tag would (a few rows: the user's own). The
    decisions stay as they are; a tag `head` does not have loses the score another version
    gave it (no figure is shown then, rather than one the active version never gave)."""
    column = {tag_store.name_key(name): j for j, name in enumerate(head.tag_names)}
    changed = set(plan.columns)
    photos: set[int] = set()
    columns: set[int] = set()
    unscored: list[tuple[int, str]] = []
    for photo_id, name in tag_store.decided_scored_by_other(library.db, head.version):
        j = column.get(tag_store.name_key(name))
        if j is None:
            unscored.append((photo_id, name))
        elif j not in changed:
            photos.add(photo_id)
            columns.add(j)
    tag_store.drop_scores(library.db, unscored)
    if photos:
        cache = library.home.embeddings_cache
        retag(
            library.db,
            head,
            backbone,
            sorted(photos),
            lambda _: None,
            cancel,
            cache,
            sorted(columns),
        )


def discard_version(library: Library, version: str) -> None:
    if version == active_version(library.db):
        raise VersionInUse(f"{version} is the active model; make another version active first")
    if version == DEFAULT_VERSION:
        raise VersionInUse(f"the built-in model {DEFAULT_VERSION} cannot be deleted")
    library.models.delete(version)
    # The scores its training or a preview kept for the switch to it (core/switch_scores.py).
    switch_scores.discard(library, version)
    # A version trained later under this name has not been active.
    set_setting(library.db, ACTIVATED_SETTING, sorted(been_active(library.db) - {version}))
