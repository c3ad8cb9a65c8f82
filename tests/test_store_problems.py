"""A problem file is one row, however often it fails."""

from __future__ import annotations

import sqlite_utils

from phototagger.store.problems import clear_problem, list_problems, problem_count, record_problem


def test_repeats_bump_the_count_and_keep_first_seen(db: sqlite_utils.Database) -> None:
    record_problem(db, "/p/b.jpg", "decode", "truncated file")
    record_problem(db, "/p/a.jpg", "decode", "truncated file")
    first = list_problems(db)[1]
    record_problem(db, "/p/b.jpg", "read", "permission denied")
    problems = list_problems(db)
    assert [p.path for p in problems] == ["/p/a.jpg", "/p/b.jpg"]
    again = problems[1]
    assert (again.code, again.message, again.count) == ("read", "permission denied", 2)
    assert first.first_seen is not None and again.last_seen is not None
    assert again.first_seen == first.first_seen
    assert again.last_seen >= first.first_seen
    assert problem_count(db) == 2


def test_clear(db: sqlite_utils.Database) -> None:
    record_problem(db, "/p/a.jpg", "decode", "bad")
    clear_problem(db, "/p/a.jpg")
    clear_problem(db, "/p/never.jpg")
    assert list_problems(db) == []
    assert problem_count(db) == 0
