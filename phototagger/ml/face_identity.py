"""Face identity (spike): dlib's face-recognition ResNet in Keras, fed chips aligned from MTCNN.

dlib's network maps a 150x150 face chip to 128 numbers; two faces are the same person when their
descriptors are closer than 0.6 (Euclidean). Its weights are read from dlib's .dat file by
ml.dlib_dat (no dlib). This module:

- `build_face_net`: the Keras model (each convolution's affine layer folded into it: dlib's
  affine is a fixed per-channel scale and shift, so conv-then-affine is one convolution);
- `face_chip`: the 150x150 chip dlib's `get_face_chip_details(shape, 150, 0.25)` would cut,
  from MTCNN's five points instead of dlib's 5-point shape predictor. dlib aligns its own five
  points (eye corners, bottom of the nose) to a template taken from its 68-point mean face;
  MTCNN gives eye centres, nose tip and mouth corners, so the template here is the same mean
  face at those points (means of the six points round each eye, point 30, points 48 and 54),
  with dlib's padding: template (p + padding) / (1 + 2 padding) * size;
- `FaceIdentity`: chips in, descriptors out.

Not wired into the scan (a spike: see benchmarks/face_identity.py for how well it separates
people).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from PIL import Image

from phototagger.ml.dlib_dat import CHIP_SIZE, FACE_NET, FaceNetWeights, Layer
from phototagger.ml.faces import FaceBox

CHIP_PADDING = 0.25  # dlib's face_recognition_model_v1.compute_face_descriptor
SAME_PERSON = 0.6  # dlib's threshold (the loss layer's distance threshold)
ONET_SIDE = 48  # MTCNN O-Net's input

# dlib's mean face (interpolation.h, get_face_chip_details), points 17-67 of the 68-point shape.
_MEAN_X = (
    0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483, 0.799124,
    0.904991, 0.98004, 0.490127, 0.490127, 0.490127, 0.490127, 0.36688, 0.426036,
    0.490127, 0.554217, 0.613373, 0.121737, 0.187122, 0.265825, 0.334606, 0.260918,
    0.182743, 0.645647, 0.714428, 0.793132, 0.858516, 0.79751, 0.719335, 0.254149,
    0.340985, 0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159, 0.556721,
    0.490127, 0.423532, 0.338094, 0.290379, 0.428096, 0.490127, 0.552157, 0.689874,
    0.553364, 0.490127, 0.42689,
)  # fmt: skip
_MEAN_Y = (
    0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906, 0.0344891,
    0.0187482, 0.038915, 0.106454, 0.203352, 0.307009, 0.409805, 0.515625, 0.587326,
    0.609345, 0.628106, 0.609345, 0.587326, 0.216423, 0.178758, 0.179852, 0.231733,
    0.245099, 0.244077, 0.231733, 0.179852, 0.178758, 0.216423, 0.244077, 0.245099,
    0.780233, 0.745405, 0.727388, 0.742578, 0.727388, 0.745405, 0.780233, 0.864805,
    0.902192, 0.909281, 0.902192, 0.864805, 0.784792, 0.778746, 0.785343, 0.778746,
    0.784792, 0.824182, 0.831803, 0.824182,
)  # fmt: skip


def _mean_point(*points: int) -> tuple[float, float]:
    return (
        float(np.mean([_MEAN_X[p - 17] for p in points])),
        float(np.mean([_MEAN_Y[p - 17] for p in points])),
    )


# MTCNN's five points in its order: the eye on the image's left, the other eye, the nose tip,
# the mouth corner on the image's left, the other corner; as points of dlib's mean face.
MTCNN_TEMPLATE = np.array(
    [
        _mean_point(36, 37, 38, 39, 40, 41),
        _mean_point(42, 43, 44, 45, 46, 47),
        _mean_point(30),
        _mean_point(48),
        _mean_point(54),
    ],
    np.float64,
)


def similarity(source: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The 2x3 similarity transform (scale, rotation, shift) taking `source` points nearest to
    `target` points in least squares (Umeyama; dlib's find_similarity_transform)."""
    src, dst = np.asarray(source, np.float64), np.asarray(target, np.float64)
    mu_s, mu_d = src.mean(0), dst.mean(0)
    s, d = src - mu_s, dst - mu_d
    cov = d.T @ s / len(src)
    u, sv, vt = np.linalg.svd(cov)
    sign = np.eye(2)
    if np.linalg.det(u) * np.linalg.det(vt) < 0:
        sign[1, 1] = -1
    rotation = u @ sign @ vt
    scale = float(np.trace(np.diag(sv) @ sign)) / float((s**2).sum() / len(src))
    m = scale * rotation
    return np.hstack([m, (mu_d - m @ mu_s)[:, None]])


def face_chip(
    image: np.ndarray, landmarks: np.ndarray, size: int = CHIP_SIZE, padding: float = CHIP_PADDING
) -> np.ndarray:
    """The (size, size, 3) uint8 chip of the face whose MTCNN points (5, 2: x, y in pixels of
    `image`, uint8 RGB) are `landmarks`. Like dlib, a face much larger than the chip is taken
    from a halved image (as many times as it stays at least the chip's size), then sampled
    bilinearly."""
    chip_points = (MTCNN_TEMPLATE + padding) / (1 + 2 * padding) * size
    transform = similarity(chip_points, np.asarray(landmarks, np.float64))
    scale = float(np.hypot(*transform[:, 0]))  # image pixels per chip pixel
    source = Image.fromarray(np.ascontiguousarray(image[..., :3]))
    factor = 1
    while scale / (factor * 2) >= 1 and min(source.size) >= 4:
        source = source.reduce(2)
        factor *= 2
    # dlib's coordinates put pixel centres on integers, PIL's on half-integers; a halving of
    # the image halves PIL's coordinates.
    m, t = transform[:, :2], transform[:, 2]
    shift = (t + 0.5 - m @ np.array([0.5, 0.5])) / factor
    m = m / factor
    chip = source.transform(
        (size, size),
        Image.Transform.AFFINE,
        (
            float(m[0, 0]),
            float(m[0, 1]),
            float(shift[0]),
            float(m[1, 0]),
            float(m[1, 1]),
            float(shift[1]),
        ),
        resample=Image.Resampling.BILINEAR,
    )
    return np.asarray(chip, np.uint8)


def five_points(
    image: np.ndarray, boxes: np.ndarray, onet: Callable[[np.ndarray], list[np.ndarray]]
) -> np.ndarray:
    """(N, 5, 2) MTCNN points (x, y in pixels, dlib's convention: pixel centres on integers)
    of the faces in `boxes` (N, 4: x1, y1, x2, y2 pixels of `image`, uint8 RGB), from O-Net
    (`onet`: crops in, [offsets, points, scores] out) run again on each box made square: the
    stored boxes keep no points, and O-Net places them in whatever crop it is given. The crop
    is resampled from the full image (PIL, antialiased), so the points are as sharp as the
    photo, not the scan's thumbnail."""
    if not len(boxes):
        return np.zeros((0, 5, 2), np.float64)
    source = Image.fromarray(np.ascontiguousarray(image[..., :3]))
    x1, y1, x2, y2 = (np.asarray(boxes, np.float64)[:, i] for i in range(4))
    side = np.maximum(x2 - x1, y2 - y1)
    left, top = (x1 + x2 - side) / 2, (y1 + y2 - side) / 2
    crops = np.stack(
        [
            square_crop(source, lx, ty, s, ONET_SIDE)
            for lx, ty, s in zip(left, top, side, strict=True)
        ]
    )
    crops = (crops - 127.5) / 128.0
    points = np.asarray(onet(crops)[1], np.float64)
    xs = left[:, None] + points[:, :5] * side[:, None] - 0.5
    ys = top[:, None] + points[:, 5:] * side[:, None] - 0.5
    return np.stack([xs, ys], axis=2)


def face_chips(
    image: np.ndarray,
    faces: Sequence[FaceBox],
    onet: Callable[[np.ndarray], list[np.ndarray]],
) -> list[np.ndarray]:
    """The chips of `faces` (as the detector stores them: relative to the photo, found on its
    thumbnail) cut from `image`, the photo at any larger size (uint8 RGB)."""
    h, w = image.shape[:2]
    boxes = np.array([[f.x * w, f.y * h, (f.x + f.w) * w, (f.y + f.h) * h] for f in faces])
    return [face_chip(image, points) for points in five_points(image, boxes, onet)]


def square_crop(source: Image.Image, left: float, top: float, side: float, out: int) -> np.ndarray:
    """(out, out, 3) float32: the square at (left, top) of `side` pixels resampled (PIL
    bilinear, antialiased), mid-grey where it leaves the image (as the detector pads)."""
    x0, y0 = int(np.floor(left)) - 1, int(np.floor(top)) - 1
    x1, y1 = int(np.ceil(left + side)) + 1, int(np.ceil(top + side)) + 1
    canvas = Image.new("RGB", (x1 - x0, y1 - y0), (128, 128, 128))
    width, height = source.size
    inside = (max(x0, 0), max(y0, 0), min(x1, width), min(y1, height))
    if inside[0] < inside[2] and inside[1] < inside[3]:
        canvas.paste(source.crop(inside), (inside[0] - x0, inside[1] - y0))
    box = (left - x0, top - y0, left - x0 + side, top - y0 + side)
    return np.asarray(canvas.resize((out, out), Image.Resampling.BILINEAR, box=box), np.float32)


def build_face_net(weights: FaceNetWeights) -> Any:
    """The Keras model: (N, 150, 150, 3) float32 RGB pixels (0-255) in, (N, 128) descriptors out
    (dlib's input layer subtracts the mean colour and divides by 256; so does the model)."""
    import keras
    from keras import layers

    source, *rest = weights.layers
    mean = source.arrays["mean"]
    inputs = keras.Input((CHIP_SIZE, CHIP_SIZE, 3), dtype="float32")
    x = layers.Rescaling(1 / 256, offset=-mean / 256, name="dlib_input")(inputs)
    tags: dict[int, Any] = {}
    tagged = _with_connections(rest)
    for i, item in enumerate(tagged):
        if isinstance(item, tuple):
            kind, tag = item
            if kind == "tag":
                tags[tag] = x
            else:  # skip: go on from the tagged output
                x = tags[tag]
            continue
        kind = item.spec.kind
        if kind == "con":
            affine = tagged[i + 1]
            if not isinstance(affine, Layer) or affine.spec.kind != "affine":
                raise ValueError("dlib face net: a convolution without its affine layer")
            x = _conv(layers, item, affine)(x)
        elif kind == "relu":
            x = layers.ReLU()(x)
        elif kind == "max_pool":
            x = layers.MaxPooling2D(item.spec.size, item.spec.stride, padding="valid")(x)
        elif kind == "avg_pool" and item.spec.size == 0:
            x = layers.GlobalAveragePooling2D()(x)
        elif kind == "avg_pool":
            x = layers.AveragePooling2D(item.spec.size, item.spec.stride, padding="valid")(x)
        elif kind == "add_prev":
            x = _add_padded(layers, x, tags[item.spec.tag])
        elif kind == "fc":
            dense = layers.Dense(item.spec.filters, use_bias=False, name="descriptor")
            x = dense(x)
            dense.set_weights([item.arrays["kernel"]])
    return keras.Model(inputs, x, name="dlib_face_resnet_v1")


def _with_connections(data_layers: list[Layer]) -> list[Layer | tuple[str, int]]:
    """The network in run order, input side first: data layers and ("tag"/"skip", id)."""
    out: list[Layer | tuple[str, int]] = []
    it = iter(data_layers)
    for spec in reversed(FACE_NET[:-1]):
        out.append(next(it) if spec.has_data else (spec.kind, spec.tag))
    return out


def _conv(layers: Any, conv: Layer, affine: Layer) -> Any:
    """One Conv2D: dlib's convolution followed by its affine layer, folded."""
    gamma, beta = affine.arrays["gamma"], affine.arrays["beta"]
    kernel = conv.arrays["kernel"] * gamma
    bias = conv.arrays["bias"] * gamma + beta
    padding = "same" if conv.padding else "valid"  # dlib pads (size // 2) with stride 1 only
    layer = layers.Conv2D(conv.spec.filters, conv.spec.size, conv.spec.stride, padding=padding)
    layer.build((None, None, None, kernel.shape[2]))
    layer.set_weights([kernel, bias])
    return layer


def _add_padded(layers: Any, a: Any, b: Any) -> Any:
    """dlib's add_prev: the sum over the larger of both shapes, the smaller one zero-padded at
    the end (more rows, columns or channels). In this network a downsampling block's output
    has a row and column fewer than its pooled input (3x3 stride 2 without padding: 8 -> 3
    against 8 -> 4) and the pooled input has half the block's channels."""
    rows = max(int(a.shape[1]), int(b.shape[1]))
    cols = max(int(a.shape[2]), int(b.shape[2]))
    channels = max(int(a.shape[3]), int(b.shape[3]))
    return layers.Add()([_pad_to(layers, t, rows, cols, channels) for t in (a, b)])


def _pad_to(layers: Any, x: Any, rows: int, cols: int, channels: int) -> Any:
    extra_rows, extra_cols = rows - int(x.shape[1]), cols - int(x.shape[2])
    if extra_rows or extra_cols:
        x = layers.ZeroPadding2D(((0, extra_rows), (0, extra_cols)))(x)
    have = int(x.shape[3])
    if have < channels:
        # Zero channels appended: a fixed 1x1 convolution copying the first ones.
        widen = layers.Conv2D(channels, 1, use_bias=False, trainable=False)
        widen.build((None, None, None, have))
        widen.set_weights([np.eye(have, channels, dtype=np.float32)[None, None]])
        x = widen(x)
    return x


class FaceIdentity:
    """dlib's face descriptors for face chips (see face_chip)."""

    def __init__(self, weights: FaceNetWeights) -> None:
        from phototagger.ml.device import import_tensorflow

        tf = import_tensorflow()
        self.threshold = weights.distance_threshold
        model = build_face_net(weights)
        self._run = tf.function(
            lambda x: model(x, training=False),
            input_signature=[tf.TensorSpec((None, CHIP_SIZE, CHIP_SIZE, 3), tf.float32)],
        )

    def descriptors(self, chips: Sequence[np.ndarray] | np.ndarray) -> np.ndarray:
        """(N, 128) float32 descriptors of N uint8 chips (150, 150, 3)."""
        batch = np.asarray(chips, np.float32).reshape(-1, CHIP_SIZE, CHIP_SIZE, 3)
        if not len(batch):
            return np.zeros((0, 128), np.float32)
        return np.asarray(self._run(batch), np.float32)


def distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(len(a), len(b)) Euclidean distances between descriptors."""
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    sq = (a64**2).sum(1)[:, None] + (b64**2).sum(1)[None, :] - 2 * a64 @ b64.T
    return np.sqrt(np.maximum(sq, 0.0))
