"""words41: a tag said yes on a whole folder and nothing else is told both ways by `train`:
answer no where it is something the pictures show, label a folder where it is a trip, a place
or an event (polish40). Its review queue still ended "answer them: phototagger label PATH...
--add 'phone pics' (yes) or --reject 'phone pics' (no), then train" (`review`), whether the tag
stayed on its yes answers or went on other photos, and the Review tab's last words said only to
train. Now the queue's last line says what `train` said: where the tag stays, its note; where it
spreads, the answers' line and then how labelling a folder tags its photos, in `train`'s words
(no_answers.yes_folders_words). The Review tab, its last photo answered, says both ways too.
And the figures count only photos in the library, as training does: a file gone since was
counted ("stays on the 40 photos you said yes to", where training learns from 39).

det-photos copied into folders (tests/test_train_folder_taught_tag.py's, draw 3), and a phone's
folder of 2, scanned with the real model, answered by folder with `label`: "music" yes on Music
(instruments: it goes on other photos), "phone pics" yes on WhatsApp (40 random photos: it
stays on its yes answers), "at home" yes on Home and no on the phone's 2 (it stays, told both
ways: polish40), trained with `train`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.commands.models import answer_words
from phototagger.core.no_answers import own_photos_words, yes_folders_words
from tests.cli_helpers import run, scan_with
from tests.gui_helpers import open_window, settle
from tests.store_helpers import DET
from tests.test_train_folder_taught_tag import _library

pytestmark = pytest.mark.model  # runs the real network: full tier only

CapSys = pytest.CaptureFixture[str]
SPREADS, STAYS, FEW_NO = "music", "phone pics", "at home"
BOTH_WAYS = (
    "That was the last one. If “{tag}” is something the pictures show, train a new model to "
    "learn from your answers; if it is a trip, a place or an event, to put it on another "
    "folder's photos, label that folder: pick it in the sidebar, select all, press T; or choose "
    "another tag."
)


def _notes(out: str) -> dict[str, str]:
    """`train`'s notes and warnings, by the tag each opens with."""
    said: dict[str, str] = {}
    for line in out.splitlines():
        for tag in (SPREADS, STAYS, FEW_NO):
            for lead in (f"note: {tag}", f"warning: {tag}"):
                if line.startswith(lead):
                    said[tag] = line.split(" ", 1)[1]
    return said


def _last_line(capsys: CapSys, tag: str) -> str:
    code, listed, err = run(capsys, "review", tag)
    assert code == 0 and listed.strip(), err
    return err.splitlines()[-1]


def test_the_queue_of_a_tag_said_yes_on_a_whole_folder_says_both_ways(
    engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: CapSys, qtbot: QtBot
) -> None:
    root = tmp_path / "photos"
    folders = _library(root)
    # A phone's few photos, in a folder of their own.
    copied = {Path(p).name for copies in folders.values() for p in copies}
    (root / "2025-05 phone").mkdir()
    for spare in [p for p in sorted(DET.glob("n*.jpg")) if p.name not in copied][:2]:
        shutil.copy(spare, root / "2025-05 phone" / spare.name)
    assert scan_with(engine, root, monkeypatch, capsys) == 0
    assert run(capsys, "label", str(root / "Music"), "--add", SPREADS)[0] == 0
    assert run(capsys, "label", str(root / "WhatsApp"), "--add", STAYS)[0] == 0
    # Yes on all of Home, no on both photos of the phone's folder: too few "no" to check where
    # it stops, so taught as from yes answers alone, and told both ways (polish40's case).
    assert run(capsys, "label", str(root / "Home"), "--add", FEW_NO)[0] == 0
    assert run(capsys, "label", str(root / "2025-05 phone"), "--reject", FEW_NO)[0] == 0
    code, out, err = run(capsys, "train")
    assert code == 0, out + err
    notes = _notes(out)
    assert notes[STAYS] == own_photos_words(
        STAYS, 40, 0, {"yes": [str(root / "WhatsApp")], "no": []}
    ), out
    assert notes[FEW_NO] == own_photos_words(
        FEW_NO, 47, 2, {"yes": [str(root / "Home")], "no": [str(root / "2025-05 phone")]}
    ), out
    tail = yes_folders_words(SPREADS, [str(root / "Music")])
    assert notes[SPREADS].endswith(f"; {tail}") and "answer no on" in notes[SPREADS], out

    # Was "answer them: phototagger label PATH... --add 'phone pics' (yes) or --reject 'phone
    # pics' (no), then train; ...", for both.
    assert _last_line(capsys, STAYS) == notes[STAYS]
    assert _last_line(capsys, FEW_NO) == notes[FEW_NO]  # so it was: the Review tab was not
    assert _last_line(capsys, SPREADS) == f"{answer_words(SPREADS)}; {tail}"

    # The Review tab: `train`'s words over the question of a tag that stays, and after the
    # last photo of each, both ways (was: nothing over the question of "phone pics", and after
    # its last photo "Train a new model to learn from your answers, or choose another tag", as
    # of "music"; "To put “at home” on another folder's photos, label that folder: ...; or
    # choose another tag" under words that said both ways).
    window = open_window(qtbot, engine, tmp_path)
    window._show_retrain("review")
    page = window.retrain.review_page
    for tag in (STAYS, FEW_NO, SPREADS):
        page.load(tag)
        settle(qtbot, window)
        assert page.tag == tag and page.list.count()
        if tag != SPREADS:
            assert page.settled.isVisible() and page.settled.text() == notes[tag]
        for _ in range(page.list.count()):
            page.decide_current("skip")
        assert page.question.text() == BOTH_WAYS.format(tag=tag), page.question.text()

    # A file gone from disk since: the queue counts the photos in the library, as `train` does
    # (was: "at home stays on the 47 photos you said yes to", where training learns from 46).
    Path(folders["WhatsApp"][0]).unlink()
    Path(folders["Home"][0]).unlink()
    assert scan_with(engine, root, monkeypatch, capsys) == 0
    phone = {"no": [str(root / "2025-05 phone")]}
    assert _last_line(capsys, FEW_NO) == own_photos_words(
        FEW_NO, 46, 2, {"yes": [str(root / "Home")]} | phone
    )
    assert _last_line(capsys, STAYS) == own_photos_words(
        STAYS, 39, 0, {"yes": [str(root / "WhatsApp")], "no": []}
    )
