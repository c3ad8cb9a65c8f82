"""One keyword tree beside the face detector's tags. Since 4a7bc09 a file's `People|Bob` is the
library's 'People (keywords)/Bob', apart from the detector's 'people' ("a face is in the photo").
But a library that read `People|Anna` before, or a tag typed as 'People/Carl', still sat under
the detector's 'people': the user's tree was split in two, half of it filed under the detector.
Migration 14 moves those under 'People (keywords)', every photo's decision kept; typed (the app's
add field, `label`, `tag rename`) they land there too. A lone `People` that digiKam lists beside
`People/Anna` is that tree's parent, not the detector's tag, and rejecting the detector's 'people'
no longer takes the user's `People` out of the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.metadata import sync
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from phototagger.core.model.active import threshold_overrides
from phototagger.core.people import load_rules, record_people
from phototagger.core.tag_admin import tag_changes
from phototagger.paths import default_home
from phototagger.store import migrations
from phototagger.store import tags as tag_store
from phototagger.store.connection import open_database
from phototagger.store.file_metadata import file_record
from phototagger.store.photos import add_folder
from phototagger.store.settings import set_setting
from phototagger.store.tags import all_tags, normal_name, subtree_tags
from tests.cli_helpers import run
from tests.gui_helpers import click_photo, open_window, search_for, settle
from tests.keyword_readers import (
    exiftool_keywords,
    exiftool_set,
    exiv2_set,
    write_sidecar_tags,
)
from tests.people_photos import FoundFace, added_photo, person_copies
from tests.store_helpers import library_at_version, tag_states, todays_file_records

TREE = "People (keywords)"


def _digikam_parent_and_anna(sidecar: Path) -> None:
    """digiKam with the parent tag assigned too: `People` listed alone beside `People/Anna`."""
    write_sidecar_tags(sidecar, ["People", "People/Anna"])


def test_the_detector_names_migration_14_knows_are_the_detectors() -> None:
    # Frozen in the migration; a rules file with a new detector tag needs a migration of its own.
    assert {normal_name(n).casefold() for n in load_rules().tag_names} == set(
        migrations._DETECTOR_TAGS_V14
    )


def test_a_library_from_before_has_one_tree_after_the_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna, bob = person_copies(tmp_path / "pics", ["anna.jpg", "bob.jpg"])
    sidecar = tmp_path / "pics" / "anna.jpg.xmp"
    _digikam_parent_and_anna(sidecar)
    exiftool_set(bob, "-XMP-lr:HierarchicalSubject=People|Bob", "-XMP-dc:Subject=Bob")
    path = tmp_path / "library.db"
    db = library_at_version(path, 13)
    with todays_file_records(db):
        add_folder(db, str(tmp_path / "pics"))
        a, b = added_photo(db, anna), added_photo(db, bob)
        record_people(db, a, [FoundFace()], "mtcnn-1.1.1", load_rules())  # 'people' suggested
        # Read before 4a7bc09 and typed in the app: no tree kept apart yet.
        with monkeypatch.context() as old_rules:
            old_rules.setattr(sync, "detector_tag_keys", frozenset)
            old_rules.setattr(labels, "library_tag_name", normal_name, raising=False)
            old_rules.setattr(labels, "typed_tag", lambda _db, name: normal_name(name))
            # Nor was a new tag spelled as the level above it (the detector's 'people').
            old_rules.setattr(tag_store, "_spelled_as_held", lambda _db, name: name)
            sync_file_metadata(db, [str(anna)])
            # Bob typed too, before his photo's People|Bob was read: two tags for one.
            label_paths(db, [str(bob)], add=["People/Carl", "People/Bob"], reject=["People/Dan"])
        sync_file_metadata(db, [str(bob)])  # since 4a7bc09: 'People (keywords)/Bob'
        carl = db.execute("SELECT id FROM tags WHERE name = 'People/Carl'").fetchone()[0]
        db.execute(
            "INSERT INTO carried_decisions (photo_id, tag_id, state, from_photo_id, from_path,"
            " had_suggestion) VALUES (?, ?, 'added', 99, '/gone/copy.jpg', 0)",
            [b, carl],
        )
        set_setting(db, "thresholds", {"People/Anna": 0.4})
        db.conn.commit()
    # The split this is about: Anna, Carl and Dan under the detector's tag, Bob apart.
    assert [n for _, n in subtree_tags(db, "people")] == [
        "people",
        "People/Anna",
        "People/Bob",
        "People/Carl",
        "People/Dan",
    ]
    assert tag_states(db, b) == {
        "People/Bob": "added",
        "People/Carl": "added",
        "People/Dan": "rejected",
        f"{TREE}/Bob": "file",
    }
    assert tag_states(db, a) == {"people": "file", "portrait": None, "People/Anna": "file"}
    db.close()

    db = open_database(path)
    try:
        assert migrations.user_version(db) == migrations.LATEST_VERSION
        assert [n for _, n in subtree_tags(db, "people")] == ["people"]
        tags = dict(all_tags(db))
        assert tags["people"] == "detector"
        assert {n: o for n, o in tags.items() if n.startswith(TREE)} == {
            TREE: "user",
            f"{TREE}/Anna": "user",
            f"{TREE}/Bob": "user",
            f"{TREE}/Carl": "user",
            f"{TREE}/Dan": "user",
        }
        # The lone `People` was the tree's parent: the detector's score stays a suggestion.
        assert tag_states(db, a) == {
            "people": None,
            "portrait": None,
            TREE: "file",
            f"{TREE}/Anna": "file",
        }
        # Bob's two tags are one, the user's word (added) over the file's.
        assert tag_states(db, b) == {
            f"{TREE}/Bob": "added",
            f"{TREE}/Carl": "added",
            f"{TREE}/Dan": "rejected",
        }
        carried = db.execute(
            "SELECT t.name FROM carried_decisions c JOIN tags t ON t.id = c.tag_id"
        ).fetchall()
        assert carried == [(f"{TREE}/Carl",)]
        assert threshold_overrides(db) == {f"{TREE}/Anna": 0.4}
        assert {old: new for _, old, new in tag_changes(db)} == {
            f"People/{name}": f"{TREE}/{name}" for name in ("Anna", "Bob", "Carl", "Dan")
        }
        record = file_record(db, a)
        assert record is not None and record.keywords == (TREE, f"{TREE}/Anna")
        before = tag_states(db, a), tag_states(db, b)

        # Read again, nothing changed; then digiKam adds Eve: the same one tree.
        sync_file_metadata(db, [str(tmp_path / "pics")])
        assert (tag_states(db, a), tag_states(db, b)) == before
        exiv2_set(
            sidecar,
            "set Xmp.digiKam.TagsList People/Eve",
            "set Xmp.lr.hierarchicalSubject People|Eve",
        )
        sync_file_metadata(db, [str(tmp_path / "pics")])
        assert tag_states(db, a)[f"{TREE}/Eve"] == "file"
        assert [n for _, n in subtree_tags(db, "people")] == ["people"]

        # Written, the files say what the photographer said, and read back as the same tags.
        states = tag_states(db, a), tag_states(db, b)
        assert write_keywords(db, [a, b], WriteOptions(target="embed")).problems == 0
        side = exiftool_keywords(sidecar)
        assert side["Xmp.digiKam.TagsList"] == ["People", "People/Anna", "People/Eve"]
        assert exiftool_keywords(bob)["Xmp.lr.hierarchicalSubject"] == [
            "People|Bob",
            "People|Carl",
        ]
        for fields in (side, exiftool_keywords(anna), exiftool_keywords(bob)):
            assert not [v for vs in fields.values() for v in vs if "(keywords)" in v], fields
        sync_file_metadata(db, [str(tmp_path / "pics")])
        assert (tag_states(db, a), tag_states(db, b)) == states
    finally:
        db.close()
    # The library before the move is kept beside it.
    conn = sqlite3.connect(str(tmp_path / "library.db.v13.bak"))
    names = {row[0] for row in conn.execute("SELECT name FROM tags")}
    conn.close()
    assert {"People/Anna", "People/Carl", f"{TREE}/Bob"} <= names


def test_typed_in_the_app_or_with_label_it_joins_the_tree(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (photo,) = person_copies(tmp_path / "pics", ["shoot.jpg"])
    exiftool_set(photo, "-XMP-lr:HierarchicalSubject=People|Anna", "-XMP-dc:Subject=Anna")
    with open_library(default_home()) as library:
        add_folder(library.db, str(tmp_path / "pics"))
        pid = added_photo(library.db, photo)
        sync_file_metadata(library.db, [str(tmp_path / "pics")])
    window = open_window(qtbot, None, tmp_path)
    click_photo(qtbot, window, photo.name)
    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    field = window.details.add_field
    qtbot.keyClicks(field, "People/Carl")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.status.currentMessage() == f"Added “{TREE}/Carl” (Ctrl+Z to undo)"
    assert tag_states(window.db, pid) == {f"{TREE}/Anna": "file", f"{TREE}/Carl": "added"}
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert tag_states(window.db, pid) == {f"{TREE}/Anna": "file"}
    qtbot.keyClick(
        window.grid,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    settle(qtbot, window)
    assert tag_states(window.db, pid) == {f"{TREE}/Anna": "file", f"{TREE}/Carl": "added"}
    # Searched for as the files spell it, the tree's tag is found.
    search_for(qtbot, window, "People/Anna")
    assert window.model.rowCount() == 1
    window.close()
    code, out, err = run(capsys, "search", "People/Anna")
    assert (code, out.split()) == (0, [str(photo)]), err

    # Typed in lower case, it joins the tree as the library spells it.
    code, out, err = run(capsys, "label", "--add", "people/Dan", str(photo))
    assert code == 0, err
    code, out, err = run(capsys, "tag", "rename", "People/Carl", "People/Carlos")
    assert code == 0, err
    with open_library(default_home()) as library:
        db = library.db
        assert tag_states(db, pid) == {
            f"{TREE}/Anna": "file",
            f"{TREE}/Carlos": "added",
            f"{TREE}/Dan": "added",
        }
        assert [n for _, n in subtree_tags(db, "people")] == []  # no detector tag, no children
        write_keywords(db, [pid], WriteOptions(target="embed"))
        assert exiftool_keywords(photo)["Xmp.lr.hierarchicalSubject"] == [
            "People|Anna",
            "People|Carlos",
            "People|Dan",
        ]
    code, out, err = run(capsys, "label", "--remove", "People/Dan", str(photo))
    assert code == 0, err
    with open_library(default_home()) as library:
        assert f"{TREE}/Dan" not in tag_states(library.db, pid)


def test_a_lone_parent_is_the_trees_and_stays_when_people_is_rejected(
    db, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    anna, bob = person_copies(tmp_path, ["anna.jpg", "bob.jpg"])
    sidecar = tmp_path / "anna.jpg.xmp"
    _digikam_parent_and_anna(sidecar)
    exiftool_set(bob, "-XMP-lr:HierarchicalSubject=People|Bob", "-XMP-dc:Subject=Bob")
    a, b = added_photo(db, anna), added_photo(db, bob)
    for pid in (a, b):
        record_people(db, pid, [FoundFace()], "mtcnn-1.1.1", load_rules())
    sync_file_metadata(db, [str(tmp_path)])
    # The detector's suggestion is not taken for a keyword of the file.
    assert tag_states(db, a) == {
        "people": None,
        "portrait": None,
        TREE: "file",
        f"{TREE}/Anna": "file",
    }
    # No face in Anna's photo after all; Bob's has one.
    label_paths(db, [str(anna)], reject=["people"])
    label_paths(db, [str(bob)], add=["people"])
    states = tag_states(db, a), tag_states(db, b)

    summary = write_keywords(db, [a, b], WriteOptions(target="embed", remove_rejected=True))
    assert (summary.problems, summary.rejected_removed, summary.rejected_kept) == (0, 0, 0)
    fields = exiftool_keywords(sidecar)
    # The user's parent stays in the sidecar digiKam reads.
    assert fields["Xmp.digiKam.TagsList"] == ["People", "People/Anna"]
    assert fields["Xmp.lr.hierarchicalSubject"] == ["People", "People|Anna"]
    assert fields["Xmp.dc.subject"] == ["People", "Anna"]
    # Bob's accepted detector tag went in beside his tree, and reads back as the detector's.
    assert exiftool_keywords(bob)["Xmp.lr.hierarchicalSubject"] == ["People|Bob", "people"]
    sync_file_metadata(db, [str(tmp_path)])
    assert (tag_states(db, a), tag_states(db, b)) == states
    assert tag_states(db, a)["people"] == "rejected"
    assert TREE not in tag_states(db, b)
