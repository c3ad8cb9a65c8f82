"""The shipped WordNet data, read once for every reader: models/wordnet_closure.json (the WordNet
3.0 hypernym closure of the 1,000 ImageNet classes, built by packaging/build_wordnet.py) and
models/imagenet_classes.json (the classes it is of). core/concepts fits new tags' class sets on
it; core/near_meaning reads names' senses in it."""

from __future__ import annotations

import functools
import json
from typing import Any

from phototagger import paths


@functools.cache
def closure() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(the closure, the 1,000 classes it is of, in index order), as the JSON files hold them;
    OSError or ValueError where they cannot be read."""
    folder = paths.models_data_dir()
    data = json.loads((folder / "wordnet_closure.json").read_text("utf-8"))
    classes = json.loads((folder / "imagenet_classes.json").read_text("utf-8"))
    return data, classes
