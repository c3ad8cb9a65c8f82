"""Writing keywords into the files (--embed, or "Write Into the Files") left a photo's XMP
sidecar as it was: digiKam reading sidecars and Immich take a photo's XMP from its sidecar once
there is one, so the tags just written were not seen there (family_06.jpg carried 'Places/Paris'
while its family_06.jpg.xmp still said only 'Birthday, Cake'). A sidecar the photo has is now
brought up to date with the photo, and a tag taken off goes from both."""

from __future__ import annotations

import shutil
from pathlib import Path

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from tests.exiftool_process import exiftool
from tests.keyword_readers import exiftool_keywords
from tests.store_helpers import add_photo, tag_states

DET = Path("/work/shared/data/det-photos")


def test_an_embedded_write_updates_the_photos_sidecar(db, tmp_path: Path) -> None:
    photo = Path(shutil.copy(sorted(DET.glob("*person.jpg"))[0], tmp_path / "family_06.jpg"))
    photo.chmod(0o644)
    sidecar = tmp_path / "family_06.jpg.xmp"
    exiftool(  # as digiKam writes a sidecar
        "-q", "-o", str(sidecar), "-XMP-digiKam:TagsList=Family/Grandma", capture=False
    )
    st = photo.stat()
    pid = add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)
    assert sync_file_metadata(db, [str(tmp_path)]).keywords_added == 1

    label_paths(db, [str(photo)], add=["Places/Paris"])
    summary = write_keywords(db, [pid], WriteOptions(target="embed"))
    # The photo gets every tag of the user's (the sidecar's too), the sidecar the new one: one
    # keyword added, the sidecar's own copied into the photo (walk63: it was counted added).
    assert (summary.into_photos, summary.sidecars_updated, summary.keywords_added) == (1, 1, 1)
    assert summary.keywords_copied == 1
    assert exiftool_keywords(photo)["Xmp.digiKam.TagsList"] == ["Family/Grandma", "Places/Paris"]
    side = exiftool_keywords(sidecar)
    assert side["Xmp.digiKam.TagsList"] == ["Family/Grandma", "Places/Paris"]
    assert side["Xmp.lr.hierarchicalSubject"] == ["Family|Grandma", "Places|Paris"]
    assert sync_file_metadata(db, [str(tmp_path)]).read == 0  # nothing new to read back

    # Taken off in phototagger, the tag goes from the photo and from its sidecar.
    label_paths(db, [str(photo)], remove=["Places/Paris"])
    summary = write_keywords(db, [pid], WriteOptions(target="embed"))
    assert summary.keywords_removed == 1
    assert exiftool_keywords(photo)["Xmp.digiKam.TagsList"] == ["Family/Grandma"]
    assert exiftool_keywords(sidecar)["Xmp.digiKam.TagsList"] == ["Family/Grandma"]
    sync_file_metadata(db, [str(tmp_path)])
    assert {n: s for n, s in tag_states(db, pid).items() if s} == {"Family/Grandma": "file"}
