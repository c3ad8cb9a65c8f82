"""A tag renamed in phototagger kept its old keyword in the files: polish34's Lightroom
photos (and digiKam's sidecars) carried Places|Greece|Crete (lr:hierarchicalSubject, and
'Crete' in dc:subject and IPTC); renamed 'Places/Greece/Kreta' (`phototagger tag rename`) and
written, the files held both: Lightroom showed Places > Greece > Crete and > Kreta, a fresh
library read two tags. The old name's keywords now go from every field, as digiKam renames a
tag in its files (the user renamed it: not only keywords phototagger wrote); the levels the new
name still needs stay. A rename of a level above ('Places/Greece' to 'Places/Hellas') renames
the tags below it so too (in the flat fields 'Greece' goes, 'Hellas' is not added beside a leaf
the field has: left for later)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli_helpers import run
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
        subprocess.run(["exiftool", "-q", "-o", str(sidecar), *xmp, str(photo)], check=True)
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
    # The old level goes from the flat fields; the new one is not added there where the file
    # has the leaf already (the rule for flat parents, write.plan): hierarchies carry it.
    assert "Greece" not in found["Xmp.dc.subject"] and "Kreta" in found["Xmp.dc.subject"]
    code, out, _ = run(capsys, "metadata", "write", where, "--quiet")
    assert "0 keywords added, 0 removed" in out, out  # nothing left to do
