"""A stock photo's keyword longer than IPTC's 64 bytes ('Soldier military army recruit enlisted
war fatigues uniform front view contemporary life ...', an ImageNet sample's, polish34): XMP
holds it whole, IPTC cut at 64 bytes, as Lightroom, Photoshop and exiftool write it (the IIM
allows no more). phototagger read the two as two tags, the cut one beside the whole one, on the
photo and in the tag list. The IIM's value cut short of an XMP keyword is that keyword (the
Metadata Working Group's guidance compares IPTC with XMP cut to the IIM's length), one tag; a
cut keyword that no other field holds whole is still read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.exiftool_process import exiftool
from tests.keyword_readers import exiftool_keywords
from tests.store_helpers import keywords_read

DET = Path("/work/shared/data/det-photos")
LONG = (
    "Soldier military army recruit enlisted war fatigues uniform front view contemporary "
    "life current affairs"
)
# The 64th byte is the first of 'ü': exiftool's cut leaves half of the letter.
UMLAUTS = "Grüße aus Kreta und Santorini, Sommerferien im Jahre 2024 am übervollen Strand"
ALONE = "An IPTC-only caption-like keyword that is exactly long enough to be cut there"


def _stock_photo(folder: Path) -> Path:
    folder.mkdir()
    photo = Path(shutil.copy(sorted(DET.glob("*.jpg"))[1], folder / "P1010003.JPG"))
    photo.chmod(0o644)
    exiftool(
        "-q",
        "-q",
        "-overwrite_original",
        "-charset",
        "iptc=UTF8",
        "-IPTC:CodedCharacterSet=UTF8",
        f"-XMP-dc:Subject={LONG}",
        "-XMP-dc:Subject=army",
        f"-XMP-lr:HierarchicalSubject=Greetings|{UMLAUTS}",
        f"-IPTC:Keywords={LONG}",
        "-IPTC:Keywords=army",
        f"-IPTC:Keywords={UMLAUTS}",
        f"-IPTC:Keywords={ALONE}",
        str(photo),
        capture=False,
    )
    iptc = exiftool_keywords(photo)["Iptc.Application2.Keywords"]
    # exiftool cut them, as Lightroom does: the file is what such a user has.
    assert iptc[0] == LONG.encode()[:64].decode(), iptc
    keywords_read(folder, photo)
    return photo


def test_an_iptc_keyword_cut_at_64_bytes_is_the_xmp_keyword(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = _stock_photo(tmp_path / "Archive")
    code, out, _ = run(capsys, "tags", "--json", str(photo))
    assert code == 0
    names = sorted(t["name"] for t in json.loads(out)["tags"])
    # Before: the cut 'Soldier ... uniform fron' and 'Grüße aus ... zweitausendvier' beside them.
    assert names == sorted([LONG, "army", f"Greetings/{UMLAUTS}", ALONE.encode()[:64].decode()]), (
        names
    )
    code, out, _ = run(capsys, "stats")
    assert "fron " not in out and "uniform fron\n" not in out, out
