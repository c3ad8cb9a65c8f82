"""EfficientNet-Lite0 in Keras 3 (functional API), laid out for the EfficientNet-PyTorch weights.

Lite0 is B0 without squeeze-excitation, with ReLU6 and a fixed 32-filter stem and 1280-filter head.
Three details decide whether the port matches the original: TensorFlow "same" padding (asymmetric on
stride 2, which Keras' padding="same" gives on the TensorFlow backend), BatchNorm epsilon 1e-3, and
input scaled as (x - 127) / 128. Preprocessing lives inside the model, so callers pass uint8 RGB.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import keras
import numpy as np
from keras import layers

INPUT_SIZE = 224
EMBEDDING_SIZE = 1280
NUM_CLASSES = 1000
BN_EPSILON = 1e-3


@dataclass(frozen=True)
class Stage:
    kernel: int
    stride: int
    expand: int
    filters: int
    repeats: int


STAGES = (
    Stage(3, 1, 1, 16, 1),
    Stage(3, 2, 6, 24, 2),
    Stage(5, 2, 6, 40, 2),
    Stage(3, 2, 6, 80, 3),
    Stage(5, 1, 6, 112, 3),
    Stage(5, 2, 6, 192, 4),
    Stage(3, 1, 6, 320, 1),
)


def _bn(name: str) -> layers.BatchNormalization:
    return layers.BatchNormalization(epsilon=BN_EPSILON, momentum=0.99, name=name)


# The last block and the head convolution: what a deep fine-tune trains. Their input is the
# output of SPLIT_LAYER (7x7x192), computed once per photo by the frozen rest of the network.
SPLIT_LAYER = "block14_add"
TOP_LAYERS = (
    "block15_expand",
    "block15_bn0",
    "block15_dw",
    "block15_bn1",
    "block15_project",
    "block15_bn2",
    "head_conv",
    "head_bn",
)


def build_lite0() -> keras.Model:
    """uint8 (N, 224, 224, 3) -> {"embedding": (N, 1280), "probabilities": (N, 1000),
    "features": (N, 7, 7, 192) the input of the top block}."""
    pixels = keras.Input((INPUT_SIZE, INPUT_SIZE, 3), dtype="uint8", name="pixels")
    x = layers.Rescaling(1.0 / 128.0, offset=-127.0 / 128.0, name="scale")(pixels)
    x = layers.Conv2D(32, 3, strides=2, padding="same", use_bias=False, name="stem_conv")(x)
    x = _bn("stem_bn")(x)
    x = layers.ReLU(6.0, name="stem_relu")(x)
    channels = 32
    features = x
    for index, (stage, stride) in enumerate(_block_plan()):
        if index == len(_block_plan()) - 1:
            features = x  # what the top block sees: the deep fine-tune starts here
        x = _block(x, index, channels, stage.filters, stage.kernel, stride, stage.expand)
        channels = stage.filters
    embedding = _head(x)
    logits = layers.Dense(NUM_CLASSES, name="classifier")(embedding)
    probabilities = layers.Softmax(name="probabilities")(logits)
    return keras.Model(
        pixels,
        {"embedding": embedding, "probabilities": probabilities, "features": features},
        name="efficientnet_lite0",
    )


def _block_plan() -> list[tuple[Stage, int]]:
    """Every block in order, with its stride (only a stage's first block strides)."""
    return [
        (stage, stage.stride if repeat == 0 else 1)
        for stage in STAGES
        for repeat in range(stage.repeats)
    ]


def _head(x: Any) -> Any:
    x = layers.Conv2D(EMBEDDING_SIZE, 1, use_bias=False, name="head_conv")(x)
    x = _bn("head_bn")(x)
    x = layers.ReLU(6.0, name="head_relu")(x)
    return layers.GlobalAveragePooling2D(name="embedding")(x)


def build_top() -> keras.Model:
    """The top block and head convolution alone: features (N, 7, 7, 192) -> embedding (N, 1280).
    Layer names match build_lite0's, so weights copy across by name."""
    last = STAGES[-1]
    features = keras.Input((7, 7, STAGES[-2].filters), name="features")
    x = _block(
        features,
        len(_block_plan()) - 1,
        STAGES[-2].filters,
        last.filters,
        last.kernel,
        1,
        last.expand,
    )
    return keras.Model(features, _head(x), name="lite0_top")


def _block(
    x: Any, index: int, in_ch: int, out_ch: int, kernel: int, stride: int, expand: int
) -> Any:
    name = f"block{index}"
    inputs = x
    if expand != 1:
        x = layers.Conv2D(in_ch * expand, 1, use_bias=False, name=f"{name}_expand")(x)
        x = _bn(f"{name}_bn0")(x)
        x = layers.ReLU(6.0, name=f"{name}_relu0")(x)
    x = layers.DepthwiseConv2D(
        kernel, strides=stride, padding="same", use_bias=False, name=f"{name}_dw"
    )(x)
    x = _bn(f"{name}_bn1")(x)
    x = layers.ReLU(6.0, name=f"{name}_relu1")(x)
    x = layers.Conv2D(out_ch, 1, use_bias=False, name=f"{name}_project")(x)
    x = _bn(f"{name}_bn2")(x)
    if stride == 1 and in_ch == out_ch:
        x = layers.Add(name=f"{name}_add")([x, inputs])
    return x


def _conv(w: np.ndarray) -> np.ndarray:
    return np.transpose(w, (2, 3, 1, 0))  # torch (out, in, kh, kw) -> keras (kh, kw, in, out)


def _depthwise(w: np.ndarray) -> np.ndarray:
    return np.transpose(w, (2, 3, 0, 1))  # torch (ch, 1, kh, kw) -> keras (kh, kw, ch, 1)


def _bn_weights(state: dict[str, np.ndarray], prefix: str) -> list[np.ndarray]:
    return [
        state[f"{prefix}.weight"],
        state[f"{prefix}.bias"],
        state[f"{prefix}.running_mean"],
        state[f"{prefix}.running_var"],
    ]


def torch_to_keras_weights(state: dict[str, np.ndarray]) -> dict[str, list[np.ndarray]]:
    """Map EfficientNet-PyTorch state-dict names onto this model's layer names."""
    mapping: dict[str, list[np.ndarray]] = {
        "stem_conv": [_conv(state["_conv_stem.weight"])],
        "stem_bn": _bn_weights(state, "_bn0"),
        "head_conv": [_conv(state["_conv_head.weight"])],
        "head_bn": _bn_weights(state, "_bn1"),
        "classifier": [state["_fc.weight"].T, state["_fc.bias"]],
    }
    index = 0
    for stage in STAGES:
        for _ in range(stage.repeats):
            src, dst = f"_blocks.{index}", f"block{index}"
            if stage.expand != 1:
                mapping[f"{dst}_expand"] = [_conv(state[f"{src}._expand_conv.weight"])]
                mapping[f"{dst}_bn0"] = _bn_weights(state, f"{src}._bn0")
            mapping[f"{dst}_dw"] = [_depthwise(state[f"{src}._depthwise_conv.weight"])]
            mapping[f"{dst}_bn1"] = _bn_weights(state, f"{src}._bn1")
            mapping[f"{dst}_project"] = [_conv(state[f"{src}._project_conv.weight"])]
            mapping[f"{dst}_bn2"] = _bn_weights(state, f"{src}._bn2")
            index += 1
    used = {k for k in state if not k.endswith("num_batches_tracked")}
    expected = 5 + sum((6 if s.expand != 1 else 4) * s.repeats for s in STAGES)
    if len(mapping) != expected:
        raise ValueError(f"mapped {len(mapping)} layers, expected {expected}")
    n_arrays = sum(len(v) for v in mapping.values())
    if n_arrays != len(used):
        raise ValueError(f"state dict has {len(used)} tensors but {n_arrays} were mapped")
    return mapping


def assign_weights(model: keras.Model, mapping: dict[str, list[np.ndarray]]) -> None:
    for name, arrays in mapping.items():
        layer = model.get_layer(name)
        current = layer.get_weights()
        if [a.shape for a in current] != [a.shape for a in arrays]:
            raise ValueError(
                f"{name}: shapes {[a.shape for a in arrays]} do not fit "
                f"{[a.shape for a in current]}"
            )
        layer.set_weights([a.astype("float32") for a in arrays])
