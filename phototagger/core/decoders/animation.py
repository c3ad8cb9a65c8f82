"""An animated GIF or WebP cut short after its first frame: tagged from that frame, which is
whole, and noted, so that the frames missing after it are said (File ▸ Problems).

The library uses an animation's first frame only, so a file cut after it decodes as if it were
whole: without a note the user never heard that the rest of it was gone. A GIF says nowhere how
many frames or bytes it holds, but its blocks follow each other to a trailer byte: a file that
stops before the trailer is cut short, after the frames whose blocks are whole. (A WebP's RIFF
header gives its length: core/decoders/partial.py finds its whole frames.)
"""

from __future__ import annotations

from phototagger.core.decoders.partial import RECOPY
from phototagger.core.errors import TRUNCATED, PhotoError

# How the note of an animation cut after its first frame begins (Problems gives it a section).
AFTER_FRAME = "the file is cut short after frame"

_EXTENSION, _IMAGE, _TRAILER = 0x21, 0x2C, 0x3B


def cut_after_frames(frames: int, where: str = "") -> PhotoError:
    """The note of an animation whose first `frames` frames are whole and whose file stops
    after them (`where`: how far it goes, ", at N of M bytes", where that is known)."""
    return PhotoError(
        TRUNCATED,
        f"{AFTER_FRAME} {frames}{where}: any frames after it are missing (it is tagged "
        f"from its first frame, which is whole); {RECOPY}",
    )


def gif_frames_before_cut(data: bytes) -> int | None:
    """The whole frames of a GIF that stops before its trailer (0: inside its first frame);
    None for one that ends whole, or whose blocks make no sense (left to Pillow to judge)."""
    if len(data) < 13 or not data.startswith((b"GIF87a", b"GIF89a")):
        return None
    at = 13 + _colour_table(data[10])
    frames = 0
    while at < len(data):
        block = data[at]
        if block == _TRAILER:
            return None
        if block == _EXTENSION:
            at = _past_sub_blocks(data, at + 2)
        elif block == _IMAGE:
            if at + 10 > len(data):
                break
            at = _past_sub_blocks(data, at + 10 + _colour_table(data[at + 9]) + 1)
            if at <= len(data):
                frames += 1
        else:
            return None
    return frames


def _colour_table(flags: int) -> int:
    """The bytes of the colour table a screen or image descriptor's `flags` announce."""
    return 3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0


def _past_sub_blocks(data: bytes, at: int) -> int:
    """Where the sub-blocks starting at `at` end, past their empty last one; past the file's
    end where it stops inside them."""
    while at < len(data):
        size = data[at]
        at += 1 + size
        if size == 0:
            return at
    return len(data) + 1
