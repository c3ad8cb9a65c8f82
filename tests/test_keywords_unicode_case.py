"""Keywords in files follow the library's notion of one tag. Tag names are UNIQUE COLLATE NOCASE,
which folds ASCII letters only: 'Dog' and 'dog' are one tag, 'Äpfel' and 'äpfel' two. Writing,
reading and syncing keywords compared them with str.casefold: a photo with both tags got one
keyword (and, read back, lost the other tag), a file with both gave one tag, and the other tool
taking out 'äpfel' (or changing it to 'Äpfel') was no change at all."""

from __future__ import annotations

import os
from pathlib import Path

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.read import read_metadata
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from tests.keyword_readers import EMPTY_SIDECAR, exiftool_keywords, exiv2_set, write_sidecar_tags
from tests.store_helpers import small_jpeg_added, tag_states


def _touch(path: Path, at: int) -> None:
    os.utime(path, (at, at))


def test_a_photo_with_both_tags_gets_both_keywords(db, tmp_path: Path) -> None:
    photo = tmp_path / "p.jpg"
    pid = small_jpeg_added(db, photo)
    label_paths(db, [str(photo)], add=["Äpfel", "äpfel", "Obst/Äpfel", "Dog"])
    assert set(tag_states(db, pid)) == {"Äpfel", "äpfel", "Obst/Äpfel", "Dog"}  # four tags
    assert write_keywords(db, [pid], WriteOptions()).keywords_added == 4
    sidecar = tmp_path / "p.jpg.xmp"
    fields = exiftool_keywords(sidecar)
    assert sorted(fields["Xmp.digiKam.TagsList"]) == ["Dog", "Obst/Äpfel", "Äpfel", "äpfel"]
    assert sorted(fields["Xmp.lr.hierarchicalSubject"]) == ["Dog", "Obst|Äpfel", "Äpfel", "äpfel"]
    # Leaves and the level above one, each once.
    assert sorted(fields["Xmp.dc.subject"]) == ["Dog", "Obst", "Äpfel", "äpfel"]
    assert sorted(read_metadata(photo).keywords) == ["Dog", "Obst/Äpfel", "Äpfel", "äpfel"]
    # Read back by the next scan: the same four tags, nothing changed, nothing lost.
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == dict.fromkeys(["Äpfel", "äpfel", "Obst/Äpfel", "Dog"], "added")
    assert write_keywords(db, [pid], WriteOptions()).unchanged == 1


def test_ascii_case_is_one_keyword_as_it_is_one_tag(db, tmp_path: Path) -> None:
    photo = tmp_path / "p.jpg"
    pid = small_jpeg_added(db, photo)
    # The user's own 'dog' in another tool: the tag 'Dog' is that keyword, not a second one.
    sidecar = tmp_path / "p.jpg.xmp"
    sidecar.write_text(EMPTY_SIDECAR)
    exiv2_set(sidecar, "set Xmp.dc.subject XmpBag dog")
    label_paths(db, [str(photo)], add=["Dog"])
    write_keywords(db, [pid], WriteOptions())
    assert exiftool_keywords(sidecar)["Xmp.dc.subject"] == ["dog"]
    # A file with 'Dog' and 'dog' gives one tag; with 'Äpfel' and 'äpfel', two.
    other = tmp_path / "q.jpg"
    qid = small_jpeg_added(db, other)
    write_sidecar_tags(tmp_path / "q.jpg.xmp", ["Dog", "dog", "Äpfel", "äpfel"])
    assert read_metadata(other).keywords == ["Dog", "Äpfel", "äpfel"]
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, qid) == {"Dog": "file", "Äpfel": "file", "äpfel": "file"}


def test_the_other_tool_taking_out_one_of_them_takes_that_tag_off(db, tmp_path: Path) -> None:
    photo = tmp_path / "p.jpg"
    pid = small_jpeg_added(db, photo)
    sidecar = tmp_path / "p.jpg.xmp"
    write_sidecar_tags(sidecar, ["Äpfel", "äpfel", "Birne"])
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == {"Äpfel": "file", "äpfel": "file", "Birne": "file"}

    # digiKam takes out 'äpfel': its tag goes, 'Äpfel' stays.
    write_sidecar_tags(sidecar, ["Äpfel", "Birne"])
    _touch(sidecar, 2_000_000_000)
    summary = sync_file_metadata(db, [str(tmp_path)])
    assert (summary.keywords_added, summary.keywords_removed) == (0, 1)
    assert tag_states(db, pid) == {"Äpfel": "file", "Birne": "file"}

    # 'Äpfel' respelled 'äpfel' there: another tag now, as typing it in phototagger would be.
    write_sidecar_tags(sidecar, ["äpfel", "Birne"])
    _touch(sidecar, 2_000_000_100)
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == {"äpfel": "file", "Birne": "file"}


def test_a_tag_written_by_phototagger_and_taken_out_elsewhere_goes(db, tmp_path: Path) -> None:
    photo = tmp_path / "p.jpg"
    pid = small_jpeg_added(db, photo)
    label_paths(db, [str(photo)], add=["Äpfel", "äpfel"])
    write_keywords(db, [pid], WriteOptions())
    sidecar = tmp_path / "p.jpg.xmp"
    write_sidecar_tags(sidecar, ["Äpfel"])  # the user took 'äpfel' out in digiKam
    _touch(sidecar, 2_000_000_000)
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == {"Äpfel": "added"}
    # Written again, the file keeps what the library has: 'Äpfel' alone.
    write_keywords(db, [pid], WriteOptions())
    assert exiftool_keywords(sidecar)["Xmp.digiKam.TagsList"] == ["Äpfel"]
