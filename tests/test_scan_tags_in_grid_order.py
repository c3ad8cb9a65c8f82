"""A first scan tags its photos (and makes their thumbnails, from the same decode) in the grid's
order, so the tiles at the top, the ones the photographer is looking at, fill first. Since the
walk dates each photo when it finds it, the grid showed every photo at once in its final order,
but the scan tagged them in the walk's order: the top rows could stay grey placeholders until the
end of a long first scan while tiles far below filled in. A scan killed midway (kill -9) leaves
the top rows tagged, and the next scan tags the rest, again from the top."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from phototagger.core.jobs import Progress
from phototagger.core.library import Library
from phototagger.core.scan import scan
from phototagger.paths import default_home
from phototagger.store.name_order import natural_key
from phototagger.store.photos import count_by_status, photo_ids_sorted
from tests.dated_photos import dated_copies
from tests.kill_helpers import REPO
from tests.scan_helpers import new_library

pytestmark = pytest.mark.model

BATCH = 4


def _grid(library: Library, order: str = "taken") -> list[str]:
    """The names as the grid sorted by `order` shows them (by date taken: its default, oldest
    first, the undated last), once the scan is over: no tile moved meanwhile."""
    names = dict(library.db.execute("SELECT id, name FROM photos").fetchall())
    return [names[i] for i in photo_ids_sorted(library.db, order)]


def _tagged_names(db: sqlite_utils.Database) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM photos WHERE status = 'tagged'")}


def _scan_recording(
    library: Library,
    folder: Path,
    engine: Any,
    order: str | Callable[[], str] | None = None,
    after_batch: Callable[[], None] = lambda: None,
) -> list[set[str]]:
    """Scan `folder` (as the command line does, or for a grid sorted by `order`); after each
    batch is written, the names tagged so far (and `after_batch()`)."""
    seen: list[set[str]] = []

    def progress(p: Progress) -> None:
        if p.phase == "tagging" and p.done and (not seen or p.done > len(seen[-1])):
            seen.append(_tagged_names(library.db))
            after_batch()

    sorted_by: dict[str, Any] = {} if order is None else {"order": order}
    summary = scan(
        library,
        [str(folder)],
        lambda: engine,
        progress=progress,
        batch_size=BATCH,
        people=False,
        **sorted_by,
    )
    assert summary.pending_left == 0 and not summary.cancelled
    return seen


def _assert_from_the_top(seen: list[set[str]], grid: list[str], before: int = 0) -> None:
    """Each batch written brought the next rows of `grid` (after the `before` tagged already)."""
    assert seen, "nothing was tagged"
    for tagged in seen:
        assert tagged == set(grid[: len(tagged)]), sorted(tagged - set(grid[: len(tagged)]))
    assert len(seen[-1]) == len(grid)
    assert len(seen[0]) <= before + BATCH


def test_a_first_scan_tags_the_top_of_the_grid_first(engine, tmp_path: Path) -> None:
    folder = tmp_path / "Card"
    dates = dated_copies(folder, 5 * BATCH, seed=11, undated=2)
    with new_library() as library:
        seen = _scan_recording(library, folder, engine)
        grid = _grid(library)
    assert grid[:BATCH] != sorted(dates)[:BATCH]  # the walk's order (by name) is not the grid's
    _assert_from_the_top(seen, grid)


def test_sorted_by_name_the_scan_follows_the_names(engine, tmp_path: Path) -> None:
    folder = tmp_path / "Card"
    dates = dated_copies(folder, 3 * BATCH, seed=12)
    # Renamed so that the names' natural order is neither the walk's nor the dates'.
    for index, name in enumerate(sorted(dates, key=dates.__getitem__)):
        (folder / name).rename(folder / f"IMG_{(index * 7) % len(dates) + 1}.jpg")
    with new_library() as library:
        seen = _scan_recording(library, folder, engine, order="name")
        grid = _grid(library, "name")
    assert grid == sorted(grid, key=natural_key) != sorted(grid)  # not the walk's order either
    _assert_from_the_top(seen, grid)


def _tagged_in(database: Path) -> set[str]:
    """The photos tagged in the library at `database` (another process's); none before it has
    a photos table."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)) as conn:
        try:
            rows = conn.execute("SELECT name FROM photos WHERE status = 'tagged'").fetchall()
        except sqlite3.OperationalError:
            return set()
    return {row[0] for row in rows}


def test_a_scan_killed_midway_leaves_the_top_rows_and_the_next_tags_the_rest(
    engine, tmp_path: Path, library_home: Path
) -> None:
    folder = tmp_path / "Card"
    dated_copies(folder, 12 * BATCH, seed=13, undated=3)
    env = {**os.environ, "PHOTOTAGGER_HOME": str(library_home), "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-m", "phototagger", "scan", str(folder), "--batch-size", str(BATCH)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    database = default_home().database
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and child.poll() is None:
            if database.exists() and len(_tagged_in(database)) >= 2 * BATCH:
                break
            time.sleep(0.05)
        assert child.poll() is None, "the scan ended before it could be killed"
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(60)
    first = _tagged_in(database)
    with new_library() as library:
        grid = _grid(library)  # every photo dated by the walk: the grid's order, final already
        assert 2 * BATCH <= len(first) < len(grid)
        assert first == set(grid[: len(first)])  # the top rows, whole batches of them
        assert count_by_status(library.db)["pending"] == len(grid) - len(first)
        seen = _scan_recording(library, folder, engine)
        assert count_by_status(library.db)["tagged"] == len(grid)
    _assert_from_the_top(seen, grid, before=len(first))


def test_a_sort_changed_during_the_scan_is_followed(engine, tmp_path: Path) -> None:
    """Sorted by date when the scan starts, by name once its first batch is tagged: the batch
    in the model then and the one being gathered aside, the rest come in name order. The scan
    kept the order it started with, so the rows the user now looked at, at the top of the
    name-sorted grid, filled in any order, last of all perhaps."""
    folder = tmp_path / "Card"
    dates = dated_copies(folder, 12 * BATCH, seed=14)
    for index, name in enumerate(sorted(dates, key=dates.__getitem__)):
        (folder / name).rename(folder / f"IMG_{(index * 7) % len(dates) + 1}.jpg")
    sort = ["taken"]

    def sort_by_name() -> None:  # the user's Sort by Name, once the top rows by date show tags
        sort[0] = "name"

    with new_library() as library:
        seen = _scan_recording(library, folder, engine, lambda: sort[0], sort_by_name)
        by_date, by_name = _grid(library), _grid(library, "name")
    assert seen[0] == set(by_date[:BATCH])
    assert len(seen) == len(dates) // BATCH
    for before, now in zip(seen[1:], seen[2:], strict=False):
        waiting = [name for name in by_name if name not in before]
        assert now - before == set(waiting[:BATCH]), sorted(now - before)
