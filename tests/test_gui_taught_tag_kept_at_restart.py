"""After Apply the Train page points to the queue of the tag just taught (words28). Quit and
start the app again: the pointer was gone, and the page pointed to a default tag short of
answers ("“animal” needs 5 more yes and 4 more no answers"). It is kept now, per library, with
the window's other state; renamed or merged meanwhile (here or by `phototagger tag`) it follows
the new name, deleted it is dropped."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core import tag_admin
from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.gui.retrain_train import REVIEW
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.test_gui_train_points_to_taught_tag import face_taught


def _next_step(qtbot: QtBot, window: MainWindow) -> str:
    page = window.retrain.train_page
    settle(qtbot, window)
    page.reload()
    settle(qtbot, window)
    return page.summary.text()


def _restarted(qtbot: QtBot, window: MainWindow, engine, tmp_path: Path) -> MainWindow:
    window.close()  # as the user quits: the window's state is saved
    return open_window(qtbot, engine, tmp_path)


def _points_to(tag: str) -> str:
    return f"<a href='{REVIEW}{tag}'>review “{tag}”</a> in the Review tab, the tag you just taught"


def test_the_tag_just_taught_is_pointed_to_after_a_restart(
    qtbot: QtBot, engine, template: Path, tmp_path: Path
) -> None:
    window, _pics, said = face_taught(qtbot, engine, template, tmp_path)
    assert _points_to("face") in said

    window = _restarted(qtbot, window, engine, tmp_path)
    said = _next_step(qtbot, window)
    assert _points_to("face") in said, said
    assert "“animal” needs" not in said
    # The Review page opens on it too, once shown.
    window._show_retrain("review")
    settle(qtbot, window)
    assert window.retrain.review_page.tag == "face"

    # Renamed while the app was closed (`phototagger tag rename face faces`): it follows.
    window.close()
    with open_library(default_home()) as lib:
        tag_admin.rename_tag(lib.db, "face", "faces")
    window = open_window(qtbot, engine, tmp_path)
    said = _next_step(qtbot, window)
    assert _points_to("faces") in said, said

    # Renamed in the app: followed, and kept under the new name at the next start.
    window.tools.ask_text = lambda *_: "portraits"  # the name typed in Rename Tag's prompt
    window.tools.ask_rename("faces")
    settle(qtbot, window)
    window = _restarted(qtbot, window, engine, tmp_path)
    said = _next_step(qtbot, window)
    assert _points_to("portraits") in said, said

    # Deleted: no pointer to it, then or after a restart; the default tag's step comes back.
    window.close()
    with open_library(default_home()) as lib:
        tag_admin.delete_tag(lib.db, "portraits")
    window = open_window(qtbot, engine, tmp_path)
    said = _next_step(qtbot, window)
    assert REVIEW not in said and "“animal” needs 5 more yes and 4 more no answers" in said, said
    assert window.retrain.taught_tag is None
