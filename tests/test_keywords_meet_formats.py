"""Where keywords (issue 13) meet the formats and names of issue 11: a file name that is not
UTF-8, a RAW+JPEG pair whose RAW carries the sidecar, a pair labelled by its RAW's path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.read import read_metadata
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from phototagger.core.names import storable
from tests.keyword_readers import exiftool_keywords, exiftool_set
from tests.store_helpers import add_photo, tag_states


def _photo(db, path: Path) -> int:
    Image.new("RGB", (32, 24), (120, 80, 40)).save(path, format="JPEG")
    st = path.stat()
    return add_photo(db, storable(str(path)), size=st.st_size, mtime=st.st_mtime)


def test_keywords_are_written_to_the_sidecar_of_a_latin1_name(db, tmp_path: Path) -> None:
    photo = Path(os.fsdecode(bytes(tmp_path) + b"/Hund_gr\xfcn.jpg"))
    pid = _photo(db, photo)
    label_paths(db, [str(photo)], add=["Pets/Hund"])
    summary = write_keywords(db, [pid], WriteOptions())
    assert (summary.problems, summary.written) == (0, 1)
    sidecar = Path(os.fsdecode(bytes(tmp_path) + b"/Hund_gr\xfcn.jpg.xmp"))
    assert exiftool_keywords(sidecar)["Xmp.digiKam.TagsList"] == ["Pets/Hund"]
    assert read_metadata(photo).keywords == ["Pets/Hund"]
    # Written again: nothing to change; the next scan's keyword pass has nothing to read.
    assert write_keywords(db, [pid], WriteOptions()).unchanged == 1
    assert sync_file_metadata(db, [str(tmp_path)]).read == 0
    assert tag_states(db, pid) == {"Pets/Hund": "added"}


def _pair(db, tmp_path: Path, stem: str) -> tuple[int, Path, Path]:
    """A camera's RAW+JPEG pair as the scan records it: one photo, the RAW its companion."""
    from phototagger.core.media import note_companions
    from tests.media_factory import raw_photo

    jpeg, raw = tmp_path / f"{stem}.JPG", raw_photo(tmp_path / f"{stem}.DNG")
    pid = _photo(db, jpeg)
    note_companions(db, str(jpeg), [str(raw)])
    return pid, jpeg, raw


def test_a_pair_is_labelled_and_shown_by_its_raws_path(db, tmp_path: Path) -> None:
    from phototagger.core.catalog import NotInLibraryError, photo_at

    pid, jpeg, raw = _pair(db, tmp_path, "IMG_0001")
    outcome = label_paths(db, [str(raw)], add=["Trips/Berlin"])
    assert (outcome.labelled, outcome.errors) == ([str(jpeg)], [])
    assert photo_at(db, str(raw)).id == pid
    assert tag_states(db, pid) == {"Trips/Berlin": "added"}
    # Only a companion of that folder's photo names it: another folder's RAW does not.
    (tmp_path / "other").mkdir()
    elsewhere = tmp_path / "other" / raw.name
    elsewhere.write_bytes(raw.read_bytes())
    assert label_paths(db, [str(elsewhere)], add=["x"]).errors
    with pytest.raises(NotInLibraryError):
        photo_at(db, str(elsewhere))


def test_metadata_write_takes_a_latin1_path_and_a_raws_path(db, tmp_path: Path) -> None:
    from phototagger.core.metadata.catalog import photo_ids_under

    latin1 = Path(os.fsdecode(bytes(tmp_path) + b"/Hund_gr\xfcn.jpg"))
    dog = _photo(db, latin1)
    pair, _, raw = _pair(db, tmp_path, "IMG_0002")
    assert photo_ids_under(db, [str(latin1)]) == ([dog], [])
    assert photo_ids_under(db, [str(raw), str(tmp_path / "nope.jpg")]) == (
        [pair],
        [str(tmp_path / "nope.jpg")],
    )
    assert sorted(photo_ids_under(db, [str(tmp_path)])[0]) == sorted([dog, pair])


def test_a_pairs_keywords_in_its_raws_sidecar_are_read_and_written_there(
    db, tmp_path: Path
) -> None:
    from tests.keyword_readers import EMPTY_SIDECAR, exiv2_set

    pid, jpeg, raw = _pair(db, tmp_path, "IMG_0003")
    sidecar = tmp_path / "IMG_0003.DNG.xmp"  # digiKam's and darktable's name for the RAW's
    sidecar.write_text(EMPTY_SIDECAR)
    exiv2_set(sidecar, "set Xmp.digiKam.TagsList XmpBag Work/Laptop", "set Xmp.xmp.Rating 4")
    assert sync_file_metadata(db, [str(tmp_path)]).keywords_added == 1
    assert tag_states(db, pid) == {"Work/Laptop": "file"}

    # A tag added in phototagger goes where digiKam reads the pair's keywords: no second sidecar.
    label_paths(db, [str(jpeg)], add=["Trips/Berlin"])
    assert write_keywords(db, [pid], WriteOptions()).written == 1
    assert not (tmp_path / "IMG_0003.JPG.xmp").exists()
    fields = exiftool_keywords(sidecar)
    assert fields["Xmp.digiKam.TagsList"] == ["Work/Laptop", "Trips/Berlin"]
    assert sync_file_metadata(db, [str(tmp_path)]).read == 0

    # The RAW's sidecar edited in digiKam is read again on the next scan (two-way).
    exiv2_set(sidecar, "add Xmp.digiKam.TagsList XmpBag Places/Office")
    os.utime(sidecar, (2_000_000_000, 2_000_000_000))
    assert sync_file_metadata(db, [str(tmp_path)]).keywords_added == 1
    states = tag_states(db, pid)
    assert states == {"Work/Laptop": "file", "Trips/Berlin": "added", "Places/Office": "file"}
    assert raw.exists() and jpeg.exists()


def test_a_clips_keywords_go_to_a_sidecar_even_when_embedding(tmp_path: Path) -> None:
    from phototagger.core.metadata.write import write_photo
    from tests.media_factory import photo_clip

    for name in ("VID_0001.MP4", "IMG_0002.MOV"):
        clip = photo_clip(tmp_path / name, seconds_each=1.0)
        before = clip.read_bytes()
        result = write_photo(clip, [("Sport", "Radtour")], set(), WriteOptions(target="embed"))
        assert result.sidecar and result.target == tmp_path / f"{name}.xmp"
        assert clip.read_bytes() == before  # FFmpeg's files are never rewritten by exiv2
        assert exiftool_keywords(result.target)["Xmp.digiKam.TagsList"] == ["Sport/Radtour"]
        assert read_metadata(clip).keywords == ["Sport/Radtour"]


def test_keywords_embedded_in_a_heic_by_exiftool_are_read(db, tmp_path: Path) -> None:
    from tests.media_factory import heic_photo

    photo = heic_photo(tmp_path / "IMG_0004.HEIC")
    exiftool_set(photo, "-XMP-digiKam:TagsList=Pets/Mitzi", "-XMP-xmp:Rating=3")
    meta = read_metadata(photo)
    assert (meta.keywords, meta.rating) == (["Pets/Mitzi"], 3)
    st = photo.stat()
    pid = add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)
    assert sync_file_metadata(db, [str(tmp_path)]).keywords_added == 1
    assert tag_states(db, pid) == {"Pets/Mitzi": "file"}


def _scan_states(lib, tmp_path: Path, engine, path: Path) -> dict[str, str | None]:
    from phototagger.store.photos import get_photo_by_path
    from tests.scan_helpers import run_scan

    run_scan(lib, [tmp_path], engine)
    photo = get_photo_by_path(lib.db, str(path))
    assert photo is not None and photo.status == "tagged"
    return {n: s for n, s in tag_states(lib.db, photo.id).items() if s is not None}


def test_labels_follow_a_raw_into_its_pair_and_back_out(engine, tmp_path: Path) -> None:
    from phototagger.core.catalog import library_stats
    from tests.keyword_readers import EMPTY_SIDECAR, exiv2_set
    from tests.media_factory import raw_photo
    from tests.photo_factory import real_photo
    from tests.scan_helpers import new_library

    raw = raw_photo(tmp_path / "IMG_0005.DNG")
    with new_library() as lib:
        # The RAWs are copied first and labelled; the camera's JPEGs come later.
        _scan_states(lib, tmp_path, engine, raw)
        label_paths(lib.db, [str(raw)], add=["Trips/Rom"], reject=["computer"])
        jpeg = real_photo(tmp_path / "IMG_0005.JPG", "coffee")
        states = _scan_states(lib, tmp_path, engine, jpeg)
        assert states == {"Trips/Rom": "added", "computer": "rejected"}
        stats = library_stats(lib.db)
        assert (stats.photos, stats.by_status) == (
            1,
            {"missing": 0, "pending": 0, "problem": 0, "tagged": 1},
        )
        assert label_paths(lib.db, [str(raw)], add=["Rom"]).labelled == [str(jpeg)]

        # The user keeps only the RAW (with a digiKam keyword on the pair's sidecar).
        sidecar = tmp_path / "IMG_0005.DNG.xmp"
        sidecar.write_text(EMPTY_SIDECAR)
        exiv2_set(sidecar, "set Xmp.digiKam.TagsList XmpBag Places/Kolosseum")
        jpeg.unlink()
        states = _scan_states(lib, tmp_path, engine, raw)
        assert states == {
            "Trips/Rom": "added",
            "Rom": "added",
            "computer": "rejected",
            "Places/Kolosseum": "file",
        }
        # The JPEG comes back (restored from a backup): one photo again, nothing lost.
        real_photo(jpeg, "coffee")
        states = _scan_states(lib, tmp_path, engine, jpeg)
        assert {"Trips/Rom", "Rom", "Places/Kolosseum"} <= set(states)
