"""The scan's keyword pass: which photos it reads again, and what it takes from them."""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image

from phototagger.core.metadata.sync import sync_file_metadata
from tests.keyword_readers import EMPTY_SIDECAR, exiv2_set
from tests.store_helpers import add_photo, tag_states


def _photo(db, path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (16, 16)).save(path)
    st = path.stat()
    return add_photo(db, str(path), size=st.st_size, mtime=st.st_mtime)


def test_only_new_changed_or_sidecar_photos_are_read_again(db, tmp_path: Path) -> None:
    a = _photo(db, tmp_path / "one" / "a.jpg")
    b = _photo(db, tmp_path / "two" / "b.jpg")
    assert sync_file_metadata(db, [str(tmp_path)]).read == 2  # never read before
    assert sync_file_metadata(db, [str(tmp_path)]).read == 0  # nothing changed

    # digiKam writes a Lightroom-named sidecar next to b: only b is read, and its keyword taken.
    sidecar = tmp_path / "two" / "b.xmp"
    sidecar.write_text(EMPTY_SIDECAR)
    exiv2_set(sidecar, "set Xmp.lr.hierarchicalSubject XmpBag Places|Oslo")
    summary = sync_file_metadata(db, [str(tmp_path)])
    assert (summary.read, summary.checked, summary.keywords_added) == (1, 1, 1)
    assert tag_states(db, b) == {"Places/Oslo": "file"} and tag_states(db, a) == {}

    # The other tool rewrites the sidecar with another keyword: the old 'file' tag goes.
    sidecar.write_text(EMPTY_SIDECAR)
    exiv2_set(sidecar, "set Xmp.lr.hierarchicalSubject XmpBag Places|Bergen")
    os.utime(sidecar, (2_000_000_000, 2_000_000_000))
    changed = sync_file_metadata(db, [str(tmp_path)])
    assert (changed.keywords_added, changed.keywords_removed) == (1, 1)
    assert tag_states(db, b) == {"Places/Bergen": "file"}
    # The sidecar is deleted: read once more, then left alone.
    sidecar.unlink()
    assert sync_file_metadata(db, [str(tmp_path)]).read == 1
    assert sync_file_metadata(db, [str(tmp_path)]).read == 0


def test_an_unreadable_file_is_a_problem_once_and_the_pass_goes_on(db, tmp_path: Path) -> None:
    from phototagger.store.problems import list_problems

    good = _photo(db, tmp_path / "good.jpg")
    exiv2_set(tmp_path / "good.jpg", "add Iptc.Application2.Keywords String beach")
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8 not really a JPEG")
    add_photo(db, str(bad), size=bad.stat().st_size, mtime=bad.stat().st_mtime)
    first = sync_file_metadata(db, [str(tmp_path)])
    assert (first.read, first.problems) == (1, 1)
    assert tag_states(db, good) == {"beach": "file"}
    assert [(p.path, p.code) for p in list_problems(db)] == [(str(bad), "keywords")]
    assert sync_file_metadata(db, [str(tmp_path)]).problems == 0  # not retried until it changes


def test_a_sidecar_mended_is_no_longer_a_problem(db, tmp_path: Path) -> None:
    """A broken sidecar was listed in Problems for good: read again without fault once the
    user mended it (keywords and rating taken), its problem stayed in 'phototagger problems'
    and File ▸ Problems."""
    from phototagger.store.problems import list_problems

    pid = _photo(db, tmp_path / "bird.jpg")
    sidecar = tmp_path / "bird.jpg.xmp"
    sidecar.write_text('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>\n')  # no packet: unreadable
    assert sync_file_metadata(db, [str(tmp_path)]).problems == 1
    assert [(p.path, p.code) for p in list_problems(db)] == [
        (str(tmp_path / "bird.jpg"), "keywords")
    ]

    sidecar.write_text(EMPTY_SIDECAR)
    exiv2_set(sidecar, "set Xmp.dc.subject XmpBag garden")
    os.utime(sidecar, (2_000_000_000, 2_000_000_000))
    mended = sync_file_metadata(db, [str(tmp_path)])
    assert (mended.read, mended.problems) == (1, 0)
    assert tag_states(db, pid) == {"garden": "file"}
    assert list_problems(db) == []
