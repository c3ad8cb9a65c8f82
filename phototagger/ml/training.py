"""Fitting a trained head with Keras on cached embeddings: seconds, not hours.

The loss is a weighted binary cross-entropy per (photo, tag): weight 0 masks what is unknown, so a
photo nobody labelled says nothing about a tag, and soft targets (the parent's own confidence)
distil what the parent knew into the new version, so tags the user never corrected keep behaving
as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import keras
import numpy as np
from keras import ops

from phototagger.ml.trained_head import TrainedHead, grow

__all__ = [
    "ResidualTags",
    "TrainingData",
    "TrainingStopped",
    "fit_head",
    "fit_stream",
    "grow",
    "head_after",
    "training_steps",
]

EpochCallback = Callable[[int, int, float], bool]  # (epoch, epochs, loss) -> keep going?


@dataclass
class TrainingData:
    embeddings: np.ndarray  # (N, 1280) float32
    targets: np.ndarray  # (N, T) in [0, 1]
    weights: np.ndarray  # (N, T) >= 0; 0 = unknown

    def __post_init__(self) -> None:
        n, t = self.targets.shape
        if self.weights.shape != (n, t) or len(self.embeddings) != n:
            raise ValueError("embeddings, targets and weights disagree in shape")


@keras.saving.register_keras_serializable(package="phototagger")
class ResidualTags(keras.layers.Layer):
    """sigmoid(scale * base_logit + z @ kernel + bias), one output per tag."""

    def __init__(self, units: int, l2: float = 1e-3, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.units = units
        self.l2 = l2

    def build(self, input_shape: object) -> None:
        z_shape = input_shape[0]  # type: ignore[index]
        self.kernel = self.add_weight(
            name="kernel",
            shape=(z_shape[-1], self.units),
            initializer="zeros",
            regularizer=keras.regularizers.L2(self.l2),
        )
        self.bias = self.add_weight(name="bias", shape=(self.units,), initializer="zeros")
        self.scale = self.add_weight(name="scale", shape=(self.units,), initializer="ones")

    def call(self, inputs: list[object]) -> object:
        z, base = inputs
        return ops.sigmoid(base * self.scale + ops.matmul(z, self.kernel) + self.bias)

    def get_config(self) -> dict[str, object]:
        return {**super().get_config(), "units": self.units, "l2": self.l2}


def _masked_bce(y_true: object, y_pred: object) -> object:
    units = ops.shape(y_pred)[-1]
    target, weight = y_true[:, :units], y_true[:, units:]  # type: ignore[index]
    p = ops.clip(y_pred, 1e-6, 1 - 1e-6)
    bce = -(target * ops.log(p) + (1 - target) * ops.log(1 - p))
    return ops.sum(bce * weight, axis=-1)


class _Progress(keras.callbacks.Callback):
    def __init__(self, epochs: int, on_epoch: EpochCallback | None) -> None:
        super().__init__()
        self.epochs = epochs
        self.on_epoch = on_epoch
        self.stopped = False

    def on_epoch_end(self, epoch: int, logs: dict[str, float] | None = None) -> None:
        loss = float((logs or {}).get("loss", float("nan")))
        if self.on_epoch is not None and not self.on_epoch(epoch + 1, self.epochs, loss):
            self.stopped = True
            self.model.stop_training = True


class TrainingStopped(Exception):
    pass


REPORTS = 10  # progress reports ("epochs") per fit, however much data there is


def training_steps(samples: int, batch_size: int) -> int:
    """Enough optimiser steps to see every photo ~10 times, bounded so small sets still converge
    and 100,000 labels stay a matter of seconds."""
    per_pass = max(1, -(-samples // batch_size))
    return int(np.clip(per_pass * 10, 60, 1200))


def fit_head(
    start: TrainedHead,
    data: TrainingData,
    version: str,
    *,
    steps: int | None = None,
    batch_size: int = 256,
    learning_rate: float = 0.01,
    on_epoch: EpochCallback | None = None,
    seed: int = 0,
) -> TrainedHead:
    """Train from `start`'s weights (warm start) and return the new head; `start` is untouched."""
    keras.utils.set_random_seed(seed)
    units = len(start.tags)
    z_in = keras.Input((start.kernel.shape[0],), name="z")
    base_in = keras.Input((units,), name="base_logit")
    layer = ResidualTags(units, name="tags")
    model = keras.Model([z_in, base_in], layer([z_in, base_in]))
    layer.set_weights([start.kernel, start.bias, start.scale])
    z = start.standardise(data.embeddings)
    batch = min(batch_size, len(z))
    fit_stream(
        model,
        (z, start.base_logits(data.embeddings)),
        data,
        batch=batch,
        steps=steps or training_steps(len(z), batch),
        learning_rate=learning_rate,
        on_epoch=on_epoch,
        seed=seed,
    )
    return head_after(start, layer, version)


def fit_stream(
    model: keras.Model,
    inputs: object,
    data: TrainingData,
    *,
    batch: int,
    steps: int,
    learning_rate: float,
    on_epoch: EpochCallback | None,
    seed: int,
    optimizer: keras.optimizers.Optimizer | None = None,
) -> None:
    """Compile with the masked loss (and `optimizer`, else Adam at `learning_rate`) and fit on
    one repeated, shuffled stream cut into a few
    "epochs" (Keras' per-epoch overhead would otherwise dominate a fit on a few hundred photos).
    A model already compiled with `optimizer` is not compiled again: it keeps its traced train
    step (ml/deep.fit_deep reuses a set-up, its values reset). Raises TrainingStopped if
    `on_epoch` asked to stop."""
    import tensorflow as tf

    if optimizer is None or not model.compiled or model.optimizer is not optimizer:
        model.compile(optimizer=optimizer or keras.optimizers.Adam(learning_rate), loss=_masked_bce)
    y = np.concatenate([data.targets, data.weights], axis=1).astype(np.float32)
    epochs = min(REPORTS, steps)
    stream = (
        tf.data.Dataset.from_tensor_slices((inputs, y))
        .shuffle(len(y), seed=seed, reshuffle_each_iteration=True)
        .repeat()
        .batch(batch)
        .prefetch(2)
    )
    progress = _Progress(epochs, on_epoch)
    model.fit(
        stream,
        epochs=epochs,
        steps_per_epoch=-(-steps // epochs),
        verbose=0,
        shuffle=False,
        callbacks=[progress],
    )
    if progress.stopped:
        raise TrainingStopped()


def head_after(start: TrainedHead, layer: ResidualTags, version: str) -> TrainedHead:
    """`start` with the trained layer's weights, as version `version`."""
    kernel, bias, scale = (np.asarray(w, dtype=np.float32) for w in layer.get_weights())
    return replace(
        start,
        version=version,
        kernel=kernel,
        bias=bias,
        scale=scale,
        tag_thresholds=start.tag_thresholds.copy(),
        overrides={},
    )
