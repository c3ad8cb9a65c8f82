"""A reject was both a rating and a pick: a photo Lightroom, Bridge or darktable rejected
(xmp:Rating -1) was under the sidebar's Rating ▸ Rejected and under Pick ▸ Rejected, while
digiKam's own reject (Pick label 1) was under Pick only, and the details panel said it twice
("rated as reject · rejected (pick)"). As in digiKam (stars 0-5, the reject a Pick label) and
Lightroom (stars, and a Pick/Reject flag apart from them), Rating is stars only and Pick ▸
Rejected has every reject, digiKam's and Lightroom's; the tooltips say so, `search --rating
rejected` points to `--pick rejected`, and a view saved with the former Rating ▸ Rejected comes
back as Pick ▸ Rejected. Real det-photos whose XMP exiv2 wrote, scanned by the real model into
a real library; the real window offscreen."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from phototagger.gui.remembered_view import KEY
from tests.cli_helpers import run, searched_stems
from tests.gui_helpers import choose_mark, click_photo, open_window, settle, shown_stems

# Which det-photo stands for which file, and what digiKam or Lightroom wrote into it.
LIGHTROOM_REJECT = "n01662784_2198_turtle"  # Lightroom's, Bridge's, darktable's: rated -1
DIGIKAM_REJECT = "n02062744_3014_whale"  # 3 stars, Pick label 1 (rejected)
THREE_STARS = "n02129604_20374_tiger"
PICKED = "n02391049_2847_zebra"  # 1 star, Pick label 3 (accepted)
NOTHING = "n04442312_12329_toaster"
MARKS: dict[str, tuple[str, ...]] = {
    LIGHTROOM_REJECT: ("set Xmp.xmp.Rating -1",),
    DIGIKAM_REJECT: ("set Xmp.xmp.Rating 3", "set Xmp.digiKam.PickLabel 1"),
    THREE_STARS: ("set Xmp.xmp.Rating 3",),
    PICKED: ("set Xmp.xmp.Rating 1", "set Xmp.digiKam.PickLabel 3"),
    NOTHING: (),
}
REJECTS = sorted([DIGIKAM_REJECT, LIGHTROOM_REJECT])


@pytest.fixture
def marked(marked_det_photos: Callable[[dict[str, tuple[str, ...]]], Path]) -> Path:
    return marked_det_photos(MARKS)


def test_search_asks_for_a_reject_as_a_pick(
    marked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert searched_stems(capsys, "--pick", "rejected") == REJECTS
    assert searched_stems(capsys, "--rating", "1") == sorted([DIGIKAM_REJECT, PICKED, THREE_STARS])
    assert searched_stems(capsys, "--rating", "3") == sorted([DIGIKAM_REJECT, THREE_STARS])
    for word in ("rejected", "-1"):
        with pytest.raises(SystemExit) as refused:
            run(capsys, "search", "--rating", word)
        assert refused.value.code == 2
        said = capsys.readouterr().err
        assert f"'{word}' is no rating: a reject is a pick flag" in said
        assert "give --pick rejected" in said


def test_the_sidebar_has_rejects_under_pick_only(
    marked: Path, engine: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    marks = window.sidebar.marks
    ratings = [marks.rating.itemText(i) for i in range(marks.rating.count())]
    assert ratings == ["Any", "★ or more", "★★ or more", "★★★ or more", "★★★★ or more", "★★★★★"]
    assert "choose Pick ▸ Rejected" in marks.rating.toolTip()
    assert "rated -1" in marks.pick.toolTip() and "Lightroom" in marks.pick.toolTip()

    choose_mark(qtbot, window, "pick", "Rejected")
    assert shown_stems(window) == REJECTS
    assert window.header.text().startswith("Photos marked rejected  ·  2")
    choose_mark(qtbot, window, "pick", "Any")
    choose_mark(qtbot, window, "rating", "★ or more")
    assert shown_stems(window) == sorted([DIGIKAM_REJECT, PICKED, THREE_STARS])

    # The details panel says a Lightroom reject once, as a pick; digiKam's keeps its stars.
    choose_mark(qtbot, window, "rating", "Any")
    click_photo(qtbot, window, f"{LIGHTROOM_REJECT}.jpg")
    marks_line = window.details.facts.text().splitlines()[-1]  # after the folder, the size
    assert marks_line == "rejected (pick)"
    click_photo(qtbot, window, f"{DIGIKAM_REJECT}.jpg")
    assert window.details.facts.text().splitlines()[-1] == "★★★☆☆ · rejected (pick)"
    window.close()

    # A view saved by an earlier version with Rating ▸ Rejected (-1): Pick ▸ Rejected now.
    window.settings.setValue(KEY, json.dumps({"rating": -1, "label": None, "pick": None}))
    window.settings.sync()
    again = open_window(qtbot, engine, tmp_path)
    settle(qtbot, again)
    assert again.sidebar.marks.rating.currentText() == "Any"
    assert again.sidebar.marks.pick.currentText() == "Rejected"
    assert shown_stems(again) == REJECTS
