"""What a candidate version would change in the library, before it is applied: per tag, the
photos it would newly tag and the ones it would untag, against the active version.

What the user sees: a photo they decided about shows their decision whatever a version
scores (a photo they tagged keeps the tag, one they rejected it for stays without), so only
photos without a decision about the tag can be newly tagged or untagged, and a tag is on the
photos they said yes to plus the ones the version tags among the rest. (Counted on the scores
alone, the ten photos a user had just tagged "monkeys" were "+10 newly tagged", first in the
preview, and a gorilla they had rejected was "+".)"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import sqlite_utils

from phototagger.core import switch_scores
from phototagger.core.face_signals import signals_for
from phototagger.core.library import Library
from phototagger.core.score_cache import ScoredPage, heads_score_chunks
from phototagger.core.wording import counted
from phototagger.ml.heads import with_overrides
from phototagger.ml.trained_head import TrainedHead
from phototagger.store.embeddings import iter_embedded_ids as embedded_ids
from phototagger.store.photos import present_photo_ids
from phototagger.store.states import POSITIVE_STATES
from phototagger.store.tags import decisions_on
from phototagger.tag_names import name_key, shown_name

PREVIEW = 48  # photos previewed per tag and direction


@dataclass
class TagChange:
    tag: str
    before: int  # photos showing the tag under the active version (yes answers included)
    after: int  # photos showing the tag under the candidate
    added: int = 0
    removed: int = 0
    # Every photo it adds and removes: one the user answers about afterwards (while training
    # ran, or before Apply) is theirs, not the version's change (without_answers).
    added_ids: list[int] = field(default_factory=list)
    removed_ids: list[int] = field(default_factory=list)
    # Every photo without an answer that both versions tag: answered afterwards, it counts on
    # both sides as the user answered (a "no" takes it off both).
    kept_ids: list[int] = field(default_factory=list)
    # The photos the user had answered about when it was counted: photo id -> (they said yes,
    # the active version tags it, the new one does), or None for a photo neither scored (no
    # embedding yet). An answer undone afterwards leaves the photo to the versions again.
    answered: dict[int, tuple[bool, bool, bool] | None] = field(default_factory=dict)
    backbone: str = ""  # whose embeddings it was counted on: a photo without one counts nowhere
    # Of `after`, the photos the user has not answered about (core/few_photos.py).
    unanswered_after: int = 0
    # The candidate's highest score among the photos the user has not answered (None: none
    # scored), and its cut: whether its review queue will say nothing is likely left to find
    # (core/review_mix.nothing_likely_left), which the few-photos note follows.
    nearest_unanswered: float | None = None
    cut: float | None = None

    @property
    def open_to_answers(self) -> bool:
        """An answer undone would make it change photos: one it counted among the answered is
        tagged by one version and not the other."""
        return any(then is not None and then[1] != then[2] for then in self.answered.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "tag": self.tag,
            "before": self.before,
            "after": self.after,
            "added": self.added,
            "removed": self.removed,
        }


@dataclass(frozen=True)
class SampledChange:
    """A tag's change on photos drawn at random from the library, none answered nor trained
    on: what a deep version is shown by (scoring the library would decode every photo)."""

    tag: str
    before: int  # of the sampled photos, how many the active version tags
    after: int
    added: int
    removed: int

    def as_dict(self) -> dict[str, Any]:
        """As TagChange.as_dict: the same five fields."""
        return asdict(self)


def sampled_changes(
    active: TrainedHead, active_scores: np.ndarray, candidate: TrainedHead, scores: np.ndarray
) -> list[SampledChange]:
    """Per tag whose assignments differ on the sampled photos (rows of both score matrices,
    each version's own columns), most changed first. Every tag may move in a deep version,
    those with no new answers too: its CNN top sees every photo otherwise."""
    new_thr = with_overrides(candidate.tags, candidate.tag_thresholds, active.overrides)
    old_col = {t: j for j, t in enumerate(active.tags)}
    found = []
    for j, tag in enumerate(candidate.tags):
        new_on = scores[:, j] >= new_thr[j]
        k = old_col.get(tag)
        old_on = (
            active_scores[:, k] >= active.thresholds[k] if k is not None else np.zeros_like(new_on)
        )
        added, removed = int((new_on & ~old_on).sum()), int((old_on & ~new_on).sum())
        if added or removed:
            found.append(SampledChange(tag, int(old_on.sum()), int(new_on.sum()), added, removed))
    return sorted(found, key=lambda c: (-(c.added + c.removed), c.tag))


SAMPLED_SHOWN = 12  # tags listed in words; --json lists them all


def sampled_lines(preview: dict[str, Any]) -> list[str]:
    """A deep version's changes in words: an estimate, said to be one, from the photos it was
    counted on (sampled_changes; the training counts' 'sampled_changes')."""
    photos, library = int(preview.get("photos", 0)), int(preview.get("library", 0))
    if not photos:
        return [
            "what it changes is not estimated (no photo was left that it did not train on): "
            "a deep version retrains the CNN's top, so every tag may move; it is counted on "
            "every photo when made active"
        ]
    changes = list(preview.get("changes", []))
    lines = [
        f"estimated on {counted(photos, 'photo')} drawn at random from the library's "
        f"{library:,} that it did not train on: a deep version retrains the CNN's top, so every "
        "tag may move, those you never answered too"
        + ("" if changes else "; none changed on these")
    ]
    scale = library / photos
    for c in changes[:SAMPLED_SHOWN]:
        lines.append(
            f"  {shown_name(c['tag'])}: +{c['added']} -{c['removed']} of these "
            f"{photos} ({c['before']} -> {c['after']}), about +{round(c['added'] * scale):,} "
            f"-{round(c['removed'] * scale):,} in the library"
        )
    if len(changes) > SAMPLED_SHOWN:
        more = counted(len(changes) - SAMPLED_SHOWN, "more tag")
        lines.append(f"  and {more} (--json lists all)")
    return lines


def changed_columns(active: TrainedHead, candidate: TrainedHead) -> list[int]:
    """Candidate columns whose tag the active version lacks or scores differently."""
    old_col = {t: j for j, t in enumerate(active.tags)}
    old_thr = active.thresholds
    new_thr = with_overrides(candidate.tags, candidate.tag_thresholds, active.overrides)
    changed = []
    for j, tag in enumerate(candidate.tags):
        k = old_col.get(tag)
        same = k is not None and (
            active.scale[k] == candidate.scale[j]
            and active.bias[k] == candidate.bias[j]
            and old_thr[k] == new_thr[j]
            and np.array_equal(active.kernel[:, k], candidate.kernel[:, j])
            and np.array_equal(active.column_classes(k), candidate.column_classes(j))
            and np.array_equal(active.column_faces(k), candidate.column_faces(j))
            and all(
                np.array_equal(a, b)
                for a, b in zip(
                    active.column_lookalikes(k), candidate.column_lookalikes(j), strict=True
                )
            )
            and np.array_equal(active.column_kinds(k), candidate.column_kinds(j))
            and np.array_equal(active.column_unshown(k), candidate.column_unshown(j))
        )
        if not same:
            changed.append(j)
    return changed


def library_changes(
    library: Library, active: TrainedHead, candidate: TrainedHead, backbone: str
) -> tuple[list[TagChange], int]:
    """Per tag the candidate scores differently from the active version, how its assignments
    differ, over every photo with an embedding, read once. Returns (changes, photos looked
    at). Only photos in the library are counted and previewed: one out of it (its folder
    removed, its file gone at a rescan) is scored all the same, for the switch to keep it
    current should it come back, but the grid, the sidebar and the search do not show it (the
    Train page said "22 → 48" where they showed 44)."""
    columns = changed_columns(active, candidate)
    old_col = {t: j for j, t in enumerate(active.tags)}
    new_thr = with_overrides(candidate.tags, candidate.tag_thresholds, active.overrides)
    old_thr = active.thresholds
    # A tag the candidate has no column for (its answers all taken back: core/retrain.py) is
    # taken off every photo the active version puts it on: its rows come after the columns'.
    has = set(candidate.tags)
    dropped = [k for k, t in enumerate(active.tags) if t not in has]
    names = [candidate.tags[j] for j in columns] + [active.tags[k] for k in dropped]
    changes = [TagChange(t, 0, 0, backbone=backbone) for t in names]
    for change, j in zip(changes, columns, strict=False):
        change.cut = float(new_thr[j])
    olds = [old_col.get(candidate.tags[j]) for j in columns] + dropped
    old_cols = [k for k in olds if k is not None]
    # Both versions scored page by page exactly as a switch's full re-tag scores them (one
    # softmax per page for both), and the candidate's scores of the changed tags kept for the
    # switch to it (core/switch_scores.py): it then writes them without computing them again.
    reads_default = any(candidate.base_index[j] >= 0 for j in columns) or any(
        active.base_index[k] >= 0 for k in old_cols
    )
    kept = switch_scores.keepable(candidate, columns)
    made_at = switch_scores.generation(library, backbone)
    kept_ids: list[np.ndarray] = []
    kept_scores: list[np.ndarray] = []
    where = [i for i, k in enumerate(olds) if k is not None]
    # Per changed tag, the photos the user decided about, and which of those they said yes to.
    decided: list[tuple[np.ndarray, np.ndarray]] = []
    for change in changes:
        states = decisions_on(library.db, change.tag)
        ids_ = np.fromiter(states, np.int64, len(states))
        yes = np.fromiter((s in POSITIVE_STATES for s in states.values()), bool, len(states))
        decided.append((ids_, ids_[yes]))
        change.answered = dict.fromkeys(states)
    photos = 0
    # The candidate's score of each photo a changed tag gains or loses, to order them by.
    gained_at: list[list[float]] = [[] for _ in changes]
    lost_at: list[list[float]] = [[] for _ in changes]
    present = np.fromiter(present_photo_ids(library.db), np.int64)
    pages = heads_score_chunks(
        library.db,
        backbone,
        candidate.base,
        [candidate],
        page=switch_scores.RETAG_PAGE,
        matrix_cache=library.home.embeddings_cache,
        default_scores=reads_default,
    )
    for page in pages if columns or dropped else ():
        ids, new = page.ids, page.scores[0]
        new_on = np.zeros((len(ids), len(changes)), bool)
        new_on[:, : len(columns)] = new[:, columns] >= new_thr[columns]
        old_on = np.zeros_like(new_on)
        if old_cols:
            old = _old_scores(library, active, old_cols, page)
            old_on[:, where] = old >= old_thr[old_cols]
        id_array = np.asarray(ids, dtype=np.int64)
        if kept:
            kept_ids.append(id_array)
            kept_scores.append(np.ascontiguousarray(new[:, kept], dtype=np.float32))
        here = np.isin(id_array, present)
        photos += int(here.sum())
        for i, change in enumerate(changes):
            answered, said_yes = decided[i]
            free = ~np.isin(id_array, answered) & here
            shown = int((np.isin(id_array, said_yes) & here).sum())
            gained = new_on[:, i] & ~old_on[:, i] & free
            lost = old_on[:, i] & ~new_on[:, i] & free
            change.before += int((old_on[:, i] & free).sum()) + shown
            tagged_free = int((new_on[:, i] & free).sum())
            change.after += tagged_free + shown
            change.unanswered_after += tagged_free
            if i < len(columns) and free.any():
                top = float(new[free, columns[i]].max())
                if change.nearest_unanswered is None or top > change.nearest_unanswered:
                    change.nearest_unanswered = top
            change.added += int(gained.sum())
            change.removed += int(lost.sum())
            change.added_ids += id_array[gained].tolist()
            change.removed_ids += id_array[lost].tolist()
            if i < len(columns):
                gained_at[i] += new[gained, columns[i]].tolist()
                lost_at[i] += new[lost, columns[i]].tolist()
            change.kept_ids += id_array[new_on[:, i] & old_on[:, i] & free].tolist()
            mine = ~free & here
            for photo, *seen in zip(
                id_array[mine].tolist(),
                np.isin(id_array[mine], said_yes).tolist(),
                old_on[mine, i].tolist(),
                new_on[mine, i].tolist(),
                strict=True,
            ):
                change.answered[photo] = (seen[0], seen[1], seen[2])
    for change, gained_scores, lost_scores in zip(changes, gained_at, lost_at, strict=True):
        change.added_ids = surest_first(change.added_ids, gained_scores, high=True)
        change.removed_ids = surest_first(change.removed_ids, lost_scores, high=False)
    if made_at == switch_scores.generation(library, backbone):
        switch_scores.save(library, candidate, kept, made_at, kept_ids, kept_scores)
    return changes, photos or len(np.intersect1d(present, list(embedded_ids(library.db, backbone))))


def surest_first(ids: list[int], scores: list[float], high: bool) -> list[int]:
    """`ids` ordered by how sure the new version is of its change: the photos it tags most
    surely first (`high`), or those it is surest do not show the tag; as they were where no
    score was kept (a tag the new version has no column for). The preview shows a tag's spread
    from its surest photos down to its closest calls (preview_photos): in name order, 147
    photos a tag spread onto showed the first 48 of a folder, none of its surest."""
    if len(scores) != len(ids):
        return ids
    order = np.lexsort((np.asarray(ids), -np.asarray(scores) if high else np.asarray(scores)))
    return [ids[k] for k in order.tolist()]


def spread_sample(ids: list[int], size: int) -> list[int]:
    """`size` of `ids` taken evenly over their order, the first and the last among them: of
    photos ordered surest first, the surest, the closest calls and the ones between."""
    if len(ids) <= size:
        return list(ids)
    if size <= 1:
        return ids[:size]
    picks = np.round(np.linspace(0, len(ids) - 1, size)).astype(int)
    return [ids[k] for k in picks.tolist()]


def _old_scores(
    library: Library, active: TrainedHead, columns: list[int], page: ScoredPage
) -> np.ndarray:
    """The active version's scores of `columns` on a page the candidate was scored on, from
    the same probabilities (only compared, never written: one product for all class sets)."""
    assert page.vectors is not None
    mass = np.zeros((len(page.ids), len(columns)), np.float32)
    own = active.concept_columns()
    sets = [i for i, k in enumerate(columns) if own[k]]
    probs = page.probs
    if sets:
        if probs is None:
            probs = active.base.imagenet_probabilities(page.vectors)
        classes = np.stack([active.column_classes(columns[i]) for i in sets], axis=1)
        mass[:, sets] = np.clip(probs @ classes.astype(np.float32), 0.0, 1.0)
    for i, k in enumerate(columns):
        if active.base_index[k] >= 0:
            mass[:, i] = page.base[:, active.base_index[k]]
    faces = signals_for(active, library.db, page.ids)
    return active.column_scores(page.vectors, columns, mass, faces, probs)


def recount(db: sqlite_utils.Database, changes: list[TagChange]) -> list[TagChange]:
    """`changes` as applying their version makes them now, after the answers given since they
    were counted (without_answers)."""
    from phototagger.store.embeddings import without_embedding

    answers = answers_on(db, [c.tag for c in changes])
    recounted = []
    for change in changes:
        now = answers.get(change.tag, {})
        newly = [p for p in now if p not in change.answered]
        unscored = without_embedding(db, newly, change.backbone) if change.backbone else set()
        recounted.append(without_answers(change, now, unscored))
    return recounted


def without_answers(
    change: TagChange, answers: dict[int, str], unscored: Collection[int] = ()
) -> TagChange:
    """The change as applying the version makes it now, the user's answers about the tag being
    `answers` (photo id -> their decision, as decisions_on reads it): a photo they answered
    about since it was counted shows their answer whichever version is active, so it is
    neither newly tagged nor untagged, and counts on both sides as they answered; one whose
    answer they undid since is the versions' again. (A tag added while training ran was "+1
    newly tagged (5 → 6)", and Apply said no photo's tags changed; a "yes" on a photo neither
    version tags left "7 → 8" one short on both sides.) A photo answered since that has no
    embedding (`unscored`: not read yet) counts on neither side, as a fresh count leaves it
    out (it was counted on both, one over)."""
    before, after = change.before, change.after
    added = [i for i in change.added_ids if i not in answers]
    removed = [i for i in change.removed_ids if i not in answers]
    more = change.added - (len(change.added_ids) - len(added))
    fewer = change.removed - (len(change.removed_ids) - len(removed))
    for photo, then in change.answered.items():
        if then is None:  # not scored: counted on neither side, then or now
            continue
        yes, old, new = then
        state = answers.get(photo)
        if state is None:  # the answer undone: as the versions tag it
            before += old - yes
            after += new - yes
            if new and not old:
                added.append(photo)
                more += 1
            elif old and not new:
                removed.append(photo)
                fewer += 1
        elif (state in POSITIVE_STATES) != yes:  # the answer turned round
            turn = 1 if state in POSITIVE_STATES else -1
            before += turn
            after += turn
    newly = {
        photo: state
        for photo, state in answers.items()
        if photo not in change.answered and photo not in unscored
    }
    if newly:
        added_then, removed_then = set(change.added_ids), set(change.removed_ids)
        kept = set(change.kept_ids)
        for photo, state in newly.items():
            yes = state in POSITIVE_STATES
            before += yes - (photo in removed_then or photo in kept)
            after += yes - (photo in added_then or photo in kept)
    return TagChange(change.tag, before, after, more, fewer, added, removed)


def answers_on(db: sqlite_utils.Database, tags: list[str]) -> dict[str, dict[int, str]]:
    """Per tag, the user's decisions about it now (photo id -> state), for without_answers."""
    return {tag: decisions_on(db, tag) for tag in tags}


def preview_photos(
    db: sqlite_utils.Database, added: list[int], removed: list[int]
) -> list[tuple[int, str, str, bool]]:
    """(photo id, path, content hash, newly tagged?) of the photos a change adds and removes,
    PREVIEW of each at most: taken evenly over their order (library_changes: the surest
    first), so that a tag spread onto many photos shows its closest calls too."""
    from phototagger.store.photos import photos_by_ids

    added, removed = spread_sample(added, PREVIEW), spread_sample(removed, PREVIEW)
    found = {p.id: p for p in photos_by_ids(db, [*added, *removed])}
    return [
        (pid, found[pid].path, found[pid].content_hash or "", pid in set(added))
        for pid in [*added, *removed]
        if pid in found
    ]


def lost_unanswered(changes: list[TagChange], undone: Collection[str] = ()) -> dict[str, int]:
    """Per tag a version takes off photos that carry it now and that nobody answered about (a
    change's `removed`: a photo answered about shows the answer whichever version is active,
    so one the user said no to is never among them), the photos it takes it off: said before
    Apply, beside the tag (lost_unanswered_words). The lead's "kitchen things", taught from 10
    photos and a round of review, lost a ladle, a corkscrew and a can opener nobody answered,
    and the Train page said "-3" and nothing more. `undone`: the tags whose answers were all
    taken back, which the version takes off as the user asked (their own words say so)."""
    gone = {name_key(t) for t in undone}
    return {c.tag: c.removed for c in changes if c.removed and name_key(c.tag) not in gone}


def lost_unanswered_words(tag: str, photos: int, quotes: str = "''", applied: bool = False) -> str:
    """What lost_unanswered warns of, in words: "3 photos would lose 'kitchen things' that you
    never said no to: look at them before you apply"; `applied`: the version is active already
    (`train` made it so), "3 photos lost …: look at them"."""
    name = f"{quotes[0]}{shown_name(tag)}{quotes[-1]}"
    them = "it" if photos == 1 else "them"
    if applied:
        return f"{counted(photos, 'photo')} lost {name} that you never said no to: look at {them}"
    return (
        f"{counted(photos, 'photo')} would lose {name} that you never said no to: look at "
        f"{them} before you apply"
    )


def lost_unanswered_paths(
    db: sqlite_utils.Database, changes: list[TagChange], lost: Collection[str]
) -> dict[str, list[str]]:
    """Per tag in `lost` (lost_unanswered), the paths of the photos its change takes it off,
    surest off first (library_changes), for `train` to say where they are."""
    from phototagger.store.photos import photos_by_ids

    return {
        c.tag: [p.path for p in photos_by_ids(db, c.removed_ids)] for c in changes if c.tag in lost
    }


def base_rate_notes(
    changes: list[TagChange], positives: dict[str, int], negatives: dict[str, int], photos: int
) -> list[str]:
    """Tags that would go on more photos than their labels suggest: the share of positives
    among the user's answers bounds the share of the library (answers lean positive)."""
    notes = []
    for c in changes:
        pos, neg = positives.get(c.tag, 0), negatives.get(c.tag, 0)
        if pos + neg == 0 or photos == 0 or c.added == 0:
            continue
        ceiling = pos / (pos + neg) * photos
        if c.after > ceiling:
            notes.append(
                f"{shown_name(c.tag)} would be on {counted(c.after, 'photo')}, more than its "
                f"labels suggest (at most ~{ceiling:,.0f}: {pos} yes / {neg} no)"
            )
    return notes
