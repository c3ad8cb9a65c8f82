"""pass38, two new tags taught in the app on photos the project never saw: "things to eat" and
"Crete", trained. The Train page's verdict ended "learned Crete." and `train` "...; learned
Crete": "things to eat" (on 10 -> 19 photos in the changes table above it) was left out, as
none of its answers was kept out of training to test it (core/validation.verdict listed only
the new tags it had measured). Every new tag the run learned is named now, in the verdict, the
CLI's line and the version's summary (the Versions page)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.training_set import held_out
from phototagger.gui.main_window import MainWindow
from phototagger.gui.retrain_train import TrainPage
from phototagger.store.photos import all_photos
from tests.cli_helpers import run
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, settle
from tests.test_train_tag_answers_all_taken_back import kinds_scanned

Kinds = Callable[[tuple[str, ...]], list[int]]


def window_on_kinds(
    engine: object,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[MainWindow, Kinds]:
    """The KINDS' det-photos scanned and the window on them: the window, and the ids of the
    photos whose names end with any of the given endings ('_violin')."""
    pics, names = kinds_scanned(engine, tmp_path, monkeypatch, capsys)
    window = open_window(qtbot, engine, tmp_path)
    ids = {p.path: p.id for p in all_photos(window.library.db)}

    def of(kinds: tuple[str, ...]) -> list[int]:
        return [ids[str(pics / f"{n}.jpg")] for n in names if n.endswith(kinds)]

    return window, of


def trained_in_window(qtbot: QtBot, window: MainWindow) -> TrainPage:
    """The Train page, its Train New Model clicked and its result shown (not applied)."""
    settle(qtbot, window)
    window._show_retrain("train")
    page = window.retrain.train_page
    page.reload()
    settle(qtbot, window)
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(page.train_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert page.result is not None
    return page


def test_a_new_tag_with_no_answer_kept_out_is_named_as_learned(
    engine: object,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, of = window_on_kinds(engine, qtbot, capsys, tmp_path, monkeypatch)
    music = of(("_violin", "_trumpet", "_trombone"))
    # "breakfast" only on photos none of which is kept out of training: nothing tests it.
    breakfast = [pid for pid in of(("_strawberry", "_toaster")) if not held_out(pid)]
    assert any(held_out(pid) for pid in music) and len(breakfast) >= 5
    window.decide(music, "concert", "add")
    window.decide(breakfast, "breakfast", "add")
    page = trained_in_window(qtbot, window)
    result = page.result
    assert result is not None
    assert [m.tag for m in result.metrics if m.old is None] == ["concert"]  # as seen
    assert result.counts["new_tags"] == ["breakfast", "concert"]
    text = page.verdict.text()
    assert "Learned breakfast, concert." in text, text

    # The CLI, on the same answers (the run above was not applied): the same words.
    code, out, _ = run(capsys, "train")
    assert code == 0, out
    assert "new tags the model learned: breakfast, concert" in out, out
    verdict = next(line for line in out.splitlines() if line.startswith("against v1"))
    assert "; learned breakfast, concert" in verdict, verdict
