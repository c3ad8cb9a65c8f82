"""kwspread37 (seen on the Train page, train37's 60 det-photos): 'concert' said yes on 5 trumpets
and 5 trombones, no "no", trained: the page warned "concert: no photo answered no: it cannot be
told apart; answer no on a few photos it should not have" and, below it, "concert goes on no
photo besides the 10 you said yes to ... say yes to one or two of each kind it misses", while
the changes table showed it on no photo more. The run knows which is true (core/few_photos
counts the photos the new version tags besides the yes answers): a tag on no photo besides
them (or few) has none to say no on, and yes answers are what would find more. Only that is
said now, in `train` (text and --json) and on the Train page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.cli_helpers import det_photos_scanned, run
from tests.gui_helpers import trained_page
from tests.store_helpers import DET

YES = (
    "n03110669_126388_trumpet n03110669_34875_trumpet n03110669_35490_trumpet "
    "n03110669_8565_trumpet n03110669_90719_trumpet n04487394_16266_trombone "
    "n04487394_17442_trombone n04487394_23210_trombone n04487394_32606_trombone "
    "n04487394_9850_trombone"
).split()
# train37's library besides them: five each of ten other kinds.
OTHERS = (
    "n02084071_1365_dog n02084071_19639_dog n02084071_20959_dog n02084071_35839_dog "
    "n02084071_77_dog n02129604_20374_tiger n02129604_4493_tiger n02129604_7580_tiger "
    "n02129604_7642_tiger n02129604_9026_tiger n02391049_2847_zebra n02391049_6947_zebra "
    "n02391049_7318_zebra n02391049_738_zebra n02391049_8140_zebra n02787622_14985_banjo "
    "n02787622_3030_banjo n02787622_3873_banjo n02787622_7140_banjo n02787622_7389_banjo "
    "n02992211_12260_cello n02992211_14789_cello n02992211_25528_cello n02992211_36531_cello "
    "n02992211_40814_cello n03467517_10919_guitar n03467517_11772_guitar "
    "n03467517_16086_guitar n03467517_2215_guitar n03467517_2556_guitar "
    "n04442312_12329_toaster n04442312_14257_toaster n04442312_18045_toaster "
    "n04442312_5180_toaster n04442312_6578_toaster n04536866_11045_violin "
    "n04536866_14473_violin n04536866_19280_violin n04536866_33950_violin "
    "n04536866_9751_violin n04554684_16469_washer n04554684_45672_washer "
    "n04554684_55847_washer n04554684_6458_washer n04554684_8752_washer "
    "n07745940_13408_strawberry n07745940_1671_strawberry n07745940_1997_strawberry "
    "n07745940_2123_strawberry n07745940_6739_strawberry"
).split()
TOLD_APART = "concert: no photo answered no yet, so nothing tells it where “concert” stops"
GOES_ON = "concert goes on {on} besides the 10 you said yes to"

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")


def _taught(engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """The 60 photos scanned with the real model, 'concert' said yes on the 10 brass ones."""
    pics = det_photos_scanned(engine, tmp_path / "pics", [*YES, *OTHERS], monkeypatch, capsys)
    assert run(capsys, "label", *(str(pics / f"{n}.jpg") for n in YES), "--add", "concert")[0] == 0


def _on(others: int) -> str:
    return "no photo" if not others else f"only {others} photo" + ("s" if others > 1 else "")


def test_train_says_only_that_a_tag_on_no_other_photo_goes_on_none(
    qtbot: QtBot, engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    _taught(engine, tmp_path, monkeypatch, capsys)
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0
    report = json.loads(out)
    # The case: the new version tags few photos besides the 10 (none on train37's run).
    few = {f["tag"]: f["others"] for f in report["few_photos"]}
    assert "concert" in few, report["counts"]["changes"]
    change = next((c for c in report["counts"]["changes"] if c["tag"] == "concert"), None)
    assert (0 if change is None else change["added"]) == few["concert"]
    # Said once, as going on few photos; not also as a tag that cannot be told apart.
    assert [f["tag"] for f in report["few_no_answers"]] == [], report["few_no_answers"]
    assert "concert" not in report["counts"]["few_no"]

    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0
    assert GOES_ON.format(on=_on(few["concert"])) in out, out
    assert TOLD_APART not in out, out

    page = trained_page(qtbot, tmp_path)
    assert page.result is not None
    others = page.result.counts["few_photos"]["concert"]["others"]
    # In the app's quotes on the Train page (walk52).
    said = GOES_ON.format(on=_on(others)).replace("concert", "“concert”", 1)
    assert said in page.few_photos_note.text(), page.few_photos_note.text()
    assert page.few_photos_note.isVisible()
    assert TOLD_APART not in page.few_no_note.text(), page.few_no_note.text()
