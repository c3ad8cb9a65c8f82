"""The Review tab, asked for a tag the active version does not know yet, said "… you taught it
in version v2, which is not active (in Model ▸ Model Versions, select v2 and click Make
Active)" where v2 was the run the Train page had just trained and showed with its Apply button:
the user was sent to another tab, past the page's changes and warnings, for what Apply does.
For the run the Train page shows it now points to Apply there; a version not shown there (the
app restarted since: the Train page points to Versions for it too) still to Model Versions.
Real photos, a real scan with the real model, Train New Model clicked, the Review tab read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from phototagger.gui.main_window import MainWindow
from tests.cli_helpers import det_photos_scanned, run
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, settle, train_page, trained_page

pytestmark = pytest.mark.model

BIRDS = ["n01503061_10156", "n01503061_11000", "n01503061_17069", "n01503061_3560"]
FISH = ["n01443537_11099", "n01443537_2625", "n01443537_2675", "n01443537_4691"]


def _question(qtbot: QtBot, window: MainWindow) -> str:
    """What the Review tab says when asked for 'pets'."""
    window.retrain.review("pets")
    question = window.retrain.review_page.question
    qtbot.waitUntil(lambda: "does not know" in question.text())
    return question.text()


@pytest.fixture
def pets(
    engine: object,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Five birds answered yes to 'pets' and four goldfish no, scanned into the library."""
    names = [f"{n}_bird" for n in BIRDS + ["n01503061_4034"]] + [f"{n}_goldfish" for n in FISH]
    pics = det_photos_scanned(engine, tmp_path / "pics", names, monkeypatch, capsys)
    photos = [str(pics / f"{n}.jpg") for n in names]
    assert run(capsys, "label", *photos[:5], "--add", "pets")[0] == 0
    assert run(capsys, "label", *photos[5:], "--reject", "pets")[0] == 0


def test_review_of_a_tag_the_shown_run_learned_points_to_apply(
    pets: None, engine: object, qtbot: QtBot, tmp_path: Path
) -> None:
    page = trained_page(qtbot, tmp_path)  # v2 trained, shown with Apply, not applied
    assert page.result is not None and page.result.counts["new_tags"] == ["pets"]
    window = page.window()
    assert isinstance(window, MainWindow)
    question = _question(qtbot, window)
    assert "Make Active" not in question and "Model Versions" not in question
    assert (
        "you taught it in version v2, which is not active (click Apply on the Train page to use "
        "it)" in question
    )

    # The app restarted: v2 is no longer shown with Apply (the Train page says to see it under
    # Versions), and the Review tab points there as before.
    window.close()
    again = open_window(qtbot, engine, tmp_path)
    assert again.retrain.train_page.result is None
    assert "(in Model ▸ Model Versions, select v2 and click Make Active)" in _question(qtbot, again)


def test_the_review_tab_opened_before_training_follows_the_run(
    pets: None, qtbot: QtBot, tmp_path: Path
) -> None:
    """polish35: the Review tab opened on 'pets' before training said "train to learn it", and
    after Train New Model still said so beside the run that had learned it, until the queue was
    asked for again; after Discard it went on pointing to an Apply that was gone. It follows
    the Train page's run now, the keys left where they are."""
    window, page = train_page(qtbot, tmp_path)
    window.retrain.review("pets")
    question = window.retrain.review_page.question
    qtbot.waitUntil(lambda: "has not learned “pets” yet" in question.text())
    assert "train to learn it" in question.text()

    window.retrain.show_page("train")
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(page.train_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert page.result is not None and page.result.version == "v2"
    # Not asked again: the words follow the run just trained, shown with its Apply.
    said = question.text()
    assert (
        "you taught it in version v2, which is not active (click Apply on the Train page to "
        in said
    )
    assert "train to learn it" not in said
    keys = QApplication.focusWidget()
    assert keys is not None and page.isAncestorOf(keys)  # the keys stayed on the Train page

    page.confirm = lambda *_: True
    qtbot.mouseClick(page.discard_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    # v2's files are deleted: nothing knows 'pets', and no Apply is there to click.
    qtbot.waitUntil(lambda: "has not learned “pets” yet" in question.text())
    assert "Apply" not in question.text()
