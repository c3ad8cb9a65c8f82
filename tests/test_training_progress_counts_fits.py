"""Training a taught tag reports one step per fit its choice of base makes: the bar does not sit
full while candidates are still being tried, and it ends full."""

from __future__ import annotations

import re
from pathlib import Path

from phototagger.core.jobs import Progress
from phototagger.core.retrain import TRIAL_RUN, train_candidate
from tests.retrain_helpers import label_faces, library_from


def test_the_bar_counts_every_fit_and_ends_full(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        # Enough answers of each kind to hold some out: every candidate base is tried in folds.
        label_faces(lib, pics, positives=12, negatives=12)
        reports: list[Progress] = []
        train_candidate(lib, progress=reports.append)
    fits: dict[bool, list[tuple[int, int]]] = {}
    for p in reports:
        found = re.fullmatch(rf"step (\d+)/(\d+)( \({TRIAL_RUN}\))?", p.detail or "")
        if p.phase == "training" and found:
            fits.setdefault(bool(found[3]), []).append((int(found[1]), int(found[2])))
    assert fits, [p.detail for p in reports]
    for run in fits.values():
        total = run[0][1]
        assert all(t == total for _, t in run)
        done = [d for d, _ in run]
        # One report per fit, in order; full only once, at the end.
        assert done == sorted(set(done))
        assert done[-1] == total
        assert done.count(total) == 1
        # More than the old fixed guess of 4 candidates x 5 folds + 1 per tag: the choice
        # tries each candidate and, for a WordNet set, the correction's folds too.
        assert len(done) > 21
