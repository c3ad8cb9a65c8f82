"""The viewer covers the details panel, yet A, R, J and K work in it on the panel's highlighted
tag: it says which tag that is. Pressing J in the viewer moved an invisible highlight, and R
then rejected a tag the user could not see (the caption only lists the photo's tags)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.tag_names import LITERAL_SLASH
from tests.gui_helpers import open_active_viewer, open_window, settle
from tests.store_helpers import tag_states
from tests.switch_helpers import synthetic_library


def test_the_viewer_names_the_tag_its_keys_decide_on(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    row = 1
    window.decide([window.model.photo_id(row)], "beach", "add")
    window.decide([window.model.photo_id(row)], "sunset", "add")
    window.decide([window.model.photo_id(row + 1)], "harbour", "add")
    window.grid.go_to_row(row)
    settle(qtbot, window)
    viewer = open_active_viewer(qtbot, window, row)

    def shown() -> str:
        return viewer.deciding.text() if viewer.deciding.isVisible() else ""

    first = window.details.tags.highlighted
    assert first is not None
    assert f"“{first.name}”" in shown()

    qtbot.keyClick(viewer, Qt.Key.Key_J)
    second = window.details.tags.highlighted
    assert second is not None and second.name != first.name
    assert f"“{second.name}”" in shown()

    qtbot.keyClick(viewer, Qt.Key.Key_Right)  # the next photo: its first tag, once shown
    settle(qtbot, window)
    now = window.details.tags.highlighted
    assert window.details.photo_ids == [window.model.photo_id(row + 1)]
    assert now is not None and f"“{now.name}”" in shown()


def test_a_keyword_with_a_slash_is_named_as_it_is(qtbot: QtBot, tmp_path: Path) -> None:
    """The keyword AC/DC (held as 'AC∕DC', tag_names.LITERAL_SLASH) is named in the viewer's
    A / R line as the user typed it and sees it everywhere else, and R acts on that tag."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 3)
    window = open_window(qtbot, None, tmp_path)
    pid = window.model.photo_id(0)
    window.decide([pid], f"Music/AC{LITERAL_SLASH}DC", "add")
    window.grid.go_to_row(0)
    settle(qtbot, window)
    viewer = open_active_viewer(qtbot, window, 0)
    for _ in window.details.tags.rows:
        highlighted = window.details.tags.highlighted
        if highlighted is not None and LITERAL_SLASH in highlighted.name:
            break
        qtbot.keyClick(viewer, Qt.Key.Key_J)
    assert viewer.deciding.isVisible()
    assert viewer.deciding.text() == "A / R: “Music/AC/DC” · J/K: another tag"
    assert "Music/AC/DC ✓" in viewer.caption.full_text()

    with open_library(default_home()) as lib:
        before = tag_states(lib.db, pid)
    qtbot.keyClick(viewer, Qt.Key.Key_R)  # the tag the user added: taken off again
    settle(qtbot, window)
    with open_library(default_home()) as lib:
        after = tag_states(lib.db, pid)
    assert before[f"Music/AC{LITERAL_SLASH}DC"] == "added"
    assert after == {name: state for name, state in before.items() if LITERAL_SLASH not in name}
    assert "AC/DC" not in viewer.caption.full_text()


def test_a_tag_you_said_no_to_is_named_so(qtbot: QtBot, tmp_path: Path) -> None:
    """R in the viewer rejected the highlighted tag; the highlight moved on to a tag the user had
    said no to before ('pets', Shift+R), and the bar read "A / R: “pets”" under a caption that
    lists no 'pets' (rejected tags are not the photo's): it looked as if the photo were a pet
    (user27, a fox, in the running app). The bar now says the answer given."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    pid = window.model.photo_id(0)
    window.decide([pid], "beach", "add")
    window.decide([pid], "pets", "reject")
    window.grid.go_to_row(0)
    settle(qtbot, window)
    viewer = open_active_viewer(qtbot, window, 0)
    for _ in window.details.tags.rows:
        highlighted = window.details.tags.highlighted
        if highlighted is not None and highlighted.name == "pets":
            break
        qtbot.keyClick(viewer, Qt.Key.Key_J)
    assert viewer.deciding.text() == "A / R: “pets” (you said no) · J/K: another tag"
    assert "pets" not in viewer.caption.full_text()
    qtbot.keyClick(viewer, Qt.Key.Key_K)
    highlighted = window.details.tags.highlighted
    assert highlighted is not None and highlighted.name != "pets"
    assert viewer.deciding.text() == f"A / R: “{highlighted.name}” · J/K: another tag"
