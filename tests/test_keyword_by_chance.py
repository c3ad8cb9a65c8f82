"""A keyword on random photos whose yes answers rank above the rest by chance stays on them.
A tag taught from yes answers alone ('Places|Greece|Crete', written by another program on a
trip's photos) is held out against the unanswered photos, and goes on none of them when its
held-out yes answers rank no higher (core/tag_threshold.py: YES_ONLY_AUC, 0.6). Random sets of
photos clear that line by chance (33 of 192 random 10-yes tags went onto unanswered photos,
benchmarks/yes_only_leak.py): this draw of 15 of the library's photos other than monkeys ranks
0.63 out of fold, and the keyword went onto 6 more of them (a bicycle, a bookshelf, a computer
keyboard and mouse, an oboe, a train). Under YES_ONLY_CLEAR_AUC its held-out yes answers must
also land above the share its cut takes more often than chance would put random photos there
(YesOnlyCheck.spreads): they do not, and it now lands on its own photos only; "monkeys", taught
from yes answers in the same training, still finds the monkey no one answered, and `train`
says the keyword stays on its own photos."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from phototagger.core.catalog import search_photos
from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.test_keyword_nothing_to_see import CRETE, _trip

pytestmark = pytest.mark.model  # runs the real network: full tier only

DRAW = 17  # a draw of the trip's photos whose yes answers rank 0.63 above the rest, by chance


def test_a_keyword_on_photos_that_rank_high_by_chance_stays_on_them(
    scans_with_engine: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taught, unanswered, trip = _trip(tmp_path / "photos", DRAW)
    assert run(capsys, "scan", "--quiet", str(tmp_path / "photos"))[0] == 0
    with open_library(default_home()) as lib:
        label_paths(lib.db, [str(p) for p in taught], add=["monkeys"])
    code, out, _ = run(capsys, "train")
    assert code == 0, out
    with open_library(default_home()) as lib:
        crete = {Path(p.path).name for p in search_photos(lib.db, [CRETE])}
        monkeys = {Path(p.path).name for p in search_photos(lib.db, ["monkeys"])}
    assert crete == {p.name for p in trip}, sorted(crete - {p.name for p in trip})
    assert {p.name for p in unanswered} <= monkeys, sorted(monkeys)
    # What `train` says of it: it stays on the photos the files give it; "monkeys" spreads.
    stays = [line for line in out.splitlines() if "on the photos the files give" in line]
    assert len(stays) == 1 and f"'{CRETE}'" in stays[0] and "monkeys" not in stays[0], out
