"""Failures that are the world's doing, not a bug: each gets one line that says what to do.

The CLI prints the line and exits 3; the GUI shows it. Anything not recognised here is a bug.
"""

from __future__ import annotations

from phototagger.core.scan_lock import ScanBusyError
from phototagger.ml.registry import UnknownVersionError
from phototagger.ml.version_check import DamagedModelError

_EXPECTED: tuple[type[BaseException], ...] = (ScanBusyError, DamagedModelError,
                                              UnknownVersionError)


def explain(exc: BaseException) -> str | None:
    """A one-line message for an expected failure, or None for a bug."""
    if isinstance(exc, _EXPECTED):
        return str(exc)
    return None
