"""Where the model runs, as the fronts ask for it: a name checked here, a model loaded on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from phototagger.core.errors import BadSetting
from phototagger.ml.device import CHOICES, DeviceChoice, parse_choice

if TYPE_CHECKING:
    from phototagger.ml.engine import TaggingEngine
    from phototagger.paths import LibraryHome

DEVICE_NAMES: tuple[str, ...] = CHOICES


def device_named(name: str) -> DeviceChoice:
    """'auto', 'cpu' or 'gpu' (any case, spaces around); BadSetting for anything else."""
    try:
        return parse_choice(name)
    except ValueError as exc:
        raise BadSetting(str(exc)) from exc


def load_default_tagger(home: LibraryHome, device: str = "auto") -> TaggingEngine:
    """The CNN with the built-in tag head, on `device`: for photos outside any library (the
    converted weights are cached in `home`)."""
    from phototagger.ml.engine import load_engine

    return load_engine(device_named(device), weights_cache=home.weights_cache)
