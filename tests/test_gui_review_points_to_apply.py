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
from pytestqt.qtbot import QtBot

from phototagger.gui.main_window import MainWindow
from tests.cli_helpers import det_photos_scanned, run
from tests.gui_helpers import open_window, trained_page

pytestmark = pytest.mark.model

BIRDS = ["n01503061_10156", "n01503061_11000", "n01503061_17069", "n01503061_3560"]
FISH = ["n01443537_11099", "n01443537_2625", "n01443537_2675", "n01443537_4691"]


def _question(qtbot: QtBot, window: MainWindow) -> str:
    """What the Review tab says when asked for 'pets'."""
    window.retrain.review("pets")
    question = window.retrain.review_page.question
    qtbot.waitUntil(lambda: "does not know" in question.text())
    return question.text()


def test_review_of_a_tag_the_shown_run_learned_points_to_apply(
    engine: object,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    names = [f"{n}_bird" for n in BIRDS + ["n01503061_4034"]] + [f"{n}_goldfish" for n in FISH]
    pics = det_photos_scanned(engine, tmp_path / "pics", names, monkeypatch, capsys)
    photos = [str(pics / f"{n}.jpg") for n in names]
    assert run(capsys, "label", *photos[:5], "--add", "pets")[0] == 0
    assert run(capsys, "label", *photos[5:], "--reject", "pets")[0] == 0
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
