"""Tag names "my   music" (three spaces) and "my music" were two tags with no note, where a
double space was caught only as a slip of the keys. A new name's runs of spaces are one space
(tag_names.spaced_once): typed with three, it is the tag "my music". A library made before that
holds "my   music" keeps it (as typed then, found so), and "my music" typed beside it is said to
look like it, with the merge that joins them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.records import utc_now
from tests.cli_helpers import run
from tests.keyword_readers import exiftool_keywords, exiftool_set
from tests.switch_helpers import synthetic_library

A, B = "/synthetic/000000.jpg", "/synthetic/000001.jpg"


def _tags(capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    code, out, _ = run(capsys, "stats", "--json")
    return {tag["name"]: tag["photos"] for tag in json.loads(out)["tags"]}


def test_runs_of_spaces_make_one_tag(capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 2)
    assert run(capsys, "label", A, "--add", "my music") == (0, "labelled 1 photo\n", "")
    assert run(capsys, "label", B, "--add", "my   music") == (0, "labelled 1 photo\n", "")
    assert run(capsys, "label", B, "--add", "my\u00a0music")[1:] == (  # a no-break space
        "nothing changed: the photo was already as you said\n",
        "",
    )
    assert _tags(capsys) == {"my music": 2}
    assert len(json.loads(run(capsys, "search", "my    music", "--json")[1])) == 2
    assert run(capsys, "tag", "rename", "my music", "our   music")[0] == 0
    assert _tags(capsys) == {"our music": 2}


def test_a_library_made_before_keeps_its_spaced_name_and_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 2)
        lib.db.execute(  # as a label made before this put it
            "INSERT INTO tags (name, origin, created_at) VALUES ('my   music', 'user', ?)",
            [utc_now()],
        )
        tid = lib.db.execute("SELECT id FROM tags WHERE name = 'my   music'").fetchone()[0]
        lib.db.execute(
            "INSERT INTO photo_tags (photo_id, tag_id, state, decided_at) VALUES (?, ?, ?, ?)",
            [ids[0], tid, "added", utc_now()],
        )
        lib.db.conn.commit()
    code, out, err = run(capsys, "label", A, "--add", "my   music")  # found as typed then
    assert (code, out) == (0, "nothing changed: the photo was already as you said\n")
    code, out, err = run(capsys, "label", B, "--add", "my music")
    assert (code, out) == (0, "labelled 1 photo\n")
    assert err == (
        "phototagger: note: 'my music' is a new tag, but 'my   music' exists "
        '(`phototagger tag merge "my music" "my   music"` joins them)\n'
    )
    assert _tags(capsys) == {"my   music": 1, "my music": 1}
    assert run(capsys, "tag", "merge", "my   music", "my music")[0] == 0
    assert _tags(capsys) == {"my music": 2}


def test_a_file_s_spaced_keyword_is_the_tag_and_stays_one_keyword(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = tmp_path / "pics" / "dog.jpg"
    photo.parent.mkdir()
    shutil.copy("/work/shared/data/det-photos/n02084071_77_dog.jpg", photo)
    photo.chmod(0o644)
    exiftool_set(photo, "-XMP-dc:Subject=my   music")
    assert run(capsys, "scan", "--quiet", str(photo.parent))[0] == 0
    assert run(capsys, "label", str(photo), "--add", "pets")[0] == 0
    assert _tags(capsys)["my music"] == 1
    assert run(capsys, "metadata", "write", "--embed", str(photo))[0] == 0
    # The file's own spelling kept, no second 'my music' beside it (the writer compares
    # keywords with their runs of spaces as one, as the library does).
    assert exiftool_keywords(photo)["Xmp.dc.subject"] == ["my   music", "pets"]
