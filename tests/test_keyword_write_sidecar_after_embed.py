"""A photo written into (`metadata write --embed`), then its tag renamed ('Places/Lisbon' to
'Places/Portugal/Lisbon') and written again to its sidecar (`metadata write`, the default): the
sidecar said Places/Portugal/Lisbon, the JPEG still Places/Lisbon, and a library scanned afresh
(or digiKam and Lightroom reading the JPEG's own XMP, without the sidecar) read both. Now the
write to the sidecar also takes out of the photo the keywords phototagger wrote into it whose
tags were renamed or taken off since; the keywords another program wrote stay, and so do
phototagger's of the tags still there. A real det-photo, the real model's scan, the real CLI,
exiftool reading the photo and its sidecar."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from tests.cli_helpers import run, scan_with
from tests.keyword_readers import exiftool_keywords, exiftool_set
from tests.store_helpers import DET, add_photo

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool reads files")


def _writable_copy(folder: Path, name: str) -> Path:
    """A det-photo of people copied as `name` into `folder`, writable (the data set's are not)."""
    folder.mkdir(exist_ok=True)
    photo = Path(shutil.copy(DET / "n00007846_147031_person.jpg", folder / name))
    photo.chmod(0o644)
    return photo


def _file_tags(capsys: pytest.CaptureFixture[str], photo: Path) -> set[str]:
    shown = json.loads(run(capsys, "tags", "--json", str(photo))[1])
    return {t["name"] for t in shown["tags"] if t["state"] == "from file"}


def test_the_sidecar_write_takes_the_renamed_keyword_out_of_the_photo(
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    photo = _writable_copy(tmp_path / "lib", "DSC03001.jpg")
    folder = photo.parent
    exiftool_set(photo, "-XMP-dc:Subject=Harbour")  # as Lightroom wrote a keyword of its own
    assert scan_with(engine, folder, monkeypatch, capsys) == 0
    assert run(capsys, "label", str(photo), "--add", "Places/Lisbon", "--add", "Family")[0] == 0
    assert run(capsys, "metadata", "write", "--embed", "--quiet")[0] == 0
    assert "Places|Lisbon" in exiftool_keywords(photo)["Xmp.lr.hierarchicalSubject"]

    assert run(capsys, "tag", "rename", "Places/Lisbon", "Places/Portugal/Lisbon")[0] == 0
    code, out, _ = run(capsys, "metadata", "write", "--quiet")
    assert code == 0, out
    assert "old keywords phototagger wrote into 1 photo" in out, out
    sidecar = folder / "DSC03001.jpg.xmp"
    side = exiftool_keywords(sidecar)
    assert "Places|Portugal|Lisbon" in side["Xmp.lr.hierarchicalSubject"]
    assert "Places/Lisbon" not in side["Xmp.digiKam.TagsList"]
    # The photo itself: its old keyword gone from every field, Lightroom's and Family kept.
    own = {key: set(values) for key, values in exiftool_keywords(photo).items()}
    assert own == {
        "Xmp.lr.hierarchicalSubject": {"Family", "Harbour"},
        "Xmp.digiKam.TagsList": {"Family", "Harbour"},
        "Xmp.dc.subject": {"Family", "Harbour"},
    }
    # Nothing left to do, and nothing read back as an edit made elsewhere.
    code, out, _ = run(capsys, "metadata", "write", "--quiet")
    assert "0 keywords added, 0 removed" in out and "old keywords" not in out, out

    # A library scanned afresh reads the new name alone, with the sidecar and without it.
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(tmp_path / "fresh"))
    assert scan_with(engine, folder, monkeypatch, capsys) == 0
    assert _file_tags(capsys, photo) == {"Places/Portugal/Lisbon", "Family", "Harbour"}
    sidecar.unlink()
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(tmp_path / "fresh2"))
    assert scan_with(engine, folder, monkeypatch, capsys) == 0
    assert _file_tags(capsys, photo) == {"Family", "Harbour"}


def test_a_tag_taken_off_leaves_a_writable_photo_and_a_kept_one_stays(db, tmp_path: Path) -> None:
    photo = _writable_copy(tmp_path, "IMG_1.jpg")
    st = photo.stat()
    pid = add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)
    label_paths(db, [str(photo)], add=["Places/Paris", "Family"])
    assert write_keywords(db, [pid], WriteOptions(target="embed")).into_photos == 1

    label_paths(db, [str(photo)], remove=["Places/Paris"])
    # Read-only now: the sidecar is written, and the write says the photo still holds it.
    embedded = photo.read_bytes()
    photo.chmod(0o444)
    summary = write_keywords(db, [pid], WriteOptions(target="sidecar"))
    assert "1 photo still holds old keywords phototagger wrote into it" in summary.written_words()
    assert (summary.problems, summary.sidecars_created, summary.photos_not_cleaned) == (0, 1, 1)
    assert photo.read_bytes() == embedded
    photo.chmod(0o644)
    summary = write_keywords(db, [pid], WriteOptions(target="sidecar"))
    own = {key: set(values) for key, values in exiftool_keywords(photo).items()}
    assert own == {key: {"Family"} for key in own}
    assert (summary.photos_cleaned, summary.into_photos, summary.keywords_removed) == (1, 0, 1)
    assert summary.written_words().startswith("the old keywords phototagger wrote into 1 photo")
    side = exiftool_keywords(tmp_path / "IMG_1.jpg.xmp")
    assert side["Xmp.digiKam.TagsList"] == ["Family"]
    # The photo's new bytes are the library's: nothing read back as an edit made elsewhere.
    assert sync_file_metadata(db, [str(tmp_path)]).read == 0
    # Nothing more to take out: the photo is left as it is.
    before = photo.read_bytes()
    assert write_keywords(db, [pid], WriteOptions(target="sidecar")).photos_cleaned == 0
    assert photo.read_bytes() == before
