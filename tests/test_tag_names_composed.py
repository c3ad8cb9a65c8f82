"""One tag whatever Unicode form its name comes in. 'Été' typed in the app is composed (NFC); a
keyword a Mac (or some tools) wrote is often decomposed (NFD: 'E' and a combining accent). The
two looked the same and were two tags: filters, counts and the tag tree split them. Names are
now stored composed where they enter, compared composed, and a library holding both spellings
is merged once, every photo's decisions kept."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from pathlib import Path

from phototagger.core.labels import apply_edits, decision_edits, label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from phototagger.core.model.active import threshold_overrides
from phototagger.core.tag_admin import rename_tag
from phototagger.store import migrations
from phototagger.store.connection import open_database
from phototagger.store.tags import all_tags, search, tag_counts
from tests.keyword_readers import exiftool_keywords, write_sidecar_tags
from tests.store_helpers import library_at_version, small_jpeg_added, tag_states

COMPOSED = unicodedata.normalize("NFC", "Été")
DECOMPOSED = unicodedata.normalize("NFD", "Été")
assert COMPOSED != DECOMPOSED and len(DECOMPOSED) == 5


def test_typed_and_file_spellings_are_one_tag(db, tmp_path: Path) -> None:
    typed, from_mac, from_cli = (small_jpeg_added(db, tmp_path / f"{n}.jpg") for n in "abc")
    apply_edits(db, decision_edits([typed], COMPOSED, "add"))
    write_sidecar_tags(tmp_path / "b.jpg.xmp", [f"Saisons/{DECOMPOSED}", DECOMPOSED])
    sync_file_metadata(db, [str(tmp_path)])
    label_paths(db, [str(tmp_path / "c.jpg")], add=[f"Saisons/{DECOMPOSED}"])

    assert {name for name, _ in all_tags(db)} == {COMPOSED, f"Saisons/{COMPOSED}"}
    assert tag_states(db, typed) == {COMPOSED: "added"}
    assert tag_states(db, from_mac) == {COMPOSED: "file", f"Saisons/{COMPOSED}": "file"}
    assert tag_states(db, from_cli) == {f"Saisons/{COMPOSED}": "added"}
    assert dict(tag_counts(db))[COMPOSED] == 2
    # A filter typed either way finds both photos.
    assert set(search(db, [DECOMPOSED])) == set(search(db, [COMPOSED])) == {typed, from_mac}


def test_renaming_to_a_decomposed_name_stores_it_composed(db, tmp_path: Path) -> None:
    pid = small_jpeg_added(db, tmp_path / "a.jpg")
    label_paths(db, [str(tmp_path / "a.jpg")], add=["Summer", COMPOSED])
    # Renamed to the other spelling of a tag there is: the same tag, so a merge into it.
    change = rename_tag(db, "Summer", DECOMPOSED)
    assert change.kind == "merge"
    assert tag_states(db, pid) == {COMPOSED: "added"}
    assert [name for name, _ in all_tags(db)] == [COMPOSED]


def test_writing_back_keeps_the_files_decomposed_spelling(db, tmp_path: Path) -> None:
    photo = tmp_path / "a.jpg"
    pid = small_jpeg_added(db, photo)
    sidecar = tmp_path / "a.jpg.xmp"
    write_sidecar_tags(sidecar, [DECOMPOSED])
    sync_file_metadata(db, [str(tmp_path)])
    # The user adds the same tag typed in the app, and another one.
    label_paths(db, [str(photo)], add=[COMPOSED, "Plage"])
    assert tag_states(db, pid) == {COMPOSED: "file", "Plage": "added"}
    written = write_keywords(db, [pid], WriteOptions())
    assert written.keywords_added == 1
    fields = exiftool_keywords(sidecar)
    # exiftool reads the file's own spelling back, once: no second, composed copy.
    assert fields["Xmp.digiKam.TagsList"] == [DECOMPOSED, "Plage"]
    assert fields["Xmp.dc.subject"] == [DECOMPOSED, "Plage"]
    assert fields["Xmp.lr.hierarchicalSubject"] == [DECOMPOSED, "Plage"]
    assert write_keywords(db, [pid], WriteOptions()).unchanged == 1


def _v12_library(path: Path) -> None:
    library_at_version(path, 12).close()
    conn = sqlite3.connect(str(path))
    for pid in range(1, 7):
        conn.execute(
            "INSERT INTO photos (id, path, folder, name, status) VALUES (?, ?, '/p', ?, 'tagged')",
            [pid, f"/p/{pid}.jpg", f"{pid}.jpg"],
        )
    conn.executemany(
        "INSERT INTO tags (id, name, origin) VALUES (?, ?, ?)",
        [
            (1, DECOMPOSED, "user"),  # read from a Mac's files first
            (2, COMPOSED, "user"),  # then typed in the app
            (3, f"Saisons/{DECOMPOSED}", "user"),  # only ever spelled decomposed
            (4, "Plage", "user"),
        ],
    )
    rows = [
        # (photo, tag, confidence, state, decided_at)
        (1, 1, None, "file", "2026-01-01"),  # the file's keyword alone
        (2, 2, 0.9, "accepted", "2026-01-02"),  # the app's decision alone
        (3, 1, None, "file", "2026-01-01"),  # both: the user's "no" here beats the file's yes
        (3, 2, 0.4, "rejected", "2026-01-03"),
        (4, 1, 0.7, "rejected", "2026-01-05"),  # a no beats a yes, whichever tag holds it
        (4, 2, 0.8, "accepted", "2026-01-04"),
        (5, 1, None, "file", "2026-01-01"),  # the user's yes beats the file's
        (5, 2, 0.6, "accepted", "2026-01-06"),
        (6, 3, None, "file", "2026-01-01"),
        (6, 4, None, "added", "2026-01-01"),
    ]
    conn.executemany(
        "INSERT INTO photo_tags (photo_id, tag_id, confidence, state, decided_at)"
        " VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('thresholds', ?)",
        [json.dumps({DECOMPOSED: 0.3, "Plage": 0.6, f"Saisons/{DECOMPOSED}": 0.7})],
    )
    conn.commit()
    conn.close()


def test_a_library_with_both_spellings_is_merged_keeping_decisions(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    _v12_library(path)
    db = open_database(path)
    try:
        assert migrations.user_version(db) == migrations.LATEST_VERSION
        assert [name for name, _ in all_tags(db)] == ["Plage", f"Saisons/{COMPOSED}", COMPOSED]
        assert [tag_states(db, pid) for pid in range(1, 7)] == [
            {COMPOSED: "file"},
            {COMPOSED: "accepted"},
            {COMPOSED: "rejected"},
            {COMPOSED: "rejected"},
            {COMPOSED: "accepted"},
            {"Plage": "added", f"Saisons/{COMPOSED}": "file"},
        ]
        # The higher confidence stays beside the decision that won.
        confidences = dict(
            db.execute("SELECT photo_id, confidence FROM photo_tags WHERE tag_id = 2").fetchall()
        )
        assert confidences == {1: None, 2: 0.9, 3: 0.4, 4: 0.8, 5: 0.6}
        # The user's threshold for a tag follows it (the composed name's own would win).
        assert threshold_overrides(db) == {COMPOSED: 0.3, "Plage": 0.6, f"Saisons/{COMPOSED}": 0.7}
        # Typed either way, it is that tag now.
        assert set(search(db, [DECOMPOSED])) == {1, 2, 5}
    finally:
        db.close()
    # The library before the merge is kept beside it.
    backup = tmp_path / "library.db.v12.bak"
    conn = sqlite3.connect(str(backup))
    assert conn.execute("SELECT count(*) FROM tags").fetchone()[0] == 4
    conn.close()
