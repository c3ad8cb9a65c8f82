"""The key the grid sorts photo names by: without case or accents, and numbers as numbers, as
file managers and digiKam sort ('IMG_2' before 'IMG_10', 'img_b' before 'IMG_Z').

Kept in a column of its own (photos.name_sort, schema v10) beside an index, so the 100,000-photo
grid is still read in index order instead of comparing names in Python. Plain byte order of the
key gives the natural order: each run of digits becomes its count of significant digits (two
digits) then the digits, so a longer number sorts after a shorter one and equal lengths compare
digit by digit; digits keep their place among other characters ('a.jpg' before 'a1.jpg' before
'ab.jpg'). A change to natural_key needs a migration that fills the column again, as v10 did.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = re.compile(r"[0-9]+")
_LONGEST = 99  # significant digits counted exactly; a longer number (never a photo's) is cut


def _number(match: re.Match[str]) -> str:
    digits = match.group().lstrip("0") or "0"
    return f"{min(len(digits), _LONGEST):02d}{digits}"


def natural_key(name: str) -> str:
    """'IMG_10.JPG' -> 'img_0210.jpg'; 'Äpfel' -> 'apfel'. Names that differ only in case,
    accents or leading zeros share a key (the grid then orders them by name)."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _DIGITS.sub(_number, name.casefold())
