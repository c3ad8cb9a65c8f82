"""train37: the Train page after a run that only takes off a tag whose answers were all taken
back (drop37: 'concert' taught on 10 det-photos, trained and applied, then Ctrl+Z). The page
said it with a warning sign, as if something had gone wrong, and its verdict "not compared with
v2 yet: no answers were kept out of training", as if a test were missing: the user had taken the
answers back on purpose, and the run learned nothing that a test could compare."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.gui.retrain_train import TrainPage
from tests.cli_helpers import run
from tests.gui_helpers import JOB_TIMEOUT_MS, settle
from tests.test_train_tag_answers_all_taken_back import concert_applied_in_window


@pytest.fixture
def dropped(
    qtbot: QtBot,
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[TrainPage, int]:
    """'concert' added to 10 det-photos in the window, trained and applied (v2), Ctrl+Z, then
    Train New Model clicked: the page with v3 shown, and the photos v2 puts concert on."""
    window, _said = concert_applied_in_window(qtbot, engine, tmp_path, monkeypatch, capsys)
    page = window.retrain.train_page
    on = run(capsys, "search", "concert")[1].splitlines()
    assert on, "v2 puts concert on no photo"
    window.undo_stack.undo()  # the 10 answers v2 learned from, all taken back
    settle(qtbot, window)
    page.reload()
    settle(qtbot, window)
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(page.train_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert page.result is not None and page.result.version == "v3"
    return page, len(on)


def test_taking_a_tag_off_is_said_once_without_a_warning_sign(
    dropped: tuple[TrainPage, int],
) -> None:
    """The verdict says what the run does ("it only takes “concert” off 14 photos, as you took
    back the answers v2 learned it from"); under it the note said it again ("Model v2 learned
    “concert” from your answers, all taken back since: v3 takes “concert” off every photo")
    (words37). Said once, in the verdict, with no ⚠ anywhere."""
    page, _on = dropped
    verdict, note = page.verdict.text(), page.few_no_note.text()
    assert "concert" not in note and "taken back" not in note, note
    assert not page.few_no_note.isVisible()
    assert verdict.count("concert") == 1, verdict
    assert "⚠" not in verdict + note + page.few_photos_note.text()


def test_a_run_that_only_takes_a_tag_off_says_what_it_does(dropped: tuple[TrainPage, int]) -> None:
    page, on = dropped
    said = page.verdict.text()
    assert said == (
        f"<b>Model v3</b> (from v2): it only takes “concert” off {on} photos, as you took back "
        "the answers v2 learned it from; nothing was learned to compare with v2."
    ), said
    assert "not compared" not in said and "set aside to test it" not in said


def test_a_run_with_no_scores_shows_no_table_of_them(dropped: tuple[TrainPage, int]) -> None:
    """Under "nothing was learned to compare with v2" stood an empty table of scores, its
    headers ("Yes right v2 → v3") and the legend of its columns (seen in a real X session)."""
    page, _on = dropped
    assert page.result_box.isVisible() and page.changes.isVisible()
    assert page.metrics.rowCount() == 0
    assert not page.metrics.isVisible()
    assert not page.legend.isVisible()
    assert "not listed" not in page.kept_note.text().casefold(), page.kept_note.text()
    assert page.changes.table.hasFocus()  # the keys on concert's row, not on a hidden table
