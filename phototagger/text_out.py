"""What the command line writes, on any terminal: a file name's own bytes, and no crash on a
terminal that is not UTF-8.

Two things the streams' own encoding cannot do:
- A file name that is not UTF-8 (Latin-1 bytes from an old camera) is given by os.fsdecode with
  each such byte as a lone surrogate (PEP 383, core/names.os_path). Written as the byte itself,
  `phototagger search cat | xargs ls` opens the file; the library's stored form (private-use
  characters) named no file.
- A stdout that is ASCII (LANG=C with Python's UTF-8 mode off, PYTHONIOENCODING=ascii) cannot
  encode "→" or "·" (models, duplicates) or an accented name: Python raised UnicodeEncodeError
  and the command ended in a traceback. Such a mark is written in ASCII ('->', '-'); any other
  character as its UTF-8 bytes, which for a file name are its bytes on disk.
"""

from __future__ import annotations

import codecs
import sys
from typing import IO, Any

ERRORS = "phototagger-bytes"

# Marks the command line uses in its own words, in ASCII where the terminal has no other.
PLAIN = {
    "→": "->",
    "←": "<-",
    "·": "-",
    "•": "*",
    "…": "...",
    "—": "-",
    "–": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "▸": ">",
    "×": "x",
    "≥": ">=",
    "≤": "<=",
    "≈": "~",
    "±": "+/-",
    "✓": "v",
    "✗": "x",
    "█": "#",
    "░": ".",
    "∕": "/",
}


def _write_unencodable(error: UnicodeError) -> tuple[bytes, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = bytearray()
    for ch in error.object[error.start : error.end]:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8 (PEP 383)
            out.append(code - 0xDC00)
        elif ch in PLAIN:
            out += PLAIN[ch].encode("ascii")
        elif 0xD800 <= code <= 0xDFFF:
            out += b"?"
        else:
            out += ch.encode("utf-8")
    return bytes(out), error.end


codecs.register_error(ERRORS, _write_unencodable)


def fit_streams(*streams: IO[Any]) -> None:
    """Let stdout and stderr (by default) write what their encoding cannot, as said above."""
    for stream in streams or (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) != ERRORS:
            try:
                reconfigure(errors=ERRORS)
            except (ValueError, OSError):  # closed, or not a text stream after all
                pass
