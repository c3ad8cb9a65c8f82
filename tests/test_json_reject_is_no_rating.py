"""`search --json` gave `"rating": -1` beside `"pick": "rejected"` for a file Lightroom, Bridge or
darktable rejected (xmp:Rating -1), a number a consumer sorts and averages as stars, while the
app has a reject as a pick and no rating (test_filter_reject_is_a_pick.py). `rating` is stars
alone now: null for such a file, its pick "rejected"; a digiKam reject keeps its 3 stars; and
`export --json`, which gave no marks at all, gives every photo the same three (preview41). Real
det-photos whose XMP exiv2 wrote, scanned by the real model into a real library."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.test_filter_reject_is_a_pick import (
    DIGIKAM_REJECT,
    LIGHTROOM_REJECT,
    MARKS,
    NOTHING,
    PICKED,
    THREE_STARS,
)

EXPECTED = {
    LIGHTROOM_REJECT: {"rating": None, "label": None, "pick": "rejected"},
    DIGIKAM_REJECT: {"rating": 3, "label": None, "pick": "rejected"},
    THREE_STARS: {"rating": 3, "label": None, "pick": None},
    PICKED: {"rating": 1, "label": None, "pick": "accepted"},
    NOTHING: {"rating": None, "label": None, "pick": None},
}


def _marks(rows: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    keys = ("rating", "label", "pick")
    return {Path(str(row["path"])).stem: {k: row[k] for k in keys} for row in rows}


def test_a_reject_is_a_pick_and_no_rating_in_json(
    marked_det_photos: Callable[[dict[str, tuple[str, ...]]], Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    marked_det_photos(MARKS)
    code, out, err = run(capsys, "search", "--json", "--pick", "rejected")
    assert code == 0, err
    rejects = _marks(json.loads(out))
    assert rejects == {name: EXPECTED[name] for name in (LIGHTROOM_REJECT, DIGIKAM_REJECT)}

    code, out, err = run(capsys, "search", "--json", "--rating", "1")
    assert code == 0, err
    assert all(row["rating"] >= 1 for row in json.loads(out))

    code, out, err = run(capsys, "export", "--json")
    assert code == 0, err
    assert _marks(json.loads(out)) == EXPECTED  # as search --json says them
