"""The library's own settings the GUI changes (device, per-tag thresholds), where the loaded
model runs, and why a library cannot be opened: what the settings dialog and the start-up
need, through core."""

from __future__ import annotations

import json
from collections.abc import Mapping

import sqlite_utils

from phototagger.core.library import DEVICE_SETTING, device_setting
from phototagger.core.model.active import THRESHOLDS_SETTING, active_version
from phototagger.store.migrations import DatabaseTooNewError
from phototagger.store.settings import get_setting, set_setting

# What keeps a library from opening that the user can act on (newer app's database, a file
# the system refuses): the front end shows it and stops; anything else is a bug.
CANNOT_OPEN: tuple[type[Exception], ...] = (DatabaseTooNewError, OSError)


def save_device_and_thresholds(
    db: sqlite_utils.Database, device: str, thresholds: Mapping[str, float]
) -> None:
    """The device the model should run on ('auto', 'cpu', 'gpu') and the user's thresholds
    (tag -> value; tags left out use the model's own)."""
    set_setting(db, DEVICE_SETTING, device)
    set_setting(db, THRESHOLDS_SETTING, dict(thresholds))


def tagger_key(db: sqlite_utils.Database) -> str:
    """Changes whenever the loaded tagger no longer fits the library: another active version,
    device or thresholds."""
    return json.dumps(
        [active_version(db), device_setting(db), get_setting(db, THRESHOLDS_SETTING, {})],
        sort_keys=True,
    )


def loaded_device() -> str | None:
    """The device the loaded model runs on, or None before a model was loaded."""
    from phototagger.ml.device import current_device  # imports no TensorFlow

    return current_device()
