"""The user's choices about writing keywords into files: off until they say yes."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from phototagger.core.metadata.sidecars import NAMING_FULL, NAMINGS
from phototagger.core.metadata.write import TARGET_EMBED, TARGET_SIDECAR, WriteOptions
from phototagger.store.settings import get_setting, set_setting

_PREFIX = "keywords."


@dataclass(frozen=True)
class KeywordSettings:
    enabled: bool = False  # phototagger never touches the user's files until they say so
    asked: bool = False  # the GUI asks once, on first use
    target: str = TARGET_SIDECAR
    naming: str = NAMING_FULL
    include_suggestions: bool = False
    keep_times: bool = True
    # Off: a keyword another program wrote stays, even for a tag the user rejected.
    remove_rejected: bool = False

    def options(self) -> WriteOptions:
        return WriteOptions(
            self.target,
            self.naming,
            self.include_suggestions,
            self.keep_times,
            self.remove_rejected,
        )


def load_settings(db: sqlite_utils.Database) -> KeywordSettings:
    default = KeywordSettings()
    values = {
        name: get_setting(db, _PREFIX + name, getattr(default, name))
        for name in KeywordSettings.__dataclass_fields__
    }
    if values["target"] not in (TARGET_SIDECAR, TARGET_EMBED):
        values["target"] = default.target
    if values["naming"] not in NAMINGS:
        values["naming"] = default.naming
    for name in ("enabled", "asked", "include_suggestions", "keep_times", "remove_rejected"):
        values[name] = bool(values[name])
    return KeywordSettings(**values)


def save_settings(db: sqlite_utils.Database, settings: KeywordSettings) -> None:
    for name in KeywordSettings.__dataclass_fields__:
        set_setting(db, _PREFIX + name, getattr(settings, name))
