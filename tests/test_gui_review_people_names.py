"""The Review tab's tag box took what was typed literally: 'People/Anna' (as the files and the
grid's filter name the user's tree's 'People (keywords)/Anna') said the model had no output for
it ("label a few photos with it and train", with ten answered), and a person's name offered
nothing, where the grid's filter offers the tags holding what is typed. It now finds the tag as
the grid's filter does (core/detector_tags.searched_name), spelled as the library holds it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from phototagger.store.tags import all_tags
from tests.gui_helpers import open_window, settle
from tests.keyword_readers import exiftool_set
from tests.people_photos import added_photo, person_copies
from tests.store_helpers import tag_states
from tests.switch_helpers import two_taught_tags

TREE = "People (keywords)"


def test_the_review_tab_finds_a_person_as_the_grid_filter_does(
    qtbot: QtBot, tmp_path: Path
) -> None:
    (photo,) = person_copies(tmp_path / "pics", ["anna.jpg"])
    exiftool_set(photo, "-XMP-lr:HierarchicalSubject=People|Anna", "-XMP-dc:Subject=Anna")
    with open_library(default_home()) as library:
        add_folder(library.db, str(tmp_path / "pics"))
        added_photo(library.db, photo)
        sync_file_metadata(library.db, [str(photo)])
        # More of Anna answered, and a version trained on the answers.
        ids, _ = two_taught_tags(library, "People/Anna", "dog")
    window = open_window(qtbot, None, tmp_path)
    window._show_retrain("review")
    page = window.retrain.review_page
    editor = page.tag_box.lineEdit()
    assert editor is not None
    # A person's name offers the tree's tag, as the grid's filter does.
    editor.setFocus()
    qtbot.keyClicks(editor, "anna")
    completer = page.tag_box.completer()
    assert completer is not None and completer.completionCount() == 1
    assert completer.currentCompletion() == f"{TREE}/Anna"
    popup = completer.popup()
    assert popup is not None and popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # picked: its queue comes up
    settle(qtbot, window)
    assert page.tag == f"{TREE}/Anna" and page.items, page.question.text()
    # Typed as the files and the grid's filter name it, the queue is the tree's tag's.
    for typed in ("People/Anna", "people/anna"):
        editor.clear()
        qtbot.keyClicks(editor, typed)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        settle(qtbot, window)
        assert page.tag == f"{TREE}/Anna", page.question.text()
        assert page.tag_box.currentText() == f"{TREE}/Anna"
        assert page.items and f"<b>{TREE}/Anna</b>" in page.question.text()
    # The grid's filter finds the same photos by either name.
    found = []
    for name in ("People/Anna", page.tag):
        window.sidebar.search.setText(name)
        window.sidebar.search.returnPressed.emit()
        settle(qtbot, window)
        found.append(window.model.rowCount())
    assert found[0] == found[1] >= 11  # the file's photo, the ten answered yes, suggestions
    first = page.items[0].photo_id
    qtbot.keyClick(page.list, Qt.Key.Key_A)
    settle(qtbot, window)
    assert tag_states(window.db, first)[f"{TREE}/Anna"] in ("accepted", "added")
    assert [n for n, _ in all_tags(window.db) if "anna" in n.lower()] == [f"{TREE}/Anna"]
    assert ids
