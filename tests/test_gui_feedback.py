"""What the app says while it works: the model loading is not a frozen 0 %, a time left only once
it means something, a filter with no result says so, Add Folder during a scan is queued, and
the window fits half of a 1920-px screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTableWidgetItem

from phototagger.core.jobs import Progress
from phototagger.gui.status import describe_progress
from phototagger.paths import default_home
from tests.gui_helpers import (
    JOB_TIMEOUT_MS,
    four_photos,
    open_window,
    search_for,
    settle,
    shown_names,
)
from tests.photo_factory import real_photo


def test_progress_while_loading_and_the_first_batches(qtbot, engine, tmp_path: Path) -> None:
    window = open_window(qtbot, engine, tmp_path)
    job = window.status.job
    job.update_progress(Progress("loading the model", 0, 500))
    assert job.bar.maximum() == 0  # busy indicator, not a bar stuck at 0 %
    assert describe_progress(Progress("loading the model", 0, 500)) == (
        "Loading the model… then 500 photos to tag"
    )
    early = describe_progress(Progress("tagging", 32, 500, rate=3.0, eta_s=150))
    later = describe_progress(Progress("tagging", 128, 500, rate=3.0, eta_s=124))
    assert "left" not in early and "2 min" in later and "left" in later
    job.update_progress(Progress("tagging", 128, 500))
    assert (job.bar.maximum(), job.bar.value()) == (500, 128)


def test_add_folder_during_a_scan_is_queued(qtbot, engine, tmp_path: Path) -> None:
    first = four_photos(tmp_path / "first")
    second = tmp_path / "second"
    real_photo(second / "kitten.jpg", "chelsea")
    window = open_window(qtbot, engine, tmp_path)
    with qtbot.waitSignal(window.jobs.started, timeout=JOB_TIMEOUT_MS):
        assert window.start_scan([str(first)])
    assert window.start_scan([str(second)])  # while the first runs
    assert window.job_control.queued == [str(second)]
    assert "queued" in window.status.currentMessage()
    qtbot.waitUntil(
        lambda: (
            not window.jobs.busy and not window.job_control.queued and len(shown_names(window)) == 5
        ),
        timeout=JOB_TIMEOUT_MS,
    )
    settle(qtbot, window)
    assert "kitten.jpg" in shown_names(window)


def test_empty_filter_says_so_and_window_fits_half_a_screen(qtbot, engine, tmp_path: Path) -> None:
    window = open_window(qtbot, engine, tmp_path)
    search_for(qtbot, window, "unicorn")
    assert window.header.text() == "No photos match: no tag or file name matches “unicorn”"
    assert window.centre.show_all.isVisible()  # the way out, beside the header
    window.resize(900, 700)
    qtbot.waitUntil(lambda: window.width() <= 900)
    assert window.minimumSizeHint().width() <= 900


def test_a_photo_found_but_not_tagged_shows_its_thumbnail(qtbot, engine, tmp_path: Path) -> None:
    from phototagger.core.library import open_library
    from tests.store_helpers import add_photo

    photo = real_photo(tmp_path / "pics" / "found.jpg", "coffee")
    with open_library(default_home()) as library:
        # As a scan leaves it after the walk: known by path, not decoded, not tagged.
        add_photo(library.db, str(photo), status="pending")
    window = open_window(qtbot, engine, tmp_path)
    assert shown_names(window) == ["found.jpg"]
    qtbot.waitUntil(lambda: window.model.cell(0)[2] is not None, timeout=10_000)
    image = window.model.cell(0)[2]
    assert image is not None and max(image.width(), image.height()) == window.grid.side


def test_old_and_new_model_table_fits_the_default_dock(qtbot, engine, tmp_path: Path) -> None:
    window = open_window(qtbot, engine, tmp_path)
    page = window.retrain.train_page
    page._name_columns("v1", "v2")  # as a result's versions name the score columns
    table = page.metrics
    table.setRowCount(1)
    for column, text in enumerate(["grandma's garden", "12", "83 → 91", "88 → 95"]):
        table.setItem(0, column, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    numbers = sum(header.sectionSize(c) for c in range(1, 4))
    # The dock opens 340 px wide: the three number columns leave the tag names most of it.
    assert numbers <= 340 - 140, numbers
