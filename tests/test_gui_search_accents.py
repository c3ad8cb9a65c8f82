"""The search box and a tag with accents. qa26 tagged 74 photos "Été à Nice": typing "ete" in
the search box offered nothing (the completion matched the letters as typed, accents and all,
though the sidebar sorts "Été" with the E's, accents aside), and "été à Nice" searched (a capital
É is awkward on many keyboards) said only "no tag is called “été à Nice”" (the library tells
'É' and 'é' apart, as the README says: only ASCII letters fold). The completion now matches
names without case or accents, and the empty result names the tag meant."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, prescanned, settle, shown_names

TAG = "Été à Nice"


def _tagged(names: list[str]) -> None:
    with open_library(default_home()) as lib:
        ids = [r[0] for r in lib.db.execute("SELECT id, name FROM photos") if r[1] in names]
        labels.apply_edits(lib.db, labels.decision_edits(ids, TAG, "add"))


def test_typing_without_accents_completes_the_accented_tag(qtbot, engine, tmp_path: Path) -> None:
    prescanned(tmp_path / "pics", engine)
    _tagged(["chelsea.jpg", "coffee.jpg"])
    window = open_window(qtbot, engine, tmp_path)
    search, completer = window.sidebar.search, window.sidebar.completer
    search.setFocus()
    qtbot.keyClicks(search, "cat, ete")
    assert completer.completionCount() == 1
    assert completer.currentIndex().data() == TAG  # the popup shows the name as it is
    search.setText(completer.pathFromIndex(completer.currentIndex()))  # chosen in the popup
    assert search.text() == f"cat, {TAG}"
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert shown_names(window) == ["chelsea.jpg"]
    # Case and accents both: "a nice" finds it too, and plain ASCII names as before.
    search.clear()
    qtbot.keyClicks(search, "A NICE")
    assert completer.completionCount() == 1 and completer.currentIndex().data() == TAG
    search.clear()
    qtbot.keyClicks(search, "cof")
    assert completer.currentIndex().data() == "coffee"


def test_a_search_for_the_tag_spelt_otherwise_names_it(qtbot, engine, tmp_path: Path) -> None:
    prescanned(tmp_path / "pics", engine)
    _tagged(["chelsea.jpg"])
    window = open_window(qtbot, engine, tmp_path)
    search = window.sidebar.search
    search.setFocus()
    search.setText("été à nice")  # (QTest types no letter outside Latin-1's keys)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert shown_names(window) == []
    assert "“été à nice”" in window.header.text()
    assert f"“{TAG}”" in window.header.text()


def test_the_add_field_and_the_review_tab_complete_the_same_way(
    qtbot, engine, tmp_path: Path
) -> None:
    # "ete" in the details panel's add-a-tag field (T) and in the Review tab's tag box offered
    # nothing either: a photographer then typed a new name beside the one there.
    prescanned(tmp_path / "pics", engine)
    _tagged(["chelsea.jpg"])
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    fields = [
        (window.details.add_field, window.details.completer),
        (
            window.retrain.review_page.tag_box.lineEdit(),
            window.retrain.review_page.tag_box.completer(),
        ),
    ]
    for field, completer in fields:
        assert field is not None and completer is not None
        field.setFocus()
        qtbot.keyClicks(field, "ete")
        assert completer.completionCount() == 1, type(field.parent()).__name__
        assert completer.currentIndex().data() == TAG
        assert completer.pathFromIndex(completer.currentIndex()) == TAG
        field.clear()


def test_the_questions_that_ask_for_a_tag_complete_the_same_way(qtbot) -> None:
    # The viewer's T and Shift+R, Merge into which tag…: Qt's own completion, from the first
    # letter and with the accents, where "ete" found nothing.
    from PySide6.QtWidgets import QComboBox, QInputDialog

    from phototagger.gui.tag_choice import offer_tags

    dialog = QInputDialog()
    qtbot.addWidget(dialog)
    offer_tags(dialog, ["coffee", TAG, "my pets"])
    box = dialog.findChild(QComboBox)
    assert box is not None
    field, completer = box.lineEdit(), box.completer()
    assert field is not None and completer is not None
    field.clear()
    qtbot.keyClicks(field, "ete")
    assert completer.completionCount() == 1 and completer.currentIndex().data() == TAG
    assert completer.pathFromIndex(completer.currentIndex()) == TAG
