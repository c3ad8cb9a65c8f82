"""File names that are not valid UTF-8, kept losslessly in a library that stores text.

Linux names are bytes. Python hands a byte that is not UTF-8 to us as a lone surrogate
(U+DC80-U+DCFF, PEP 383), which SQLite, JSON, Qt and a UTF-8 terminal all refuse. The library
therefore stores each such byte as one code point of plane-16 private use (U+10FF80-U+10FFFF,
byte 0x80-0xFF in order), which every one of them accepts, and turns it back into the byte when
it opens the file. Real names never contain surrogates, so the mapping cannot mistake one for
another; a real name that already uses those private code points is refused by the walk
(`uses_reserved`) so that two names can never share one stored form.

The stored form comes from the name's bytes read as UTF-8, whatever the locale: where Python
reads names as ASCII (LC_ALL=C with its UTF-8 mode off) 'Über.jpg' arrives as
'\udcc3\udc9cber.jpg', every byte over 0x7F a surrogate, and is stored 'Über.jpg' as it is
everywhere else (a path typed there found the photo a scan elsewhere stored); the name handed
back to the OS there is the surrogates again.
"""

from __future__ import annotations

import codecs
import os
import re
import sys

_SURROGATE_BASE = 0xDC00  # PEP 383: byte b (0x80-0xFF) arrives as U+DC00 + b
_STORED_BASE = 0x10FF00  # stored as U+10FF00 + b, i.e. U+10FF80-U+10FFFF
_FIRST, _LAST = 0x10FF80, 0x10FFFF

_TO_STORED = {_SURROGATE_BASE + b: _STORED_BASE + b for b in range(0x80, 0x100)}
_TO_OS = {stored: surrogate for surrogate, stored in _TO_STORED.items()}
# Regular expressions, not loops over characters: the walk asks this of every file it finds.
_ESCAPED = re.compile("[\U0010ff80-\U0010ffff]")
_SURROGATES = re.compile("[\udc80-\udcff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # a line break, a tab, an escape character


# Python's file-system names are UTF-8 (nearly everywhere; not in an ASCII locale).
_FS_UTF8 = codecs.lookup(sys.getfilesystemencoding()).name == "utf-8"


def storable(os_name: str) -> str:
    """The form of a name (as os.fsdecode gives it) that the library stores and shows."""
    if os_name.isascii():
        return os_name
    if not _FS_UTF8:  # the bytes as UTF-8: 'Ü' again from its two bytes' surrogates
        os_name = _name_bytes(os_name).decode("utf-8", "surrogateescape")
    if not _SURROGATES.search(os_name):
        return os_name
    return os_name.translate(_TO_STORED)


def _name_bytes(os_name: str) -> bytes:
    """A name's bytes where Python's file-system names are not UTF-8; a letter the locale
    cannot encode (text joined to a name, not from the OS) as its UTF-8."""
    try:
        return os.fsencode(os_name)
    except UnicodeEncodeError:
        return os_name.encode("utf-8", "surrogateescape")


def os_path(stored: str) -> str:
    """The name the operating system knows, from its stored form (identity for UTF-8 names
    where Python's file-system names are UTF-8)."""
    if stored.isascii():
        return stored
    if not _FS_UTF8:  # its UTF-8 bytes as this Python names them ('Ü' as two surrogates)
        return os.fsdecode(stored.translate(_TO_OS).encode("utf-8", "surrogateescape"))
    if not _ESCAPED.search(stored):
        return stored
    return stored.translate(_TO_OS)


def json_escaped(text: str) -> str:
    """JSON text (json.dumps with ensure_ascii=False) with each stored byte that is not UTF-8
    written as the escape of its PEP 383 surrogate ("\\udce9" for byte 0xE9): still ASCII
    and valid JSON, and what Python's `os.fsencode(json.loads(text)[...])` turns back into the
    name's bytes (a script in another language: each \\udcXX is the byte 0xXX)."""
    if text.isascii() or not _ESCAPED.search(text):
        return text
    return _ESCAPED.sub(lambda found: f"\\udc{ord(found.group()) - _STORED_BASE:02x}", text)


def is_escaped(stored: str) -> bool:
    """True for a stored name that came from bytes that are not UTF-8."""
    return not stored.isascii() and _ESCAPED.search(stored) is not None


def uses_reserved(os_name: str) -> bool:
    """True for a real (valid UTF-8) name that uses the code points kept for escaped bytes."""
    return not os_name.isascii() and _ESCAPED.search(os_name) is not None


def readable(stored: str) -> str:
    """A display form: escaped bytes read as Latin-1, the likeliest origin (old cameras, zips)."""
    return "".join(
        chr(ord(ch) - _STORED_BASE) if _FIRST <= ord(ch) <= _LAST else ch for ch in stored
    )


def shown(stored: str) -> str:
    """A stored name or path for one line of text a person reads: its escaped bytes read as
    Latin-1 (readable), and a line break, tab or other control character in it written as
    Python writes it (\\n, \\t, \\x1b). A name with a line break showed as its first line."""
    text = readable(stored)
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda found: repr(found.group())[1:-1], text)
