"""A digiKam or Lightroom user's first question, "my 4- and 5-star photos tagged beach", "the
red-labelled ones", had no answer: phototagger read each file's rating, colour label and pick
flag and showed them in the details panel, but neither the grid nor `search` could filter by
them. The sidebar's Rating, Label and Pick choices narrow any view (tags, a search, a folder,
Untagged), Show All Photos clears them, and they come back after a restart; `search` takes
--rating, --label and --pick, and its --json gives each photo's. Real det-photos whose XMP
exiv2 wrote as digiKam and Lightroom do, scanned by the real model into a real library; the
real window offscreen."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.queries import GridFilter, OrderedIds, photo_ids
from phototagger.paths import default_home
from tests.cli_helpers import run, scan_with, searched_stems
from tests.gui_helpers import (
    choose_mark,
    click_sidebar,
    open_window,
    search_for,
    settle,
    shown_names,
    shown_stems,
)
from tests.keyword_readers import exiv2_set
from tests.store_helpers import DET

# det-photo -> what digiKam or Lightroom wrote into it (exiv2 -M commands).
MARKS: dict[str, tuple[str, ...]] = {
    # digiKam: 5 stars, the red label (1), picked (3).
    "n01662784_2198_turtle": (
        "set Xmp.xmp.Rating 5",
        "set Xmp.digiKam.ColorLabel 1",
        "set Xmp.digiKam.PickLabel 3",
    ),
    # Lightroom: 4 stars, its "Red" label.
    "n02062744_3014_whale": ("set Xmp.xmp.Rating 4", "set Xmp.xmp.Label Red"),
    "n02129604_20374_tiger": ("set Xmp.xmp.Rating 3", "set Xmp.digiKam.ColorLabel 4"),  # green
    "n02391049_2847_zebra": ("set Xmp.xmp.Rating 4",),
    "n02509815_10244_red_panda": ("set Xmp.xmp.Rating -1",),  # Lightroom's reject
    "n02510455_12383_giant_panda": ("set Xmp.xmp.Rating 2", "set Xmp.digiKam.PickLabel 2"),
    "n04442312_12329_toaster": (),
    "n04468005_24186_train": (),
    # 5 stars in the file, but the library never read its metadata (a record gone: a library
    # from before files were read): it matches no rating.
    "n04536866_11045_violin": ("set Xmp.xmp.Rating 5",),
}
BEACH = [
    "n01662784_2198_turtle",
    "n02062744_3014_whale",
    "n02129604_20374_tiger",
    "n02509815_10244_red_panda",
    "n04442312_12329_toaster",
]
NEVER_READ = "n04536866_11045_violin"


@pytest.fixture
def rated(
    engine: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Path:
    """MARKS' photos scanned into the test's library, BEACH tagged 'beach' by the user."""
    pics = tmp_path / "pics"
    pics.mkdir()
    for name, commands in MARKS.items():
        photo = Path(shutil.copy(DET / f"{name}.jpg", pics))
        if commands:
            exiv2_set(photo, *commands)
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    beach = [str(pics / f"{n}.jpg") for n in BEACH]
    assert run(capsys, "label", *beach, "--add", "beach")[0] == 0
    with open_library(default_home()) as library:
        db = library.db
        violin = db.execute("SELECT id FROM photos WHERE name = ?", [f"{NEVER_READ}.jpg"])
        db.execute("DELETE FROM photo_file_metadata WHERE photo_id = ?", [violin.fetchone()[0]])
        db.conn.commit()
    return pics


def test_search_by_rating_label_and_pick(rated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert searched_stems(capsys, "beach", "--rating", "4") == BEACH[:2]
    assert searched_stems(capsys, "--rating", "4") == [*BEACH[:2], "n02391049_2847_zebra"]
    assert searched_stems(capsys, "--rating", "5") == ["n01662784_2198_turtle"]
    assert searched_stems(capsys, "--label", "Red") == BEACH[:2]  # digiKam's 1, Lightroom's "Red"
    assert searched_stems(capsys, "beach", "--rating", "3", "--label", "green") == [BEACH[2]]
    # Lightroom's reject (rated -1) is a pick flag, as in digiKam and Lightroom.
    assert searched_stems(capsys, "--pick", "rejected") == ["n02509815_10244_red_panda"]
    assert searched_stems(capsys, "--pick", "picked") == ["n01662784_2198_turtle"]
    assert searched_stems(capsys, "--pick", "pending") == ["n02510455_12383_giant_panda"]
    assert searched_stems(capsys, "--any", "beach", "--not", "beach", "--rating", "1") == []
    assert searched_stems(capsys, "--label", "blue") == []  # a colour no file has: none, no error

    # --json: the same objects as before, with the files' rating, label and pick.
    code, out, _ = run(capsys, "search", "beach", "--json")
    assert code == 0
    rows = {Path(row["path"]).stem: row for row in json.loads(out)}
    assert set(rows) == set(BEACH)
    assert all(set(row) == {"path", "taken_at", "rating", "label", "pick"} for row in rows.values())
    assert rows[BEACH[0]] | {"path": None, "taken_at": None} == {
        "path": None,
        "taken_at": None,
        "rating": 5,
        "label": "red",
        "pick": "accepted",
    }
    assert (rows[BEACH[1]]["rating"], rows[BEACH[1]]["label"]) == (4, "red")
    assert rows["n04442312_12329_toaster"]["rating"] is None

    # Bad values: a clear message, exit 2 (argparse's own refusal for a value out of range).
    for argv, said in (
        (["--rating", "6"], "'6' is no rating: give 1 to 5"),
        (["--rating", "four"], "'four' is no rating"),
        (["--rating", "0"], "'0' is no rating"),
        (["--pick", "maybe"], "'maybe' is no pick flag: give picked, rejected or pending"),
    ):
        with pytest.raises(SystemExit) as refused:
            run(capsys, "search", *argv)
        assert refused.value.code == 2
        assert said in capsys.readouterr().err
    code, _, err = run(capsys, "search", "--label", "rde")
    assert code == 2
    assert "'rde' is no colour label: give one of red, orange" in err
    assert "your photos' files have: red, green" in err


def test_the_grid_filter_by_rating_label_and_pick(rated: Path) -> None:
    with open_library(default_home()) as library:
        db = library.db
        named = {i: Path(p).stem for i, p in db.execute("SELECT id, path FROM photos")}
        for cache in (None, OrderedIds()):

            def shown(grid_filter: GridFilter, cache: OrderedIds | None = cache) -> list[str]:
                return sorted(named[i] for i in photo_ids(db, grid_filter, "name", cache))

            assert shown(GridFilter(rating=4)) == [*BEACH[:2], "n02391049_2847_zebra"]
            assert shown(GridFilter(all_of=("beach",), rating=4)) == BEACH[:2]
            assert shown(GridFilter(label="red")) == BEACH[:2]
            assert shown(GridFilter(any_of=("beach",), label="green", rating=3)) == [BEACH[2]]
            assert shown(GridFilter(none_of=("beach",), rating=2)) == [
                "n02391049_2847_zebra",
                "n02510455_12383_giant_panda",
            ]
            assert shown(GridFilter(pick="rejected")) == ["n02509815_10244_red_panda"]
            assert shown(GridFilter(folder=str(rated), pick="accepted")) == [BEACH[0]]
            assert shown(GridFilter(rating=1, label="red", pick="pending")) == []
    assert GridFilter(all_of=("beach",), rating=4, label="red").describe() == (
        "Photos tagged beach, rated 4 stars or more, with the red label"
    )
    assert GridFilter(rating=5, pick="accepted").describe() == "Photos rated 5 stars, picked"
    assert GridFilter(special="untagged", pick="rejected").describe() == (
        "Photos with no tags, marked rejected"
    )


def test_the_sidebar_filters_by_rating_label_and_pick(
    rated: Path, engine: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    marks = window.sidebar.marks
    assert [marks.rating.itemText(i) for i in range(marks.rating.count())] == [
        "Any",
        "★ or more",
        "★★ or more",
        "★★★ or more",
        "★★★★ or more",
        "★★★★★",
    ]
    # The labels the files have, in digiKam's and Lightroom's order, with their photos.
    assert [marks.label.itemText(i) for i in range(marks.label.count())] == [
        "Any",
        "Red (2)",
        "Green (1)",
    ]
    choose_mark(qtbot, window, "rating", "★★★★ or more")
    assert shown_stems(window) == [*BEACH[:2], "n02391049_2847_zebra"]
    assert window.header.text() == "Photos rated 4 stars or more  ·  3 of 9"
    assert "3 of 9 photos shown" in window.status.library.text()
    assert window.centre.show_all.isVisible()

    # With a tag: "my 4- and 5-star photos tagged beach".
    click_sidebar(qtbot, window, "beach")
    settle(qtbot, window)
    assert shown_stems(window) == BEACH[:2]
    assert window.header.text().startswith("Photos tagged beach, rated 4 stars or more  ·  2")
    choose_mark(qtbot, window, "rating", "★★★ or more")
    choose_mark(qtbot, window, "label", "Green (1)")
    assert shown_stems(window) == [BEACH[2]]
    # A search keeps them.
    search_for(qtbot, window, "beach")
    assert shown_stems(window) == [BEACH[2]]
    assert window.header.text().startswith(
        "Photos tagged beach, rated 3 stars or more, with the green label"
    )
    choose_mark(qtbot, window, "label", "Any")
    choose_mark(qtbot, window, "rating", "Any")
    choose_mark(qtbot, window, "pick", "Rejected")
    assert shown_stems(window) == ["n02509815_10244_red_panda"]
    choose_mark(qtbot, window, "pick", "Picked")
    assert shown_stems(window) == [BEACH[0]]

    # Back after a restart: the grid, the header and the boxes.
    window.close()
    again = open_window(qtbot, engine, tmp_path)
    settle(qtbot, again)
    assert shown_stems(again) == [BEACH[0]]
    assert again.header.text().startswith("Photos tagged beach, picked  ·  1")
    assert again.sidebar.marks.pick.currentText() == "Picked"
    assert again.sidebar.search.text() == "beach"

    # Show All Photos clears them.
    again.centre.show_all.click()
    settle(qtbot, again)
    assert len(shown_names(again)) == 9
    assert again.header.text() == "All photos  ·  9"
    assert [b.currentText() for b in again.sidebar.marks.boxes] == ["Any", "Any", "Any"]
