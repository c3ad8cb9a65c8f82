"""words40: a tag taught by whole folders stays on its yes answers, and `train` says why and what
to do: "holiday Crete stays on the 20 photos you said yes to: your yes answers are the whole of
Crete and your no answers the whole of WhatsApp ... to tag another folder's photos, label that
folder (...)". Its review queue still ended "answer them: phototagger label PATH... --add
'holiday Crete' (yes) or --reject 'holiday Crete' (no), then train" (`review`), and the Review
tab, its last photo answered, "Train a new model to learn from your answers": answers to photos
one by one are not how a folder's photos get the tag. The queue now says what `train` said, the
same words, and the tab's last words name labelling a folder.

det-photos copied into Crete and WhatsApp (20 photos of random kinds each) and Home (20 more),
scanned with the real model, answered by folder with `label`, trained with `train`."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.cli_helpers import run
from tests.gui_helpers import open_window, settle
from tests.store_helpers import DET
from tests.test_train_folder_taught_tag_extra_answers import taught_by_folders

CapSys = pytest.CaptureFixture[str]

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")

TAG = "holiday Crete"
TRIP = 20


def _library(root: Path) -> dict[str, list[str]]:
    """Copies of det-photos in Crete, WhatsApp and Home, TRIP photos of random kinds each."""
    drawn = random.Random(40).sample(sorted(DET.glob("n*.jpg")), 3 * TRIP)
    copies: dict[str, list[str]] = {}
    for k, folder in enumerate(("Crete", "WhatsApp", "Home")):
        (root / folder).mkdir(parents=True)
        copies[folder] = [
            str(shutil.copy(p, root / folder / p.name)) for p in drawn[k * TRIP : (k + 1) * TRIP]
        ]
    return copies


def test_the_queue_of_a_tag_taught_by_folders_says_what_train_said(
    engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: CapSys, qtbot: QtBot
) -> None:
    root = tmp_path / "lib"
    copies = taught_by_folders(engine, root, monkeypatch, capsys, _library)
    code, out, err = run(capsys, "train")
    assert code == 0, out + err
    notes = [line for line in out.splitlines() if line.startswith(f"note: {TAG} stays on")]
    assert len(notes) == 1 and "label that folder" in notes[0], out
    said = notes[0].removeprefix("note: ")

    code, listed, err = run(capsys, "review", TAG)
    assert code == 0 and listed.strip(), err
    last = err.splitlines()[-1]
    # Was: "answer them: phototagger label PATH... --add 'holiday Crete' (yes) or --reject
    # 'holiday Crete' (no), then train; ..."
    assert "answer them" not in err and "then train" not in last, err
    assert last == said, (last, said)

    # The Review tab: `train`'s words over the question, and after its last photo, the folder.
    window = open_window(qtbot, engine, tmp_path)
    window._show_retrain("review")
    page = window.retrain.review_page
    page.load(TAG)
    settle(qtbot, window)
    assert page.tag == TAG and page.list.count()
    assert page.settled.isVisible() and page.settled.text() == said, page.settled.text()
    for _ in range(page.list.count()):
        page.decide_current("skip")
    words = page.question.text()
    assert "Train a new model" not in words, words
    assert words == (
        f"That was the last one. To put “{TAG}” on another folder's photos, label that folder: "
        "pick it in the sidebar, select all, press T; or choose another tag."
    ), words

    # One photo of Home answered no: the answers are still whole folders on both sides, and a
    # training keeps the tag on its yes answers by folder with one answer elsewhere (fold40:
    # tag_learning.folder_answers): the queue says so, that answer counted.
    assert run(capsys, "label", copies["Home"][0], "--reject", TAG)[0] == 0
    code, _, err = run(capsys, "review", TAG)
    last = err.splitlines()[-1]
    assert code == 0 and last == said.replace(
        "the whole of WhatsApp,",
        "the whole of WhatsApp and 1 photo elsewhere, too few elsewhere "
        "to show it is something the pictures show (that takes 5 yes and 5 no outside those "
        "folders),",
    ).replace("whole of Crete and your no answers", "whole of Crete, your no answers"), last
    # 5 yes and 5 no elsewhere: a training may spread it, the queue asks for answers again.
    assert run(capsys, "label", *copies["Home"][1:5], "--reject", TAG)[0] == 0
    assert run(capsys, "label", *copies["Home"][5:10], "--add", TAG)[0] == 0
    code, _, err = run(capsys, "review", TAG)
    assert code == 0 and err.splitlines()[-1].startswith("answer them: "), err
