"""The review queue's turns for kinds no example showed follow the user's answers about them:
while photos the tag scored under half its threshold keep coming back yes the line keeps two
turns in five; once NO_STREAK such answers in a row came back no it gets fewer (one in five,
then one in ten, never none), and the likely-missed line takes them. On det-photos most such
answers are "no" for most tags (garment persons 0 yes in 92)."""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from phototagger import paths
from phototagger.core.labels import label_paths
from phototagger.core.library import Library
from phototagger.core.model.review import _unseen_turns, review_queue
from phototagger.core.review_mix import (
    CONFIDENT,
    EXPLORE,
    FAR_BELOW,
    FEWER,
    FEWEST,
    MISSED,
    NO_STREAK,
    ROUND,
    UNSEEN,
    UNSURE,
    mixed_order,
    unseen_turns,
)
from phototagger.core.training_set import embeddings_of
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import from_default
from phototagger.store import photos as photo_store
from tests.imagenet_photos import class_index
from tests.retrain_helpers import library_from
from tests.taught_tags import taught


def test_turns_follow_the_last_answers_about_photos_scored_under_half_the_cut() -> None:
    no, yes = [False], [True]
    assert unseen_turns([]) == EXPLORE  # no review round yet
    assert unseen_turns([[], []]) == EXPLORE  # rounds that asked about no such photo
    assert unseen_turns([no * (NO_STREAK - 1)]) == EXPLORE  # too few to tell
    assert unseen_turns([no * 3, no * (NO_STREAK - 3)]) == FEWER  # counted across rounds
    assert unseen_turns([no * 3, yes + no * (NO_STREAK - 1)]) == EXPLORE  # a kind joined
    assert unseen_turns([yes + no * NO_STREAK]) == FEWER
    assert unseen_turns([no * NO_STREAK, [], no * NO_STREAK]) == FEWEST
    assert unseen_turns([no * NO_STREAK, no * (NO_STREAK - 1) + yes]) == EXPLORE  # back again


def test_fewer_unseen_turns_go_to_the_likely_misses_and_never_to_none() -> None:
    above = [(i, 0.5 + i / 80) for i in range(1, 40)]
    below = [(100 + i, 0.4 - i / 1000) for i in range(40)]
    unseen = [(200 + i, 0.01) for i in range(40)]
    scored = above + below + unseen
    counts = {}
    for turns in (EXPLORE, FEWER, FEWEST):
        why: dict[int, str] = {}
        chosen = mixed_order(scored, 0.5, 5 * ROUND, unseen, why=why, turns=turns)
        assert len(chosen) == 5 * ROUND
        # The likely-misses line: its photos past those it likely missed are "below, check".
        lines = [MISSED if why[pid] == FAR_BELOW else why[pid] for pid, _ in chosen]
        rounds = [lines[i : i + ROUND] for i in range(0, len(lines), ROUND)]
        counts[turns] = {
            line: {each.count(line) for each in rounds}
            for line in (UNSEEN, UNSURE, CONFIDENT, MISSED)
        }
    assert counts == {  # turns in each round of ten
        EXPLORE: {UNSEEN: {4}, UNSURE: {2}, CONFIDENT: {2}, MISSED: {2}},
        FEWER: {UNSEEN: {2}, UNSURE: {2}, CONFIDENT: {2}, MISSED: {4}},
        FEWEST: {UNSEEN: {1}, UNSURE: {2}, CONFIDENT: {2}, MISSED: {5}},
    }
    # As before at EXPLORE: unsure, unseen, confident, unseen, likely missed.
    assert [p for p, _ in mixed_order(scored, 0.5, 5, unseen)] == [1, 200, 39, 201, 100]
    assert mixed_order(scored, 0.5, 20, unseen) == mixed_order(
        scored, 0.5, 20, unseen, turns=EXPLORE
    )


@pytest.mark.model  # the real network's embeddings and ImageNet probabilities
def _weak_kinds(lib: Library) -> tuple[dict[int, str], dict[str, float]]:
    """The photos' names, and a tag's classes that weigh the kinds of the faces and patches
    weakly (0.2: each such photo scores under half of the 0.5 threshold): the unseen line asks
    about one photo of each of those kinds."""
    names = {p.id: Path(p.path).name for p in photo_store.all_photos(lib.db)}
    ids, emb = embeddings_of(lib.db, sorted(names), BACKBONE_NAME)
    base = from_default(load_default_head(), np.zeros(1280, np.float32), np.ones(1280))
    likeliest = np.argmax(base.base.imagenet_probabilities(emb), axis=1)
    classes = json.loads((paths.models_data_dir() / "imagenet_classes.json").read_text())
    weak = {
        classes[k]["name"]: 0.2
        for pid, k in zip(ids, likeliest.tolist(), strict=True)
        if not names[pid].startswith(("chelsea", "coffee"))
        and class_index(classes[k]["name"]) == k  # a name two classes share: left out
    }
    assert len(weak) > 2 * NO_STREAK
    return names, weak


class _Asking:
    """The review queue of 'cats' and answers to it, as a user gives them."""

    def __init__(self, lib: Library, pics: Path, names: dict[int, str]) -> None:
        self.lib, self.pics, self.names = lib, pics, names

    def asked(self, limit: int = ROUND) -> list[tuple[int, str]]:
        return [(q.photo_id, q.why) for q in review_queue(self.lib, "cats", limit=limit)]

    def unseen_in_a_round(self) -> int:
        return [why for _, why in self.asked()].count(UNSEEN)

    def answer_no(self, count: int) -> list[int]:
        photos = [pid for pid, why in self.asked(5 * ROUND) if why == UNSEEN][:count]
        assert len(photos) == count
        label_paths(self.lib.db, [str(self.pics / self.names[p]) for p in photos], reject=["cats"])
        return photos


def test_a_round_of_no_on_photos_scored_under_half_the_cut_gives_the_unseen_line_fewer_turns(
    template: Path,
) -> None:
    lib, pics = library_from(template)
    with lib:
        # A tag taught on Persian cats that weighs the kinds of the faces and patches weakly.
        names, weak = _weak_kinds(lib)
        taught(lib, "cats", {"Persian cat": 1.0, **weak})
        queue = _Asking(lib, pics, names)
        asked, unseen_in_a_round, answer_no = queue.asked, queue.unseen_in_a_round, queue.answer_no

        first = unseen_in_a_round()
        assert first >= 4  # two turns in five (more where other lines are empty)
        # NO_STREAK answers in a row about those photos all came back no ...
        answer_no(NO_STREAK - 1)
        assert unseen_in_a_round() == first  # (too few to tell)
        last = answer_no(1)
        fewer = unseen_in_a_round()
        assert 1 <= fewer < first  # fewer, not none
        assert {why for _, why in asked()} - {UNSEEN}  # the likely misses take the turns

        # A yes among them (a kind no example showed is one) gives the turns back.
        label_paths(lib.db, [str(pics / names[last[0]])], add=["cats"])
        assert unseen_in_a_round() == first
        label_paths(lib.db, [str(pics / names[last[0]])], reject=["cats"])
        assert unseen_in_a_round() == fewer

        # NO_STREAK more "no", given under a newer version, give fewer still.
        lib.db.execute("UPDATE photo_tags SET decided_at = '2026-03-01T00:00:00'")
        taught(lib, "cats", {"Persian cat": 1.0, **weak}, "v3", created_at="2026-06-01T00:00:00")
        assert unseen_in_a_round() == fewer  # none answered under v3 yet
        answer_no(NO_STREAK)
        assert 1 <= unseen_in_a_round() < fewer


def test_answers_a_version_was_trained_on_are_its_examples_in_its_very_second(
    template: Path,
) -> None:
    """Labels given and trained on within one second (a small library, a script's label then
    train) share the version's time. They are the examples the tag was taught from, not review
    answers: the fresh-clone suite saw the queue of a tag just taught from 10 no's give the
    unseen line fewer turns, as after six review answers of no. The version records the last
    decision it learned from (decisions_up_to), whatever the clock said."""
    lib, pics = library_from(template)
    with lib:
        names, weak = _weak_kinds(lib)
        # No's on photos of the weakly weighed kinds (each scored under half the cut), given
        # before the tag's first version was trained on them, in the second it was saved.
        others = sorted(p for p, n in names.items() if not n.startswith(("chelsea", "coffee")))
        label_paths(lib.db, [str(pics / names[p]) for p in others[:NO_STREAK]], reject=["cats"])
        saved = str(lib.db.execute("SELECT max(decided_at) FROM photo_tags").fetchone()[0])
        taught(lib, "cats", {"Persian cat": 1.0, **weak}, created_at=saved)
        queue = _Asking(lib, pics, names)
        assert _unseen_turns(lib, "cats") == EXPLORE  # its examples, not answers to it
        queue.answer_no(NO_STREAK)
        assert _unseen_turns(lib, "cats") == FEWER  # given after the training: review answers


def test_an_answer_given_in_the_second_its_version_was_saved_is_a_review_answer(
    template: Path,
) -> None:
    """Times are kept to the second, and a script (or benchmarks/new_tags.py's simulated user)
    labels, trains and answers the review queue within one: an answer given in the second its
    version was saved was taken as one the version was trained on, so whether the clock ticked
    over between the training and the answers decided the queue's mix (new_tags.py, seed 0,
    vehicles at round 3: F1 0.92 or 0.89). An answer given after the version was trained is an
    answer to it, in whichever second."""
    lib, pics = library_from(template)
    with lib:
        names, weak = _weak_kinds(lib)
        saved = "2026-06-01T00:00:00"
        taught(lib, "cats", {"Persian cat": 1.0, **weak}, created_at=saved)
        queue = _Asking(lib, pics, names)
        assert _unseen_turns(lib, "cats") == EXPLORE
        queue.answer_no(NO_STREAK)
        lib.db.execute("UPDATE photo_tags SET decided_at = ? WHERE decided_at IS NOT NULL", [saved])
        # In its very second, after it: review answers, NO_STREAK no's in a row.
        assert _unseen_turns(lib, "cats") == FEWER


def _benchmark_like_queues(
    template: Path, monkeypatch: pytest.MonkeyPatch, clock: Callable[[], str]
) -> list[list[tuple[int, str]]]:
    """As benchmarks/new_tags.py's simulated user, with the library's clock `clock`: a tag
    taught, then three rounds of the review queue answered (yes on the Persian cat, no on the
    rest) each followed by a version trained on them; the queue of each round, then the unseen
    line's turns at the end."""
    from phototagger.store import tags as tag_store

    monkeypatch.setattr(tag_store, "utc_now", clock)
    lib, pics = library_from(template)
    with lib:
        shutil.rmtree(lib.home.model_versions, ignore_errors=True)  # the other run's versions
        names, weak = _weak_kinds(lib)
        taught(lib, "cats", {"Persian cat": 1.0, **weak}, created_at=clock())
        queues = []
        for version in ("v3", "v4", "v5"):
            asked = _Asking(lib, pics, names).asked()
            queues.append(asked)
            paths_of = {p: str(pics / names[p]) for p, _ in asked}
            yes = [path for p, path in paths_of.items() if names[p].startswith("chelsea")]
            label_paths(lib.db, yes, add=["cats"])
            label_paths(
                lib.db, [path for path in paths_of.values() if path not in yes], reject=["cats"]
            )
            taught(lib, "cats", {"Persian cat": 1.0, **weak}, version, created_at=clock())
        queues.append(_Asking(lib, pics, names).asked())
        # The unseen line's turns, which the rounds' answers lowered.
        queues.append([(_unseen_turns(lib, "cats"), "turns")])
    return queues


def test_the_same_answers_give_the_same_queues_whatever_second_the_clock_ticks_in(
    template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """benchmarks/new_tags.py was not reproducible from review round 3 on: its answers and
    trainings fall in one second or straddle two as the clock goes, and the rounds' mix followed.
    The same sequence with every step in one second, and with each a second apart, asks the
    same photos in every round."""
    start = datetime(2026, 6, 1, tzinfo=UTC)
    frozen = _benchmark_like_queues(template, monkeypatch, lambda: start.isoformat("T", "seconds"))
    ticks = itertools.count()
    ticking = _benchmark_like_queues(
        template,
        monkeypatch,
        lambda: (start + timedelta(seconds=next(ticks))).isoformat("T", "seconds"),
    )
    assert frozen == ticking
    assert ticking[-1] == [(FEWEST, "turns")]  # the answers counted, in either
