"""`metadata read --json` gave a file Lightroom, Bridge or darktable rejected (xmp:Rating -1)
`"rating": -1` beside `"pick": "rejected"`, and its text "rating: -1" above "pick: rejected",
where `search --json` and `export --json` give that file `"rating": null` (preview41: a reject
is a pick, not a rating; stars are 0 to 5). Now `metadata read` says every file's rating, pick
and label as `search --json` says them, a digiKam reject keeping its stars. Real det-photos
whose XMP exiv2 wrote, scanned by the real model into a real library."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.test_filter_reject_is_a_pick import DIGIKAM_REJECT, LIGHTROOM_REJECT, MARKS


def test_metadata_read_says_a_reject_as_search_does(
    marked_det_photos: Callable[[dict[str, tuple[str, ...]]], Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    pics = marked_det_photos(MARKS)
    code, out, err = run(capsys, "search", "--json", "--pick", "rejected")
    assert code == 0, err
    searched = {Path(str(row["path"])).stem: row for row in json.loads(out)}
    assert set(searched) == {LIGHTROOM_REJECT, DIGIKAM_REJECT}
    read = {}
    for name in MARKS:
        code, out, err = run(capsys, "metadata", "read", "--json", str(pics / f"{name}.jpg"))
        assert code == 0, err
        read[name] = json.loads(out)
        assert read[name]["rating"] != -1
    for name, row in searched.items():
        assert (read[name]["rating"], read[name]["pick"]) == (row["rating"], row["pick"])
    assert (read[LIGHTROOM_REJECT]["rating"], read[LIGHTROOM_REJECT]["pick"]) == (None, "rejected")
    assert (read[DIGIKAM_REJECT]["rating"], read[DIGIKAM_REJECT]["pick"]) == (3, "rejected")

    # The text says the reject once, as a pick, as the details panel does.
    code, out, err = run(capsys, "metadata", "read", str(pics / f"{LIGHTROOM_REJECT}.jpg"))
    assert code == 0, err
    assert "  pick: rejected" in out.splitlines()
    assert "rating" not in out
    code, out, err = run(capsys, "metadata", "read", str(pics / f"{DIGIKAM_REJECT}.jpg"))
    assert "  rating: 3" in out.splitlines() and "  pick: rejected" in out.splitlines()
