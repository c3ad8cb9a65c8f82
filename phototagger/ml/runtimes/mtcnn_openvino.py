"""MTCNN's P/R/O-Nets on OpenVINO (CPU), built straight from the numpy weights with OpenVINO's
opset API by walking the same layer list as the Keras build (ml.mtcnn_net). Nothing is converted,
so neither TensorFlow nor Keras is imported, not even once.

The Keras P-Net resizes inside the TensorFlow graph (`tf.image.resize(method="area")`). Here the
area resize is numpy, written to TensorFlow's formula so the two runtimes see the same pixels
(tests/test_people_openvino_agrees.py). R-Net and O-Net take crops made by ml.faces on both.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from phototagger.ml.mtcnn_net import ONET, PNET, RNET, NetSpec, Runner, expected_shapes
from phototagger.ml.mtcnn_weights import check_shapes, package_weights_dir, read_weights

# fp32 like the Keras nets. bf16 (OpenVINO's default on some CPUs) was measured and not adopted
# (benchmarks/face_cost.py, 300 det-photos, AVX512_BF16 CPU): 15.7 ms of CPU per photo against
# 17.5, as the nets are small and most of the cost is numpy resizing and cropping around them, and
# it found 31 faces against 34 (people tags identical on 99.3 %, recall 94.7 % against 100 %).
PRECISION = "f32"


def build(spec: NetSpec, weights: list[np.ndarray]) -> Any:
    """An openvino.Model for `spec` with `weights` as constants. Input NHWC float32 (P-Net: any
    height and width, already resized: see area_resize); outputs are the heads in order, P-Net's
    NHWC like Keras's."""
    import openvino as ov
    import openvino.opset13 as op

    check_shapes(spec.name, weights, expected_shapes(spec))
    queue = list(weights)

    def const(array: np.ndarray) -> Any:
        return op.constant(np.ascontiguousarray(array, dtype=np.float32))

    def conv(x: Any, kernel: np.ndarray, bias: np.ndarray) -> Any:
        # Keras kernels are (kh, kw, in, out); OpenVINO's are (out, in, kh, kw).
        y = op.convolution(x, const(kernel.transpose(3, 2, 0, 1)), [1, 1], [0, 0], [0, 0], [1, 1])
        return op.add(y, const(bias.reshape(1, -1, 1, 1)))

    def dense(x: Any, kernel: np.ndarray, bias: np.ndarray) -> Any:
        return op.add(op.matmul(x, const(kernel), False, False), const(bias))

    size = spec.input_size or -1
    image = op.parameter([-1, size, size, 3], ov.Type.f32, name="image")
    inputs = [image]
    x = op.transpose(image, op.constant(np.array([0, 3, 1, 2], np.int64)))  # NCHW
    flat = False
    for layer in spec.trunk:
        if layer.kind == "conv":
            x = conv(x, queue.pop(0), queue.pop(0))
        elif layer.kind == "prelu":
            # One slope per channel: axis 1 of NCHW, or of the flattened (N, features).
            x = op.prelu(x, const(queue.pop(0).reshape(-1)))
        elif layer.kind == "pool":
            # Keras "same" pads the extra row/column at the end, like OpenVINO's same_upper.
            pad = "same_upper" if layer.padding == "same" else "valid"
            x = op.max_pool(
                x, [layer.stride] * 2, [1, 1], [0, 0], [0, 0], [layer.size] * 2, "floor", pad
            ).output(0)
        elif layer.kind == "flatten":
            # Keras permutes NHWC to (N, W, H, C) before flattening (Caffe's order).
            x = op.transpose(x, op.constant(np.array([0, 3, 2, 1], np.int64)))
            x = op.reshape(x, op.constant(np.array([0, -1], np.int64)), True)
            flat = True
        elif layer.kind == "dense":
            x = dense(x, queue.pop(0), queue.pop(0))
    outputs = []
    for i, _ in enumerate(spec.heads):
        last = i == len(spec.heads) - 1
        if flat:
            y = dense(x, queue.pop(0), queue.pop(0))
            outputs.append(op.softmax(y, 1) if last else y)
        else:
            y = conv(x, queue.pop(0), queue.pop(0))
            y = op.softmax(y, 1) if last else y
            outputs.append(op.transpose(y, op.constant(np.array([0, 2, 3, 1], np.int64))))
    return ov.Model([o.output(0) for o in outputs], inputs, spec.name)


def compile_net(model: Any, threads: int | None = None, precision: str = PRECISION) -> Any:
    import openvino as ov

    config: dict[str, Any] = {
        "PERFORMANCE_HINT": "LATENCY",
        "INFERENCE_PRECISION_HINT": precision,
        # P-Net sees a new input shape per pyramid level and thumbnail shape; the CPU plugin
        # keeps the kernels built for each (5,000 by default), which took 460 MB of a scan's
        # 1.4 GB peak on 300 photos. 32 keeps a batch's levels and costs no measurable time.
        "CPU_RUNTIME_CACHE_CAPACITY": 32,
    }
    if threads:
        config["INFERENCE_NUM_THREADS"] = threads
    return ov.Core().compile_model(model, "CPU", config)


@functools.cache
def load_nets(threads: int | None = None, precision: str = PRECISION) -> dict[str, Runner]:
    """The same runners as ml.mtcnn_net.load_nets (same arguments, same outputs), on OpenVINO.
    `threads` and `precision` are for benchmarks/face_cost.py's variants."""
    folder = package_weights_dir()
    compiled = {
        spec.name: compile_net(
            build(spec, read_weights(folder / f"{spec.name}.lz4")), threads, precision
        )
        for spec in (PNET, RNET, ONET)
    }

    def infer(name: str, *inputs: np.ndarray) -> list[np.ndarray]:
        # Copied: output tensors belong to the infer request and the next call reuses them.
        result = compiled[name]([np.ascontiguousarray(x, dtype=np.float32) for x in inputs])
        return [np.array(result[i]) for i in range(len(result))]

    def pnet(images: np.ndarray, size: np.ndarray) -> list[np.ndarray]:
        return infer("pnet", area_resize(images, int(size[0]), int(size[1])))

    return {
        "pnet": pnet,
        "rnet": functools.partial(infer, "rnet"),
        "onet": functools.partial(infer, "onet"),
    }


@functools.lru_cache(maxsize=128)
def area_weights(inside: int, outside: int) -> np.ndarray:
    """(outside, inside): TensorFlow's area resize along one axis (align_corners=False). Each
    output pixel averages the input span [o * scale, (o + 1) * scale), partial pixels weighted."""
    scale = np.float32(inside) / np.float32(outside)
    weights = np.zeros((outside, inside), np.float64)
    for o in range(outside):
        start, end = float(np.float32(o) * scale), float(np.float32(o + 1) * scale)
        for i in range(int(np.floor(start)), int(np.ceil(end))):
            weights[o, min(i, inside - 1)] += min(i + 1.0, end) - max(float(i), start)
    weights = (weights / float(scale)).astype(np.float32)
    weights.flags.writeable = False  # shared by every call through the cache
    return weights


def area_resize(images: np.ndarray, height: int, width: int) -> np.ndarray:
    """tf.image.resize(images, (height, width), method="area") of NHWC float32 images, with the
    weights of area_weights applied band by band: each output pixel mixes only the few input
    pixels under it, so this costs a few passes over the image where the dense matrix products
    (formerly inside P-Net's graph) cost one pass per output row: they were half of P-Net's
    time on the scan's thumbnails (benchmarks/face_cost.py)."""
    return _resize_axis(_resize_axis(images, 1, height), 2, width)


def _resize_axis(images: np.ndarray, axis: int, size: int) -> np.ndarray:
    indices, weights = _banded(images.shape[axis], size)
    shape = [1] * images.ndim
    shape[axis] = size
    out = images.take(indices[0], axis=axis)
    out *= weights[0].reshape(shape)
    band = np.empty_like(out)  # one buffer for every band: the same sums, fewer allocations
    for index, weight in zip(indices[1:], weights[1:], strict=True):
        images.take(index, axis=axis, out=band)
        band *= weight.reshape(shape)
        out += band
    return out


@functools.lru_cache(maxsize=128)
def _banded(inside: int, outside: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """area_weights(inside, outside) as bands: band k holds, for each output, the index of its
    k-th input pixel and that pixel's weight (0 where an output has fewer)."""
    weights = area_weights(inside, outside)
    nonzero = weights != 0
    first = nonzero.argmax(axis=1)
    width = int((nonzero.shape[1] - nonzero[:, ::-1].argmax(axis=1) - first).max())
    outputs = np.arange(weights.shape[0])
    indices, values = [], []
    for k in range(width):
        index = np.minimum(first + k, weights.shape[1] - 1)
        value = np.where(first + k < weights.shape[1], weights[outputs, index], 0)
        indices.append(index)
        values.append(value.astype(np.float32))
    return indices, values
