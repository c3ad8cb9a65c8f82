"""`train --deep` cuts a tag it retrains where `train` cuts it from the same answers, when they
are enough to hold out (5 yes and 5 "no" or more): `train`'s out-of-fold scores of every answer
and of the library's unanswered photos, not the deep validation run's quarter of the answers
and few dozen decoded photos.

On det-photos, "hoofed animals" taught on 10 yes and 10 no, `train`, then 4 yes and 5 no more:
the deep run cut it at 0.900 (its own scores of the unanswered photos: precision 0.840, F1
0.824), `train` at 0.950 (0.913 and 0.857 on the deep scores). In this test's smaller library
(every 10th det-photo and the answered ones, fewer deep steps) the deep run cut it at 0.929
before, `train` at 0.591."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import train_candidate
from phototagger.ml.heads import load_default_head
from phototagger.paths import default_home
from tests.scan_helpers import run_scan
from tests.test_retrain_deep_fine_tune import _fewer_steps
from tests.test_similar_figure_means_something import category, det_photos

pytestmark = pytest.mark.model  # runs the real network: full tier only

TAG = "hoofed animals"
YES = ["swine", "cattle", "sheep", "zebra", "camel"]  # 2 of each
NO = ["goldfish", "banana", "violin", "lemon", "tiger", "dog", "car", "chair", "bird", "lion"]
MORE_YES = ["antelope", "hippopotamus", "horse"]  # 1 of each, and the 5th cattle
MORE_NO = ["bear", "fox", "elephant", "rabbit", "squirrel"]


def test_a_deep_run_cuts_a_well_answered_tag_where_train_does(
    engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fewer_steps(monkeypatch)
    source = sorted(det_photos().glob("*.jpg"))
    by_kind: dict[str, list[Path]] = {}
    for path in source:
        by_kind.setdefault(category(path), []).append(path)
    yes = [p for k in YES for p in by_kind[k][:2]]
    no = [by_kind[k][0] for k in NO]
    more_yes = [by_kind[k][0] for k in MORE_YES] + [by_kind["cattle"][4]]
    more_no = [by_kind[k][0] for k in MORE_NO]
    pics = tmp_path / "pics"
    pics.mkdir()
    for path in {*source[::10], *yes, *no, *more_yes, *more_no}:
        shutil.copy(path, pics / path.name)

    def said(photos: list[Path]) -> list[str]:
        return [str(pics / p.name) for p in photos]

    with open_library(default_home()) as lib:
        run_scan(lib, [pics], engine, batch_size=32)
        label_paths(lib.db, said(yes), add=[TAG])
        label_paths(lib.db, said(no), reject=[TAG])
        activate_version(lib, train_candidate(lib).version)
        label_paths(lib.db, said(more_yes), add=[TAG])
        label_paths(lib.db, said(more_no), reject=[TAG])

        cuts = {}
        for deep in (False, True):
            version = train_candidate(lib, deep=deep).version
            assert (lib.models.record(version).kind == "deep") is deep
            head = lib.models.load_head(version, load_default_head())
            cuts[deep] = float(head.tag_thresholds[head.tags.index(TAG)])
        assert cuts[False] < 1.0  # `train` cut it for unanswered photos to take
        assert cuts[True] == pytest.approx(cuts[False], abs=1e-6)
