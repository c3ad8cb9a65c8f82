"""A stock photo whose IPTC copyright is Latin-1 ('Copyright © 2009', as older programs wrote
it), given the tags 'Café crème' and '🎉 party' and written into the file: phototagger marked
the IPTC as UTF-8 and left the Latin-1 '©' behind it, so other programs read the copyright as
broken text; and reading the file back, the Latin-1 fallback turned its own UTF-8 keywords into
new tags 'CafÃ© crÃ¨me' and 'ð\x9f\x8e\x89 party'. Each value is read as UTF-8 where it is
that, and the old text is written again as UTF-8 under the mark."""

from __future__ import annotations

import shutil
from pathlib import Path

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from phototagger.store.tags import tags_of_photo
from tests.exiftool_process import exiftool
from tests.keyword_readers import exiv2_iptc_keywords
from tests.store_helpers import add_photo

STOCK = Path("/work/shared/data/det-photos/n00007846_98724_person.jpg")  # IPTC © in Latin-1


def _iptc_text(path: Path) -> str:
    out = exiftool(
        "-s3", "-IPTC:CopyrightNotice", "-IPTC:Caption-Abstract", str(path), text=False
    ).stdout
    return out.decode("utf-8")  # exiftool prints UTF-8; bad bytes in the file would show here


def test_a_latin1_copyright_and_utf8_keywords_live_together(db, tmp_path: Path) -> None:
    photo = Path(shutil.copy(STOCK, tmp_path / "stock.jpg"))
    photo.chmod(0o644)
    before = _iptc_text(photo)
    assert "Copyright © 2009" in before
    st = photo.stat()
    pid = add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)
    sync_file_metadata(db, [str(tmp_path)])
    label_paths(db, [str(photo)], add=["Café crème", "🎉 party"])
    tags = {t.name for t in tags_of_photo(db, pid)}

    assert write_keywords(db, [pid], WriteOptions(target="embed")).problems == 0
    assert _iptc_text(photo) == before  # the copyright reads as it did, for every program
    assert {"Café crème", "🎉 party"} <= set(exiv2_iptc_keywords(photo))
    # Read back (the write reads the file again, and so does a scan): the same tags, no mojibake.
    assert {t.name for t in tags_of_photo(db, pid)} == tags
    sync_file_metadata(db, [str(tmp_path)])
    assert {t.name for t in tags_of_photo(db, pid)} == tags
