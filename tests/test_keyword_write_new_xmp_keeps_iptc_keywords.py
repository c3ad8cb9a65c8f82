"""A phone's photos carried their keywords in IPTC only ('Phone', 'Holiday', as an older camera
app or Photo Mechanic writes them). phototagger read them (the file's 'Phone' is the model's tag
'phone'); the user rejected 'Holiday' and wrote the keywords, with --embed (polish34, a week
beside digiKam and Lightroom). The write made the file's XMP fields (dc:subject,
lr:hierarchicalSubject, digiKam:TagsList) hold 'phone' alone: digiKam and Lightroom read a
photo's keywords from its XMP once it has them, so 'Holiday' went from both (while the write
said "1 rejected tag stays in its file") and 'Phone' read 'phone'. Written into a new sidecar
(the default), the same: digiKam reads a photo's XMP from its sidecar once there is one.

A keyword field phototagger makes now takes, beside the user's tags, the rejected ones the file
keeps (only keywords phototagger wrote are taken out), and spells each tag as the file's other
fields spell it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.states import TagOrigin
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from phototagger.store.tags import ensure_tag
from tests.cli_helpers import run
from tests.keyword_readers import exiftool_keywords, exiftool_set
from tests.store_helpers import add_photo

DET = Path("/work/shared/data/det-photos")
XMP_KEYS = ("Xmp.dc.subject", "Xmp.lr.hierarchicalSubject", "Xmp.digiKam.TagsList")
NOTE = "1 rejected tag stays in its file"


def _phone_photo(folder: Path) -> Path:
    """A det-photo with IPTC keywords only, 'Phone' and 'Holiday', read into a library whose
    user then rejected 'Holiday'."""
    folder.mkdir()
    photo = Path(shutil.copy(sorted(DET.glob("*.jpg"))[0], folder / "IMG_5001.JPG"))
    photo.chmod(0o644)
    exiftool_set(photo, "-XMP:all=", "-IPTC:Keywords=Phone", "-IPTC:Keywords=Holiday")
    assert set(exiftool_keywords(photo)) == {"Iptc.Application2.Keywords"}
    with open_library(default_home()) as library:
        ensure_tag(library.db, "phone", TagOrigin.VOCABULARY)  # as the first scan leaves it
        add_folder(library.db, str(folder))
        st = photo.stat()
        add_photo(library.db, str(photo), size=st.st_size, mtime=st.st_mtime)
        assert sync_file_metadata(library.db, [str(folder)]).keywords_added == 2
        label_paths(library.db, [str(photo)], reject=["Holiday"])
    return photo


@pytest.mark.parametrize("where", ["--embed", "--sidecar"])
def test_new_xmp_fields_keep_a_kept_keyword_and_its_spelling(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    photo = _phone_photo(tmp_path / "Phone")
    code, out, err = run(capsys, "metadata", "write", where, "--quiet")
    assert code == 0, err
    assert NOTE in err, err
    target = photo if where == "--embed" else photo.with_name(photo.name + ".xmp")
    found = exiftool_keywords(target)
    for key in XMP_KEYS:
        # Before: ['phone'] in each (Holiday gone for digiKam and Lightroom).
        assert sorted(found.get(key, [])) == ["Holiday", "Phone"], (key, found)
    # The IPTC keywords are the file's as they were.
    assert exiftool_keywords(photo)["Iptc.Application2.Keywords"] == ["Phone", "Holiday"]
    # The user's no stands in the library; the file read again changes nothing.
    code, out, _ = run(capsys, "tags", str(photo))
    assert "Holiday" in out and "rejected" in out, out
    code, out, err = run(capsys, "metadata", "write", where, "--quiet")
    assert code == 0 and "1 already up to date; 0 keywords added, 0 removed" in out, out
    assert NOTE in err, err


def test_a_kept_keyword_taken_back_by_remove_rejected_goes_from_every_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The keyword copied into the new fields is the file's own, not phototagger's: only
    --remove-rejected takes it out, and then from every field, the IPTC one too."""
    photo = _phone_photo(tmp_path / "Phone")
    assert run(capsys, "metadata", "write", "--embed", "--quiet")[0] == 0
    code, out, err = run(capsys, "metadata", "write", "--embed", "--quiet", "--remove-rejected")
    assert code == 0, err
    found = exiftool_keywords(photo)
    for key in (*XMP_KEYS, "Iptc.Application2.Keywords"):
        assert found[key] == ["Phone"], (key, found)
