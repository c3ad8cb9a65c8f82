"""`phototagger stats` said "photos: 257 (… 0 problem …)" and then "problems: 7", and printed a
second "photos:" line (of formats, counting the files that are no photos). It now says each
thing once: the photos' states add up to their count, the formats count those photos, and the
problems line tells the photos with a problem apart from the files that could not be read, as
`--json` does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import add_folder, update_photo
from phototagger.store.problems import record_problem
from phototagger.store.tags import write_model_tags
from tests.cli_helpers import run
from tests.store_helpers import add_photo

DET = Path("/work/shared/data/det-photos")


def test_stats_says_each_count_once_and_they_agree(capsys: pytest.CaptureFixture[str]) -> None:
    photos = sorted(DET.glob("*.jpg"))[:5]
    with open_library(default_home()) as lib:
        db = lib.db
        add_folder(db, str(DET))
        ids = [add_photo(db, str(p), status="tagged") for p in photos]
        for pid in ids:
            update_photo(db, pid, model_version="v1")
            write_model_tags(db, pid, {"people": 0.9}, ["people"], "v1")
        # A photo whose keywords could not be written (read-only): still a photo.
        record_problem(db, str(photos[0]), "KEYWORDS", "cannot write its keywords (read-only)")
        # Two files in the folder that are no photos: never read, nothing of the user's.
        for name in ("notes.jpg", "empty.jpg"):
            add_photo(db, str(DET / name), status="problem")
            record_problem(db, str(DET / name), "NOT_AN_IMAGE", "this is not a picture")
        add_photo(db, str(DET / "gone.jpg"), status="missing")
        db.conn.commit()

    code, out, _ = run(capsys, "stats")
    assert code == 0
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines].count("photos") == 1, out
    assert "photos: 5 (5 tagged); 1 more missing (files gone, their tags kept)" in lines
    assert "formats: 5 JPEG" in lines  # the two files that are no photos are not counted
    assert (
        "problems: 1 of your photos and 2 files that could not be read (see: phototagger problems)"
        in lines
    )

    code, out, _ = run(capsys, "stats", "--json")
    stats = json.loads(out)
    assert stats["photos"] == 5 == sum(stats["by_format"]["photo"].values())
    assert sum(n for s, n in stats["by_status"].items() if s != "missing") == stats["photos"]
    assert (stats["problems"], stats["problem_photos"], stats["not_photos"]) == (3, 1, 2)
    code, _, err = run(capsys, "problems")
    assert "3 problems" in err  # the list the line points to holds them all
