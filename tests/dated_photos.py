"""Real photos (det-photos) copied with an EXIF date taken of their own, as a camera writes it.

The det-photos carry no date; a library's first scan sorts by date taken, so tests and benchmarks
of the grid's order need photos whose dates differ from their names' order. The pixels are left
as they are (no re-encoding): an APP1 Exif segment with DateTimeOriginal goes in after SOI.
"""

from __future__ import annotations

import random
import struct
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image

DET_PHOTOS = Path("/work/shared/data/det-photos")
_START = datetime(2015, 1, 1)


def with_date(source: Path, dest: Path, taken: datetime, orientation: int | None = None) -> Path:
    """`source` (a JPEG) copied to `dest` with EXIF DateTimeOriginal `taken` (and orientation)."""
    data = source.read_bytes()
    if not data.startswith(b"\xff\xd8"):
        raise ValueError(f"{source} is not a JPEG")
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
    if orientation is not None:
        exif[0x0112] = orientation
    payload = exif.tobytes()  # starts with b"Exif\0\0", as an APP1 segment does
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data[:2] + segment + data[2:])
    return dest


def dated_copies(folder: Path, count: int, seed: int = 0, undated: int = 0) -> dict[str, str]:
    """The first `count` det-photos copied into `folder`, each dated at random over ten years
    (so date order is not name order), the last `undated` of them without a date. Returns each
    file's name and its date taken as the library stores it ('' for none)."""
    rng = random.Random(seed)
    sources = sorted(DET_PHOTOS.glob("*.jpg"))[:count]
    dates: dict[str, str] = {}
    for index, source in enumerate(sources):
        dest = folder / source.name
        if index >= count - undated:
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(source.read_bytes())
            dates[dest.name] = ""
            continue
        taken = _START + timedelta(seconds=rng.randrange(10 * 365 * 24 * 3600))
        with_date(source, dest, taken)
        dates[dest.name] = taken.isoformat(timespec="seconds")
    return dates
