"""What the active model says about one tag across the library, and the next photos to review."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from phototagger.core.embedding_matrix import library_chunks
from phototagger.core.errors import UnknownTag
from phototagger.core.face_signals import signals_for
from phototagger.core.library import Library
from phototagger.core.model.tagger import backbone_for, load_head
from phototagger.core.states import POSITIVE_STATES, PhotoStatus
from phototagger.core.wording import counted
from phototagger.ml.engine import BACKBONE_NAME, TagHead
from phototagger.ml.heads import DefaultHead
from phototagger.ml.model_version import ModelVersion
from phototagger.ml.trained_head import TrainedHead
from phototagger.store import photos as photo_store
from phototagger.store.embeddings import without_embedding
from phototagger.store.tags import decisions_on, name_key, tag_id, timed_decisions_on
from phototagger.tag_names import shown_name


@dataclass(frozen=True)
class ReviewItem:
    photo_id: int
    path: str
    confidence: float
    state: str | None  # the user's decision on this tag, if any (None: undecided)
    why: str = ""  # why it is asked about (core/review_mix.py: 'unsure', 'may be missed'...)
    cut: float | None = None  # where the tag starts tagging (its threshold; a detector's line)


def tag_scores(library: Library, tag: str, head: TagHead | None = None) -> list[tuple[int, float]]:
    """(photo id, the active model's confidence for `tag`) for every embedded photo, highest
    first; for a people tag the model has no output for, the face detector's (people.py).
    Raises UnknownTag if neither has a score for that tag."""
    from phototagger.core.people import people_tag_scores

    head = head or load_head(library)
    if _column(head, tag) is None:
        people = people_tag_scores(library.db, tag)
        if people is not None:
            return people
    index = _tag_index(head, tag, library)
    result: list[tuple[int, float]] = []
    backbone = backbone_for(library, head.version)
    for ids, matrix in library_chunks(library, backbone):
        if isinstance(head, TrainedHead):  # a tag with a face base reads the detector's findings
            scores = head.scores(matrix, faces=signals_for(head, library.db, ids))
        else:
            scores = head.scores(matrix)
        column = scores[:, index]
        result.extend(zip(ids, column.tolist(), strict=True))
    result.sort(key=lambda item: -item[1])
    return result


def tag_threshold(library: Library, tag: str, head: TagHead | None = None) -> float | None:
    """Where the active model starts putting `tag` on a photo (its threshold, the user's own
    if set), as tag_scores scores it; None for a people tag the model has no output for (the
    face detector's counting decides those)."""
    head = head or load_head(library)
    column = _column(head, tag)
    return None if column is None else float(head.thresholds[column])


def _column(head: TagHead, tag: str) -> int | None:
    """The head's output for `tag` (ASCII case and surrounding spaces ignored, as the database
    tells tags apart: 'äpfel' is not the column of 'Äpfel'), or None."""
    folded = name_key(tag.strip())
    return next((i for i, name in enumerate(head.tag_names) if name_key(name) == folded), None)


def _tag_index(head: TagHead, tag: str, library: Library) -> int:
    """The head's output for `tag`; UnknownTag saying what would give it one if it has none."""
    found = _column(head, tag)
    if found is not None:
        return found
    folded = name_key(tag.strip())
    learned = _versions_knowing(library, folded)
    if learned:
        # Rolled back past the version that learned it: "label a few photos and train" would
        # send the user to teach again what a saved version already knows.
        return_to = learned[-1]
        raise UnknownTag(
            f"the version in use ({head.version}) does not know {shown_name(tag)!r}: you taught "
            f"it in version {return_to}, which is not active (phototagger models use {return_to})"
        )
    said_yes = [p for p, state in decisions_on(library.db, tag).items() if state in POSITIVE_STATES]
    if not said_yes:
        _refuse_a_parent(library, head, tag)
    gone_to = _renamed_to(library, folded) if not said_yes else None
    if gone_to is not None:
        raise UnknownTag(f"there is no tag {shown_name(tag)!r} any more: {gone_to}")
    # A typo ('animl' for 'animal') was told to label photos with the misspelt tag and train,
    # as `label` would then make it a new tag: the tag the model has is named instead.
    near, sure = _learned_lookalike(head, tag)
    if tag_id(library.db, tag) is None:
        # A name no photo and no answer has ('gran', 'zebra crossing') was told "the model has
        # not learned 'gran' yet", which is for a tag the user taught and has not trained.
        raise UnknownTag(_no_tag_called(tag, near, sure))
    if near is not None and sure and not said_yes:
        raise UnknownTag(
            f"the model has not learned {shown_name(tag)!r}: did you mean {shown_name(near)!r}?"
        )
    # As training counts them: a photo that could not be read teaches nothing (training_set.py).
    unread = len(without_embedding(library.db, said_yes, BACKBONE_NAME))
    also = f"; or did you mean {shown_name(near)!r}?" if near is not None else ""
    how = _how_to_learn(len(said_yes) - unread, unread) if said_yes else _only_no_words(tag)
    raise UnknownTag(f"the model has not learned {shown_name(tag)!r} yet: {how}{also}")


def _only_no_words(tag: str) -> str:
    """How to teach `tag`, a tag the user has answered only "no" to (or none left): "label a
    few photos with it and train" read as if they had done nothing. What is missing is a yes."""
    import shlex

    return (
        "no photo has been given it yet, so there is nothing to learn it from; give it to a "
        "few photos (in the app: select them and press T; or phototagger label PATH --add "
        f"{shlex.quote(shown_name(tag))}), then train"
    )


def _no_tag_called(tag: str, near: str | None, sure: bool) -> str:
    """What to say of `tag`, a name that is no tag: so, plainly; the tag it is a slip of
    (`sure`), or may be; and how a new tag of that name is taught where it may be one."""
    said = f"there is no tag called {shown_name(tag)!r}"
    if near is not None:
        said += f": did you mean {shown_name(near)!r}?"
        if sure:
            return said
        return f"{said} To make it a new tag, {_how_to_learn(0)}"
    return f"{said}; to make it a new tag, {_how_to_learn(0)}"


def _learned_lookalike(head: TagHead, tag: str) -> tuple[str | None, bool]:
    """The tag the model learned that `tag` looks like a variant or typo of, or None; and
    whether it is sure: a near miss ('trian' for 'train', a name that is no word a key or two
    from the tag) may be a new name ('Tim' beside 'Tom'), so how to teach it is said too."""
    from phototagger.core.tag_admin import similar_names

    for near_misses in (False, True):
        close = similar_names(tag, list(head.tag_names), near_misses=near_misses)
        if close:
            return close[0], not near_misses
    return None, False


def _refuse_a_parent(library: Library, head: TagHead, tag: str) -> None:
    """UnknownTag if `tag` only holds other tags ('Places' over 'Places/Beach' and
    'Places/Paris'): "label a few photos with it" was said of a tag 12 photos were under. The
    model learns each tag under it, not the parent: one of those is named to ask about."""
    from phototagger.core.tag_admin import tags_under
    from phototagger.store.tags import subtree_counts, subtree_tags

    folded = name_key(tag.strip())
    below = [name for _, name in subtree_tags(library.db, tag) if name_key(name) != folded]
    if not below:
        return
    photos = subtree_counts(library.db, [tag])[tag]
    learned = [name for name in below if _column(head, name) is not None]
    if learned:
        what = f"review one of them instead (e.g. {shown_name(learned[0])!r})"
    else:
        first = below[0]
        yes = sum(state in POSITIVE_STATES for state in decisions_on(library.db, first).values())
        what = f"none of them is learned yet ({shown_name(first)!r}: {_how_to_learn(yes)})"
    raise UnknownTag(
        f"{shown_name(tag)!r} is a group, not a tag the model learns: it holds "
        f"{tags_under(below)}, on {counted(photos, 'photo')}; {what}"
    )


def _renamed_to(library: Library, folded: str) -> str | None:
    """Where the tag went, if the user renamed, merged or deleted it (tag_admin.py), followed
    through later renames of the tag it went to."""
    from phototagger.core.tag_admin import tag_changes

    name: str | None = folded
    went = False
    for _, old, new in tag_changes(library.db):  # oldest first
        if name is not None and name_key(old) == name_key(name):
            name, went = new, True
    if not went:
        return None
    return (
        "it was deleted" if name is None else f"it was renamed or merged into {shown_name(name)!r}"
    )


def _how_to_learn(yes: int, unread: int = 0) -> str:
    """What teaches the model a tag `yes` readable photos have (and `unread` that could not be
    read): "label a few" is no answer for a user who labelled three and needs two more, or
    labelled five and must train."""
    from phototagger.core.training_set import MIN_POSITIVES

    besides = f" (besides {unread} that could not be read)" if unread else ""
    if yes == 0:
        return f"label a few photos with it{besides} and train"
    if yes < MIN_POSITIVES:
        return (
            f"{yes} photo{'s' if yes != 1 else ''} {'have' if yes != 1 else 'has'} it{besides}; "
            f"it is learned once {MIN_POSITIVES} have it (add it to {MIN_POSITIVES - yes} more, "
            "then train)"
        )
    return f"{yes} photos have it{besides}; train to learn it"


def _versions_knowing(library: Library, folded: str) -> list[str]:
    """The saved versions that have an output for the tag (`folded`: its name_key), under
    the names their tags have now: renamed, merged and deleted since (as load_head maps them)."""
    return [record.version for record in _records_knowing(library, folded)]


def _records_knowing(library: Library, folded: str) -> list[ModelVersion]:
    """The records of _versions_knowing, in order."""
    from phototagger.core.model.listing import saved_records
    from phototagger.core.tag_admin import tag_changes
    from phototagger.core.tag_map import column_map

    changes = tag_changes(library.db)
    found = []
    for record in saved_records(library)[0]:  # a damaged record says nothing; `models` lists it
        names, _ = column_map(record.tags, changes, record)
        if any(name_key(t) == folded for t in names):
            found.append(record)
    return found


def _unseen_turns(library: Library, tag: str) -> int:
    """The unseen line's turns in ten (core/review_mix.unseen_turns) from the user's review
    answers about `tag`: each answer made under a version that knows the tag (the newest made
    before it) on a photo that version scored under half its threshold, by that version."""
    from phototagger.core.review_mix import unseen_turns
    from phototagger.ml.blas_threads import one_blas_thread
    from phototagger.ml.registry import backbone_key

    records = sorted(
        (r for r in _records_knowing(library, name_key(tag.strip())) if r.created_at),
        key=lambda r: str(r.created_at),
    )
    asked: dict[str, list[tuple[int, bool]]] = {r.version: [] for r in records}
    for pid, state, at, seq in timed_decisions_on(library.db, tag):
        # By the order decisions were made in, not by time: times are kept to the second, and
        # an answer given in the second its version was saved was taken as one it was trained
        # on, so the review queue's mix hung on where the clock's second fell (ModelVersion.
        # came_after; versions older than the order, by time as before).
        under = [r.version for r in records if r.came_after(seq, at)]
        if under:  # else an example the tag was first taught from, not a review answer
            asked[under[-1]].append((pid, state in POSITIVE_STATES))
    backbones = {r.version: backbone_key(r) for r in records}
    answered = sorted({pid for answers in asked.values() for pid, _ in answers})
    # What does not depend on the version (the answered photos' embeddings, their ImageNet
    # probabilities and the default head's scores of them), once per backbone and default head:
    # one softmax per version was most of a queue at 30 versions.
    shared: dict[tuple[str, int], _Answered] = {}
    rounds: list[list[bool]] = []
    for version, answers in asked.items():
        head = _answered_under(library, version) if answers else None
        if not isinstance(head, TrainedHead) or (column := _column(head, tag)) is None:
            continue
        key = (backbones[version], id(head.base))
        if key not in shared:
            shared[key] = _answered_inputs(library, backbones[version], head.base, answered)
        ids, rows = shared[key].rows_of([pid for pid, _ in answers])
        if not ids:
            continue
        # A few hundred rows: on a busy machine BLAS's threads wait for each other
        # (ml/blas_threads.py).
        with one_blas_thread():
            scores = head.scores_given(
                shared[key].vectors[rows],
                probs=shared[key].probs[rows],
                base_scores=shared[key].default[rows],
                faces=signals_for(head, library.db, ids),
            )[:, column]
        score_of = dict(zip(ids, scores.tolist(), strict=True))
        half = float(head.thresholds[column]) / 2
        # In the order they were given: the last answers decide (unseen_turns).
        rounds.append([yes for pid, yes in answers if score_of.get(pid, half) < half])
    return unseen_turns(rounds)


@dataclass(frozen=True)
class _Answered:
    """The answered photos with an embedding (by id), their embeddings, their ImageNet
    probabilities and the default head's scores of them."""

    ids: list[int]
    vectors: np.ndarray
    probs: np.ndarray
    default: np.ndarray

    def rows_of(self, photo_ids: list[int]) -> tuple[list[int], np.ndarray]:
        """(those of `photo_ids` with an embedding, by id; their rows)."""
        row_of = {pid: i for i, pid in enumerate(self.ids)}
        ids = sorted({pid for pid in photo_ids if pid in row_of})
        return ids, np.array([row_of[pid] for pid in ids], dtype=np.int64)


def _answered_inputs(
    library: Library, backbone: str, default: DefaultHead, photo_ids: list[int]
) -> _Answered:
    """_Answered for `photo_ids`: the embeddings from the library's copy where it is current
    (core/embedding_matrix.py), the probabilities from the probabilities' copy where it has
    them (core/probability_matrix.py), else computed here."""
    from phototagger.core.embedding_matrix import current_matrix
    from phototagger.core.probability_matrix import load_probabilities
    from phototagger.core.score_cache import cache_key
    from phototagger.core.training_set import embeddings_of
    from phototagger.ml.blas_threads import one_blas_thread

    cache = library.home.embeddings_cache
    copy = current_matrix(library.db, backbone, cache) if photo_ids else None
    ids, vectors = embeddings_of(library.db, photo_ids, backbone, copy=copy)
    probs = None
    if copy is not None and ids:
        stored = load_probabilities(library.db, cache, backbone, copy, cache_key(default, backbone))
        at = np.searchsorted(copy.ids, ids)
        if stored is not None and at.max() < len(copy.ids) and (copy.ids[at] == ids).all():
            probs = np.asarray(stored[at], np.float32)
    with one_blas_thread():
        if probs is None:
            probs = default.imagenet_probabilities(vectors)
        scores = (
            default.scores_from_probabilities(probs)
            if ids
            else np.zeros((0, len(default.tag_names)), np.float32)
        )
    return _Answered(ids, vectors, probs, scores)


# The heads of older versions _unseen_turns reads, by (the version's file, as it is on disk; the
# library's tag changes since): each review queue read every version the user answered under
# from disk again, 50 ms a version (1.1 s of a queue at 20 versions).
_ANSWERED_UNDER: dict[tuple[str, int, int, str], TagHead] = {}
_ANSWERED_UNDER_KEPT = 64


def _answered_under(library: Library, version: str) -> TagHead | None:
    """load_head(library, version), kept while its saved file and the tag changes are the same:
    a saved version is never changed, but a discarded one's name may be given again."""
    import json

    from phototagger.core.model.active import threshold_overrides
    from phototagger.core.tag_admin import tag_changes

    path = library.models.folder / f"{version}.npz"
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, json.dumps(tag_changes(library.db)))
    head = _ANSWERED_UNDER.get(key)
    if head is None:
        head = load_head(library, version, with_user_thresholds=False)
        if len(_ANSWERED_UNDER) >= _ANSWERED_UNDER_KEPT:
            _ANSWERED_UNDER.pop(next(iter(_ANSWERED_UNDER)))
        _ANSWERED_UNDER[key] = head
    if not isinstance(head, TrainedHead):
        return head
    # The user's thresholds as they are now, as load_head gives them.
    return replace(head, overrides=threshold_overrides(library.db))


@dataclass(frozen=True)
class ReviewRound:
    """A tag's review queue as the Review tab and `review` list it, and whether the tag has found
    all it is likely to (`settled`): no photo the user has not answered is near the cut
    (core/review_mix.nothing_likely_left); then `nearest` is the highest score among them."""

    items: list[ReviewItem]
    settled: bool = False
    nearest: float = 0.0
    cut: float | None = None
    # Where the tag stays on its yes answers because they and its "no" answers are whole
    # folders, or its yes answers are and it has fewer than 5 "no" (folder_words): what
    # `train` said of it, what to do in place of answers here.
    by_folder: str | None = None
    # Where it was taught from yes answers on whole folders and fewer than 5 "no", whether it
    # stays or spreads (folder_words): those folders. Its next step is said both ways, as
    # `train` says it: answer no (then train) or, for a trip, a place or an event, label a
    # folder (no_answers.yes_folders_words).
    yes_folders: tuple[str, ...] = ()
    # Where `settled`: (yes answers kept out of training to test the version, how many of them
    # it found), as its record keeps them for a tag that goes on few photos (core/few_photos),
    # where it missed some: its scores give no likely miss, but the test says it misses kinds
    # it was not shown (review_mix.nothing_likely_words says both; queue42).
    tested: tuple[int, int] | None = None


def review_round(library: Library, tag: str, limit: int = 50) -> ReviewRound:
    """review_queue's photos, but once the tag is settled only its first ROUND (the nearest, and
    kinds not asked about yet): 50 photos at 0-8%, each "below, check", asked for 50 answers of
    "no" that taught nothing. Ten are left for a last look (a miss far under the cut is still
    possible), beside words that say nothing is likely left (review_mix.nothing_likely_words)."""
    from phototagger.core.review_mix import ROUND

    found = _queue(library, tag, limit)
    return replace(found, items=found.items[:ROUND]) if found.settled else found


def review_queue(library: Library, tag: str, limit: int = 50) -> list[ReviewItem]:
    """The next undecided photos to answer for `tag`, `limit` at most, in the queue's order."""
    return _queue(library, tag, limit).items


def _queue(library: Library, tag: str, limit: int = 50) -> ReviewRound:
    """The next undecided photos to answer for `tag`: unsure "probably yes", most confident and
    likely misses, in turn (core/review_mix.py): the confident line leaves out kinds the user
    already confirmed, and a round shows each kind (likeliest ImageNet class) once. For a
    people tag, the face detector's confidences take the model's place."""
    from phototagger.core.model.unseen_kinds import queue_inputs, weak_kinds
    from phototagger.core.people import load_rules, people_review
    from phototagger.core.review_mix import (
        EXPLORE,
        UNSURE,
        below_why,
        mixed_order,
        nothing_likely_left,
        of_settled_kinds,
        stays_on_own,
    )

    people = people_review(library.db, tag, limit)
    if people is not None:
        found = {p.id: p for p in photo_store.photos_by_ids(library.db, [i for i, _ in people])}
        line = load_rules().min_confidence
        # The detector's nearest to its counting line: unsure above, missed below.
        return ReviewRound(
            [
                ReviewItem(
                    pid,
                    found[pid].path,
                    conf,
                    None,
                    UNSURE if conf >= line else below_why(conf, line),
                    line,
                )
                for pid, conf in people
                if pid in found and found[pid].status != PhotoStatus.MISSING
            ]
        )
    head = load_head(library)
    index = _tag_index(head, tag, library)
    threshold = float(head.thresholds[index])
    decisions = decisions_on(library.db, head.tag_names[index])
    decided = set(decisions)
    if isinstance(head, TrainedHead):
        inputs = queue_inputs(library, head, index, weak_kinds(head, index), decided)
        scored, unseen, kind_of = inputs.scored, inputs.unseen, inputs.kind_of
        clear: set[int] | None = inputs.clear
    else:  # the default tagger: its tags are ImageNet classes, no kind to tell apart
        scored, unseen, kind_of = tag_scores(library, tag, head), [], {}
        clear = None
    positives = [pid for pid, state in decisions.items() if state in POSITIVE_STATES]
    # Only photos the queue can show (present, read): a missing photo's score made "nothing
    # likely left" and "the nearest" count a photo never listed (read38). Each scored photo has
    # a row (its embedding goes with it: ON DELETE CASCADE), so the present ones are those not
    # missing, read from the status index: this check took 214 ms at 500,000 photos reading
    # every present photo's id, 59 ms now (benchmarks/train_overheads.py); a query with the
    # candidates' ids (all but the answered ones) took 1 s.
    missing = photo_store.missing_photo_ids(library.db)
    candidates = [(pid, conf) for pid, conf in scored if pid not in decided and pid not in missing]
    settled = of_settled_kinds(kind_of, positives, [pid for pid, _ in candidates], clear)
    why: dict[int, str] = {}
    turns = _unseen_turns(library, head.tag_names[index]) if unseen else EXPLORE
    nearest = max((conf for _, conf in candidates), default=0.0)
    done = nothing_likely_left([conf for _, conf in candidates], threshold)
    chosen = mixed_order(candidates, threshold, limit, unseen, kind_of, settled, why, turns)
    photos = {p.id: p for p in photo_store.photos_by_ids(library.db, [pid for pid, _ in chosen])}
    items = [
        ReviewItem(pid, photos[pid].path, conf, None, why[pid], threshold)
        for pid, conf in chosen
        if pid in photos and photos[pid].status != PhotoStatus.MISSING
    ]
    # The answers training learns from: on photos in the library (words41: a photo whose file
    # is gone, or in a folder removed, was counted in "stays on the 60 photos you said yes to"
    # and its folder named among the yes answers' after training had left it out).
    in_library = {pid: state for pid, state in decisions.items() if pid not in missing}
    folders = folder_words(library, head, index, in_library, stays_on_own(threshold))
    tested = held_out_missed(library, head, index) if done and items else None
    return ReviewRound(items, done, nearest, threshold, *folders, tested=tested)


def held_out_missed(library: Library, head: TagHead, index: int) -> tuple[int, int] | None:
    """(yes answers kept out of training, how many of them it found) for the tag at `index`,
    as the version's record keeps them for the Train page's few-photos note (its "few_photos"
    counts, core/few_photos), where it found fewer than all; None otherwise (a version that
    recorded no such test, or found them all)."""
    from phototagger.core.review_mix import missed_some
    from phototagger.core.tag_admin import tag_changes
    from phototagger.core.tag_map import remap_record

    if not isinstance(head, TrainedHead):
        return None
    record = remap_record(library.models.record(head.version), tag_changes(library.db))
    few = record.training.get("few_photos")
    counts = few.get(head.tag_names[index]) if isinstance(few, Mapping) else None
    if not isinstance(counts, Mapping):
        return None
    held, found = counts.get("tested_yes"), counts.get("found")
    if isinstance(held, int) and isinstance(found, int) and missed_some(held, found):
        return held, found
    return None


def folder_words(
    library: Library,
    head: TagHead,
    index: int,
    decisions: Mapping[int, str],
    stays: bool,
) -> tuple[str | None, tuple[str, ...]]:
    """Where the version's record of the tag at `index` holds the folders of its answers
    (learned_words.BY_FOLDER) and its answers (`decisions`, on photos in the library; those
    never read left out, as training leaves them) still are whole folders as the training read
    them: (what `train` said of it where it `stays` on the photos said yes to,
    core/no_answers.own_photos_words; the folders of its yes answers where it was taught as
    from yes answers alone, fewer than CALIBRATE_MIN "no", tag_learning.whole_folders, whose
    words say both ways: answer no where it is something the pictures show, label a folder
    where it is a trip, a place or an event). (None, ()) otherwise.

    Taught by whole folders on both sides (tag_learning.folder_answers), with fewer than
    CALIBRATE_MIN yes or "no" elsewhere (more might let a training spread it), its queue ended
    "answer them: ... --add 'holiday Crete' (yes) or --reject ... (no), then train" (words40),
    where the folder, not what the pictures show, is what the tag is: labelling a folder tags
    its photos, a training on answers to photos here does not spread it to a folder's photos.
    Taught from yes answers on a whole folder and nothing else, its queue still ended so
    (words41), where `train`'s note said both ways; it now says both too."""
    from phototagger.core.learned_words import BY_FOLDER, ELSEWHERE
    from phototagger.core.no_answers import own_photos_words
    from phototagger.core.tag_admin import tag_changes
    from phototagger.core.tag_learning import CALIBRATE_MIN, folder_answers, whole_folders
    from phototagger.core.tag_map import remap_record

    tag = head.tag_names[index]
    record = remap_record(library.models.record(head.version), tag_changes(library.db))
    how = record.learned.get(tag)
    if not isinstance(how, Mapping) or not isinstance(how.get(BY_FOLDER), Mapping):
        return None, ()
    # The "no" answers counted as training counts them, on photos it read: a yes-only folder
    # tag with 5 "no", one of them on a photo never read, is taught from 4 and told both ways
    # by `train`; its queue said only "answer them: ..." (queue42).
    unread = set(without_embedding(library.db, list(decisions), BACKBONE_NAME))
    ids = [pid for pid in decisions if pid not in unread]
    said_yes = np.array([decisions[pid] in POSITIVE_STATES for pid in ids], dtype=bool)
    yes, no = int(said_yes.sum()), int((~said_yes).sum())
    if not stays and no >= CALIBRATE_MIN:
        return None, ()  # spreads, taught with "no" answers enough: nothing by folder to say
    few_no = no < CALIBRATE_MIN
    folder_of = {p.id: p.folder for p in photo_store.photos_by_ids(library.db, ids)}

    def sizes(folders: Sequence[str]) -> Mapping[str, int]:
        return photo_store.counts_by_folder(library.db, folders)

    if few_no:
        # As training reads a tag taught from yes answers alone (or 1-4 "no").
        split = whole_folders(folder_of, sizes, ids, said_yes)
        if split is None:
            return None, ()
        words = own_photos_words(tag, yes, no, {"yes": list(split[0]), "no": list(split[1])})
        return (words if stays else None), split[0]
    found = folder_answers(folder_of, sizes, ids, said_yes)
    if found is None or found.enough_elsewhere:
        return None, ()  # answered since so that a training may spread it
    folders = {"yes": list(found.yes), "no": list(found.no)}
    counts = dict(zip(ELSEWHERE, found.counts, strict=True))
    return own_photos_words(tag, yes, no, folders | counts), ()


def nothing_to_review(library: Library, tag: str) -> str:
    """Why `review TAG` has no photo to ask about."""
    present = set(photo_store.present_photo_ids(library.db))
    if not present:
        return "nothing to review: no photo in the library yet; scan a folder first"
    if present <= set(decisions_on(library.db, tag)):
        return f"nothing left to ask about {shown_name(tag)!r}: every photo has your answer for it"
    return (
        f"nothing left to ask about {shown_name(tag)!r}: every photo that could be read has "
        "your answer for it (see: phototagger problems)"
    )


def nothing_to_score(library: Library) -> str:
    """Why `scores TAG` lists no photo."""
    if not photo_store.present_photo_ids(library.db):
        return "nothing to score: no photo in the library yet; scan a folder first"
    return "nothing to score: no photo in the library could be read (see: phototagger problems)"
