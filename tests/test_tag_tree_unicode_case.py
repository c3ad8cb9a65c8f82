"""The tag tree groups names as the database tells them apart. Tag names are UNIQUE COLLATE
NOCASE, which folds ASCII letters only: 'Dog' and 'dog' are one tag, 'Äpfel' and 'äpfel' are two,
and searching 'Äpfel' (a range on the NOCASE name index) finds only 'Äpfel' and its branch. The
tree grouped by str.casefold, so the sidebar showed one 'Äpfel' holding 'äpfel/Grün' too, with
both tags' counts summed (a photo with both counted twice), while clicking it missed the photos
of 'äpfel/Grün'. Now every level of the tree counts what searching it finds; a new 'äpfel' beside
'Äpfel' is a lookalike (the app asks which is meant), not silently 'the same'."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.queries import overview
from phototagger.core.tag_admin import (
    TagNode,
    lookalike_notes,
    rename_tag,
    renamed,
    similar_names,
    tag_tree,
)
from phototagger.paths import default_home
from phototagger.store.records import utc_now
from phototagger.store.tags import add_user_tag, all_tags, search
from tests.gui_helpers import click_sidebar, open_window, settle
from tests.store_helpers import add_photo
from tests.switch_helpers import synthetic_library


def apples(db) -> dict[str, int]:
    ids = {name: add_photo(db, f"/p/{name}.jpg") for name in ("red", "green", "both", "dog")}
    add_user_tag(db, ids["red"], "Äpfel/Rot")
    add_user_tag(db, ids["green"], "äpfel/Grün")
    add_user_tag(db, ids["both"], "Äpfel")
    add_user_tag(db, ids["both"], "äpfel")  # a second tag: NOCASE leaves 'Ä' and 'ä' apart
    add_user_tag(db, ids["dog"], "Hund/Dackel")
    # ASCII case: the same level as 'Hund'. A new tag now takes the level's spelling ('Hund/...'),
    # so this one is as a library from before that holds both spellings has it.
    db.execute(
        "INSERT INTO tags (name, origin, created_at) VALUES ('hund/Pudel', 'user', ?)", [utc_now()]
    )
    add_user_tag(db, ids["red"], "hund/Pudel")
    return ids


def _nodes(nodes: list[TagNode]) -> list[TagNode]:
    return [n for node in nodes for n in (node, *_nodes(node.children))]


def test_every_level_of_the_tree_counts_what_searching_it_finds(db) -> None:
    ids = apples(db)
    assert {name for name, _ in all_tags(db)} >= {"Äpfel", "äpfel"}
    seen = overview(db)
    tree = tag_tree(seen.tags, seen.tag_totals)
    # By name, accents aside: both apple tags before Hund, as the folders would list them.
    assert [(n.name, n.total) for n in tree] == [("Äpfel", 2), ("äpfel", 2), ("Hund", 2)]
    assert [c.name for c in tree[0].children] == ["Äpfel/Rot"]
    assert [c.name for c in tree[1].children] == ["äpfel/Grün"]
    assert [c.name for c in tree[2].children] == ["Hund/Dackel", "hund/Pudel"]
    for node in _nodes(tree):
        shown = node.total if node.children else node.count
        assert shown == len(search(db, [node.name])), node.name
    assert search(db, ["Äpfel"]) == sorted([ids["red"], ids["both"]])
    assert search(db, ["äpfel"]) == sorted([ids["green"], ids["both"]])


def test_a_rename_follows_only_the_names_the_database_finds(db) -> None:
    apples(db)
    assert renamed("äpfel/Grün", "Äpfel", "Obst") == "äpfel/Grün"
    assert renamed("Äpfel/Rot", "Äpfel", "Obst") == "Obst/Rot"
    assert renamed("hund/Pudel", "Hund", "Tiere") == "Tiere/Pudel"
    change = rename_tag(db, "Äpfel", "Obst")
    assert change.children == 1
    assert {name for name, _ in all_tags(db)} == {
        "Obst",
        "Obst/Rot",
        "äpfel",
        "äpfel/Grün",
        "Hund/Dackel",
        "hund/Pudel",
    }


def test_a_name_differing_beyond_ascii_case_is_a_lookalike() -> None:
    assert similar_names("äpfel", ["Äpfel"]) == ["Äpfel"]
    assert similar_names("ÉTÉ", ["été"]) == ["été"]
    assert similar_names("ÄPFEL", ["Äpfel"]) == []  # only ASCII letters differ: the same tag
    assert similar_names("dog", ["Dog"]) == []  # the same tag: nothing to ask


def test_a_new_tag_beside_another_case_of_it_gets_a_note(db) -> None:
    # What `label --add äpfel` prints on stderr (the app asks instead): it creates a second tag.
    add_user_tag(db, add_photo(db, "/p/a.jpg"), "Äpfel")
    # 'ÄPFEL' is 'Äpfel' to the database (only its ASCII letters differ): no note.
    assert lookalike_notes(db, ["äpfel", "ÄPFEL", "Äpfel"]) == [
        "'äpfel' is a new tag, but 'Äpfel' exists "
        '(`phototagger tag merge "äpfel" "Äpfel"` joins them)',
    ]


def test_the_sidebar_shows_what_a_click_finds(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    ids = list(window.model.ids)
    window.decide(ids[:1], "Äpfel/Rot", "add")
    window.decide(ids[1:2], "äpfel/Grün", "add")
    window.decide(ids[2:3], "Äpfel", "add")
    window.decide(ids[2:3], "äpfel", "add")
    settle(qtbot, window)
    top = window.sidebar.tree.findItems(
        "pfel", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive, 0
    )
    assert sorted((i.text(0), i.text(1)) for i in top) == [("Äpfel", "2"), ("äpfel", "2")]
    assert window.sidebar.tag_count("Äpfel") == 2 and window.sidebar.tag_count("äpfel") == 2
    click_sidebar(qtbot, window, "Äpfel")
    assert sorted(window.model.ids) == sorted([ids[0], ids[2]])
    click_sidebar(qtbot, window, "äpfel")
    assert sorted(window.model.ids) == sorted([ids[1], ids[2]])
