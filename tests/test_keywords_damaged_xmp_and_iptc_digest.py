"""Writing keywords into photos whose metadata other programs left odd.

Photoshop's IPTCDigest (the MD5 of the IPTC when an XMP-aware program last wrote both) was left
as it was by every IPTC write, so Adobe's programs took the IPTC for edited by a program that
does not know XMP. A digest that was in step is now renewed, as exiftool's MWG writes do; one
out of step stays so, and none is added."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import sqlite_utils

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.write import WriteOptions
from tests.keyword_readers import exiftool_set
from tests.store_helpers import add_photo

DET = Path("/work/shared/data/det-photos")
ISOPOD = DET / "n01990800_3901_isopod.jpg"  # IPTC keywords, Photoshop's digest of them
HARP = DET / "n03495258_16334_harp.jpg"  # IPTC keywords, no digest


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
    args = ["exiftool", "-j", "-G1", *tags, str(path)]
    return dict(json.loads(subprocess.run(args, check=True, capture_output=True).stdout)[0])


def _all_lines(path: Path) -> Counter[str]:
    """Every tag exiftool reads, each copy (-a), but the file system's."""
    args = ["exiftool", "-a", "-G1", "-s", "-x", "System:all"]
    args += ["-x", "File:all", "-x", "ExifTool:ExifToolVersion", str(path)]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return Counter(" ".join(line.split()) for line in out.splitlines())


def _values(lines: Counter[str], tag: str) -> list[str]:
    found = [line.split(" : ", 1)[1] for line in lines if line.startswith(f"{tag} : ")]
    assert len(found) == 1, (tag, found)
    return found[0].split(", ")


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
