"""Which runtime runs the CNN on this library (the `runtime` setting: auto, openvino,
openvino-bf16, openvino-mixed, litert or tensorflow), and the user's own photos a converted model
is checked on before it is trusted."""

from __future__ import annotations

import numpy as np
import sqlite_utils

from phototagger.core.errors import PhotoError
from phototagger.core.imaging import decode_photo
from phototagger.core.library import Library, device_setting
from phototagger.core.people import PeopleStep
from phototagger.ml.runtimes import RUNTIMES, RuntimeChoice, parse_runtime
from phototagger.store.photos import photo_ids_sorted, photos_by_ids
from phototagger.store.settings import get_setting

RUNTIME_SETTING = "runtime"
# Enough to see a 1 % disagreement rate; decoding them costs a few seconds, once per conversion.
CHECK_PHOTOS = 200


def runtime_setting(db: sqlite_utils.Database) -> RuntimeChoice:
    value = get_setting(db, RUNTIME_SETTING, "auto")
    return parse_runtime(value) if value in RUNTIMES else "auto"


def check_photos(library: Library, limit: int = CHECK_PHOTOS) -> np.ndarray:
    """Model inputs of up to `limit` photos of the library (pending ones included), spread over
    it so one folder of near-identical shots does not make the whole check."""
    ids = photo_ids_sorted(library.db, "added")
    chosen = ids[:: max(1, len(ids) // limit)][:limit]
    inputs = []
    for photo in photos_by_ids(library.db, chosen):
        try:
            inputs.append(decode_photo(photo.path).model_input)
        except PhotoError:
            continue  # the scan reports it; the check goes on with the others
    return np.stack(inputs) if inputs else np.zeros((0, 224, 224, 3), np.uint8)


def people_step(
    library: Library, runtime: str | None = None, device: str | None = None
) -> PeopleStep:
    """The scan's face detector step on the runtime the backbone would get: `runtime` and
    `device` (--runtime, --device) or else the library's settings."""
    return PeopleStep(
        runtime=runtime or runtime_setting(library.db), device=device or device_setting(library.db)
    )
