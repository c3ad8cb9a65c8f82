"""A photo file the walk found: what the scan needs to know about it before opening it.

Its own module because the walk yields it and the companion pairing folds files into it, and
the walk calls the pairing: with the record in either, the two would import each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FoundFile:
    path: str  # as stored (core/names.py): lossless for names that are not UTF-8
    size: int
    mtime: float
    companions: tuple[str, ...] = ()  # a RAW twin or live clip beside it (core/companions.py)
    # Permission bits and type: a file that failed may work once its mode is fixed.
    mode: int = field(default=0, compare=False)
