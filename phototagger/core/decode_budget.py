"""Decoded memory, bounded: each decode reserves what its pixels will take before it decodes.

A pixel cap alone does not bound memory: a 387 KB 16-bit grayscale PNG of 14100x14100 is under
200 megapixels yet took 6.3 GB, and two decode workers doubled it. The cost of a decode is
counted in bytes (Pillow's storage per pixel for the mode, plus the RGB copy and one transient
the pipeline makes), and every decode in the process draws on one shared budget: a decode waits
while others hold it, and an image that could never fit is refused before a pixel is decoded.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from phototagger.core.errors import TOO_LARGE, PhotoError

# Two pools: file bytes (reserved before a file is read) and decoded pixels (reserved once the
# header is known, while the file's bytes are still held). Always taken in that order, and
# nobody holding pixels waits for file bytes, so two decodes can never wait on each other.
# Together with the model (about 0.9 GB resident on a CPU) they keep a scan under 2 GB at
# worst (measured by benchmarks/fuzz_scan.py: with a 1 GiB pixel pool a scan peaked at 2.1 GB).
# The pixel pool admits a 200 MP JPEG (decoded at 1/8 scale) and a 64 MP PNG or TIFF decoded
# whole.
PIXEL_BUDGET_BYTES = 768 << 20
FILE_BUDGET_BYTES = 256 << 20

# Pillow keeps 1, L and P in one byte per pixel, 16-bit grey in two, everything else in four
# (RGB included: it is stored as RGBX).
_STORED_BYTES = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16L": 2, "I;16B": 2, "I;16N": 2}
# The RGB image every decode makes (4 bytes per pixel) and one transient as large: a
# transpose for EXIF orientation, the RGBA of an alpha composite, 16-bit greys made 8-bit.
_PIPELINE_BYTES = 8


# 16-bit and 32-bit greys go through numpy on their way to 8 bits: a copy of the raw pixels
# (up to 4 bytes), the 8-bit result and its image (1 + 1): measured, two 7000x7000 16-bit PNGs
# decoded at once peaked near 1.4 GB, more than the 10 bytes a pixel counted before.
_GRAY_CONVERSION_BYTES = 6
_GRAY_MODES = frozenset({"I", "F", "I;16", "I;16L", "I;16B", "I;16N"})


def decode_cost(mode: str, width: int, height: int) -> int:
    """Bytes a decode of an image of this mode and size holds at its peak, about."""
    per_pixel = _STORED_BYTES.get(mode, 4) + _PIPELINE_BYTES
    if mode in _GRAY_MODES:
        per_pixel += _GRAY_CONVERSION_BYTES
    return width * height * per_pixel


class MemoryBudget:
    """Bytes shared by concurrent decodes; reserve() blocks until its share is free."""

    def __init__(self, total: int) -> None:
        if total < 1:
            raise ValueError(f"a memory budget must be positive, not {total}")
        self.total = total
        self._used = 0
        self._free = threading.Condition()

    @property
    def used(self) -> int:
        with self._free:
            return self._used

    @contextlib.contextmanager
    def reserve(self, nbytes: int) -> Iterator[None]:
        """Hold `nbytes` for the block; PhotoError TOO_LARGE if they could never fit."""
        if nbytes > self.total:
            raise PhotoError(
                TOO_LARGE,
                f"decoding this image would take {nbytes / 2**30:,.2f} GB of memory, over the "
                f"limit of {self.total / 2**30:,.2f} GB; it may be damaged or built to exhaust "
                "memory",
            )
        with self._free:
            self._free.wait_for(lambda: self._used + nbytes <= self.total)
            self._used += nbytes
        try:
            yield
        finally:
            with self._free:
                self._used -= nbytes
                self._free.notify_all()


_pixels = MemoryBudget(PIXEL_BUDGET_BYTES)
_files = MemoryBudget(FILE_BUDGET_BYTES)


def pixel_budget() -> MemoryBudget:
    """Decoded pixels of every decode in this process (scan workers, GUI thumbnails, viewer)."""
    return _pixels


def file_budget() -> MemoryBudget:
    """File bytes held in memory by every decode in this process."""
    return _files
