"""A JPEG cut short (an interrupted copy, a card pulled out too soon): the part that is there.

digiKam shows such a file with its missing lower part grey; refusing it left the user nothing.
libjpeg fills what the file no longer holds with mid-grey (128 in every band), so the rows that
are there are those above the last run of all-grey rows. The tagger is shown only those rows
(the grey would be tagged too), the thumbnail the whole frame, so the user sees what is missing.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFile

from phototagger.core.errors import TRUNCATED, PhotoError

# Under half the picture, the tags would speak of a strip of it (a sky, a ceiling): the file is
# refused as before, and listed in Problems.
MIN_VISIBLE = 0.5
_FILL = 128
RECOPY = "re-copy it from the camera or a backup if you have one"


class _PerThread(threading.local):
    """Pillow's LOAD_TRUNCATED_IMAGES as read by one thread: true only inside allowed()."""

    allowed = False

    def __bool__(self) -> bool:
        return self.allowed


_FLAG = _PerThread()
_INSTALL = threading.Lock()
_inside = 0  # decodes now inside _truncated_allowed (under _INSTALL)


@contextlib.contextmanager
def _truncated_allowed() -> Iterator[None]:
    """Let Pillow load a truncated file in this thread only, for this decode: decodes run on
    several threads at once, and a global True would let another thread's damaged PNG pass as
    whole. Pillow's switch is a per-thread flag while any such decode runs, False again after
    the last (left alone if the application set it otherwise)."""
    global _inside
    with _INSTALL:
        if _inside == 0 and ImageFile.LOAD_TRUNCATED_IMAGES is False:
            setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", _FLAG)  # noqa: B010 (typed bool)
        _inside += 1
    _FLAG.allowed = True
    try:
        yield
    finally:
        _FLAG.allowed = False
        with _INSTALL:
            _inside -= 1
            if _inside == 0 and ImageFile.LOAD_TRUNCATED_IMAGES is _FLAG:
                setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", False)  # noqa: B010


@dataclass(frozen=True)
class Cut:
    """How much of a truncated picture its file still holds (in decoded rows)."""

    rows: int
    height: int

    @property
    def percent(self) -> int:
        return int(100 * self.rows / self.height)

    def note(self) -> PhotoError:
        return PhotoError(
            TRUNCATED,
            f"the lower part is missing: the file is truncated ({self.percent} % of the picture "
            f"is there, and its tags come from that part); {RECOPY}",
        )


def is_truncation(im: Image.Image, exc: BaseException) -> bool:
    return im.format == "JPEG" and "truncated" in str(exc).lower()


def load_rest(im: Image.Image) -> Cut:
    """Load a JPEG whose load just failed as truncated, with what it holds; refuse it (PhotoError)
    when under MIN_VISIBLE of the picture is there."""
    with _truncated_allowed():
        im.load()
    height = im.size[1]
    cut = Cut(_rows_there(im), height)
    if cut.rows < MIN_VISIBLE * height:
        raise PhotoError(
            TRUNCATED,
            f"JPEG data is truncated: only {cut.percent} % of the picture is there, too little "
            f"to tag (the file is incomplete; {RECOPY})",
        )
    return cut


def _rows_there(im: Image.Image) -> int:
    pixels = np.asarray(im)
    grey = (pixels == _FILL).reshape(len(pixels), -1).all(axis=1)
    filled = np.flatnonzero(~grey)
    return int(filled[-1]) + 1 if filled.size else 0
