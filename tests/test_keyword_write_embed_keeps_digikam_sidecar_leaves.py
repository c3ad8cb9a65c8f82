"""A photo whose keywords digiKam keeps in its sidecar (`IMG.jpg.xmp`: TagsList `People/Anna`,
dc:subject the leaves `Anna`, `Ben` alone, as digiKam writes them), written with `metadata write
--embed`: phototagger writes the photo, then the sidecar (digiKam reads it first). The photo's new
dc:subject took `People` beside the leaves (Lightroom's containing keywords), and the sidecar
write then read that `People`, phototagger's own, as the file's choice: the digiKam sidecar's
dc:subject gained `People` though the user added nothing under People. The sidecar keeps its
leaves as digiKam wrote them; a new tag's levels go in as before (`Pets` beside `Rex`). Real
det-photo, the sidecar written by exiv2 as digiKam writes it, exiftool reading it back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from tests.keyword_readers import exiftool_keywords, write_sidecar_tags
from tests.store_helpers import DET, add_photo, tag_states

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool reads files")


def test_an_embed_write_leaves_the_digikam_sidecar_leaves_alone(db, tmp_path: Path) -> None:
    photo = Path(shutil.copy(DET / "n00007846_147031_person.jpg", tmp_path / "dks_02.jpg"))
    photo.chmod(0o644)
    sidecar = tmp_path / "dks_02.jpg.xmp"
    write_sidecar_tags(sidecar, ["People/Anna", "People/Ben"])
    st = photo.stat()
    pid = add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)
    sync_file_metadata(db, [str(tmp_path)])
    label_paths(db, [str(photo)], add=["Pets/Rex"])
    tags = tag_states(db, pid)

    write_keywords(db, [pid], WriteOptions(target="embed"))
    side = exiftool_keywords(sidecar)
    # digiKam's leaves stay leaves; the new tag comes with its level, as Lightroom writes it.
    assert sorted(side["Xmp.dc.subject"]) == ["Anna", "Ben", "Pets", "Rex"]
    assert sorted(side["Xmp.digiKam.TagsList"]) == ["People/Anna", "People/Ben", "Pets/Rex"]
    assert "Pets/Rex" in exiftool_keywords(photo)["Xmp.digiKam.TagsList"]
    # A second write finds nothing to change, and the files read back as the same tags.
    again = write_keywords(db, [pid], WriteOptions(target="embed"))
    assert (again.keywords_added, again.keywords_removed, again.keywords_copied) == (0, 0, 0)
    assert sorted(exiftool_keywords(sidecar)["Xmp.dc.subject"]) == ["Anna", "Ben", "Pets", "Rex"]
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == tags


def test_the_sidecar_keywords_copied_into_the_photo_are_not_counted_added(
    db, tmp_path: Path
) -> None:
    """The same write said "3 keywords added" for the one tag the user gave (Pets/Rex): Anna and
    Ben, the sidecar's own, written into the photo, were counted as added. They are the files'
    keywords, copied into the photo's fields that lacked them; a keyword phototagger wrote into
    the sidecar before (a sidecar write, then --embed) is still its own, added."""
    photo = Path(shutil.copy(DET / "n00007846_147031_person.jpg", tmp_path / "dks_02.jpg"))
    photo.chmod(0o644)
    write_sidecar_tags(tmp_path / "dks_02.jpg.xmp", ["People/Anna", "People/Ben"])
    st = photo.stat()
    pid = add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)
    sync_file_metadata(db, [str(tmp_path)])
    label_paths(db, [str(photo)], add=["Places/Lake"])
    first = write_keywords(db, [pid], WriteOptions(target="sidecar"))
    assert (first.keywords_added, first.keywords_copied) == (1, 0)
    label_paths(db, [str(photo)], add=["Pets/Rex"])

    summary = write_keywords(db, [pid], WriteOptions(target="embed"))
    assert (summary.keywords_added, summary.keywords_copied) == (2, 2)
    assert sorted(exiftool_keywords(photo)["Xmp.digiKam.TagsList"]) == [
        "People/Anna",
        "People/Ben",
        "Pets/Rex",
        "Places/Lake",
    ]
