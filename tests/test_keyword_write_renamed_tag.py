"""A tag renamed in phototagger kept its old keyword in the files: polish34's Lightroom
photos (and digiKam's sidecars) carried Places|Greece|Crete (lr:hierarchicalSubject, and
'Crete' in dc:subject and IPTC); renamed 'Places/Greece/Kreta' (`phototagger tag rename`) and
written, the files held both: Lightroom showed Places > Greece > Crete and > Kreta, a fresh
library read two tags. The old name's keywords now go from every field, as digiKam renames a
tag in its files (the user renamed it: not only keywords phototagger wrote); the levels the new
name still needs stay. A rename of a level above ('Places/Greece' to 'Places/Hellas') renames
the tags below it so too. In the flat fields (dc:subject, IPTC Keywords) 'Greece' went and
'Hellas' was not added, as the field had the leaf without it (polish35): Lightroom writes a
keyword's containing keywords there ("Export Containing Keywords", on by default), and the file
had carried 'Places' and 'Greece' for Places|Greece|Kreta; it carries 'Places' and 'Hellas'
now. A file whose flat field had the leaf alone keeps it so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.exiftool_process import exiftool
from tests.keyword_readers import exiftool_keywords, exiftool_set
from tests.store_helpers import keywords_read

DET = Path("/work/shared/data/det-photos")


def _tagged_photo(folder: Path, where: str) -> Path:
    """A photo carrying Places|Greece|Crete as Lightroom embeds it (`where` --embed), or in
    the sidecar digiKam wrote beside it (--sidecar)."""
    folder.mkdir(parents=True)
    photo = Path(shutil.copy(sorted(DET.glob("*.jpg"))[0], folder / "IMG_1000.JPG"))
    photo.chmod(0o644)
    xmp = [
        "-XMP-lr:HierarchicalSubject=Places|Greece|Crete",
        "-XMP-lr:HierarchicalSubject=Trips|Summer 2024",
        *(f"-XMP-dc:Subject={k}" for k in ("Places", "Greece", "Crete", "Trips", "Summer 2024")),
    ]
    if where == "--embed":
        exiftool_set(photo, *xmp, *(f"-IPTC:Keywords={k}" for k in ("Crete", "Greece", "Places")))
    else:
        sidecar = photo.with_name(photo.name + ".xmp")
        exiftool("-q", "-o", str(sidecar), *xmp, str(photo), capture=False)
    keywords_read(folder, photo)
    return photo


@pytest.mark.parametrize("where", ["--embed", "--sidecar"])
def test_a_renamed_tags_old_keyword_goes_from_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    photo = _tagged_photo(tmp_path / "2024" / "Summer in Greece", where)
    assert run(capsys, "tag", "rename", "Places/Greece/Crete", "Places/Greece/Kreta")[0] == 0
    code, out, err = run(capsys, "metadata", "write", where, "--quiet")
    assert code == 0 and "note" not in err, err
    target = photo if where == "--embed" else photo.with_name(photo.name + ".xmp")
    found = exiftool_keywords(target)
    # Before: 'Places|Greece|Crete' and 'Crete' beside the new name.
    assert sorted(found["Xmp.lr.hierarchicalSubject"]) == [
        "Places|Greece|Kreta",
        "Trips|Summer 2024",
    ]
    assert sorted(found["Xmp.dc.subject"]) == ["Greece", "Kreta", "Places", "Summer 2024", "Trips"]
    if where == "--embed":
        assert "Crete" not in found["Iptc.Application2.Keywords"]
        assert "Kreta" in found["Iptc.Application2.Keywords"]

    # The level above renamed: the tag below it follows, in the files too.
    assert run(capsys, "tag", "rename", "Places/Greece", "Places/Hellas")[0] == 0
    assert run(capsys, "metadata", "write", where, "--quiet")[0] == 0
    found = exiftool_keywords(target)
    assert sorted(found["Xmp.lr.hierarchicalSubject"]) == [
        "Places|Hellas|Kreta",
        "Trips|Summer 2024",
    ]
    # The old level goes from the flat fields and the new one takes its place there: they
    # carried the levels above the old name's leaf (before: 'Hellas' in none of them).
    assert sorted(found["Xmp.dc.subject"]) == ["Hellas", "Kreta", "Places", "Summer 2024", "Trips"]
    if where == "--embed":
        iptc = found["Iptc.Application2.Keywords"]
        assert "Hellas" in iptc and "Places" in iptc and "Greece" not in iptc, iptc
    code, out, _ = run(capsys, "metadata", "write", where, "--quiet")
    assert "0 keywords added, 0 removed" in out, out  # nothing left to do


def test_a_renamed_level_stays_out_of_a_flat_field_that_had_the_leaf_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file's choice stands: a dc:subject with 'Crete' alone (Lightroom's "Include on
    Export" off for the levels above, or digiKam's leaf-only subject) gets no 'Hellas'."""
    folder = tmp_path / "trip"
    folder.mkdir()
    photo = Path(shutil.copy(sorted(DET.glob("*.jpg"))[0], folder / "IMG_1001.JPG"))
    photo.chmod(0o644)
    exiftool_set(photo, "-XMP-lr:HierarchicalSubject=Places|Greece|Crete", "-XMP-dc:Subject=Crete")
    keywords_read(folder, photo)
    assert run(capsys, "tag", "rename", "Places/Greece", "Places/Hellas")[0] == 0
    assert run(capsys, "metadata", "write", "--embed", "--quiet")[0] == 0
    found = exiftool_keywords(photo)
    assert found["Xmp.lr.hierarchicalSubject"] == ["Places|Hellas|Crete"]
    assert found["Xmp.dc.subject"] == ["Crete"]
