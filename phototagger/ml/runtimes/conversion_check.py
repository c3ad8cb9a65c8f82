"""Converting the backbone to OpenVINO and checking it against TensorFlow; the cached verdict.

Both the runtime choice (before a scan) and the deferred check (after the first scan) run it, so
it lives apart from either.
"""

from __future__ import annotations

import json
import os

import numpy as np

from phototagger.ml.backbone_name import BACKBONE_NAME
from phototagger.ml.engine import TaggingEngine
from phototagger.ml.heads import load_default_head
from phototagger.ml.runtimes.agreement import MIN_PHOTOS, Agreement, measure_agreement
from phototagger.ml.runtimes.openvino import ConvertedModel, OpenVinoBackbone, convert

_CHECK_BATCH = 32


def convert_and_check(
    reference: TaggingEngine,
    converted: ConvertedModel,
    pixels: np.ndarray,
    embeddings: np.ndarray | None = None,
) -> Agreement | None:
    """Convert (if not cached), then compare with TensorFlow on the photos' model inputs and cache
    the verdict. `embeddings`: TensorFlow's fp32 base embeddings of `pixels` when it already ran
    on them (in the scan), else it runs here. None when there are too few photos to judge
    (nothing converted; checked again next time)."""
    if len(pixels) < MIN_PHOTOS:
        return None
    if not converted.exists:
        convert(reference.keras_model, converted)
    default = load_default_head()
    candidate = OpenVinoBackbone(converted.xml, default.kernel, default.bias)
    ref, cand = [], []
    for start in range(0, len(pixels), _CHECK_BATCH):
        batch = pixels[start : start + _CHECK_BATCH]
        if embeddings is None:
            ref.append(reference.embed_all(batch)[BACKBONE_NAME])
        cand.append(candidate.embed(batch))
    reference_embeddings = np.concatenate(ref) if embeddings is None else embeddings
    agreement = measure_agreement(reference_embeddings, np.concatenate(cand), default)
    write_verdict(converted, agreement)
    return agreement


def read_verdict(converted: ConvertedModel) -> Agreement | None:
    try:
        return Agreement.from_dict(json.loads(converted.verdict.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no verdict, or a damaged one: measured again


def write_verdict(converted: ConvertedModel, agreement: Agreement) -> None:
    tmp = converted.verdict.with_name(f".{converted.verdict.name}.tmp")
    tmp.write_text(json.dumps(agreement.as_dict(), indent=2), "utf-8")
    os.replace(tmp, converted.verdict)
