"""`train --deep` learns a tag of yours it retrains as `train` learns it from the same answers,
when they are enough to hold out (5 yes and 5 "no" or more): `train`'s column (its weights,
class set and kinds held off), its record, and its cut from out-of-fold scores of every answer
and of the library's unanswered photos, not the deep validation run's quarter of the answers
and few dozen decoded photos.

deep48: the deep fit corrected the class set (`train` kept it alone) and trained the CNN's top
on the tag's answers, and ranked its unanswered photos worse: on det-photos, "hoofed animals"
took an elephant the tagger reads as a Bouvier des Flandres over the cut by the correction, and
a cart by the top; average precision 0.954 and 0.963 against `train`'s 0.987 and 0.975.

On det-photos, "hoofed animals" taught on 10 yes and 10 no, `train`, then 4 yes and 5 no more:
the deep run cut it at 0.900 (its own scores of the unanswered photos: precision 0.840, F1
0.824), `train` at 0.950 (0.913 and 0.857 on the deep scores). In this test's smaller library
(every 10th det-photo and the answered ones, fewer deep steps) the deep run cut it at 0.929
before, `train` at 0.591."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from phototagger import paths
from phototagger.core.library import open_library
from phototagger.core.model.active import active_version
from phototagger.core.retrain import train_candidate
from phototagger.ml.heads import load_default_head
from phototagger.paths import default_home
from tests.hoofed_helpers import FIRST_ANSWERED, TAG
from tests.hoofed_libraries import Built
from tests.retrain_helpers import deep_trains_on, fewer_deep_steps, library_from

pytestmark = pytest.mark.model  # runs the real network: full tier only


def test_a_deep_run_learns_a_well_answered_tag_as_train_does(
    hoofed_scanned: Built, engine: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    fewer_deep_steps(monkeypatch, steps=2)  # the tag's column is `train`'s, not the fit's
    deep_trains_on(engine, monkeypatch)
    lib, _ = library_from(hoofed_scanned[0])  # hoofed_answered's library, built once per run
    with lib:
        plain, deep_head, learned = _trained_both_ways(lib)
        j, k = plain.tags.index(TAG), deep_head.tags.index(TAG)
        # Its column is `train`'s: the deep fit had corrected the class set `train` kept alone.
        assert not plain.kernel[:, j].any()
        assert not deep_head.kernel[:, k].any()
        assert deep_head.bias[k] == plain.bias[j]
        assert deep_head.scale[k] == plain.scale[j]
        assert plain.concepts is not None and deep_head.concepts is not None
        assert (deep_head.concepts[:, k] == plain.concepts[:, j]).all()
        assert list(deep_head.column_unshown(k)) == list(plain.column_unshown(j))
        # Its record is `train`'s, the kinds outside its group it keeps off too; not what the
        # deep version reads from its own embeddings: the "no" answers it keeps and their kinds
        # (core/deep_holds.py) and how many yes photos its group shows in (named_cover).
        assert _unshown(learned[True]) == _unshown(learned[False])
        assert learned[True]["kept_off"]
        assert _but_own(learned[False]) == _but_own(learned[True])


def test_a_deep_run_learns_a_new_well_answered_tag_as_train_does(
    hoofed_scanned: Built, engine: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tag taught and trained straight with `train --deep` (never trained before) is learned
    as `train` learns it too. deep49: the deep fit learned its column from nothing with the
    CNN's top (no class set), its cut from the validation run: on det-photos, "hoofed animals"
    10 yes and 10 no, average precision 0.670 on the unanswered photos against `train`'s 0.988
    (F1 0.615 against 0.829).

    The library is hoofed_answered's as first answered (10 yes and 10 no, never trained),
    scanned once per run (hoofed_helpers.FIRST_ANSWERED); the 9 photos its walk answers later
    are in it, unanswered."""
    fewer_deep_steps(monkeypatch, steps=2)  # the tag's column is `train`'s, not the fit's
    deep_trains_on(engine, monkeypatch)
    home = paths.home_override() or Path()
    shutil.copytree(hoofed_scanned[0] / FIRST_ANSWERED, home, dirs_exist_ok=True)
    with open_library(default_home()) as lib:
        assert active_version(lib.db) == "v1"  # never trained
        answered = lib.db.execute("select count(*) from photo_tags where state is not null")
        assert answered.fetchone()[0] == 20
        plain, deep_head, learned = _trained_both_ways(lib)
        j, k = plain.tags.index(TAG), deep_head.tags.index(TAG)
        assert plain.concepts is not None and plain.concepts[:, j].any()  # a class set
        assert deep_head.concepts is not None
        assert (deep_head.concepts[:, k] == plain.concepts[:, j]).all()
        assert (deep_head.kernel[:, k] == plain.kernel[:, j]).all()
        assert deep_head.bias[k] == plain.bias[j]
        assert deep_head.scale[k] == plain.scale[j]
        # Its record is `train`'s ("like WordNet 'ungulate' …"), not "from your examples".
        assert _but_own(learned[False]) == _but_own(learned[True])
        assert learned[True]["how"] == "concept"


def _but_own(how: dict[str, Any]) -> dict[str, Any]:
    """A tag's record less what a version reads from its own embeddings."""
    own = {"kept_off", "kept_off_like_no_answers", "named_cover"}
    return {k: v for k, v in how.items() if k not in own}


def _unshown(how: dict[str, Any]) -> list[str]:
    """The kinds outside its group a tag's record says it keeps off."""
    return [r["kind"] for r in how.get("kept_off", []) if r["why"] == "unshown"]


def _trained_both_ways(lib: Any) -> tuple[Any, Any, dict[bool, Any]]:
    """`train`'s version and `train --deep`'s, each from the active one, and each's record of
    TAG (by deep); `train --deep` cuts TAG where `train` does, for photos to take."""
    heads, learned = {}, {}
    for deep in (False, True):
        version = train_candidate(lib, deep=deep).version
        record = lib.models.record(version)
        assert (record.kind == "deep") is deep
        heads[deep] = lib.models.load_head(version, load_default_head())
        learned[deep] = record.learned[TAG]
    plain, deep_head = heads[False], heads[True]
    j, k = plain.tags.index(TAG), deep_head.tags.index(TAG)
    assert plain.tag_thresholds[j] < 1.0  # `train` cut it for unanswered photos to take
    assert deep_head.tag_thresholds[k] == pytest.approx(plain.tag_thresholds[j], abs=1e-6)
    return plain, deep_head, learned
