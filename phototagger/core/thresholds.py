"""Per-tag thresholds as the Settings page shows them: the active model's own value for each tag,
and re-tagging the library from cached embeddings once the user changed some."""

from __future__ import annotations

from phototagger.core.jobs import CancelToken, ProgressCallback
from phototagger.core.library import Library
from phototagger.core.model.activation import activate_version
from phototagger.core.model.active import active_version
from phototagger.core.model.tagger import load_head


def model_thresholds(library: Library) -> dict[str, float]:
    """tag -> the active model's own threshold (what a tag uses without the user's override)."""
    head = load_head(library, with_user_thresholds=False)
    return {name: float(t) for name, t in zip(head.tag_names, head.thresholds, strict=True)}


def retag_with_thresholds(
    library: Library,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    changed: set[int] | None = None,
) -> int:
    """Re-tag every photo with the active model and the thresholds now set (no decoding);
    the photos whose tags as shown changed are added to `changed` (as a switch counts them)."""
    version = active_version(library.db)
    return activate_version(library, version, progress=progress, cancel=cancel, changed=changed)
