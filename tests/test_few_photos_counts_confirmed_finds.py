"""walk43: "monkeys", taught from 10 primates and 30 other animals, trained and applied, went on the
other primates of the library; the review round had the user say yes to those it had found, and
every version trained then was told "monkeys goes on only 3 photos besides the 17 you said yes
to: ... if it misses photos you meant, say yes to ...", every one of the 20 primates tagged. The
yes answers that accepted the model's suggestion (a version had tagged the photo) are the tag's
own finds confirmed: counted as photos it goes on, not as examples it was shown
(core/few_photos.goes_on_few), the note is not said, in the next training or any after. Where
a tag truly goes on few photos besides its examples ("beach day",
tests/test_train_says_a_tag_lands_on_few_photos.py) it is.

det-photos' 40 fruit photos of eight kinds, 10 of five kinds said yes, 30 other photos no:
trained and applied, the tag goes on nearly every fruit; 24 of its finds said yes, trained
again, it goes on a few photos besides the 34 yes answers, 24 of them its own finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.core.few_photos import goes_on_few
from tests.cli_helpers import det_photos_scanned, run
from tests.store_helpers import DET

CapSys = pytest.CaptureFixture[str]

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")

FRUIT = "apple banana fig lemon orange pineapple pomegranate strawberry".split()
TAUGHT = "apple banana lemon orange strawberry".split()  # two yes answers of each
OTHER = (
    "dog car piano chair bicycle lamp violin bus sofa guitar toaster laptop hamburger pizza "
    "zebra tiger"
).split()


def _names(kinds: list[str], each: int = 5) -> list[str]:
    """det-photos' file names (less .jpg) of `kinds`, `each` of each, in name order."""
    return [
        p.stem
        for kind in kinds
        for p in sorted(DET.glob(f"n*_*_{kind}.jpg"), key=lambda p: p.name)[:each]
    ]


def test_yes_answers_on_the_tags_own_finds_do_not_make_it_look_narrow(
    engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: CapSys
) -> None:
    fruit, other = _names(FRUIT), _names(OTHER, 2)
    pics = det_photos_scanned(engine, tmp_path / "pics", [*fruit, *other], monkeypatch, capsys)
    taught = [str(pics / f"{n}.jpg") for kind in TAUGHT for n in _names([kind], 2)]
    assert run(capsys, "label", *taught, "--add", "fruits")[0] == 0
    no = [str(pics / f"{n}.jpg") for n in other[:30]]
    assert run(capsys, "label", *no, "--reject", "fruits")[0] == 0
    code, out, _ = run(capsys, "train", "--json")
    assert code == 0, out
    assert json.loads(out)["activated"] is True
    code, out, _ = run(capsys, "search", "fruits", "--json")
    assert code == 0
    found = [p["path"] for p in json.loads(out) if p["path"] not in taught]
    # The case: the applied version finds most of the fruit it was not shown.
    assert len(found) >= 24, found
    # The review round: yes on 24 of its finds (all fruit), as the queue's "probably yes" asks.
    assert all(Path(p).stem.split("_", 2)[2] in FRUIT for p in found[:24]), found
    assert run(capsys, "label", *found[:24], "--add", "fruits")[0] == 0

    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0, out
    report = json.loads(out)
    # Besides its 34 yes answers it goes on few photos (the old note's count: fewer than a
    # quarter of 34), yet 24 of the 34 are photos it found itself.
    code, scored, _ = run(capsys, "scores", "fruits", "--json")
    assert code == 0
    over = {r["path"] for r in json.loads(scored) if r["confidence"] >= r["threshold"]}
    yes = {*taught, *found[:24]}
    others = len(over - yes)
    assert len(yes) == 34 and others < 0.25 * len(yes), others  # what said "goes on only 4 photos"
    assert report["few_photos"] == [], report["few_photos"]
    code, out, _ = run(capsys, "train")
    assert code == 0
    assert "besides the 34 you said yes to" not in out, out
    # Trained again from the version that learned from those answers: still its finds.
    assert run(capsys, "label", no[0], str(pics / f"{other[30]}.jpg"), "--reject", "fruits")[0] == 0
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0, out
    assert json.loads(out)["few_photos"] == [], json.loads(out)["few_photos"]


def test_a_tag_that_finds_few_besides_its_examples_is_still_said_to() -> None:
    """weak34's "beach day": 10 yes, on 1 photo more, the review round said yes to it and to 2
    kinds it had missed: 13 yes, 1 of them its own find, on no photo besides: said. walk43's
    "monkeys": 17 yes, 5 of them its finds accepted, on 3 photos besides: not said."""
    assert goes_on_few(13, 0, 1)
    assert goes_on_few(13, 0)
    assert goes_on_few(17, 3)  # before: the finds counted as examples
    assert not goes_on_few(17, 3, 5)
