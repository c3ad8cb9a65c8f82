"""A new tag takes the spelling the library already has for the levels above it (store/tags.
ensure_tag). Finding that spelling must not list the whole level: a scan reading the keywords of
a library with thousands of people under `People` creates each new person in the same work
whatever the tree's size (listing it made adding 10,000 people quadratic, ~14 ms a tag)."""

from __future__ import annotations

from pathlib import Path

from phototagger.store.connection import open_database
from phototagger.store.tags import all_tags, ensure_tag


def _steps_to_add(db, name: str) -> int:
    """SQLite virtual-machine steps (in hundreds) spent creating tag `name`."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    db.conn.set_progress_handler(count, 100)
    try:
        ensure_tag(db, name)
    finally:
        db.conn.set_progress_handler(None, 0)
    return steps[0]


def test_a_new_person_costs_the_same_beside_ten_or_three_thousand(tmp_path: Path) -> None:
    db = open_database(tmp_path / "library.db")
    for i in range(10):
        ensure_tag(db, f"People/Person {i:05d}")
    small = _steps_to_add(db, "people/Zoe")
    for i in range(10, 3000):
        ensure_tag(db, f"People/Person {i:05d}")
    large = _steps_to_add(db, "people/Zelda")
    # Spelled as the library spells the level, however many tags it holds.
    names = {name for name, _ in all_tags(db)}
    assert {"People/Zoe", "People/Zelda"} <= names
    assert large <= 2 * small + 5, (small, large)
