"""Reading a photo cut short: how much of it its note or message says is there."""

from __future__ import annotations

import re
from pathlib import Path

from phototagger.core.decoders.partial import MIN_VISIBLE
from phototagger.core.errors import TRUNCATED
from phototagger.core.imaging import DecodedPhoto, decode_photo


def percent_there(message: str) -> int:
    """The share of the picture a message says is there ("72 % of the picture is there", "only
    9 % of the picture there")."""
    found = re.search(r"(\d+) % of the picture (?:is )?there", message)
    assert found is not None, message
    return int(found.group(1))


def read_webp_in_part(path: Path) -> tuple[DecodedPhoto, int]:
    """A WebP cut short, decoded: shown from the rows there, noted as such (its percent)."""
    part = decode_photo(path)
    assert part.damage is not None and part.damage.code == TRUNCATED
    assert part.damage.message.startswith("the lower part is missing: the file ends early (")
    percent = percent_there(part.damage.message)
    assert MIN_VISIBLE * 100 <= percent < 100
    assert part.media.format == "WEBP"
    return part, percent
