"""A first scan shows every photo found at once, waiting to be tagged, in a grid sorted by date
taken. The date was written only when a photo was tagged, so the waiting photos stood in name
order (all undated, last) and each jumped to its date's place as its batch was tagged: the photo
a photographer was looking at, or had selected, moved away under the pointer. The scan now reads
the date (and size and orientation) from each photo's header when it finds it: the grid is in
its final order from the first moment, and tiles stay put while the tags arrive."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.states import PhotoStatus
from phototagger.gui.main_window import MainWindow
from phototagger.store.name_order import natural_key
from tests.dated_photos import dated_copies
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, row_of, settle, shown_names

pytestmark = pytest.mark.model

BATCH = 32  # the scan's own batch size (the GUI scans with it)


class _Held:
    """The real engine, held before it embeds a photo until `start` is set (the photos found
    show meanwhile, waiting), and once it has embedded `after` photos until `rest` is: the scan
    has written the first batches and waits, with the others still waiting to be tagged (and
    once it has embedded `again` photos, until `last` is)."""

    def __init__(self, engine: Any, after: int | None = None, again: int | None = None) -> None:
        self._engine = engine
        self._after = after
        self._again = again
        self._embedded = 0
        self.start = threading.Event()
        self.rest = threading.Event()
        self.last = threading.Event()

    def embed_all(self, pixels: np.ndarray) -> dict[str, np.ndarray]:
        self.start.wait(JOB_TIMEOUT_MS / 1000)
        if self._after is not None and self._embedded >= self._after:
            self.rest.wait(JOB_TIMEOUT_MS / 1000)
        if self._again is not None and self._embedded >= self._again:
            self.last.wait(JOB_TIMEOUT_MS / 1000)
        self._embedded += len(pixels)
        return dict(self._engine.embed_all(pixels))

    def __getattr__(self, name: str) -> Any:  # the Tagger's other members, as they are
        return getattr(self._engine, name)


def _by_date(dates: dict[str, str]) -> list[str]:
    """The names as a grid sorted by date taken shows them: by date, the undated after."""
    dated = sorted((taken, name) for name, taken in dates.items() if taken)
    undated = sorted((name for name, taken in dates.items() if not taken), key=natural_key)
    return [name for _, name in dated] + undated


@contextmanager
def _first_scan(
    qtbot: QtBot, tmp_path: Path, folder: Path, held: _Held, order: str = "taken"
) -> Iterator[MainWindow]:
    """A window sorted by `order` (as the user chose it) scanning `folder` into a new library
    with `held`; the block ends once the scan has (`held` let go on the way out, should the test
    fail)."""
    window = open_window(qtbot, held, tmp_path)
    if order != window.controller.order:
        window.commands.sort[order].trigger()
    with qtbot.waitSignal(window.jobs.idle, timeout=JOB_TIMEOUT_MS):
        assert window.start_scan([str(folder)])
        try:
            yield window
        finally:
            held.start.set()
            held.rest.set()
            held.last.set()
    settle(qtbot, window)


def _statuses(window: MainWindow) -> list[str | None]:
    return [getattr(window.model.photo(r), "status", None) for r in range(window.model.rowCount())]


def _all_waiting(window: MainWindow, count: int) -> bool:
    return _statuses(window) == [PhotoStatus.PENDING] * count


def test_waiting_photos_stand_where_the_scan_leaves_them(
    qtbot: QtBot, engine, tmp_path: Path
) -> None:
    folder = tmp_path / "Card"
    dates = dated_copies(folder, 24, seed=3, undated=3)
    held = _Held(engine)
    with _first_scan(qtbot, tmp_path, folder, held) as window:
        qtbot.waitUntil(lambda: _all_waiting(window, len(dates)), timeout=10_000)
        assert window.jobs.busy  # the model is held: nothing tagged yet
        waiting = shown_names(window)
        held.start.set()
    tagged = shown_names(window)
    assert _statuses(window) == [PhotoStatus.TAGGED] * len(dates)
    assert tagged == _by_date(dates)
    assert waiting == tagged


def test_a_selected_photo_keeps_its_place_while_others_are_tagged(
    qtbot: QtBot, engine, tmp_path: Path
) -> None:
    folder = tmp_path / "Card"
    dates = dated_copies(folder, BATCH + 8, seed=4)
    final = _by_date(dates)
    # The first batch is the first 32 found (the walk goes by name). A photo of it whose place
    # in a grid of undated photos (by name) is not its place among the 32 once they are dated:
    # one the grid moved when the first batch was tagged.
    first = sorted(dates)[:BATCH]
    by_name = sorted(dates, key=natural_key)
    by_date = sorted(first, key=dates.__getitem__)
    chosen = next(n for n in first if by_name.index(n) != by_date.index(n))
    held = _Held(engine, after=BATCH)
    with _first_scan(qtbot, tmp_path, folder, held) as window:
        qtbot.waitUntil(lambda: _all_waiting(window, len(dates)), timeout=10_000)
        window.grid.go_to_row(row_of(window, chosen))
        qtbot.waitUntil(lambda: window.details.title.text() == chosen)
        row = row_of(window, chosen)
        held.start.set()
        # The first batch tagged and shown, the second held in the model: tags arriving.
        qtbot.waitUntil(
            lambda: _statuses(window).count(PhotoStatus.TAGGED) == BATCH, timeout=60_000
        )
        assert window.jobs.busy
        assert shown_names(window)[row] == chosen
        assert window.grid.selected_rows() == [row]
        assert window.grid.current_row() == row
        assert window.details.title.text() == chosen
        assert shown_names(window) == final
        held.rest.set()
    assert shown_names(window)[row] == chosen
    assert window.grid.selected_rows() == [row]
    assert shown_names(window) == final


@pytest.mark.parametrize("order", ["taken", "name"])
def test_the_top_rows_are_tagged_first(qtbot: QtBot, engine, tmp_path: Path, order: str) -> None:
    """Tagging makes each tile's thumbnail too: in the walk's order (by name, not naturally),
    the rows at the top stayed grey until the end of a long first scan. The scan follows the
    grid's sort (Sort by Name too): its first batch is the grid's first rows. Two batches: the
    first tagged, the second held (a third tagged after the checks would check nothing more)."""
    folder = tmp_path / "Card"
    dates = dated_copies(folder, 2 * BATCH, seed=6)
    if order == "name":  # names whose natural order is neither the walk's nor the dates'
        for index, name in enumerate(sorted(dates, key=dates.__getitem__)):
            (folder / name).rename(folder / f"IMG_{(index * 7) % len(dates) + 1}.jpg")
    held = _Held(engine, after=BATCH)
    with _first_scan(qtbot, tmp_path, folder, held, order) as window:
        qtbot.waitUntil(lambda: _all_waiting(window, len(dates)), timeout=10_000)
        shown = shown_names(window)
        assert shown[:BATCH] != sorted(shown)[:BATCH]  # the walk's first batch is another
        held.start.set()
        qtbot.waitUntil(
            lambda: _statuses(window).count(PhotoStatus.TAGGED) == BATCH, timeout=60_000
        )
        assert window.jobs.busy  # the second batch is held in the model
        tagged = [PhotoStatus.TAGGED] * BATCH
        assert _statuses(window) == tagged + [PhotoStatus.PENDING] * (len(dates) - BATCH)
        assert shown_names(window) == shown
        held.rest.set()
    assert _statuses(window) == [PhotoStatus.TAGGED] * len(dates)


def test_sorted_otherwise_during_the_scan_the_new_top_rows_come_next(
    qtbot: QtBot, engine, tmp_path: Path
) -> None:
    """The scan started in a grid sorted by date; the photographer sorts it by name while the
    first batches are in the model. Those come as they were gathered (by date), the next one
    is the top of the grid as it is sorted now: the scan kept the sort it started
    with, so the rows in view, by name, filled in date order, scattered over the grid."""
    folder = tmp_path / "Card"
    dates = dated_copies(folder, 4 * BATCH, seed=7)
    for index, name in enumerate(sorted(dates, key=dates.__getitem__)):
        (folder / name).rename(folder / f"IMG_{(index * 7) % len(dates) + 1}.jpg")
    held = _Held(engine, after=2 * BATCH, again=3 * BATCH)
    with _first_scan(qtbot, tmp_path, folder, held) as window:
        qtbot.waitUntil(lambda: _all_waiting(window, len(dates)), timeout=10_000)
        by_date = shown_names(window)
        window.commands.sort["name"].trigger()
        qtbot.waitUntil(lambda: shown_names(window) != by_date, timeout=10_000)
        by_name = shown_names(window)
        held.start.set()
        qtbot.waitUntil(
            lambda: _statuses(window).count(PhotoStatus.TAGGED) == 2 * BATCH, timeout=60_000
        )
        # Gathered while the model was held (by date, if the decodes were quicker than the
        # click): the third is the first one gathered since.
        first = {n for n, s in zip(by_name, _statuses(window), strict=True) if s == "tagged"}
        held.rest.set()
        qtbot.waitUntil(
            lambda: _statuses(window).count(PhotoStatus.TAGGED) == 3 * BATCH, timeout=60_000
        )
        assert window.jobs.busy  # the fourth batch is held in the model
        assert shown_names(window) == by_name
        third = [n for n, s in zip(by_name, _statuses(window), strict=True) if s == "tagged"]
        assert set(third) - first == set([n for n in by_name if n not in first][:BATCH])
        held.last.set()
    assert _statuses(window) == [PhotoStatus.TAGGED] * len(dates)
