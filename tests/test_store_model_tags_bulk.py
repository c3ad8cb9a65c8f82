"""Writing a whole library's model output in bulk gives the same rows as photo by photo."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from phototagger.store.connection import open_database
from phototagger.store.tags import (
    add_user_tag,
    reject_tag,
    tags_of_photo,
    write_model_tags,
    write_model_tags_many,
)
from tests.store_helpers import add_photo

NAMES = ["cat", "dog", "animal", "car"]


def _library(path: Path) -> tuple[sqlite_utils.Database, list[int]]:
    db = open_database(path)
    ids = [add_photo(db, f"/p/{i}.jpg") for i in range(4)]
    # A first model run, then the user's decisions on it.
    for pid in ids:
        write_model_tags(db, pid, {"cat": 0.9, "animal": 0.95, "car": 0.1}, ["cat", "animal"], "v1")
    reject_tag(db, ids[0], "cat")
    add_user_tag(db, ids[1], "dog")
    add_user_tag(db, ids[2], "animal")
    add_user_tag(db, ids[3], "grandma's garden")
    return db, ids


def _rows(db: sqlite_utils.Database, ids: list[int]) -> list[list[tuple]]:
    return [
        [(t.name, t.confidence, t.model_version, t.state) for t in tags_of_photo(db, pid)]
        for pid in ids
    ]


def test_bulk_and_single_writes_agree(tmp_path: Path) -> None:
    one, ids = _library(tmp_path / "one.db")
    many, _ = _library(tmp_path / "many.db")
    second_run = [
        (ids[0], [0.97, 0.05, 0.99, 0.01], [0, 2]),  # cat again: the user rejected it
        (ids[1], [0.10, 0.20, 0.30, 0.01], []),  # nothing: model rows go, the user's dog stays
        (ids[2], [0.20, 0.60, 0.70, 0.02], [1, 2]),  # dog newly suggested
        (ids[3], [0.80, 0.05, 0.90, 0.60], [0, 2, 3]),
    ]
    for pid, scores, picked in second_run:
        write_model_tags(
            one, pid, dict(zip(NAMES, scores, strict=True)), [NAMES[j] for j in picked], "v2"
        )
    write_model_tags_many(many, NAMES, second_run, "v2")
    assert _rows(many, ids) == _rows(one, ids)
    states = {name: state for name, _, _, state in _rows(many, ids)[0]}
    assert states["cat"] == "rejected"
    assert {name for name, *_ in _rows(many, ids)[1]} == {"dog"}
