"""Assembling a model version for use: its head (with the user's thresholds and tag renames),
and the CNN plus head that tags new photos."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import numpy as np

from phototagger.core.errors import Cancelled
from phototagger.core.library import Library, device_setting
from phototagger.core.model.active import active_version, threshold_overrides
from phototagger.core.model.record import ModelVersion
from phototagger.core.tag_admin import tag_changes
from phototagger.core.tag_map import RemappedDefault, column_map, remap_trained
from phototagger.ml import registry
from phototagger.ml.engine import TaggingEngine, TagHead
from phototagger.ml.heads import DEFAULT_VERSION, DefaultHead, load_default_head, with_overrides


class _OverriddenDefault:
    """The default head with the user's per-tag thresholds."""

    def __init__(self, head: DefaultHead, overrides: dict[str, float]) -> None:
        self._head = head
        self._overrides = overrides
        self.version = head.version

    @property
    def tag_names(self) -> list[str]:
        return self._head.tag_names

    @property
    def thresholds(self) -> np.ndarray:
        return with_overrides(self._head.tag_names, self._head.thresholds, self._overrides)

    @property
    def default_columns(self) -> np.ndarray | None:
        return getattr(self._head, "default_columns", None)

    def scores(self, embeddings: np.ndarray) -> np.ndarray:
        return self._head.scores(embeddings)


def model_version(library: Library, version: str | None = None) -> ModelVersion:
    """The record of `version` (the active one by default), v1's included."""
    return library.models.record(version or active_version(library.db))


def backbone_for(library: Library, version: str) -> str:
    """The backbone key whose cached embeddings `version` reads."""
    return registry.backbone_key(library.models.record(version))


def load_head(
    library: Library,
    version: str | None = None,
    default: DefaultHead | None = None,
    *,
    with_user_thresholds: bool = True,
) -> TagHead:
    """The head of `version` (the active one by default), with the user's threshold overrides
    (or the model's own thresholds: with_user_thresholds=False)."""
    db = library.db
    version = version or active_version(db)
    default = default or load_default_head()
    overrides = threshold_overrides(db) if with_user_thresholds else {}
    changes = tag_changes(db)
    if version == DEFAULT_VERSION:
        names, columns = column_map(default.tag_names, changes, None)
        base: Any = (
            default if names == default.tag_names else RemappedDefault(default, names, columns)
        )
        return _OverriddenDefault(base, overrides)
    head = library.models.load_head(version, default)
    # Tags renamed, merged or deleted since the version was saved (core/tag_admin.py).
    head = remap_trained(head, changes, library.models.record(version))
    head.overrides = overrides
    return head


# A scan's cancel, for the loads of the model it asks for (stoppable_load).
_STOP: ContextVar[Callable[[], bool] | None] = ContextVar("tagger_load_stop", default=None)


@contextmanager
def stoppable_load(stop: Callable[[], bool]) -> Iterator[None]:
    """The tagger loaded within the block (on this thread) stops loading once `stop()` is true,
    a conversion to a forced runtime included: Cancelled, within a fraction of a second. A scan's
    loader is the GUI's cache or the command line's closure, called with no arguments, so the
    scan's cancel reaches load_tagger this way."""
    token = _STOP.set(stop)
    try:
        yield
    finally:
        _STOP.reset(token)


def load_tagger(
    library: Library,
    version: str | None = None,
    device: str | None = None,
    runtime: str | None = None,
) -> TaggingEngine:
    """The CNN (with a deep version's fine-tuned top) plus the version's head. The base CNN runs
    on the runtime the library's setting (or `runtime`) and the cached agreement check allow;
    a deep version's top, and anything that trains, run on TensorFlow."""
    from phototagger.ml.device import parse_choice
    from phototagger.ml.engine import load_engine

    version = version or active_version(library.db)
    record = library.models.record(version)
    choice = parse_choice(device or device_setting(library.db))
    head = load_head(library, version)
    home = library.home
    if not record.top_weights:
        from phototagger.core.runtime import check_photos, runtime_setting
        from phototagger.ml.runtimes import parse_runtime
        from phototagger.ml.runtimes.choice import load_runtime_engine
        from phototagger.ml.runtimes.conversion_process import ConversionStopped

        chosen = parse_runtime(runtime) if runtime else runtime_setting(library.db)
        try:
            return load_runtime_engine(
                chosen,
                choice,
                head,
                lambda: check_photos(library),
                weights_cache=home.weights_cache,
                runtimes_cache=home.runtimes_cache,
                stop=_STOP.get(),
            )
        except ConversionStopped:
            raise Cancelled("the model's conversion was stopped") from None
    top = library.models.load_top(record.top_weights)
    return load_engine(
        choice,
        head=head,
        top_weights=top,
        backbone_key=registry.backbone_key(record),
        weights_cache=home.weights_cache,
    )


def load_active_tagger(
    library: Library, device: str | None = None, runtime: str | None = None
) -> TaggingEngine:
    """What scans tag new photos with: the active version, CNN and head."""
    return load_tagger(library, None, device, runtime)
