"""queue42: the review queue of a tag said yes on a whole folder counted its "no" answers before
leaving out the photos never read, where training counts only those it read. "music" said yes
on all of a Music folder and no on 4 photos elsewhere and on one damaged file: training learned
it from 4 "no", as from yes answers alone, and `train` told it both ways (answer no where it is
something the pictures show, label a folder where it is a trip, a place or an event), while its
queue counted 5 "no", enough to spread by, and ended with "answer them: ..." alone, the Review
tab's last words only "train". Now the queue counts the "no" training read, and says both ways.

det-photos copied into folders (tests/test_train_folder_taught_tag.py's, draw 3), scanned with
the real model, with a damaged JPEG (an interrupted copy) in a folder of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.commands.models import answer_words
from phototagger.core.no_answers import yes_folders_words
from tests.cli_helpers import run, scan_with
from tests.gui_helpers import review_tab
from tests.photo_factory import truncated_jpeg
from tests.store_helpers import DET
from tests.test_review_yes_only_folder_steps import BOTH_WAYS
from tests.test_train_folder_taught_tag import _library

pytestmark = pytest.mark.model  # runs the real network: full tier only

CapSys = pytest.CaptureFixture[str]
TAG = "music"


def test_a_no_answer_on_a_photo_never_read_is_not_counted_by_the_queue(
    qtbot: QtBot, engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: CapSys
) -> None:
    assert DET.is_dir()
    root = tmp_path / "photos"
    folders = _library(root)
    # A phone's few photos, in a folder of their own, and an interrupted copy in another.
    copied = {p.name for copies in folders.values() for p in copies}
    (root / "2025-05 phone").mkdir()
    for spare in [p for p in sorted(DET.glob("n*.jpg")) if p.name not in copied][:4]:
        shutil.copy(spare, root / "2025-05 phone" / spare.name)
    broken = truncated_jpeg(root / "Old card" / "IMG_0001.jpg")
    assert scan_with(engine, root, monkeypatch, capsys) == 1  # the damaged file: a problem
    assert run(capsys, "label", str(root / "Music"), "--add", TAG)[0] == 0
    # No on the phone's 4 and on the damaged file: 5 "no", of which training reads 4.
    no = [str(root / "2025-05 phone"), str(broken)]
    assert run(capsys, "label", *no, "--reject", TAG)[0] == 0
    code, out, err = run(capsys, "train")
    assert code == 0, out + err
    # Training read 4 "no": taught as from yes answers on a whole folder, told both ways.
    tail = yes_folders_words(TAG, [str(root / "Music")])
    (note,) = [line for line in out.splitlines() if line.split(" ", 1)[-1].startswith(TAG)]
    assert note.endswith(f"; {tail}"), out

    # Was "answer them: phototagger label PATH... --add music (yes) or --reject music (no),
    # then train; or in the app's Review tab (...)" alone.
    code, listed, err = run(capsys, "review", TAG)
    assert code == 0 and listed.strip(), err
    assert err.splitlines()[-1] == f"{answer_words(TAG)}; {tail}", err

    # The Review tab, its last photo answered, says both ways (was: only to train).
    window, page = review_tab(qtbot, engine, tmp_path, TAG)
    assert page.tag == TAG and page.list.count()
    for _ in range(page.list.count()):
        page.decide_current("skip")
    assert page.question.text() == BOTH_WAYS.format(tag=TAG), page.question.text()
