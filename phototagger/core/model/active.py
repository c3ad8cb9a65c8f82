"""Which model version a library uses, and the user's per-tag thresholds: library settings."""

from __future__ import annotations

import sqlite_utils

from phototagger.ml.heads import DEFAULT_VERSION
from phototagger.ml.version_check import check_name
from phototagger.store.settings import get_setting

ACTIVE_SETTING = "active_model"
THRESHOLDS_SETTING = "thresholds"
# Present while a switch re-tags the library: {"to": version, "from": version} (core/model/retag).
SWITCH_SETTING = "model_switch"
# The versions that have been active (a list), so that one trained and never applied can say so.
ACTIVATED_SETTING = "activated_models"


def active_version(db: sqlite_utils.Database) -> str:
    """The active version's name; DamagedModelError if the setting is not one (so a tampered
    setting such as '../../outside/x' never leads a load outside the model folder)."""
    version = get_setting(db, ACTIVE_SETTING, DEFAULT_VERSION)
    return check_name(version if isinstance(version, str) else DEFAULT_VERSION)


def been_active(db: sqlite_utils.Database) -> set[str]:
    """The versions recorded as having been active (see activation.activate_version)."""
    found = get_setting(db, ACTIVATED_SETTING, [])
    return {v for v in found if isinstance(v, str)} if isinstance(found, list) else set()


def threshold_overrides(db: sqlite_utils.Database) -> dict[str, float]:
    """The user's per-tag thresholds; entries that are not a number in (0, 1) are ignored."""
    raw = get_setting(db, THRESHOLDS_SETTING, {})
    if not isinstance(raw, dict):
        return {}
    found: dict[str, float] = {}
    for key, value in raw.items():
        if (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and 0.0 < float(value) < 1.0
        ):
            found[str(key)] = float(value)
    return found
