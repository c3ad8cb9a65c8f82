"""The deeper fine-tune: train the top of the CNN (last block and head convolution) with the head.

The frozen lower network runs once per photo (its 7x7x192 output is the input here), so only the
top is trained: practical on a GPU, and still correct (just slower) on a CPU with small data.
BatchNorm statistics stay frozen: a few hundred photos cannot re-estimate them.
A deep version changes every embedding, so it gets its own backbone key and activating it
re-embeds the library (phototagger.core.model.activation).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass

import keras
import numpy as np
from keras import layers, ops

from phototagger.ml.lite0 import TOP_LAYERS, build_top
from phototagger.ml.trained_head import LOGIT_CLIP, TrainedHead
from phototagger.ml.training import ResidualTags, TrainingData, fit_stream, head_after

TopWeights = dict[str, list[np.ndarray]]


@keras.saving.register_keras_serializable(package="phototagger")
class DefaultLogits(layers.Layer):
    """The head's base inside the graph: per tag, the logit of its ImageNet classes' summed
    probability, as TrainedHead scores it: a default tag's (its column of the default head) and a
    taught tag's class set (`concepts`, (1000, T); its weights where a column of it is not all
    0), both from the one softmax of the embedding; 0 for a tag with neither."""

    def __init__(
        self,
        kernel: np.ndarray,
        bias: np.ndarray,
        membership: np.ndarray,
        base_index: np.ndarray,
        concepts: np.ndarray | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(trainable=False, **kwargs)
        known = base_index >= 0
        picks = np.zeros((membership.shape[1], len(base_index)), np.float32)
        picks[base_index[known], np.nonzero(known)[0]] = 1.0
        select = (membership @ picks).astype(np.float32)  # (1000, T) per output tag
        if concepts is not None:
            own = ~known & concepts.any(axis=0)
            select[:, own] = concepts[:, own]
            known = known | own
        self._kernel = kernel.astype(np.float32)
        self._bias = bias.astype(np.float32)
        self._select = select
        self._known = known.astype(np.float32)

    def call(self, embedding: object) -> object:
        probs = ops.softmax(ops.matmul(embedding, self._kernel) + self._bias)
        p = ops.clip(ops.matmul(probs, self._select), LOGIT_CLIP, 1 - LOGIT_CLIP)
        return ops.log(p / (1 - p)) * self._known


def base_logits_of(head: TrainedHead) -> DefaultLogits:
    """`head`'s base as a layer of the graph: its default tags' and its class-set tags'. A tag
    whose base reads the face detector's findings has none in the graph (0), with a class set
    or without: the fit has no face signals to weigh the set's mass by."""
    concepts = None
    if head.concepts is not None:
        concepts = np.asarray(head.concepts, np.float32).copy()
        concepts[:, head.face_columns()] = 0.0
    return DefaultLogits(
        head.base.kernel,
        head.base.bias,
        head.base.vocabulary.membership(),
        head.base_index,
        concepts,
    )


@keras.saving.register_keras_serializable(package="phototagger")
class KeptColumns(layers.Layer):
    """The trained head's outputs, save the kept tags': theirs from the parent's head."""

    def __init__(self, kept: np.ndarray, **kwargs: object) -> None:
        super().__init__(trainable=False, **kwargs)
        self._kept = np.asarray(kept, np.float32)

    def call(self, inputs: list[object]) -> object:
        trained, parents = inputs
        return ops.add(ops.multiply(trained, 1.0 - self._kept), ops.multiply(parents, self._kept))


# The CNN top's weights move this much slower than the head's. At the head's rate (1e-3: Adam
# moves every weight by about the rate each step), a run on det-photos that answered 'monkey'
# and a new tag changed 390 of the 995 (photo, tag) assignments of the default tags no answer
# touched, distillation notwithstanding; at 0.3, 53, the taught tags learned as well as before
# (benchmarks/deep_drift.py). At 0.1, 33, but a new tag learned from 6 faces found 13 of 18
# unseen ones (0.3: 15 or more).
TOP_RATE = 0.3


class SlowTop(keras.optimizers.Adam):
    """Adam whose steps on the variables `slow` are `rate` times its steps on the others."""

    def __init__(self, learning_rate: float, slow: list[object], rate: float) -> None:
        super().__init__(learning_rate)
        self._slow_vars = slow
        self._rate = rate
        self._slow_keys: set[object] = set()

    def build(self, variables: list[object]) -> None:
        super().build(variables)
        self._slow_keys = {self._var_key(v) for v in self._slow_vars}

    def update_step(self, gradient: object, variable: object, learning_rate: object) -> None:
        if self._var_key(variable) in self._slow_keys:
            learning_rate = learning_rate * self._rate  # type: ignore[operator]
        super().update_step(gradient, variable, learning_rate)


@dataclass
class _FitSetup:
    """One fit's Keras set-up: the top, the head layers, the model of them and its optimizer.
    The model keeps its traced train step (a fit's first step traces it: 1.2-1.7 s of CPU)."""

    key: bytes  # what its graph holds as constants (_setup_key)
    top: keras.Model
    head: ResidualTags
    parents: ResidualTags | None
    model: keras.Model
    optimizer: SlowTop

    def start_values(
        self,
        backbone_model: keras.Model,
        start: TrainedHead,
        start_top: TopWeights | None,
        learning_rate: float,
    ) -> None:
        """Every variable as a new set-up starts with it: the optimizer's moments and step
        count 0 and its rate `learning_rate`; the top's weights from `start_top` or the CNN's
        (BatchNorm's statistics too), the head's (and the kept columns') from `start`."""
        # The optimizer tracks the top's variables too (SlowTop's slow ones): not its own.
        model_variables = {id(v) for v in self.model.variables}
        for variable in self.optimizer.variables:
            if id(variable) not in model_variables:
                variable.assign(np.zeros(variable.shape, variable.dtype))
        self.optimizer.learning_rate = learning_rate
        _set_top_weights(self.top, backbone_model, start_top)
        self.head.set_weights([start.kernel, start.bias, start.scale])
        if self.parents is not None:
            self.parents.set_weights([start.kernel, start.bias, start.scale])


# The last fit's set-up, for the next fit of the same graph (train --deep fits twice: the
# validation run, then the final one): reusing it saves building the model and tracing its
# train step again, and the fit starts from the very values a new set-up would, so it gives the
# same weights bit for bit (tests/test_deep_fit_reuses_its_setup.py). False: every fit builds
# its own, as before (the tests compare the two).
REUSE_FIT_SETUP = True
_last_setup: _FitSetup | None = None
_setup_lock = threading.Lock()


def _setup_key(
    start: TrainedHead, base: DefaultLogits, kept: np.ndarray | None, top_rate: float, shape: tuple
) -> bytes:
    """What a fit's graph holds as constants: two fits with the same key build the same graph."""
    digest = hashlib.blake2b(repr((shape, top_rate, len(start.tags))).encode())
    parts = [start.mean, start.std, base._kernel, base._bias, base._select, base._known]
    for part in [*parts, kept if kept is not None and kept.any() else np.zeros(0, bool)]:
        array = np.ascontiguousarray(part)
        digest.update(repr((array.dtype.str, array.shape)).encode())
        digest.update(array.tobytes())
    return digest.digest()


def _set_top_weights(
    top: keras.Model, source: keras.Model, weights: TopWeights | None = None
) -> None:
    for name in TOP_LAYERS:
        top.get_layer(name).set_weights(
            weights[name] if weights and name in weights else source.get_layer(name).get_weights()
        )


def top_from(source: keras.Model, weights: TopWeights | None = None) -> keras.Model:
    """A top model with `source`'s weights, replaced by `weights` where given."""
    top = build_top()
    _set_top_weights(top, source, weights)
    return top


def _new_setup(
    key: bytes,
    backbone_model: keras.Model,
    start: TrainedHead,
    start_top: TopWeights | None,
    base: DefaultLogits,
    shape: tuple,
    kept: np.ndarray | None,
    learning_rate: float,
    top_rate: float,
) -> _FitSetup:
    top = top_from(backbone_model, start_top)
    for layer in top.layers:
        if isinstance(layer, layers.BatchNormalization):
            layer.trainable = False
    feats_in = keras.Input(shape, name="features")
    embedding = top(feats_in)
    z = (embedding - start.mean) / start.std
    # The base each tag is saved with, class sets included: fitted without a taught tag's set
    # (0 in the graph), "pigs" (like 'swine') saw ~0.999 on every photo and its correction was
    # fitted as if the set were absent, then saved beside it (deep43).
    out_base = base(embedding)
    head = ResidualTags(len(start.tags), name="tags")
    out = head([z, out_base])
    parents = None
    if kept is not None and kept.any():
        parents = ResidualTags(len(start.tags), l2=0.0, name="kept_tags", trainable=False)
        out = KeptColumns(kept)([out, parents([z, out_base])])
        parents.set_weights([start.kernel, start.bias, start.scale])
    model = keras.Model(feats_in, out)
    head.set_weights([start.kernel, start.bias, start.scale])
    optimizer = SlowTop(learning_rate, top.trainable_variables, top_rate)
    return _FitSetup(key, top, head, parents, model, optimizer)


def fit_deep(
    backbone_model: keras.Model,
    start: TrainedHead,
    start_top: TopWeights | None,
    features: np.ndarray,
    data: TrainingData,
    version: str,
    *,
    steps: int | None = None,
    learning_rate: float = 1e-3,
    on_epoch: Callable[[int, int, float], bool] | None = None,
    seed: int = 0,
    kept: np.ndarray | None = None,
    top_rate: float = TOP_RATE,
) -> tuple[TrainedHead, TopWeights]:
    """Fine-tune the top and the head together on precomputed features (N, 7, 7, 192).

    `kept` (per tag): the tags whose head column stays `start`'s. The top is trained with
    those columns fixed, as they are saved (fitted with them free, the distillation was met by
    the top and columns that were then put back). `top_rate`: the top's learning rate over the
    head's (TOP_RATE). On det-photos the rate is what holds the untouched tags: the fixed
    columns alone took the assignments that changed from 390 to 375 (benchmarks/deep_drift.py).
    The last fit's set-up is reused where its graph is the same (REUSE_FIT_SETUP)."""
    global _last_setup
    keras.utils.set_random_seed(seed)
    base = base_logits_of(start)
    shape = features.shape[1:]
    key = _setup_key(start, base, kept, top_rate, shape)
    # Taken out while it fits: a fit started meanwhile (another thread) builds its own.
    with _setup_lock:
        setup, _last_setup = _last_setup, None
    if REUSE_FIT_SETUP and setup is not None and setup.key == key:
        setup.start_values(backbone_model, start, start_top, learning_rate)
    else:
        setup = None  # freed before the next is built
        setup = _new_setup(
            key, backbone_model, start, start_top, base, shape, kept, learning_rate, top_rate
        )
    batch = min(32, len(features))
    fit_stream(
        setup.model,
        features.astype(np.float32),
        data,
        batch=batch,
        steps=steps or int(np.clip(-(-len(features) // batch) * 8, 30, 400)),
        learning_rate=learning_rate,
        on_epoch=on_epoch,
        seed=seed,
        optimizer=setup.optimizer,
    )
    top = setup.top
    new_top = {
        name: [np.asarray(w) for w in top.get_layer(name).get_weights()] for name in TOP_LAYERS
    }
    head = head_after(start, setup.head, version)
    if REUSE_FIT_SETUP:
        _last_setup = setup
    return head, new_top


def embed_with_top(
    backbone_model: keras.Model, top_weights: TopWeights, features: np.ndarray
) -> np.ndarray:
    """Embeddings from top-block features; empty `top_weights` means the base CNN's own top."""
    top = top_from(backbone_model, top_weights)
    return np.concatenate(
        [
            np.asarray(top.predict_on_batch(features[i : i + 64]))
            for i in range(0, len(features), 64)
        ]
    )
