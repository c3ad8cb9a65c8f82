"""read38: "Nothing likely left" and "the nearest" were reckoned over every photo not answered,
a missing one too (its file moved off or deleted), which the queue never lists: a missing
photo just below the cut kept the queue "open" with nothing near the cut listed, and the score
it said was one the user could not find. Now both count only the photos the queue can show,
and `review` says "the nearest is listed" only over a list (as the Review tab)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.cli_helpers import scan_with
from tests.store_helpers import DET
from tests.test_review_says_nothing_likely_left import _review, _review_tab, taught

CapSys = pytest.CaptureFixture[str]

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")

__all__ = ["taught"]  # the fixture, used by name


def test_a_missing_photo_near_the_cut_does_not_keep_the_queue_open(
    taught: object,
    tmp_path: Path,
    capsys: CapSys,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows, _, _ = _review(capsys)
    cut = rows[0]["threshold"]
    # The likely misses (the bear at 29%, cut 50%): their files deleted, the folder scanned
    # again, so the library keeps them as missing.
    near = [Path(r["path"]) for r in rows if cut / 2 <= r["confidence"] < cut]
    assert near, rows
    for path in near:
        path.unlink()
    assert scan_with(taught, tmp_path / "pics", monkeypatch, capsys) == 0
    rows, text, err = _review(capsys)
    listed = {Path(r["path"]) for r in rows}
    assert not listed & set(near)
    highest = max(r["confidence"] for r in rows)
    assert highest < cut / 2, rows
    # Every photo the queue can show is far under the cut: said so, with the highest listed.
    assert all(r["nothing_likely_left"] is True for r in rows), rows
    under = max(math.ceil(highest * 100 + 1e-9), 1)
    said = (
        "Nothing likely left to find for “monkeys”: every photo you have not answered scores "
        f"under {under}%, far below the {cut:.0%} where it starts tagging"
    )
    assert err.splitlines()[0].startswith(said), err
    page = _review_tab(qtbot, taught, tmp_path)
    assert page.settled.isVisible() and page.settled.text().startswith(said), page.settled.text()
