"""A library where "hoofed animals" is taught, trained and answered again, ready for a second
training (tests/test_retrain_deep_calibration.py's walk): every 10th det-photo and the answered
ones, 10 yes (2 photos of 5 hoofed kinds) and 10 "no", `train`, then 4 yes and 5 "no" more."""

from __future__ import annotations

import shutil
from pathlib import Path

from phototagger import paths
from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import train_candidate
from phototagger.paths import default_home
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import category, det_photos

TAG = "hoofed animals"
YES = ["swine", "cattle", "sheep", "zebra", "camel"]  # 2 of each
NO = ["goldfish", "banana", "violin", "lemon", "tiger", "dog", "car", "chair", "bird", "lion"]
MORE_YES = ["antelope", "hippopotamus", "horse"]  # 1 of each, and the 5th cattle
MORE_NO = ["bear", "fox", "elephant", "rabbit", "squirrel"]
# Beside hoofed_answered's `pics`: a copy of its library home as first answered, never trained.
FIRST_ANSWERED = "first-answered-home"


def det_photos_by_kind() -> tuple[list[Path], dict[str, list[Path]]]:
    """The det-photos, and each kind's (its category) in order."""
    source = sorted(det_photos().glob("*.jpg"))
    by_kind: dict[str, list[Path]] = {}
    for path in source:
        by_kind.setdefault(category(path), []).append(path)
    return source, by_kind


def hoofed_answered(engine: object, pics: Path) -> list[Path]:
    """The library of the walk above, its photos in `pics` (made here) and the first training
    made active; the "no" photos (in `pics`), all 15. A copy of its home before that first
    training, the first 10 yes and 10 no answered, is left beside `pics` (FIRST_ANSWERED)."""
    source, by_kind = det_photos_by_kind()
    yes = [p for k in YES for p in by_kind[k][:2]]
    no = [by_kind[k][0] for k in NO]
    more_yes = [by_kind[k][0] for k in MORE_YES] + [by_kind["cattle"][4]]
    more_no = [by_kind[k][0] for k in MORE_NO]
    pics.mkdir()
    for path in {*source[::10], *yes, *no, *more_yes, *more_no}:
        shutil.copy(path, pics / path.name)

    def said(photos: list[Path]) -> list[str]:
        return [str(pics / p.name) for p in photos]

    with open_library(default_home()) as lib:
        run_scan(lib, [pics], engine, batch_size=32)
        label_paths(lib.db, said(yes), add=[TAG])
        label_paths(lib.db, said(no), reject=[TAG])
    shutil.copytree(paths.home_override() or Path(), pics.parent / FIRST_ANSWERED)
    with open_library(default_home()) as lib:
        activate_version(lib, train_candidate(lib).version)
        label_paths(lib.db, said(more_yes), add=[TAG])
        label_paths(lib.db, said(more_no), reject=[TAG])
    return [pics / p.name for p in [*no, *more_no]]
