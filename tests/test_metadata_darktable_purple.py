"""darktable's fifth colour label (`darktable:colorlabels` 4) is the one darktable calls purple,
as Lightroom names its fifth (`xmp:Label` "Purple"): phototagger called it magenta, digiKam's
name for its own sixth, so the details panel said "magenta label" of a photo darktable shows
purple, and a library holding both tools' photos listed purple and magenta apart in the Label
filter. It is purple now, and a library from before reads its photos labelled magenta again on
its next scan (migration 32): digiKam's magenta stays magenta. A real det-photo with a sidecar as
darktable writes it; digiKam's label written by exiftool."""

from __future__ import annotations

import shutil
from pathlib import Path

from phototagger.core.metadata.read import read_metadata
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.store.connection import open_database
from phototagger.store.file_metadata import label_counts
from tests.keyword_readers import exiftool_set
from tests.store_helpers import DET, add_photo, library_at_version

DARKTABLE_SIDECAR = """<?xml version="1.0" encoding="UTF-8"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 4.4.0-Exiv2">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:darktable="http://darktable.sf.net/"
   xmp:Rating="2"
   darktable:xmp_version="5">
   <darktable:colorlabels>
    <rdf:Seq>
     <rdf:li>4</rdf:li>
    </rdf:Seq>
   </darktable:colorlabels>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""


def _photos(folder: Path) -> tuple[Path, Path]:
    folder.mkdir()
    darktable, digikam = (
        Path(shutil.copy(src, folder / name))
        for src, name in zip(sorted(DET.glob("*.jpg"))[:2], ("dt_01.jpg", "dk_01.jpg"), strict=True)
    )
    for photo in (darktable, digikam):
        photo.chmod(0o644)
    (folder / "dt_01.jpg.xmp").write_text(DARKTABLE_SIDECAR)
    exiftool_set(digikam, "-XMP-digiKam:ColorLabel=6", "-XMP-xmp:Label=Magenta")
    return darktable, digikam


def test_darktables_fifth_label_is_purple(tmp_path: Path) -> None:
    darktable, digikam = _photos(tmp_path / "lib")
    assert read_metadata(darktable).color == "purple"
    assert read_metadata(digikam).color == "magenta"


def test_a_library_from_before_reads_its_magenta_photos_again(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    photos = _photos(folder)
    path = tmp_path / "library.db"
    db = library_at_version(path, 31)
    for photo in photos:
        st = photo.stat()
        add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)
    sync_file_metadata(db, [str(folder)])
    # As phototagger before it read darktable's label 4.
    db.execute("UPDATE photo_file_metadata SET color = 'magenta'")
    db.conn.commit()
    assert sync_file_metadata(db, [str(folder)]).read == 0  # nothing changed in the files
    assert label_counts(db) == [("magenta", 2)]
    db.close()

    db = open_database(path)
    try:
        assert sync_file_metadata(db, [str(folder)]).read == 2
        assert label_counts(db) == [("magenta", 1), ("purple", 1)]
    finally:
        db.close()
