"""A sidecar write after `metadata write --embed` takes out of the photo the keywords phototagger
wrote there whose tags were renamed or taken off since (test_keyword_write_sidecar_after_embed.py);
it must take out nothing else, and say what it did. A tag that is also a parent ('Places' beside
'Places/Lisbon') was taken out; a keyword another program took out and wrote again ('beach')
stayed phototagger's and went at the next write; a photo left read-only was reported as
"written into 0 photos"; the model's suggestions, left out of a write without
--include-suggestions, were said to be "tags renamed or taken off since". A real det-photo, the
real model's scan, the real CLI, exiftool reading and writing the photo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import run, scan_with
from tests.keyword_readers import exiftool_keywords, exiftool_set
from tests.store_helpers import DET

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool reads files")


def _embedded(
    engine: object,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
    tags: tuple[str, ...],
    name: str = "n00007846_147031_person",
    *write: str,
) -> Path:
    """A det-photo (`name`) copied writable into `folder` (the data set's are read-only),
    scanned with the real model into a library of the test's own, given `tags` and written
    into (`metadata write --embed`, with `write`'s options)."""
    folder.mkdir()
    photo = Path(shutil.copy(DET / f"{name}.jpg", folder / "IMG_1.jpg"))
    photo.chmod(0o644)
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(folder.parent / "home"))
    assert scan_with(engine, folder, monkeypatch, capsys) == 0
    added = [arg for tag in tags for arg in ("--add", tag)]
    assert run(capsys, "label", str(photo), *added)[0] == 0
    assert run(capsys, "metadata", "write", "--embed", "--quiet", *write)[0] == 0
    return photo


def _own(photo: Path) -> dict[str, set[str]]:
    return {key: set(values) for key, values in exiftool_keywords(photo).items()}


def test_a_tag_that_is_also_a_parent_stays_in_the_photo(
    engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    photo = _embedded(engine, tmp_path / "lib", monkeypatch, capsys, ("Places", "Places/Lisbon"))
    embedded = _own(photo)
    assert "Places" in embedded["Xmp.digiKam.TagsList"], embedded
    # Nothing renamed, both still wanted: the write to the sidecar leaves the photo as it is.
    before = photo.read_bytes()
    code, out, _ = run(capsys, "metadata", "write", "--quiet")
    assert code == 0 and "old keywords" not in out, out
    assert photo.read_bytes() == before
    assert _own(photo) == embedded


def test_a_keyword_another_program_wrote_again_stays(
    engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    photo = _embedded(engine, tmp_path / "lib", monkeypatch, capsys, ("beach", "Family"))
    assert "beach" in exiftool_keywords(photo)["Xmp.dc.subject"]
    fields = ("XMP-dc:Subject", "XMP-lr:HierarchicalSubject", "XMP-digiKam:TagsList")
    # Another program takes 'beach' out of the photo; the user takes the tag off here too.
    exiftool_set(photo, *(f"-{f}-=beach" for f in fields))
    assert run(capsys, "label", str(photo), "--remove", "beach")[0] == 0
    assert run(capsys, "metadata", "write", "--quiet")[0] == 0
    # Lightroom writes 'beach' into the photo again: the user's own keyword now.
    exiftool_set(photo, *(f"-{f}+=beach" for f in fields))
    code, out, _ = run(capsys, "metadata", "write", "--quiet")
    assert code == 0 and "old keywords" not in out, out
    own = _own(photo)
    assert all("beach" in own[key] for key in own), own


def test_a_read_only_photo_with_its_sidecar_written_leads_with_what_it_still_holds(
    engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    photo = _embedded(engine, tmp_path / "lib", monkeypatch, capsys, ("Places/Paris", "Family"))
    assert run(capsys, "label", str(photo), "--remove", "Places/Paris")[0] == 0
    photo.chmod(0o444)
    code, out, _ = run(capsys, "metadata", "write", "--quiet")
    assert code == 0 and "1 photo still holds old keywords" in out, out
    # The sidecar says it all already: nothing written, the photo left as it was.
    code, out, _ = run(capsys, "metadata", "write", "--quiet")
    assert code == 0, out
    assert "written into 0 photos" not in out, out
    assert out.startswith("1 photo: 1 photo still holds old keywords phototagger wrote into it"), (
        out
    )
    assert "Places|Paris" in exiftool_keywords(photo)["Xmp.lr.hierarchicalSubject"]


def test_suggestions_left_out_of_a_later_write_are_named_as_such(
    engine: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    # A cat: the model suggests 'animal' and 'cat'.
    cat = "n02121808_1421_domestic_cat"
    suggestions = "--include-suggestions"
    photo = _embedded(engine, tmp_path / "lib", monkeypatch, capsys, ("Family",), cat, suggestions)
    auto = [v for v in exiftool_keywords(photo)["Xmp.lr.hierarchicalSubject"] if "auto|" in v]
    assert auto, "the model suggested nothing for the cat"
    # Read-only first: the photo still holds them, said as what they are.
    photo.chmod(0o444)
    code, out, _ = run(capsys, "metadata", "write", "--quiet")
    assert code == 0, out
    assert (
        "still holds old keywords phototagger wrote into it before (the model's suggestions,"
        " written only with --include-suggestions) that could not be taken out"
    ) in out, out
    photo.chmod(0o644)
    code, out, _ = run(capsys, "metadata", "write", "--quiet")
    assert code == 0, out
    # Writable again: taken out, as the sidecar (written without them) has none.
    assert "(the model's suggestions, written only with --include-suggestions)" in out, out
    assert "tags renamed or taken off since" not in out, out
    own = _own(photo)
    assert own == {key: {"Family"} for key in own}, own
