"""Issue 8 (QA): a tag taught with yes answers and no "no" (a folder's name: "Trip 9 holiday" 49
yes / 0 no, "Été à Nice" 74 / 0) was learned "from your examples" and would go on 113 of 366 /
180 more of 394 photos, and nothing warned. Learned from yes answers alone, a tag knows what its
photos look like, not what sets them apart. The learning is as it was; the Train page and `train`
(text and --json) now warn, per tag with fewer than 5 "no" answers (the learning's own minimum
to check a tag on answers kept out: core/no_answers.py), and say what to do.

On these synthetic photos nothing the model sees tells 'Été à Nice' apart: since keytags34
(ee0b497) it is cut to its own photos, and what is said of it is that (no_answers.own_photos_words),
in place of the few-"no" warning, which would have it spread (cutsaid34). The warning for a tag
that spreads is tested on real photos (tests/test_train_keyword_tags_few_no_said_once.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.core.no_answers import few_no_words, own_photos_words
from phototagger.core.retrain import train_candidate
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library

WARNING = (
    "Été à Nice stays on the 20 photos you said yes to: nothing the model sees tells them apart "
    "from your other photos; to spread it, answer no on a few photos it should not have, then "
    "train again"
)


def _taught(yes: int, no: int) -> None:
    """60 synthetic photos; 'Été à Nice' added to `yes` of them and rejected on `no` others,
    'pets' added to 10 and rejected on 30."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 60)
        labels.apply_edits(lib.db, labels.decision_edits(ids[:yes], "Été à Nice", "add"))
        labels.apply_edits(
            lib.db, labels.decision_edits(ids[yes : yes + no], "Été à Nice", "reject")
        )
        labels.apply_edits(lib.db, labels.decision_edits(ids[30:40], "pets", "add"))
        labels.apply_edits(lib.db, labels.decision_edits(ids[40:], "pets", "reject"))


def test_train_warns_of_a_tag_with_no_no_answer(capsys: pytest.CaptureFixture[str]) -> None:
    _taught(20, 0)
    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0
    assert f"note: {WARNING}\n" in out, out
    assert "Été à Nice: no photo" not in out  # not also told it cannot be told apart
    assert "pets: no photo" not in out and "warning: pets" not in out  # 30 "no": told apart
    with open_library(default_home()) as lib:
        labels.apply_edits(
            lib.db, labels.decision_edits([1, 2], "Été à Nice", "add")
        )  # something new to learn
    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0
    report = json.loads(out)
    yes = report["counts"]["positives"]["Été à Nice"]
    words = own_photos_words("Été à Nice", yes)
    assert report["own_photos"] == [{"tag": "Été à Nice", "yes": yes, "no": 0, "words": words}]
    assert report["few_no_answers"] == [] and report["counts"]["few_no"] == {}


def test_a_few_no_answers_are_counted_and_said() -> None:
    _taught(20, 2)
    with open_library(default_home()) as lib:
        result = train_candidate(lib)
    assert result.counts["own_photos"] == {"Été à Nice": 20}
    assert result.counts["few_no"] == {}
    assert few_no_words("Été à Nice", 2) == (
        "Été à Nice: only 2 photos answered no (5 are needed to check where it stops): it may "
        "go on photos that only look like the ones you said yes to; answer no on 3 more photos "
        "it should not have"
    )
    # Its yes answers known; on no more photos besides them than those: a note, asking to look.
    assert "only look like your 20; answer no on 3 more" in few_no_words("Été à Nice", 2, yes=20)
    assert few_no_words("Été à Nice", 4, yes=20, others=6).endswith(
        "(5 are needed to check where it stops); it goes on 6 photos besides the 20 you said yes "
        "to: answer no on those that should not have it"
    )
    # On few by core/few_photos' count too (under a quarter of its yes answers): one sentence
    # asks for both, "no" on those few and yes on the kinds it misses (read38).
    assert few_no_words("Été à Nice", 4, yes=20, others=1).endswith(
        "(5 are needed to check where it stops); it goes on only 1 photo besides the 20 you said "
        "yes to: answer no on it if it should not have the tag; it tags only the photos your "
        "answers make likely, and few are; if it misses photos you meant, say yes to "
        "one or two of each kind it misses, then train again"
    )


def test_the_train_page_warns_before_apply(qtbot: QtBot, tmp_path: Path) -> None:
    _taught(20, 0)
    with open_library(default_home()) as lib:
        result = train_candidate(lib)
    window = open_window(qtbot, None, tmp_path)
    window._show_retrain("train")
    page = window.retrain.train_page
    page.show_result(result)
    settle(qtbot, window)
    assert page.few_no_note.isVisible()
    assert WARNING in page.few_no_note.text()
    assert "pets" not in page.few_no_note.text()
    # Beside what Apply changes: above the changes table, not under the scores.
    assert page.few_no_note.y() < page.changes.y()
