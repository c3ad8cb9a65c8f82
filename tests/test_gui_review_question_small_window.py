"""gui45: at 856 x 600 the Review tab's question ("Does this photo show animal? 1 of 25:
n02346627_1821_porcupine.jpg; model 82%, confident: check it is not a confident mistake") took
its five lines at the tab's width whatever the window's height: with the default font the
queue's fourth row only just fitted under it, and with a larger desktop font (12 or 13 points,
as a user who set one has) the queue kept three rows. The question now gives way as the note
over it does (gui/note_box.py): whole where the queue's ROWS rows leave it room, else a few
lines that scroll for the rest, its whole words in its tooltip. With the note shown too, at 13
points, each keeps a line."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from phototagger.gui.review_split import ROWS
from tests.cli_helpers import det_photos_scanned
from tests.gui_helpers import review_tab, settle
from tests.store_helpers import DET
from tests.test_gui_review_long_note_small_window import beach_day_at_856
from tests.test_gui_review_small_window import animal_queue, rows_in_view
from tests.test_review_settled_says_held_out_misses import trained_settled_missing

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")


@pytest.fixture
def desktop_font(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[int | None]:
    """The application's font at the test's point size (None: Qt's default), as a desktop
    font setting gives it; set back after."""
    points: int | None = request.param
    before = qapp.font()
    if points is not None:
        font = qapp.font()
        font.setPointSize(points)
        qapp.setFont(font)
    yield points
    qapp.setFont(before)


def _end_in_view(box: Any) -> bool:
    """Scrolled to its end, the last line of `box`'s words is in view."""
    bar = box.verticalScrollBar()
    bar.setValue(bar.maximum())
    label = box.widget()
    bottom = label.mapTo(box.viewport(), label.rect().bottomLeft()).y()
    return bool(bottom <= box.viewport().height())


def _animal_library(engine: Any, tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:  # noqa: ANN401
    """animal_queue's library: 25 det-photos (every 40th) scanned."""
    names = [path.stem for path in sorted(DET.glob("*.jpg"))[::40]]
    det_photos_scanned(engine, tmp_path / "pics", names, monkeypatch, capsys)


def _animal_window(qtbot: QtBot, engine: Any, tmp_path: Path) -> tuple[Any, Any]:  # noqa: ANN401
    return review_tab(qtbot, engine, tmp_path, "animal")  # as animal_queue opens it


def _beach_window(qtbot: QtBot, engine: Any, tmp_path: Path) -> tuple[Any, Any]:  # noqa: ANN401
    window, page = review_tab(qtbot, engine, tmp_path, "beach day")  # as beach_day_at_856
    window.resize(856, 600)
    settle(qtbot, window)
    qtbot.wait(200)
    return window, page


_QUEUES = {
    animal_queue: (_animal_library, _animal_window),
    beach_day_at_856: (trained_settled_missing, _beach_window),
}


@pytest.fixture(scope="module")
def made_homes() -> dict[Any, Path]:
    """Each queue's library home as made once a module, no window opened on it: the tests of
    the queue copy it."""
    return {}


@pytest.fixture
def library(
    qtbot: QtBot,
    engine: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    library_home: Path,
    made_homes: dict[Any, Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[Callable[..., tuple[Any, Any]]], tuple[Any, Any]]:
    """What `made` (animal_queue, beach_day_at_856) gives with the test's fixtures: its library
    made once a module (scanned, taught, trained as `made` does), copied into the test's home,
    then the window opened on it as `made` opens it."""

    def made_for_the_test(made: Callable[..., tuple[Any, Any]]) -> tuple[Any, Any]:
        build, window = _QUEUES[made]
        if made not in made_homes:
            # Made in a folder of the module's (the photos stay where the library found them),
            # the CLI's home there while it is made.
            folder = tmp_path_factory.mktemp("review-question")
            monkeypatch.setenv("PHOTOTAGGER_HOME", str(folder / library_home.name))
            build(engine, folder, monkeypatch, capsys)
            monkeypatch.setenv("PHOTOTAGGER_HOME", str(library_home))
            made_homes[made] = folder / library_home.name
        shutil.copytree(made_homes[made], library_home)
        return window(qtbot, engine, tmp_path)

    return made_for_the_test


@pytest.mark.parametrize("desktop_font", [None, 12, 13], indirect=True)
def test_the_question_gives_the_queue_its_rows_at_856_by_600(
    desktop_font: int | None, library: Any, qtbot: QtBot
) -> None:
    window, page = library(animal_queue)
    assert page.list.count() >= ROWS
    window.resize(856, 600)
    settle(qtbot, window)
    qtbot.wait(200)
    question: Any = page.question
    said = question.text()
    assert said.startswith("Does this photo show <b>animal</b>? <span>1 of "), said
    assert (window.width(), window.height()) == (856, 600)
    shown = rows_in_view(page)
    assert shown >= ROWS, (desktop_font, shown, question.height(), page.split.height())
    # Its first two lines at least, whole lines; the rest scrolls, and the tooltip reads it.
    line = question.widget().fontMetrics().lineSpacing()
    assert question.height() >= 2 * line
    if question.verticalScrollBar().maximum() > 0:
        assert question.height() % line == 0, (question.height(), line)
        assert question.toolTip() == f"<qt>{said}</qt>"
    assert question.widget().text() == said
    assert _end_in_view(question)

    # In a tall window the question is whole: no scroll bar, no tooltip.
    window.resize(1366, 1000)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: question.verticalScrollBar().maximum() == 0, timeout=2_000)
    assert question.height() >= question.widget().heightForWidth(question.viewport().width())
    assert question.toolTip() == ""
    window.close()


@pytest.mark.parametrize("desktop_font", [13], indirect=True)
def test_the_note_and_the_question_each_keep_a_line_at_13_points(
    desktop_font: int | None, library: Any
) -> None:
    window, page = library(beach_day_at_856)
    note: Any = page.settled
    question: Any = page.question
    assert note.text().startswith("“beach day” likely misses kinds"), note.text()
    assert (window.width(), window.height()) == (856, 600)
    shown = rows_in_view(page)
    assert shown >= ROWS, (shown, note.height(), question.height(), page.split.height())
    for box in (note, question):
        assert box.height() >= box.widget().fontMetrics().lineSpacing()
        assert box.toolTip() and _end_in_view(box)
    window.close()


def test_a_click_on_the_words_leaves_the_keys_with_the_queue(library: Any, qtbot: QtBot) -> None:
    """A click on the note or on the question (to scroll it, to read it) and then S: the queue
    goes on to its next photo. A click on the note (gui44's scroll box, its words selectable)
    took the keys, and A, R and S after it answered nothing."""
    window, page = library(beach_day_at_856)
    for box in (page.settled, page.question):
        page.list.setFocus()
        row = page.list.currentRow()
        qtbot.mouseClick(box.widget(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        assert page.list.hasFocus(), QApplication.focusWidget()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S)  # where the keys are
        assert page.list.currentRow() == row + 1
    window.close()
