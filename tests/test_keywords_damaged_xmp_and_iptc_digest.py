"""Writing keywords into photos whose metadata other programs left odd.

17 of the det-photos (stock photos) carry their XMP in an APP1 segment whose name is damaged:
'XMP\\0://ns.adobe.com/xap/1.0/' where 'http://ns.adobe.com/xap/1.0/\\0' belongs. exiv2 (and
Adobe's toolkit) skip it: phototagger did not see the photo's own dc:subject and rating, and
writing keywords added a second packet beside it, while exiftool's plain read still showed the
old one, without the keywords just written. Its contents are now carried into the one packet
written in its place, nothing else changing; one that cannot be carried whole is left as it was.

Photoshop's IPTCDigest (the MD5 of the IPTC when an XMP-aware program last wrote both) was left
as it was by every IPTC write, so Adobe's programs took the IPTC for edited by a program that
does not know XMP. A digest that was in step is now renewed, as exiftool's MWG writes do; one
out of step stays so, and none is added. A TIFF keeps its digest in the Photoshop image
resources of tag 34377, beside the IPTC of tag 33723: it was left stale there too, and is
renewed the same way."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
import sqlite_utils
from PIL import Image

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.read import read_metadata
from phototagger.core.metadata.write import WriteOptions
from tests.exiftool_process import exiftool
from tests.keyword_readers import exiftool_set
from tests.store_helpers import add_photo

DET = Path("/work/shared/data/det-photos")
HOTDOG = DET / "n07697537_1729_hotdog.jpg"  # damaged XMP name: dc:subject, rating 3; IPTC
ISOPOD = DET / "n01990800_3901_isopod.jpg"  # IPTC keywords, Photoshop's digest of them
HARP = DET / "n03495258_16334_harp.jpg"  # IPTC keywords, no digest

XMP_NAME = b"http://ns.adobe.com/xap/1.0/\0"
DAMAGED = b"XMP\0://ns.adobe.com/xap/1.0/\0"


def _copy(source: Path, folder: Path, name: str | None = None) -> Path:
    photo = Path(shutil.copy(source, folder / (name or source.name)))
    photo.chmod(0o644)
    return photo


def _write(db: sqlite_utils.Database, photos: list[Path], tag: str) -> None:
    ids = [add_photo(db, str(p), size=p.stat().st_size, mtime=p.stat().st_mtime) for p in photos]
    label_paths(db, [str(p) for p in photos], add=[tag])
    summary = write_keywords(db, ids, WriteOptions(target="embed"))
    assert summary.problems == 0
    assert summary.into_photos == len(photos)


def _exiftool(path: Path, *tags: str) -> dict[str, object]:
    return dict(json.loads(exiftool("-j", "-G1", *tags, str(path), text=False).stdout)[0])


def _all_lines(path: Path) -> Counter[str]:
    """Every tag exiftool reads, each copy (-a), but the file system's."""
    args = ["-a", "-G1", "-s", "-x", "System:all"]
    args += ["-x", "File:all", "-x", "ExifTool:ExifToolVersion", str(path)]
    out = exiftool(*args).stdout
    return Counter(" ".join(line.split()) for line in out.splitlines())


def _values(lines: Counter[str], tag: str) -> list[str]:
    found = [line.split(" : ", 1)[1] for line in lines if line.startswith(f"{tag} : ")]
    assert len(found) == 1, (tag, found)
    return found[0].split(", ")


def test_a_damaged_xmp_segment_becomes_the_photos_one_packet(db, tmp_path: Path) -> None:
    photo = _copy(HOTDOG, tmp_path)
    assert photo.read_bytes().count(DAMAGED) == 1 and XMP_NAME not in photo.read_bytes()
    before = _all_lines(photo)
    old_subject = _values(before, "[XMP-dc] Subject")
    old_keywords = _values(before, "[IPTC] Keywords")

    _write(db, [photo], "Street food")

    data = photo.read_bytes()
    assert DAMAGED not in data and data.count(XMP_NAME) == 1  # one packet, named as it should be
    after = _all_lines(photo)
    # Only the intended fields differ: the keyword fields, the toolkit that wrote the packet,
    # the IPTC's character set and digest; exiftool's warning about the segment is gone.
    changed = {line.split(" : ")[0] for line in (before - after) + (after - before)}
    assert changed <= {
        "[ExifTool] Warning",
        "[XMP-x] XMPToolkit",
        "[XMP-dc] Subject",
        "[XMP-digiKam] TagsList",
        "[XMP-lr] HierarchicalSubject",
        "[IPTC] Keywords",
        "[IPTC] CodedCharacterSet",
        "[Photoshop] IPTCDigest",
    }
    assert "[ExifTool] Warning" not in {line.split(" : ")[0] for line in after}
    assert _values(after, "[XMP-dc] Subject") == [*old_subject, "Street food"]
    assert _values(after, "[IPTC] Keywords") == [*old_keywords, "Street food"]
    assert _values(after, "[XMP-xmp] Rating") == ["3"]
    # exiftool's plain read (one value a tag, as most programs show it) has the new keywords.
    assert "Street food" in _exiftool(photo, "-XMP-dc:Subject")["XMP-dc:Subject"]  # type: ignore[operator]


def test_a_damaged_packet_that_cannot_be_carried_whole_is_left(db, tmp_path: Path) -> None:
    """The same photo, its damaged packet's XML broken too: exiv2 cannot read it, so nothing
    of it could be carried over; it stays byte for byte, and the keywords are written."""
    data = HOTDOG.read_bytes()
    start = data.index(DAMAGED)
    rdf = data.index(b"<rdf:RDF", start)
    photo = tmp_path / "broken.jpg"
    photo.write_bytes(data[:rdf] + b"<rdf:RDX" + data[rdf + 8 :])
    length = int.from_bytes(data[start - 2 : start], "big")  # the APP1 segment's length field
    segment = photo.read_bytes()[start - 4 : start - 2 + length]  # marker to its last byte

    _write(db, [photo], "Street food")

    written = photo.read_bytes()
    assert written.count(DAMAGED) == 1 and segment in written
    assert "Street food" in _values(_all_lines(photo), "[IPTC] Keywords")
    # And the earlier test's copy: carried whole there, so it went; here it could not.
    good = _copy(HOTDOG, tmp_path)
    _write(db, [good], "Street food")
    assert DAMAGED not in good.read_bytes()


def test_the_scan_reads_a_damaged_xmp_segment(tmp_path: Path) -> None:
    photo = _copy(HOTDOG, tmp_path)
    seen = _exiftool(photo, "-XMP-xmp:Rating", "-XMP-dc:Subject")
    meta = read_metadata(photo)
    assert meta.rating == seen["XMP-xmp:Rating"] == 3
    assert meta.fields["embedded"]["Xmp.dc.subject"] == seen["XMP-dc:Subject"]


def _digests(path: Path) -> tuple[object, object]:
    seen = _exiftool(path, "-IPTCDigest", "-CurrentIPTCDigest")
    return seen.get("Photoshop:IPTCDigest"), seen.get("File:CurrentIPTCDigest")


def test_the_iptc_digest_is_renewed_only_where_it_was_in_step(db, tmp_path: Path) -> None:
    in_step = _copy(ISOPOD, tmp_path)
    # The same photo after a program that does not know XMP added an IPTC keyword.
    out_of_step = _copy(ISOPOD, tmp_path, "edited-elsewhere.jpg")
    exiftool_set(out_of_step, "-IPTC:Keywords+=edited elsewhere")
    no_digest = _copy(HARP, tmp_path)
    stored, current = _digests(in_step)
    assert stored == current is not None
    stale, _ = _digests(out_of_step)
    assert stale == stored != _digests(out_of_step)[1]
    assert _digests(no_digest)[0] is None and _digests(no_digest)[1] is not None

    _write(db, [in_step, out_of_step, no_digest], "Wildlife")

    for photo in (in_step, out_of_step, no_digest):  # the IPTC was written in each
        assert "Wildlife" in _values(_all_lines(photo), "[IPTC] Keywords")
    new_stored, new_current = _digests(in_step)
    assert new_stored == new_current != stored
    assert _digests(out_of_step)[0] == stale != _digests(out_of_step)[1]
    assert _digests(no_digest)[0] is None


def _tiff(folder: Path, name: str, mode: str, *exiftool_writes: list[str]) -> Path:
    """A TIFF (`mode` 'I;16B' makes a big-endian one) with an IPTC keyword and Photoshop's
    IPTCDigest, written by exiftool in the `exiftool_writes` (one call each)."""
    photo = folder / name
    Image.new(mode, (64, 48), (180, 120, 60) if mode == "RGB" else 3000).save(photo)
    for assignments in exiftool_writes:
        exiftool_set(photo, *assignments)
    return photo


@pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool checks the digest")
def test_a_tiffs_iptc_digest_is_renewed_only_where_it_was_in_step(db, tmp_path: Path) -> None:
    keyword, digest = ["-IPTC:Keywords=Harbour"], ["-Photoshop:IPTCDigest=new"]
    in_step = [
        _tiff(tmp_path, "little-endian.tif", "RGB", keyword, digest),
        _tiff(tmp_path, "big-endian.tif", "I;16B", keyword, digest),
    ]
    for photo in in_step:
        assert photo.read_bytes()[:2] in (b"II", b"MM")
        assert _digests(photo)[0] == _digests(photo)[1] is not None
    # exiftool writing both at once takes the digest of the IPTC before the TIFF tag's padding
    # to whole values: exiftool reads it as stale, Adobe's XMP toolkit (as older Photoshops
    # wrote it) as in step; so does phototagger, and renews it.
    at_once = _tiff(tmp_path, "at-once.tif", "RGB", keyword + digest)
    assert _digests(at_once)[0] != _digests(at_once)[1]
    out_of_step = _tiff(tmp_path, "edited-elsewhere.tif", "RGB", keyword, digest)
    exiftool_set(out_of_step, "-IPTC:Keywords+=edited elsewhere")
    stale = _digests(out_of_step)[0]
    assert stale != _digests(out_of_step)[1]

    _write(db, [*in_step, at_once, out_of_step], "Wildlife")

    for photo in (*in_step, at_once, out_of_step):
        assert "Wildlife" in _values(_all_lines(photo), "[IPTC] Keywords")
    for photo in (*in_step, at_once):
        stored, current = _digests(photo)
        assert stored == current is not None, photo.name
    assert _digests(out_of_step)[0] == stale != _digests(out_of_step)[1]
