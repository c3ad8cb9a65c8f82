"""The Versions page says under its table, whole and wrapped, how the selected version (the
active one until another is chosen) compared with its parent and how it learned each tag: in
the table's last column that was a long line scrolled out of the dock's sight, so "herps: like
WordNet 'amphibian' + 'turtle'" could only be read by hovering or scrolling sideways."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import shown_versions, versions_page
from tests.switch_helpers import save_version_record, synthetic_library
from tests.test_learned_like_says_how_many_yes_it_explains import MONKEYS

HOW = (
    "like WordNet 'amphibian' + 'turtle' + your examples' classes and their WordNet "
    "neighbours (14 classes)"
)


def _save(
    version: str, parent: str, learned: dict[str, str], summary: str, not_worse: bool = True
) -> None:
    save_version_record(
        version,
        {
            "parent": parent,
            "created_at": "2026-12-02T15:51:00",
            "summary": summary,
            "not_worse": not_worse,
            "learned": {tag: {"how": "concept", "label": how} for tag, how in learned.items()},
        },
    )


def test_the_selected_versions_record_is_shown_whole(qtbot: QtBot, tmp_path: Path) -> None:
    _save("v2", "v1", {"herps": HOW}, "learned herps; no held-out labels to compare yet")
    _save("v3", "v2", {"monkeys": "from your examples"}, "mean F1 0.75 -> 1.00 on 1 tag")
    _, page = versions_page(qtbot, tmp_path, "v3", 3)

    text = page.details.text()  # nothing selected: the active version's
    assert text.startswith("v3 (active): from v2")
    # Stored in the old words, shown in today's (core/verdict_words.py).
    # Its figures as the Train page gives them: "75 → 100", not "0.75 -> 1.00".
    assert (
        "On 1 tag, out of 100: match (how well its yes and no match your answers) 75 → 100" in text
    )
    assert "1.00" not in text and "->" not in text
    record = json.loads((default_home().model_versions / "v3.json").read_text(encoding="utf-8"))
    assert record["summary"] == "mean F1 0.75 -> 1.00 on 1 tag"  # shown anew, kept as it was
    assert "• monkeys: from your examples" in text

    page.select("v2")
    text = page.details.text()
    assert text.startswith("v2: from v1, 2026-12-02 15:51")
    assert "• herps: like “amphibian”, “turtle” and your examples" in text  # HOW, plainly
    assert page.details.wordWrap() and page.details.isVisible()


def test_a_version_found_worse_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    # Trained, judged worse, never applied: it sat in the list like any other version, the
    # verdict nowhere on the page, ready to be made active.
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    _save("v2", "v1", {"herps": HOW}, "mean F1 0.89 -> 0.89, AP 0.89 -> 0.80 on 1 tag", False)
    _, page = shown_versions(qtbot, tmp_path, 2)
    page.select("v2")
    lines = page.details.text().splitlines()
    assert lines[1] == "Worse than v1 on the photos it was tested on when it was trained"
    assert lines[-3] == (
        "On 1 tag, out of 100: match (how well its yes and no match your answers) 89 → 89, "
        "yes first (how well it puts the photos you said yes to before the others) 89 → 80"
    )
    page.select("v1")
    assert "Worse" not in page.details.text()


KEPT = "the default tagger as it was: a correction needs 5 yes and 5 no answers"


def test_tags_learned_the_same_way_are_said_once(qtbot: QtBot, tmp_path: Path) -> None:
    """A version that learned 'hats' beside three tags of the default tagger short of answers:
    the details said "the default tagger as it was: a correction needs 5 yes and 5 no answers"
    under each of the three, and "learned hats" in lower case where every other line begins
    with a capital."""
    learned = {"hats": HOW, "animal": KEPT, "food": KEPT, "vessel": KEPT}
    _save("v2", "v1", learned, "learned hats; no held-out labels to compare yet")
    _, page = versions_page(qtbot, tmp_path, "v2", 2)
    text = page.details.text()
    assert text.count("a correction needs") == 1, text
    assert f"• animal, food, vessel: {KEPT}" in text.splitlines(), text
    assert "• hats: like “amphibian”, “turtle” and your examples" in text
    assert "Learned hats" in text.splitlines(), text
    assert all(line[:1] == line[:1].upper() for line in text.splitlines()[1:]), text  # 'v2 …'


def test_the_group_a_tag_was_learned_like_is_named_with_its_count(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """walk43: "• monkeys: like 'primate' and your examples (the group named shows in 16 of
    your 17 yes photos)": which group was left to the words before it."""
    save_version_record(
        "v2",
        {
            "parent": "v1",
            "created_at": "2026-12-06T11:25:44",
            "summary": "learned monkeys",
            "not_worse": True,
            "learned": {"monkeys": MONKEYS},
        },
    )
    _, page = versions_page(qtbot, tmp_path, "v2", 2)
    text = page.details.text()
    assert (
        "• monkeys: like “primate” and your examples (“primate” shows in 16 of your 17 yes "
        "photos)" in text
    ), text
