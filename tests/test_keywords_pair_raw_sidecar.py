"""A camera's RAW+JPEG pair labelled in phototagger had its keywords written to the JPEG's
sidecar (IMG_0001.JPG.xmp): digiKam, darktable and Lightroom keep a pair's keywords with the RAW,
so the RAW the photographer edits showed none (`metadata read IMG_0001.DNG`: "keywords: (none)").
A pair's new sidecar is now the RAW's (IMG_0001.DNG.xmp, or IMG_0001.xmp when so named); a live
photo's keywords stay beside its still, not its clip."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from phototagger.core.labels import label_paths
from phototagger.core.media import note_companions
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.read import read_metadata
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from tests.cli_helpers import run
from tests.exiftool_process import exiftool
from tests.keyword_readers import exiftool_keywords
from tests.media_factory import heic_photo, photo_clip, raw_photo
from tests.store_helpers import add_photo, tag_states


def _photo_with(db, still: Path, companion: Path) -> int:
    st = still.stat()
    pid = add_photo(db, str(still), size=st.st_size, mtime=st.st_mtime)
    note_companions(db, str(still), [str(companion)])
    return pid


def _pair(db, folder: Path, stem: str) -> tuple[int, Path, Path]:
    jpeg, raw = folder / f"{stem}.JPG", raw_photo(folder / f"{stem}.DNG")
    Image.open(raw).convert("RGB").save(jpeg, format="JPEG")  # the camera's JPEG of the RAW
    return _photo_with(db, jpeg, raw), jpeg, raw


def test_a_pairs_new_sidecar_is_the_raws(db, tmp_path: Path) -> None:
    pid, jpeg, raw = _pair(db, tmp_path, "IMG_0001")
    label_paths(db, [str(jpeg)], add=["Work/Desk", "monitor"])
    summary = write_keywords(db, [pid], WriteOptions())
    assert (summary.sidecars_created, summary.problems) == (1, 0)

    assert not (tmp_path / "IMG_0001.JPG.xmp").exists()
    fields = exiftool_keywords(tmp_path / "IMG_0001.DNG.xmp")
    assert sorted(fields["Xmp.digiKam.TagsList"]) == ["Work/Desk", "monitor"]
    assert sorted(fields["Xmp.lr.hierarchicalSubject"]) == ["Work|Desk", "monitor"]
    assert sorted(fields["Xmp.dc.subject"]) == ["Desk", "Work", "monitor"]
    # What digiKam or darktable reads for the RAW: its own sidecar.
    assert sorted(read_metadata(raw).keywords) == ["Work/Desk", "monitor"]

    # phototagger knows the pair's sidecar as its own: nothing new to read or write.
    assert sync_file_metadata(db, [str(tmp_path)]).read == 0
    assert write_keywords(db, [pid], WriteOptions()).unchanged == 1
    assert tag_states(db, pid) == {
        "Work/Desk": "added",
        "monitor": "added",
    }

    # A live photo's keywords stay beside its still: its clip is no RAW.
    (tmp_path / "phone").mkdir()
    still = heic_photo(tmp_path / "phone" / "IMG_0003.HEIC")
    live = _photo_with(db, still, photo_clip(tmp_path / "phone" / "IMG_0003.MOV"))
    label_paths(db, [str(still)], add=["Beach"])
    write_keywords(db, [live], WriteOptions())
    assert [p.name for p in (tmp_path / "phone").glob("*.xmp")] == ["IMG_0003.HEIC.xmp"]


def test_metadata_read_of_a_pairs_jpeg_reads_the_raws_sidecar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`metadata read IMG_0004.JPG` said "keywords: (none)" for a pair whose keywords digiKam
    (or phototagger) keeps in IMG_0004.CR2.xmp: it now reads them as the scan does."""
    raw = raw_photo(tmp_path / "IMG_0004.CR2")
    jpeg = tmp_path / "IMG_0004.JPG"
    Image.open(raw).convert("RGB").save(jpeg, format="JPEG")
    sidecar = tmp_path / "IMG_0004.CR2.xmp"
    exiftool("-q", "-o", str(sidecar), "-XMP-digiKam:TagsList=Trips/Lisboa", capture=False)
    code, out, _ = run(capsys, "metadata", "read", str(jpeg))
    assert code == 0
    assert out.splitlines() == [str(jpeg), f"  sidecar: {sidecar}", "  keywords: Trips/Lisboa"]
    # A JPEG alone is read alone.
    alone = tmp_path / "IMG_0005.JPG"
    Image.open(raw).convert("RGB").save(alone, format="JPEG")
    assert run(capsys, "metadata", "read", str(alone))[1].splitlines() == [
        str(alone),
        "  keywords: (none)",
    ]


def test_an_embedded_write_gives_a_pairs_raw_its_sidecar(db, tmp_path: Path) -> None:
    """Written into the files, a pair's keywords went into its JPEG alone: the RAW, never
    written into, had none where Lightroom (showing the pair by its RAW) and digiKam look. The
    RAW now gets them in its sidecar too."""
    pid, jpeg, raw = _pair(db, tmp_path, "IMG_0006")
    label_paths(db, [str(jpeg)], add=["Trips/Porto"])
    summary = write_keywords(db, [pid], WriteOptions(target="embed"))
    assert (summary.into_photos, summary.sidecars_created, summary.keywords_added) == (1, 1, 1)
    assert exiftool_keywords(jpeg)["Xmp.lr.hierarchicalSubject"] == ["Trips|Porto"]
    assert read_metadata(raw).keywords == ["Trips/Porto"]
    assert sorted(p.name for p in tmp_path.glob("*.xmp")) == ["IMG_0006.DNG.xmp"]
    assert write_keywords(db, [pid], WriteOptions(target="embed")).unchanged == 1


def test_the_words_say_a_pairs_sidecar_is_for_its_raw(db, tmp_path: Path) -> None:
    """qa25: written into a RAW+JPEG pair, the status line read "Keywords written into 2 photos
    and 1 new sidecar file beside the photos (a photo already had one, which other programs
    read first)": no photo had one; the new one is the pair's RAW's, as a RAW is never written
    into. It now says so, as for a RAW on its own."""
    pid, jpeg, _ = _pair(db, tmp_path, "IMG_0002")
    label_paths(db, [str(jpeg)], add=["breakfast"])
    summary = write_keywords(db, [pid], WriteOptions(target="embed"))
    assert (summary.into_photos, summary.sidecars_created) == (1, 1)
    assert summary.written_words() == (
        "written into 1 photo and 1 new sidecar file beside its photo "
        "(RAW files are not written into)"
    )
    label_paths(db, [str(jpeg)], add=["coffee"])  # the sidecar there now: kept in step
    summary = write_keywords(db, [pid], WriteOptions(target="embed"))
    assert summary.written_words() == (
        "written into 1 photo and 1 sidecar file beside its photo (RAW files are not written into)"
    )
