"""The model, seen from the GUI: which version is active, where it runs, and loading it for a
scan inside the job's thread (TensorFlow is imported there, never when the GUI starts)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import sqlite_utils

from phototagger.core.library import Library, device_setting
from phototagger.core.model import active, tagger
from phototagger.core.preferences import loaded_device, tagger_key
from phototagger.core.scan import Tagger
from phototagger.gui.status import NOT_LOADED

DEVICE_NAMES = {"auto": "automatic", "cpu": "CPU", "gpu": "GPU"}

LoadTagger = Callable[[Library], Tagger]


def active_version(db: sqlite_utils.Database) -> str:
    return active.active_version(db)


def device_text(db: sqlite_utils.Database) -> str:
    """The device the loaded model runs on, or the library's setting before it is loaded."""
    return loaded_device() or f"{DEVICE_NAMES[device_setting(db)]} ({NOT_LOADED})"


def load_active_tagger(library: Library) -> Tagger:
    """The engine with the active model on the library's device (runs in a job's thread)."""
    return tagger.load_active_tagger(library)


class TaggerCache:
    """Keeps the loaded engine between scans; loads it again when the active model, the device
    or the thresholds change. Thread-safe: jobs call it from their own threads."""

    def __init__(self, load: LoadTagger = load_active_tagger) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._key: str | None = None
        self._tagger: Tagger | None = None

    def loader_for(self, library: Library) -> Callable[[], Tagger]:
        """What core.scan.scan wants: a function that returns the tagger when first needed."""

        def load() -> Tagger:
            key = tagger_key(library.db)
            with self._lock:
                if self._tagger is None or key != self._key:
                    self._tagger = self._load(library)
                    self._key = key
                return self._tagger

        return load
