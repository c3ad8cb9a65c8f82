"""What a photo's file says about it beyond keywords (rating, pick, colour label), as one line
for the details panel: what digiKam and Lightroom users sort by."""

from __future__ import annotations

from collections.abc import Sequence

import sqlite_utils

from phototagger.core.metadata.catalog import file_facts

PICK_WORDS = {"accepted": "picked", "rejected": "rejected (pick)", "pending": "pick pending"}


def file_facts_text(db: sqlite_utils.Database, photo_id: int) -> str:
    """'★★★★☆ · green label · picked', or '' when the file says none of it."""
    facts = file_facts(db, photo_id)
    if facts is None:
        return ""
    parts = []
    # A file rated -1 (Lightroom's, Bridge's, darktable's reject) has no stars: its pick says
    # 'rejected' (core/metadata/read.py), once; it read "rated as reject · rejected (pick)".
    if facts.rating is not None and facts.rating > 0:
        parts.append("★" * facts.rating + "☆" * (5 - facts.rating))
    if facts.color:
        parts.append(f"{facts.color} label")
    if facts.pick:
        parts.append(PICK_WORDS.get(facts.pick, facts.pick))
    return " · ".join(parts)


def file_texts(db: sqlite_utils.Database, photo_id: int) -> tuple[str, str]:
    """('Title: Sunset at Nice', 'Caption: Grandma on the pier'): the title and caption
    digiKam or Lightroom gave the photo in its files, as last read; '' for none."""
    facts = file_facts(db, photo_id)
    if facts is None:
        return "", ""
    return (
        f"Title: {facts.title}" if facts.title else "",
        f"Caption: {facts.caption}" if facts.caption else "",
    )


def shared_texts(texts: Sequence[tuple[str | None, str | None]]) -> tuple[str, str]:
    """The title and caption lines for several photos (`texts`: each one's (title, caption), as
    file_texts_of reads them): the one they all have ('Title: Sunset at Nice'), or, as digiKam
    and Lightroom mark a mixed value, that they differ and how ('Title: (titles differ: 2
    different, 1 of 3 photos has none)'); '' where none of them has one."""
    return (
        _shared("Title", "titles", [title for title, _ in texts]),
        _shared("Caption", "captions", [caption for _, caption in texts]),
    )


def _shared(label: str, plural: str, values: Sequence[str | None]) -> str:
    given = [value for value in values if value]
    if not given:
        return ""
    distinct = len(set(given))
    without = len(values) - len(given)
    if distinct == 1 and not without:
        return f"{label}: {given[0]}"
    how = [f"{distinct:,} different"] if distinct > 1 else []
    if without:
        has = "has" if without == 1 else "have"
        how.append(f"{without:,} of {len(values):,} photos {has} none")
    return f"{label}: ({plural} differ: {', '.join(how)})"
