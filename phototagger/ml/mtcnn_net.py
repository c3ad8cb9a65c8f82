"""MTCNN's three networks (P-Net, R-Net, O-Net) in Keras 3, built from plain numpy weights.

The layer list is data (`PNET`, `RNET`, `ONET`), so the same weights could be handed to another
runtime (OpenVINO, ONNX) by walking the same list. Input is (pixels - 127.5) / 128, NHWC, as the
original Caffe model was trained; the Permute before Flatten reproduces Caffe's (C, W, H) order.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from phototagger.ml.mtcnn_weights import check_shapes, package_weights_dir, read_weights

Runner = Callable[..., list[np.ndarray]]


@dataclass(frozen=True)
class Layer:
    kind: str  # conv | prelu | pool | flatten | dense
    units: int = 0
    size: int = 0
    stride: int = 1
    padding: str = "valid"


def _conv(units: int, size: int) -> Layer:
    return Layer("conv", units, size)


def _pool(size: int, padding: str) -> Layer:
    return Layer("pool", size=size, stride=2, padding=padding)


PRELU = Layer("prelu")
FLATTEN = Layer("flatten")

PNET_TRUNK = (_conv(10, 3), PRELU, _pool(2, "same"), _conv(16, 3), PRELU, _conv(32, 3), PRELU)
RNET_TRUNK = (
    _conv(28, 3),
    PRELU,
    _pool(3, "same"),
    _conv(48, 3),
    PRELU,
    _pool(3, "valid"),
    _conv(64, 2),
    PRELU,
    FLATTEN,
    Layer("dense", 128),
    PRELU,
)
ONET_TRUNK = (
    _conv(32, 3),
    PRELU,
    _pool(3, "same"),
    _conv(64, 3),
    PRELU,
    _pool(3, "valid"),
    _conv(64, 3),
    PRELU,
    _pool(2, "same"),
    _conv(128, 2),
    PRELU,
    FLATTEN,
    Layer("dense", 256),
    PRELU,
)


@dataclass(frozen=True)
class NetSpec:
    name: str
    input_size: int | None  # None: fully convolutional (P-Net)
    trunk: tuple[Layer, ...]
    heads: tuple[int, ...]  # output widths; the last is the 2-way face/not-face softmax


PNET = NetSpec("pnet", None, PNET_TRUNK, (4, 2))
RNET = NetSpec("rnet", 24, RNET_TRUNK, (4, 2))
ONET = NetSpec("onet", 48, ONET_TRUNK, (4, 10, 2))


def expected_shapes(spec: NetSpec) -> list[tuple[int, ...]]:
    """The weight shapes the spec needs, in the order the wheel stores them."""
    shapes: list[tuple[int, ...]] = []
    channels, spatial = 3, spec.input_size
    width = 0  # features after flatten
    for layer in spec.trunk:
        if layer.kind == "conv":
            shapes += [(layer.size, layer.size, channels, layer.units), (layer.units,)]
            channels = layer.units
            spatial = None if spatial is None else spatial - layer.size + 1
        elif layer.kind == "pool" and spatial is not None:
            spatial = (
                -(-spatial // 2) if layer.padding == "same" else (spatial - layer.size) // 2 + 1
            )
        elif layer.kind == "flatten":
            width = channels * (spatial or 0) ** 2
        elif layer.kind == "dense":
            shapes += [(width, layer.units), (layer.units,)]
            width = layer.units
        elif layer.kind == "prelu":
            shapes.append((1, 1, channels) if width == 0 else (width,))
    for units in spec.heads:
        if width == 0:
            shapes += [(1, 1, channels, units), (units,)]
        else:
            shapes += [(width, units), (units,)]
    return shapes


def build(spec: NetSpec, weights: list[np.ndarray]) -> Any:
    """A Keras model for `spec` with `weights` set; outputs are the heads in order."""
    import keras
    from keras import layers

    check_shapes(spec.name, weights, expected_shapes(spec))
    size = spec.input_size
    inputs = keras.Input((size, size, 3), dtype="float32")
    x = inputs
    for layer in spec.trunk:
        if layer.kind == "conv":
            x = layers.Conv2D(layer.units, layer.size, padding="valid")(x)
        elif layer.kind == "prelu":
            shared = [1, 2] if len(x.shape) == 4 else None
            x = layers.PReLU(shared_axes=shared)(x)
        elif layer.kind == "pool":
            x = layers.MaxPooling2D(layer.size, layer.stride, padding=layer.padding)(x)
        elif layer.kind == "flatten":
            x = layers.Flatten()(layers.Permute((2, 1, 3))(x))
        elif layer.kind == "dense":
            x = layers.Dense(layer.units)(x)
    outputs = []
    for i, units in enumerate(spec.heads):
        last = i == len(spec.heads) - 1
        activation = "softmax" if last else None
        if size is None:
            outputs.append(layers.Conv2D(units, 1, activation=activation)(x))
        else:
            outputs.append(layers.Dense(units, activation=activation)(x))
    model = keras.Model(inputs, outputs, name=spec.name)
    model.set_weights(weights)
    return model


@functools.cache
def load_nets() -> dict[str, Runner]:
    """{'pnet', 'rnet', 'onet'}, each traced once. P-Net takes a normalised NHWC float32 batch and
    the (height, width) to area-resize it to; R-Net and O-Net take a batch of crops (made by
    ml.faces, the same on every runtime) at their input size. Outputs are numpy arrays, heads in
    order."""
    import tensorflow as tf

    folder = package_weights_dir()
    runners: dict[str, Runner] = {}
    for spec in (PNET, RNET, ONET):
        model = build(spec, read_weights(folder / f"{spec.name}.lz4"))
        if spec.input_size is None:

            def pyramid_level(x: Any, size: Any, m: Any = model) -> Any:
                return m(tf.image.resize(x, size, method="area"), training=False)

            compiled = tf.function(
                pyramid_level,
                input_signature=[
                    tf.TensorSpec((None, None, None, 3), tf.float32),
                    tf.TensorSpec((2,), tf.int32),
                ],
            )
        else:

            def crops(x: Any, m: Any = model) -> Any:
                return m(x, training=False)

            side = spec.input_size
            compiled = tf.function(
                crops, input_signature=[tf.TensorSpec((None, side, side, 3), tf.float32)]
            )

        def run(*args: np.ndarray, fn: Any = compiled) -> list[np.ndarray]:
            return [np.asarray(out) for out in fn(*args)]

        runners[spec.name] = run
    return runners
