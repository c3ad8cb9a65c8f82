"""A text file named .jpg, an empty file, a JPEG mostly cut away: "cannot be read" tiles among the
photos, and counted in "All photos". A photographer reads "All photos 1,203" as photos: such a
file is listed in Problems (why, and what to do) and is no photo anywhere else: not in the grid,
the sidebar's counts, the status bar, `stats` or `export`. A photo that was read and got damaged
later, or that the user tagged, still holds their work: it stays in the grid, marked."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from phototagger.cli import main
from phototagger.core.catalog import export_records, library_stats, problems
from phototagger.core.library import open_library
from phototagger.core.queries import GridFilter, OrderedIds, overview, photo_ids
from phototagger.paths import default_home
from phototagger.store.connection import open_database, transaction
from phototagger.store.photos import add_folder, update_photo
from phototagger.store.problems import record_problem
from phototagger.store.tags import add_user_tag, write_model_tags
from tests.gui_helpers import click_photo, open_window, scan, settle, shown_names
from tests.photo_factory import empty_file, text_as_jpg
from tests.store_helpers import add_photo

NOT_AMONG = "not among your photos"  # the Problems dialog's words for a file that is no photo
DET = Path("/work/shared/data/det-photos")
FLUTE = DET / "n03372029_58342_flute.jpg"
BEAR = DET / "n02131653_9793_bear.jpg"


def test_counts_and_lists_leave_out_files_never_read(tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        db = lib.db
        add_folder(db, "/lib")
        ids = {}
        for name, status in (
            ("a.jpg", "tagged"),
            ("b.jpg", "tagged"),
            ("notes.jpg", "problem"),  # never read, nothing of the user's: no photo
            ("damaged.jpg", "problem"),  # read once, damaged since
            ("labelled.jpg", "problem"),  # never read, but the user tagged it
            ("gone.jpg", "missing"),
        ):
            ids[name] = add_photo(db, f"/lib/{name}", status=status)
            record_problem(db, f"/lib/{name}", "NOT_AN_IMAGE", "not a picture")
        for name in ("a.jpg", "b.jpg", "damaged.jpg"):
            update_photo(db, ids[name], model_version="v1")
            write_model_tags(db, ids[name], {"cat": 0.9}, ["cat"], "v1")
        add_user_tag(db, ids["labelled.jpg"], "receipts")
        shown = {ids[n] for n in ("a.jpg", "b.jpg", "damaged.jpg", "labelled.jpg")}

        for order in ("taken", "name", "folder"):
            assert set(photo_ids(db, GridFilter(), order)) == shown
            assert set(photo_ids(db, GridFilter(), order, OrderedIds())) == shown
        assert set(photo_ids(db, GridFilter(folder="/lib"), "name", OrderedIds())) == shown
        seen = overview(db)
        assert seen.photos == 4
        assert [node.count for node in seen.folder_tree] == [4]
        stats = library_stats(db)
        assert stats.photos == 4 and stats.by_status["problem"] == 2
        assert stats.problems == 6  # Problems lists every one, notes.jpg too
        assert {r.path for r in export_records(db)} == {
            f"/lib/{n}" for n in ("a.jpg", "b.jpg", "damaged.jpg", "labelled.jpg", "gone.jpg")
        }

        db.conn.commit()

        # The grid's reader (a connection of its own) keeps its order while no photo comes or
        # goes; it learns of a file found unreadable (a status change that is not 'missing'),
        # and of one the user then tags, all the same.
        reader = open_database(default_home().database)
        cache = OrderedIds()
        assert ids["b.jpg"] in photo_ids(reader, GridFilter(), "name", cache)
        with transaction(db):
            update_photo(db, ids["b.jpg"], status="problem", model_version=None)
            db.execute("DELETE FROM photo_tags WHERE photo_id = ?", [ids["b.jpg"]])
        assert ids["b.jpg"] not in photo_ids(reader, GridFilter(), "name", cache)
        with transaction(db):
            add_user_tag(db, ids["notes.jpg"], "receipts")
        assert ids["notes.jpg"] in photo_ids(reader, GridFilter(), "name", cache)
        reader.close()


def _cut(dest: Path, source: Path, fraction: float) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    data = source.read_bytes()
    dest.write_bytes(data[: int(len(data) * fraction)])
    return dest


def _card(folder: Path) -> Path:
    """Two det-photos, one cut at 60 % (shown), one at 20 % (refused), a text file named .jpg
    and an empty one."""
    folder.mkdir(parents=True)
    (folder / "flute.jpg").write_bytes(FLUTE.read_bytes())
    _cut(folder / "flute cut.jpg", FLUTE, 0.6)
    _cut(folder / "bear cut.jpg", BEAR, 0.2)
    text_as_jpg(folder / "notes.jpg")
    empty_file(folder / "zero.jpg")
    return folder


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.model
def test_the_grid_sidebar_cli_and_problems_agree(
    qtbot: QtBot, engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = _card(tmp_path / "card")
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, card)
    assert sorted(shown_names(window)) == ["flute cut.jpg", "flute.jpg"]
    assert window.sidebar._all.text(1) == "2"
    assert window.status.library.text() == "2 photos"
    assert [node.count for node in window.overview.folder_tree] == [2]
    assert "3 could not be read" in window.status.currentMessage()

    # Cut at 60 %: shown, tagged from the part there is, and the details say what is wrong.
    click_photo(qtbot, window, "flute cut.jpg")
    facts = window.details.facts.text()
    assert "Problem: the lower part is missing: the file ends early" in facts
    assert "musical instrument" in [row.entry.name for row in window.details.tags.rows]

    dialog = window.open_problems()
    rows = {
        os.path.basename(path): dialog.table.item(dialog.row_of(path), 1).text()
        for path in dialog.listed_paths()
    }
    assert set(rows) == {"bear cut.jpg", "flute cut.jpg", "notes.jpg", "zero.jpg"}
    assert rows["flute cut.jpg"].startswith("the lower part is missing")
    assert "too little to tag" in rows["bear cut.jpg"]
    # Said once, by their section's heading, not again on each of its rows.
    assert not any(NOT_AMONG in text for text in rows.values())
    assert "not a picture" in rows["notes.jpg"] and "empty" in rows["zero.jpg"]
    assert dialog.headings[0] == "3 files could not be read: they are not among your photos"
    dialog.close()

    assert _cli(capsys, "stats")["photos"] == 2
    exported = _cli(capsys, "export")
    assert sorted(os.path.basename(r["path"]) for r in exported) == sorted(shown_names(window))


@pytest.mark.model
def test_problems_try_again_and_forget(qtbot: QtBot, engine, tmp_path: Path) -> None:
    card = _card(tmp_path / "card")
    damaged = bytearray(BEAR.read_bytes())
    damaged[:64] = bytes(64)
    (card / "fixed.jpg").write_bytes(bytes(damaged))
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, card)
    dialog = window.open_problems()
    assert len(dialog.listed_paths()) == 5
    assert dialog.selected_paths() == dialog.listed_paths()[:1]  # the row that looks current
    dialog.table.clearSelection()
    assert not dialog.forget.isEnabled()  # nothing chosen

    # Forget notes.jpg: off the list, and a scan neither lists nor counts it again.
    dialog.table.selectRow(dialog.row_of(str(card / "notes.jpg")))
    dialog.forget.click()
    assert len(dialog.listed_paths()) == 4
    dialog.close()
    scan(qtbot, window, card)
    assert "3 could not be read" in window.status.currentMessage()
    assert len(window.open_problems().listed_paths()) == 4

    # fixed.jpg's header was damaged; a good copy put in its place has the same size and time,
    # so a scan does not read it again: Try Again does.
    fixed = card / "fixed.jpg"
    before = fixed.stat()
    fixed.write_bytes(BEAR.read_bytes())
    os.utime(fixed, ns=(before.st_atime_ns, before.st_mtime_ns))
    scan(qtbot, window, card)
    assert "fixed.jpg" not in shown_names(window)
    dialog = window.open_problems()
    dialog.table.selectRow(dialog.row_of(str(fixed)))
    assert dialog.try_again.isEnabled()
    with qtbot.waitSignal(window.jobs.idle, timeout=120_000):
        dialog.try_again.click()
    settle(qtbot, window)
    assert "fixed.jpg" in shown_names(window)
    assert window.sidebar._all.text(1) == "3"
    assert "fixed.jpg" not in [os.path.basename(p.path) for p in problems(window.db)]
