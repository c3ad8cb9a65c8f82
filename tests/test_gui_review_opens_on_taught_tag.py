"""After training a new tag and applying it, the Review tab opens on that tag: answering its
queue is the next step of teaching it. The tab showed an empty "Choose a tag…" box, and the
user had to type the name they had just taught."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.gui.retrain_panel import taught_tag
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def _result(version: str, new_tags: list[str]) -> TrainingResult:
    learned = {t: {"how": "concept", "label": "from your examples"} for t in ["bird", *new_tags]}
    counts = {"new_tags": new_tags, "learned": learned}
    return TrainingResult(version, "v1", [], True, "", counts, 1.0, [])


def test_the_review_tab_opens_on_the_tag_just_taught(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    panel = window.retrain
    panel.train_page.trained.emit(_result("v2", ["herps"]))
    panel._activated("v2", 6)  # applied (the switch itself is tested elsewhere)
    settle(qtbot, window)
    panel.setCurrentWidget(panel.review_page)  # the user clicks the Review tab
    assert panel.review_page.tag == "herps"
    assert panel.review_page.tag_box.currentText() == "herps"


def test_a_new_tag_taught_after_reviewing_another_opens_on_the_new_one(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The QA walkthrough: "monkeys" taught, applied and reviewed; then "seaside" taught and
    applied. The Review tab still showed "monkeys" (the tag just taught only filled an empty
    page), and the user had to type "seaside" to answer its queue."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    panel = window.retrain
    panel.train_page.trained.emit(_result("v2", ["monkeys"]))
    panel._activated("v2", 6)
    settle(qtbot, window)
    panel.setCurrentWidget(panel.review_page)
    assert panel.review_page.tag == "monkeys"
    panel.setCurrentWidget(panel.train_page)  # back to Train: the next tag is taught
    panel.train_page.trained.emit(_result("v3", ["seaside"]))
    panel._activated("v3", 6)
    settle(qtbot, window)
    panel.setCurrentWidget(panel.review_page)
    assert panel.review_page.tag == "seaside"
    assert panel.review_page.tag_box.currentText() == "seaside"
    # Chosen again by the user, the other tag stays: only a newly applied tag moves the page.
    panel.review_page.load("monkeys")
    panel.setCurrentWidget(panel.train_page)
    panel.setCurrentWidget(panel.review_page)
    assert panel.review_page.tag == "monkeys"


def test_applied_while_the_review_tab_shows_opens_on_the_tag_just_taught(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    panel = window.retrain
    panel.setCurrentWidget(panel.review_page)
    panel.review_page.load("bird")
    panel.train_page.trained.emit(_result("v2", ["seaside"]))
    panel._activated("v2", 6)  # made active from Model ▸ Versions, say, with Review in view
    settle(qtbot, window)
    assert panel.review_page.tag == "seaside"


def test_a_discarded_versions_tag_is_not_offered(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    panel = window.retrain
    panel.train_page.trained.emit(_result("v2", ["herps"]))  # then discarded: never applied
    settle(qtbot, window)
    panel.setCurrentWidget(panel.review_page)
    assert panel.review_page.tag == ""


def test_without_a_new_tag_the_most_answered_one() -> None:
    learned = {t: {"how": "corrected", "label": ""} for t in ("animal", "reptile")}
    counts = {
        "new_tags": [],
        "learned": learned,
        "positives": {"animal": 1, "reptile": 18},
        "negatives": {"reptile": 32},
    }
    result = TrainingResult("v4", "v3", [], True, "", counts, 1.0, [])
    assert taught_tag(result) == "reptile"
