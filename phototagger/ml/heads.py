"""Tag heads: map cached 1280-d embeddings to per-tag confidences. Numpy only, no TensorFlow.

Version 1 is the default head: the backbone's own ImageNet classifier followed by summing each tag's
member-class probabilities. Trained versions (see training.py) build on its outputs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from phototagger.ml.model_version import DEFAULT_VERSION as DEFAULT_VERSION
from phototagger.ml.vocabulary import Vocabulary


def softmax(logits: np.ndarray) -> np.ndarray:
    return _softmax_in_place(logits - logits.max(axis=1, keepdims=True))


def _softmax_in_place(shifted: np.ndarray) -> np.ndarray:
    # In place: the same bits as a fresh array per step (tests/test_imagenet_probabilities.py),
    # without three temporaries the size of the logits; a page's product and softmax took a
    # third less time (1.65 -> 1.0-1.1 s for 21,000 photos, 2 busy cores).
    np.exp(shifted, out=shifted)
    shifted /= shifted.sum(axis=1, keepdims=True)
    return shifted


@dataclass
class DefaultHead:
    """ImageNet softmax, then each tag = the sum of its classes' probabilities."""

    vocabulary: Vocabulary
    kernel: np.ndarray  # (1280, 1000)
    bias: np.ndarray  # (1000,)
    version: str = DEFAULT_VERSION

    def __post_init__(self) -> None:
        self._membership = self.vocabulary.membership()

    @property
    def tag_names(self) -> list[str]:
        return self.vocabulary.tag_names

    @property
    def thresholds(self) -> np.ndarray:
        return self.vocabulary.thresholds

    def imagenet_probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        logits = np.asarray(embeddings, np.float32) @ self.kernel  # a float32 page: no copy
        logits += self.bias
        logits -= logits.max(axis=1, keepdims=True)
        return _softmax_in_place(logits)

    def scores(self, embeddings: np.ndarray) -> np.ndarray:
        if embeddings.size == 0:
            return np.zeros((0, len(self.tag_names)), dtype=np.float32)
        return self.scores_from_probabilities(self.imagenet_probabilities(embeddings))

    def tag_classes(self) -> np.ndarray:
        """(1000, T) 0/1: which ImageNet classes each tag sums."""
        return self._membership

    def scores_from_probabilities(self, probs: np.ndarray) -> np.ndarray:
        return np.clip(probs @ self._membership, 0.0, 1.0).astype(np.float32)


def with_overrides(
    names: list[str], thresholds: np.ndarray, overrides: dict[str, float]
) -> np.ndarray:
    """The thresholds with the user's per-tag choices in place of the model's."""
    result = thresholds.copy()
    for i, name in enumerate(names):
        if name in overrides:
            result[i] = overrides[name]
    return result


def suggested_indices(thresholds: np.ndarray, scores: np.ndarray) -> list[list[int]]:
    """Per photo, the indices of the tags at or above their threshold (vectorised)."""
    rows, cols = np.nonzero(scores >= thresholds)
    result: list[list[int]] = [[] for _ in range(len(scores))]
    for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
        result[r].append(c)
    return result


def suggestions(
    tag_names: list[str], thresholds: np.ndarray, scores: np.ndarray
) -> list[list[tuple[str, float]]]:
    """Per photo, the (tag, confidence) pairs at or above threshold, most confident first."""
    result = []
    for row in scores:
        hits = np.nonzero(row >= thresholds)[0]
        pairs = sorted(((tag_names[j], float(row[j])) for j in hits), key=lambda p: -p[1])
        result.append(pairs)
    return result


@functools.lru_cache(maxsize=1)
def load_default_head() -> DefaultHead:
    """The default head without TensorFlow: its dense layer read straight from the weight file,
    so retraining and re-tagging from cached embeddings never load the CNN. Read once per
    process (nothing modifies it)."""
    from phototagger.ml.torch_state import load_legacy_state_dict
    from phototagger.ml.vocabulary import load_vocabulary
    from phototagger.ml.weights_source import source_weights_path

    state = load_legacy_state_dict(source_weights_path())
    return DefaultHead(load_vocabulary(), state["_fc.weight"].T.copy(), state["_fc.bias"].copy())
