"""walk43: a tag's second round of answers was all "no" (a new user rejecting what it should not
have), and the Train page's scores for it read "-" as they should. Their tooltip said "shown as -,
since the answers it was tested on are all 'no': F1, AP, precision and recall have no 'yes' to
measure": four measures the page never names (its columns are "Yes right" and "Order", its
figures out of 100), two of them nowhere explained. A tag taught on yes answers alone read
"Order shown as -, ...: AP has no 'no' to put them before (it would read 1.00 ...)", where the
page shows 100, not 1.00. The tooltips now speak the page's words; `train`, whose table has
F1 and AP columns, keeps its own. Real photos, a real scan with the real model, Train New Model
clicked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.training_set import held_out
from phototagger.gui.retrain_train import TrainPage
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.cli_helpers import det_photos_scanned, run
from tests.gui_helpers import JOB_TIMEOUT_MS, settle, train_page

pytestmark = pytest.mark.model

YES = [
    "n02084071_1365_dog",
    "n02084071_19639_dog",
    "n02084071_20959_dog",
    "n02084071_35839_dog",
    "n02084071_77_dog",
    "n01503061_10156_bird",
    "n01503061_11000_bird",
    "n01503061_17069_bird",
    "n01503061_3560_bird",
    "n01503061_4034_bird",
]
NO = [f"n01443537_{n}_goldfish" for n in (11099, 2625, 2675, 4691, 5048)] + [
    f"n01639765_{n}_frog" for n in (11023, 19901, 25915, 27127, 51193)
]
# The second round: "no" only, on things no one would call critters.
LATER_NO = [f"n02672831_{n}_accordion" for n in (20, 2455, 27627, 7054, 798)] + [
    f"n02691156_{n}_airplane" for n in (2138, 24703, 433, 5992, 7241)
]
# A tag taught on yes answers alone, in the same round.
TRIP = [f"n02828884_{n}_bench" for n in (2302, 603, 6930, 8228, 9371)] + [
    f"n02834778_{n}_bicycle" for n in (10227, 11169, 3678, 5255, 6714)
]
PAGE_WORDS = ("F1", "AP", "precision", "recall", "1.00")


def _held(paths: list[str]) -> int:
    """How many of the photos at `paths` are in the quarter kept out of training."""
    from phototagger.core.library import open_library

    with open_library(default_home()) as library:
        found = [get_photo_by_path(library.db, p) for p in paths]
    return sum(held_out(p.id) for p in found if p is not None)


def _tips(page: TrainPage, tag: str) -> list[str]:
    table = page.metrics
    for row in range(table.rowCount()):
        name = table.item(row, 0)
        if name is not None and name.text() == tag:
            cells = [table.item(row, c) for c in range(table.columnCount())]
            return [c.text() + "\n" + c.toolTip() for c in cells if c is not None]
    raise AssertionError(f"no row for {tag}")


@pytest.fixture
def scanned(
    engine: object,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> dict[str, str]:
    """The photos of YES, NO, LATER_NO and TRIP scanned into the test's library, by name."""
    names = YES + NO + LATER_NO + TRIP
    pics = det_photos_scanned(engine, tmp_path / "pics", names, monkeypatch, capsys)
    return {n: str(pics / f"{n}.jpg") for n in names}


def test_the_dash_tooltips_speak_the_page_words(
    scanned: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], qtbot: QtBot
) -> None:
    path = scanned
    assert run(capsys, "label", *[path[n] for n in YES], "--add", "critters")[0] == 0
    assert run(capsys, "label", *[path[n] for n in NO], "--reject", "critters")[0] == 0
    assert run(capsys, "train")[0] == 0  # v2 learns critters, made active
    assert run(capsys, "label", *[path[n] for n in LATER_NO], "--reject", "critters")[0] == 0
    assert run(capsys, "label", *[path[n] for n in TRIP], "--add", "trip")[0] == 0
    # Tested on the new answers alone: critters on "no" only, trip on "yes" only.
    assert _held([path[n] for n in LATER_NO]) and _held([path[n] for n in TRIP])

    window, page = train_page(qtbot, tmp_path)
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(page.train_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)

    critters = _tips(page, "critters")
    assert [t.split("\n")[0] for t in critters[2:]] == ["-", "-"]
    tip = critters[2].split("\n", 1)[1]
    assert tip.startswith("critters: shown as -, since the answers it was tested on are all 'no'")
    assert "Match and Yes first need a 'yes' answer to score" in tip
    assert not [w for w in PAGE_WORDS if w in tip], tip

    trip = _tips(page, "trip")
    assert trip[3].split("\n")[0] == "-"  # Order
    tip = trip[3].split("\n", 1)[1]
    assert "Yes first shown as -, since the answers it was tested on are all 'yes'" in tip
    assert "Yes first would read 100 however the photos were ordered" in tip
    assert not [w for w in PAGE_WORDS if w in tip], tip
