"""Per-tag thresholds as the Settings page shows them: the active model's own value for each tag,
and re-tagging the library from cached embeddings once the user changed some."""

from __future__ import annotations

import sqlite_utils

from phototagger.core.jobs import CancelToken, ProgressCallback
from phototagger.core.library import Library
from phototagger.core.versions import activate_version, active_version, load_head


def model_thresholds(db: sqlite_utils.Database) -> dict[str, float]:
    """tag -> the active model's own threshold (what a tag uses without the user's override)."""
    head = load_head(db, with_user_thresholds=False)
    return {name: float(t) for name, t in zip(head.tag_names, head.thresholds, strict=True)}


def retag_with_thresholds(
    library: Library, progress: ProgressCallback | None = None, cancel: CancelToken | None = None
) -> int:
    """Re-tag every photo with the active model and the thresholds now set (no decoding)."""
    return activate_version(library, active_version(library.db), progress=progress, cancel=cancel)
