"""A camera RAW cut short in its sensor data (an interrupted card copy) was decoded without a
word: LibRaw reads such a file as far as it goes and makes up the rest. A Panasonic RW2 came out
as noise and was tagged from it, a DNG without a preview got a band of garbage, and a DNG whose
preview was whole was shown from it with nothing in Problems to say the file is incomplete. Now
the file's own structure is asked whether it holds all the data its header points to: where it
does not, a whole embedded preview is shown and tagged, noted in Problems as a RAW cut short;
without one the file is refused as truncated, as a JPEG with too little of it there is."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core import errors
from phototagger.core.decoders.raw import FROM_PREVIEW, data_end
from phototagger.core.errors import PhotoError
from phototagger.core.imaging import decode_photo
from phototagger.core.library import open_library
from phototagger.core.states import PhotoStatus
from phototagger.core.try_again import PREVIEW, STILL, try_again
from phototagger.gui.problems_dialog import ProblemsDialog
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from phototagger.store.problems import get_problem
from tests import media_factory as mf
from tests.media_factory import DATA
from tests.scan_helpers import run_scan
from tests.store_helpers import tag_states
from tests.test_gui_problems_say_what_went_wrong import _sections

CR3 = DATA / "canon_eos_m50.cr3"
RAF = DATA / "fujifilm_s5pro.raf"
ORF = DATA / "olympus_e1.orf"


def test_a_dng_cut_in_its_sensor_data_is_shown_from_its_preview_and_noted(
    tmp_path: Path,
) -> None:
    whole = decode_photo(mf.raw_photo(tmp_path / "whole.dng"))
    cut = decode_photo(mf.raw_cut_in_its_sensor_data(tmp_path / "IMG_0001.DNG"))
    assert whole.damage is None
    assert cut.damage is not None and cut.damage.code == errors.TRUNCATED
    assert cut.damage.message.startswith(f"{FROM_PREVIEW}; the raw data is cut short")
    assert "re-copy it" in cut.damage.message
    # The same picture as the whole file's (its preview), at the sensor's size.
    assert (cut.width, cut.height) == (whole.width, whole.height) == (1224, 816)
    assert (cut.model_input == whole.model_input).all()
    assert cut.taken_at == whole.taken_at is not None


def test_a_dng_cut_short_without_a_preview_is_refused_not_half_decoded(tmp_path: Path) -> None:
    path = mf.raw_cut_in_its_sensor_data(tmp_path / "IMG_0002.DNG", preview=False)
    with pytest.raises(PhotoError) as refused:
        decode_photo(path)
    assert refused.value.code == errors.TRUNCATED
    assert "stops before the end of its sensor data" in refused.value.message


def test_a_rw2_without_its_sensor_data_is_refused_not_decoded_to_noise(tmp_path: Path) -> None:
    """The real RW2 header whose sensor data is gone (its preview an 8x8 stub): LibRaw's
    Panasonic loader decoded noise from whatever followed. Cut half way through its sensor data,
    the same; whole, it decodes as before."""
    whole = mf.whole_rw2(tmp_path / "whole.RW2")
    assert decode_photo(whole).damage is None
    half = tmp_path / "P1000002.RW2"
    data = whole.read_bytes()
    half.write_bytes(data[: len(data) // 2])
    for path in (mf.RW2, half):
        with pytest.raises(PhotoError) as refused:
            decode_photo(path)
        assert refused.value.code == errors.TRUNCATED, path.name


def test_whole_raws_are_whole_and_cut_ones_cut(tmp_path: Path) -> None:
    """Each container's own account of where its data ends: past the end of a file cut short,
    never past the end of a whole one (a DNG's tiles, a RW2's packed sensor data, an ORF's
    strips, a CR3's boxes, a RAF's blocks)."""
    rw2 = mf.whole_rw2(tmp_path / "whole.RW2").read_bytes()
    samples = {
        "dng": (mf.RAW_DNG.read_bytes(), (1224, 816)),
        "rw2": (rw2, (3724, 2754)),
        "orf": (ORF.read_bytes(), (0, 0)),
        "cr3": (CR3.read_bytes(), (0, 0)),
        "raf": (RAF.read_bytes(), (0, 0)),
    }
    for name, (data, size) in samples.items():
        end = data_end(data, *size)
        assert 0 < end <= len(data), name
        for cut in (end - 1, (end + 1) // 2):
            assert data_end(data[:cut], *size) > cut, f"{name} cut at {cut} of {len(data)}"


def test_asking_the_header_costs_well_under_a_millisecond() -> None:
    """The question is asked of the bytes already read (the decode's), headers only. Timed in
    this thread's processor time: on a loaded machine the clock on the wall ran 0.23-0.47 ms a
    question (against 0.06 ms of processor time), at the limit."""
    data = mf.RAW_DNG.read_bytes()
    runs = 200
    started = time.thread_time()
    for _ in range(runs):
        data_end(data, 1224, 816)
    assert (time.thread_time() - started) / runs < 0.0005
    assert data_end(data[:4], 0, 0) == 0  # no header to read: nothing said


def test_a_scan_tags_the_raw_shown_from_its_preview_and_problems_says_so(
    qtbot: QtBot, engine, tmp_path: Path
) -> None:
    """Scanned: the DNG cut short is tagged from its preview, the RW2 without its sensor data
    is not tagged at all; File ▸ Problems heads each as what it is, and Try Again says so."""
    card = tmp_path / "card"
    cut = mf.raw_cut_in_its_sensor_data(card / "IMG_0001.DNG")
    noise = Path(shutil.copy(mf.RW2, card / "P1000002.RW2"))
    whole = mf.raw_photo(tmp_path / "whole" / "IMG_0001.DNG")
    with open_library(default_home()) as library:
        run_scan(library, [card, whole.parent], engine)
        db = library.db
        shown, refused, read = (get_photo_by_path(db, str(p)) for p in (cut, noise, whole))
        assert shown is not None and shown.status == PhotoStatus.TAGGED
        assert refused is not None and refused.status == PhotoStatus.PROBLEM
        assert read is not None and read.status == PhotoStatus.TAGGED
        assert shown.content_hash != read.content_hash
        assert tag_states(db, shown.id) == tag_states(db, read.id)  # the same preview's tags
        assert get_problem(db, str(whole)) is None

        dialog = ProblemsDialog(db)
        qtbot.addWidget(dialog)
        rows = _sections(dialog)
        assert rows[0] == "1 file could not be read: it is not among your photos"  # never read
        assert rows[1][0] == str(noise) and "stops before the end of its sensor data" in rows[1][1]
        assert rows[2] == (
            "1 RAW photo cut short: its raw data is incomplete "
            "(it is shown and tagged from its embedded preview)"
        )
        assert rows[3][0] == str(cut) and rows[3][1].startswith(FROM_PREVIEW)

        tried = try_again(library, [str(cut), str(noise)], lambda: engine, None)
        assert [(t.name, t.outcome) for t in tried.files] == [
            ("IMG_0001.DNG", PREVIEW),
            ("P1000002.RW2", STILL),
        ]
        assert tried.files[0].words() == (
            "IMG_0001.DNG is shown from its embedded preview (its raw data is cut short)"
        )
