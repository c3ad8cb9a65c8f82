"""The Model dock: train a new version on the user's corrections, compare it with the active
one, apply it (the library is re-tagged), and roll back to the previous version."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem

from phototagger.core.model.active import active_version
from phototagger.core.retrain import TrainingResult
from tests.gui_helpers import JOB_TIMEOUT_MS, click_photo, open_window, settle
from tests.retrain_helpers import label_faces, library_from


def _text(item: QTableWidgetItem | None) -> str:
    assert item is not None
    return item.text()


def _tip(item: QTableWidgetItem | None) -> str:
    assert item is not None
    return item.toolTip()


def _label(qtbot, window) -> None:
    click_photo(qtbot, window, "chelsea.jpg")
    window.decide(window.details.photo_ids, "cat", "accept")
    window.decide(window.details.photo_ids, "animal", "reject")
    click_photo(qtbot, window, "coffee.jpg")
    window.decide(window.details.photo_ids, "sport", "reject")
    settle(qtbot, window)


def test_train_apply_and_roll_back(qtbot, engine, template: Path, tmp_path: Path) -> None:
    # A library of real photos with enough answers to teach a new tag ('face': 6 yes, 12 no):
    # answers on default tags alone, fewer than 5 yes and 5 no, train nothing
    # (tests/test_train_default_tag_short_of_answers.py).
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics)
    window = open_window(qtbot, engine, tmp_path)
    _label(qtbot, window)
    qtbot.keyClick(window.grid, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    panel = window.retrain
    assert window.retrain_dock.isVisible() and panel.currentWidget() is panel.train_page
    page = panel.train_page
    assert "21 corrections" in page.summary.text()
    table = [
        [_text(page.labels.item(r, c)) for c in range(4)] for r in range(page.labels.rowCount())
    ]
    counts = {row[0]: (row[1], row[2]) for row in table}
    assert counts["cat"] == ("1", "0") and counts["sport"] == ("0", "1")

    epochs: list[str] = []
    window.jobs.progress.connect(lambda p: epochs.append(p.detail or ""))
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS) as trained:
        qtbot.mouseClick(page.train_button, Qt.MouseButton.LeftButton)
        assert not page.train_button.isEnabled() and page.progress.isVisible()
    result = trained.args[0]
    assert isinstance(result, TrainingResult) and result.parent == "v1"
    assert any(detail.startswith("step ") for detail in epochs)  # one report per tag fit
    assert page.result_box.isVisible() and result.version in page.verdict.text()
    assert page.metrics.rowCount() == len(result.metrics)
    # Per tag: how it was learned and what it changes, before anything is applied.
    changes = page.changes.table
    rows = {_text(changes.item(r, 0)): _text(changes.item(r, 1)) for r in range(changes.rowCount())}
    # One 'cat' answer is too few to check a correction: the default tagger stays as it was,
    # untouched. walk41: a row each, "as it was, 0, 0, unchanged", under the tag taught; they
    # are named in one line under the table.
    folded = page.changes.unchanged.text()
    assert {t for t in result.counts["learned"] if t not in rows} == {"cat", "animal", "sport"}
    # read42: named under the scores with why ("Not scored: …, kept as it was (…)"), they
    # were named again here ("3 other tags unchanged: animal, cat, sport"): once now.
    assert not folded and not page.changes.unchanged.isVisible(), folded
    assert all(tag in page.kept_note.text() for tag in ("animal", "cat", "sport"))
    assert "kept as" in page.kept_note.text(), page.kept_note.text()
    # Each cell's tooltip leads with its words (then the record's, where they are plainer).
    tips = {_text(changes.item(r, 0)): _tip(changes.item(r, 1)) for r in range(len(rows))}
    kept = {tag for tag in rows if rows[tag] == "as it was"}
    assert all(tips[tag].startswith("the default tagger as it was: ") for tag in kept)
    assert all(tips[tag].startswith(rows[tag]) for tag in set(rows) - kept)

    with qtbot.waitSignal(panel.activated, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert active_version(window.db) == result.version
    assert f"Model {result.version}" in window.status.model.text()
    assert window.undo_stack.canUndo()  # the history survives the switch (issue 10)
    versions = panel.versions_page
    assert [v.version for v in versions.versions if v.active] == [result.version]

    versions.select("v1")
    assert versions.activate_button.isEnabled()
    with qtbot.waitSignal(panel.activated, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(versions.activate_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert active_version(window.db) == "v1"
    assert "Model v1" in window.status.model.text()
    assert [v.version for v in versions.versions if v.active] == ["v1"]

    versions.select(result.version)
    versions.confirm = lambda *_: True  # "Delete model v2 … for good?" (its own test asks it)
    qtbot.mouseClick(versions.discard_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert [v.version for v in versions.versions] == ["v1"]
