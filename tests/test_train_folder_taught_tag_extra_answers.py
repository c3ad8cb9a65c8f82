"""fold40 (issue 8): a couple of answers outside a tag's whole folders do not make it spread.

A photographer said yes to "holiday Crete" on every photo of Crete and no on every photo of
WhatsApp, and trained: it stayed on its 20 yes answers (folder38: a trip is not something the
pictures show). Then, from the review queue, they answered two photos of Home one by one: yes on
a helmet, no on a vacuum cleaner. The answers were no longer all whole folders, so the folder
rule (tag_learning.folder_split) did not hold any more, the beyond-chance check passed (photos of
one kind look alike wherever they are) and the next training put the tag on 11 random photos
more ("+11 -0 photos against v2 (21 -> 32)"). Now whole folders on both sides with fewer than
CALIBRATE_MIN yes or "no" answers elsewhere keep the tag on its yes answers, the helmet too, and
`train`, `train --json` and the review queue say so, the answers elsewhere counted.

det-photos copied into Crete and WhatsApp (20 photos of random kinds each) and Home (23 more, a
helmet and a vacuum), scanned with the real model, answered with `label`, trained with `train`."""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

from phototagger.core.catalog import search_photos
from phototagger.core.learned_words import UNCHECKED
from phototagger.core.library import open_library
from phototagger.core.no_answers import own_photos_words
from phototagger.core.tag_learning import FolderAnswers, folder_answers
from phototagger.paths import default_home
from tests.cli_helpers import run, scan_with
from tests.fixture_scans import cli_scanned
from tests.retrain_helpers import deep_trains_on, fewer_deep_steps, library_from
from tests.store_helpers import DET

CapSys = pytest.CaptureFixture[str]

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")

TAG = "holiday Crete"
TRIP = 20
HOME = 23  # besides the helmet and the vacuum
ASKED = ("helmet", "vacuum")

SAID = (
    "holiday Crete stays on the 21 photos you said yes to: your yes answers are the whole of "
    "Crete and 1 photo elsewhere, your no answers the whole of WhatsApp and 1 photo elsewhere, "
    "too few elsewhere to show it is something the pictures show (that takes 5 yes and 5 no "
    "outside those folders), so nothing but the folder tells them apart; a trip, a place or an "
    "event is not something the pictures show: to tag another folder's photos, label that "
    "folder (in the app: pick the folder in the sidebar, select all, press T; or phototagger "
    "label FOLDER --add 'holiday Crete')"
)


def _kind(photo: Path) -> str:
    return photo.stem.split("_", 2)[-1]


def _library(root: Path) -> dict[str, list[str]]:
    """Copies of det-photos in Crete, WhatsApp and Home (random kinds, but for Home's helmet
    and vacuum cleaner, its last two)."""
    photos = sorted(DET.glob("n*.jpg"))
    drawn = random.Random(40).sample([p for p in photos if _kind(p) not in ASKED], 2 * TRIP + HOME)
    asked = [next(p for p in photos if _kind(p) == kind) for kind in ASKED]
    layout = {
        "Crete": drawn[:TRIP],
        "WhatsApp": drawn[TRIP : 2 * TRIP],
        "Home": drawn[2 * TRIP :] + asked,
    }
    copies: dict[str, list[str]] = {}
    for folder, sources in layout.items():
        (root / folder).mkdir(parents=True)
        copies[folder] = [str(shutil.copy(p, root / folder / p.name)) for p in sources]
    return copies


def taught_by_folders(
    engine: object,
    root: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: CapSys,
    library: Callable[[Path], dict[str, list[str]]],
) -> dict[str, list[str]]:
    """`library`'s folders made in `root` and scanned, TAG said yes on all of Crete and no on
    all of WhatsApp with `label`: the copies, per folder."""
    copies = library(root)
    assert scan_with(engine, root, monkeypatch, capsys) == 0
    _answered_by_folder(capsys, root)
    return copies


def _answered_by_folder(capsys: CapSys, root: Path) -> None:
    """TAG said yes on all of root/Crete and no on all of root/WhatsApp with `label`."""
    assert run(capsys, "label", str(root / "Crete"), "--add", TAG)[0] == 0
    assert run(capsys, "label", str(root / "WhatsApp"), "--reject", TAG)[0] == 0


Scanned = tuple[Path, dict[str, list[str]]]  # (its root, _library's copies per folder)


@pytest.fixture(scope="module")
def scanned(engine: object, tmp_path_factory: pytest.TempPathFactory) -> Scanned:
    """_library's folders made in root/pics and scanned into root/home with `phototagger scan`
    (the session's engine), once for the module's tests, which answer a copy (scanned_taught)."""
    root = tmp_path_factory.mktemp("extra-answers")
    copies = _library(root / "pics")
    cli_scanned(engine, root / "pics", root / "home")
    return root, copies


def scanned_taught(scanned: Scanned, capsys: CapSys) -> dict[str, list[str]]:
    """taught_by_folders on a copy of the module's `scanned` library, which is _library's,
    scanned once: the copies, per folder."""
    library_from(scanned[0])[0].close()  # the commands open it
    _answered_by_folder(capsys, scanned[0] / "pics")
    return scanned[1]


def _answered_in_home(capsys: CapSys, copies: dict[str, list[str]], *train: str) -> str:
    """Home's helmet said yes and its vacuum no (as from the review queue), then `train
    TRAIN...`: what it printed; the tag must be on Crete and the helmet alone."""
    helmet, vacuum = copies["Home"][-2:]
    assert run(capsys, "label", helmet, "--add", TAG)[0] == 0
    assert run(capsys, "label", vacuum, "--reject", TAG)[0] == 0
    code, out, err = run(capsys, "train", *train)
    assert code == 0, out + err
    if "--no-activate" not in train:
        # Was: "+11 -0 photos against v2 (21 -> 32)", the 11 random photos of Home.
        tagged = _tagged()
        past = sorted(Path(p).name for p in tagged - set(copies["Crete"]) - {helmet})
        assert tagged == {*copies["Crete"], helmet}, past
    return out


def _tagged() -> set[str]:
    with open_library(default_home()) as lib:
        return {p.path for p in search_photos(lib.db, [TAG])}


def test_two_answers_outside_the_folders_do_not_spread_the_tag(
    scanned: Scanned, capsys: CapSys
) -> None:
    copies = scanned_taught(scanned, capsys)
    code, out, err = run(capsys, "train")
    assert code == 0, out + err
    assert _tagged() == set(copies["Crete"])

    out = _answered_in_home(capsys, copies, "--json", "--no-activate")
    own = {t["tag"]: t for t in json.loads(out)["own_photos"]}
    assert own[TAG]["words"] == SAID, own
    code, out, err = run(capsys, "train")
    assert code == 0, out + err
    assert _tagged() == {*copies["Crete"], copies["Home"][-2]}
    notes = [line for line in out.splitlines() if line.startswith(f"note: {TAG} stays on")]
    assert notes == [f"note: {SAID}"], out

    # The review queue ends with the same words (core/model/review.folder_words).
    code, listed, err = run(capsys, "review", TAG)
    assert code == 0 and listed.strip(), err
    assert err.splitlines()[-1] == SAID, err


def test_the_words_count_the_answers_elsewhere() -> None:
    """Enough answers elsewhere that a fit without them did not rank apart, or that a deep run
    held too few of them out to check, and answers elsewhere on one side only."""
    folders = {"yes": ["/p/Crete"], "no": ["/p/WhatsApp"]}
    enough = own_photos_words(TAG, 30, 30, folders | {"yes_elsewhere": 10, "no_elsewhere": 10})
    assert (
        "your yes answers are the whole of Crete and 10 photos elsewhere, your no answers the "
        "whole of WhatsApp and 10 photos elsewhere, and a model not taught with the answers "
        "elsewhere did not rank their yes clearly above their no, so nothing but the folder"
    ) in enough, enough
    deep = own_photos_words(
        TAG, 30, 30, folders | {"yes_elsewhere": 10, "no_elsewhere": 10, UNCHECKED: True}
    )
    assert (
        "and 10 photos elsewhere, and the deep run held too few of the answers elsewhere out of "
        "its training to check them (train without --deep checks them), so nothing but"
    ) in deep, deep
    one_side = own_photos_words(TAG, 20, 21, folders | {"no_elsewhere": 1})
    assert (
        "your yes answers are the whole of Crete, your no answers the whole of WhatsApp and "
        "1 photo elsewhere, too few elsewhere"
    ) in one_side, one_side


def test_a_deep_run_keeps_it_on_its_yes_answers_too(
    scanned: Scanned, engine: object, capsys: CapSys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`train --deep` (core/retrain_deep.py), answered the same way, as the head path. The
    note is what catches the rule broken: at the product's own steps the tag did not spread
    further with it broken either (fastdeep58), so its fits take two steps
    (retrain_helpers.fewer_deep_steps). The session's CNN reads the photos' features
    (retrain_helpers.deep_trains_on), not one loaded again in the test's home."""
    deep_trains_on(engine, monkeypatch)
    fewer_deep_steps(monkeypatch, steps=2)
    copies = scanned_taught(scanned, capsys)
    out = _answered_in_home(capsys, copies, "--deep")
    notes = [line for line in out.splitlines() if line.startswith(f"note: {TAG} stays on")]
    assert notes == [f"note: {SAID}"], out


def test_which_answers_are_whole_folders_and_which_lie_elsewhere() -> None:
    """tag_learning.folder_answers on made-up folders: the hole's answers (whole Crete and
    WhatsApp, a yes and a no in Home); no whole "no" folder (fixf38's "my stuff"); a library of
    small folders answered photo by photo, where a folder of 1 or 2 photos is wholly answered."""
    sizes = {"Crete": 20, "WhatsApp": 20, "Home": 25, "d1": 1, "d2": 2, "d3": 9, "d4": 9}
    folder_of: dict[int, str] = {}
    for folder, n in sizes.items():
        folder_of |= {len(folder_of) + i: folder for i in range(n)}
    ids = {f: [p for p, g in folder_of.items() if g == f] for f in sizes}

    def counts(folders: Sequence[str]) -> dict[str, int]:
        return {f: sizes[f] for f in folders}

    def found(yes: list[int], no: list[int]) -> FolderAnswers | None:
        said = np.array([True] * len(yes) + [False] * len(no))
        return folder_answers(folder_of, counts, yes + no, said)

    hole = found(ids["Crete"] + ids["Home"][:1], ids["WhatsApp"] + ids["Home"][1:2])
    assert hole is not None and hole.split == (("Crete",), ("WhatsApp",)), hole
    assert hole.counts == (1, 1) and not hole.enough_elsewhere and hole.elsewhere.sum() == 2
    assert found(ids["Crete"], ids["Home"][:10]) is None  # no whole "no" folder
    whole = found(ids["Crete"], ids["WhatsApp"])
    assert whole is not None and not whole.elsewhere.any() and not whole.enough_elsewhere
    scattered = found(ids["d1"] + ids["d3"][:6], ids["d2"] + ids["d4"][:6])
    assert scattered is None, scattered  # whole folders of 1 yes and 2 no say nothing
