"""A friend named Paris on a photo from Paris was no person: the file's face region Paris and
Lightroom's place keyword Places|France|Paris gave the photo the place alone (a keyword whose
leaf was the region's name stood for the person, so no 'People (keywords)/Paris'), `tags`
listed no person, and taking her name off the face rejected the place: the tag
'Places/France/Paris' said "no" (a write with --remove-rejected takes it out of the file).
A keyword under a tree of places is no person now (metadata/regions.person_keyword, in the
scan's region_tags and face_marks.name_tag): the region gives her tag, her name taken off
rejects her tag, and the write takes her region out and keeps the place. Lightroom's flat
person keyword 'Anna' still stands for her (test_face_regions_write). A real det-photo, its
region and keywords written by exiftool and read by the metadata sync, the real CLI, exiftool
reading the write."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.keyword_readers import exiftool_read
from tests.people_photos import FOUND, PERSON, library_with_named_photo

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool makes files")

# Paris on the face the detector finds; Lightroom's place tree, as it writes it (the levels flat
# in dc:subject too).
PARIS = (
    "-XMP-mwg-rs:RegionInfo={AppliedToDimensions={W=500,H=500,Unit=pixel},RegionList=["
    "{Area={X=0.49,Y=0.51,W=0.13,H=0.16,Unit=normalized},Type=Face,Name=Paris}]}",
    "-XMP-lr:HierarchicalSubject=Places|France|Paris",
    "-XMP-dc:Subject=Places",
    "-XMP-dc:Subject+=France",
    "-XMP-dc:Subject+=Paris",
)


def test_a_friend_named_paris_in_paris(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    library_with_named_photo(tmp_path / "pics", [FOUND], PARIS)
    photo = tmp_path / "pics" / PERSON.name
    shown = json.loads(run(capsys, "tags", "--json", str(photo))[1])
    tags = {t["name"]: t["state"] for t in shown["tags"]}
    assert tags["Places/France/Paris"] == "from file"
    assert tags["People (keywords)/Paris"] == "from file"
    assert [(f["name"], f["taken_off"]) for f in shown["faces"]] == [("Paris", None)]
    # Her name taken off: her tag says no, the place stays.
    assert run(capsys, "face", str(photo), "1", "")[0] == 0
    shown = json.loads(run(capsys, "tags", "--json", str(photo))[1])
    tags = {t["name"]: t["state"] for t in shown["tags"]}
    assert tags["People (keywords)/Paris"] == "rejected"
    assert tags["Places/France/Paris"] == "from file"
    assert [(f["name"], f["taken_off"]) for f in shown["faces"]] == [(None, "Paris")]
    code, out, _ = run(capsys, "metadata", "write", "--embed", str(photo))
    assert code == 0 and "1 face region taken out" in out, out
    read = exiftool_read(photo, "-XMP-mwg-rs:RegionInfo", "-XMP-lr:HierarchicalSubject")
    assert "RegionInfo" not in read
    assert read["HierarchicalSubject"] in ("Places|France|Paris", ["Places|France|Paris"])


def test_a_library_from_before_reads_her_photo_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library of v25 read the photo as the code then did (the place stood for her); upgraded,
    the photo is read again at the next scan and her region gives her tag."""
    from phototagger.core.library import open_library
    from phototagger.core.metadata.sync import sync_file_metadata
    from phototagger.paths import default_home
    from phototagger.store import migrations
    from tests.store_helpers import todays_file_records

    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:25])
        patch.setattr("phototagger.core.metadata.sync.person_keyword", lambda levels: True)
        # Today's reading fills the columns v25 lacks (a title: v27) meanwhile.
        with open_library(default_home()) as old, todays_file_records(old.db):
            library_with_named_photo(tmp_path / "pics", [FOUND], PARIS)
    photo = tmp_path / "pics" / PERSON.name
    with open_library(default_home()) as lib:
        assert migrations.user_version(lib.db) == migrations.LATEST_VERSION
        assert sync_file_metadata(lib.db, [str(tmp_path / "pics")]).read == 1
    tags = json.loads(run(capsys, "tags", "--json", str(photo))[1])["tags"]
    assert {t["name"]: t["state"] for t in tags if "Paris" in t["name"]} == {
        "Places/France/Paris": "from file",
        "People (keywords)/Paris": "from file",
    }
