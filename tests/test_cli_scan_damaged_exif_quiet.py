"""`phototagger scan` printed Pillow's "UserWarning: Truncated File Read" (raised in
PIL/TiffImagePlugin.py as it drops an EXIF value that points past the end of the photo's EXIF
block) to the terminal: a Python warning line a photographer cannot act on, for a photo read
and tagged anyway. The scan's output is its own words now."""

from __future__ import annotations

import io
import struct
import warnings
from pathlib import Path

import pytest
from PIL import Image

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import count_by_status
from tests.cli_helpers import run
from tests.photo_factory import real_photo

_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 0x9003


def _damaged_exif_jpeg(dest: Path) -> Path:
    """A real photo whose EXIF has an Exif sub-IFD, its date taken pointing past the block's end
    (as a badly cut or badly rewritten file has it)."""
    real_photo(dest, "chelsea")
    exif = Image.Exif()
    exif[0x0132] = "2020:01:02 03:04:05"  # DateTime, in IFD0
    exif.get_ifd(_EXIF_IFD)[_DATETIME_ORIGINAL] = "2019:05:06 07:08:09"
    buf = io.BytesIO()
    with Image.open(dest) as im:
        im.save(buf, "JPEG", quality=92, exif=exif.tobytes())
    data = bytearray(buf.getvalue())
    tiff = data.index(b"Exif\0\0") + 6
    order = ">" if data[tiff : tiff + 2] == b"MM" else "<"

    def at(offset: int, fmt: str) -> int:
        return int(struct.unpack_from(order + fmt, data, tiff + offset)[0])

    ifd0 = at(4, "L")
    entries = [ifd0 + 2 + 12 * n for n in range(at(ifd0, "H"))]
    sub = next(at(e + 8, "L") for e in entries if at(e, "H") == _EXIF_IFD)
    assert at(sub + 2, "H") == _DATETIME_ORIGINAL  # its first entry; its value offset follows
    struct.pack_into(order + "L", data, tiff + sub + 2 + 8, 0x00FFFF00)
    dest.write_bytes(bytes(data))
    return dest


def test_the_damaged_file_makes_the_warning(tmp_path: Path) -> None:
    """The file made here is the one that warned (the test below would pass on any photo)."""
    photo = _damaged_exif_jpeg(tmp_path / "cat.jpg")
    with warnings.catch_warnings(record=True) as seen, Image.open(photo) as im:
        warnings.simplefilter("always")
        im.getexif().get_ifd(_EXIF_IFD)
    assert [str(w.message) for w in seen] == ["Truncated File Read"]


def test_a_scan_says_nothing_of_damaged_exif(
    scans_with_engine: object, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "pics"
    _damaged_exif_jpeg(pics / "cat.jpg")
    with warnings.catch_warnings(record=True) as shown:
        # Python's own filters, as on a terminal (not pytest's); what they would print is kept.
        warnings.resetwarnings()
        code, _, err = run(capfd, "scan", str(pics))
    assert code == 0, err
    assert [str(w.message) for w in shown] == []
    assert "Warning" not in err and "Truncated" not in err, err
    with open_library(default_home()) as library:
        assert count_by_status(library.db)["tagged"] == 1
