"""Read dlib's face-recognition network (`dlib_face_recognition_resnet_model_v1.dat`) without dlib.

The file is `dlib::serialize(net)` of the network in dlib's examples/dnn_face_recognition_ex.cpp
(a 29-convolution ResNet: 150x150 RGB face chip in, 128 numbers out). dlib's format
(dlib/serialize.h, dlib/dnn/core.h, layers.h, input.h, tensor.h):

- an integer: one control byte (bit 7: negative, low 4 bits: how many bytes follow), then that
  many bytes, little endian; a bool: the byte '0' or '1'; a string: its length as an integer,
  then its bytes; a float or double: an int64 mantissa and an int16 exponent as two integers
  (value = mantissa * 2**exponent);
- a tensor: version 2, four dimensions (samples, channels, rows, columns), then that many
  little-endian float32; an alias tensor (a view into a layer's `params`): version 1, four dims;
- the network nests: each layer is serialized *around* the layers below it (its version, then
  everything under it, then its own details), so the file opens with the nesting's version
  numbers down to the input layer, and then the layers' details from the input up.

The tag and skip layers that make the residual connections carry no data: where they sit comes
from the network's definition (`FACE_NET`), which this reader checks the file against step by
step (versions, layer names, sizes, strides, paddings, tensor shapes) and refuses a file that
differs, is cut short or runs on (`DlibFormatError`). Nothing in the file is executed.
Pure numpy.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MODEL_FILE = "dlib_face_recognition_resnet_model_v1.dat"
CHIP_SIZE = 150
DESCRIPTOR_SIZE = 128
# dlib's file is 22,466,066 bytes; anything far larger is not this network.
_MAX_FILE_BYTES = 64 * 1024 * 1024
_MAX_STRING = 64


class DlibFormatError(ValueError):
    """The file is not dlib's face-recognition network as this reader knows it."""


@dataclass(frozen=True)
class Spec:
    """One layer of the network, outermost first: `kind` is a dlib layer ("con", "affine",
    "relu", "max_pool", "avg_pool", "add_prev", "fc", "input") or a connection ("tag", "skip");
    `filters`, `size`, `stride` for con and the pools; `tag` for tag, skip and add_prev."""

    kind: str
    filters: int = 0
    size: int = 0
    stride: int = 1
    tag: int = 0

    @property
    def has_data(self) -> bool:
        return self.kind not in ("tag", "skip")


def _block(n: int, stride: int) -> list[Spec]:
    # block = affine<con<N,3,3,1,1,relu<affine<con<N,3,3,stride,stride,SUBNET>>>>>
    return [
        Spec("affine"),
        Spec("con", n, 3, 1),
        Spec("relu"),
        Spec("affine"),
        Spec("con", n, 3, stride),
    ]


def _ares(n: int) -> list[Spec]:
    # relu<add_prev1<block<N,affine,1,tag1<SUBNET>>>>
    return [Spec("relu"), Spec("add_prev", tag=1), *_block(n, 1), Spec("tag", tag=1)]


def _ares_down(n: int) -> list[Spec]:
    # relu<add_prev2<avg_pool<2,2,2,2,skip1<tag2<block<N,affine,2,tag1<SUBNET>>>>>>>
    return [
        Spec("relu"),
        Spec("add_prev", tag=2),
        Spec("avg_pool", size=2, stride=2),
        Spec("skip", tag=1),
        Spec("tag", tag=2),
        *_block(n, 2),
        Spec("tag", tag=1),
    ]


# loss_metric<fc_no_bias<128,avg_pool_everything<alevel0<...alevel4<max_pool<3,3,2,2,relu<
# affine<con<32,7,7,2,2,input_rgb_image_sized<150>>>>>>>>>>>> (the loss itself is read apart).
FACE_NET: tuple[Spec, ...] = (
    Spec("fc", DESCRIPTOR_SIZE),
    Spec("avg_pool", size=0, stride=1),  # avg_pool_everything: avg_pool<0,0,0,0>
    *_ares_down(256),  # alevel0
    *_ares(256),  # alevel1
    *_ares(256),
    *_ares_down(256),
    *_ares(128),  # alevel2
    *_ares(128),
    *_ares_down(128),
    *_ares(64),  # alevel3
    *_ares(64),
    *_ares(64),
    *_ares_down(64),
    *_ares(32),  # alevel4
    *_ares(32),
    *_ares(32),
    Spec("max_pool", size=3, stride=2),
    Spec("relu"),
    Spec("affine"),
    Spec("con", 32, 7, 2),
    Spec("input", size=CHIP_SIZE),
)


@dataclass
class Layer:
    """A layer read from the file: its spec and, for con, affine and fc, its arrays (con:
    `kernel` (rows, cols, in, out) and `bias`; affine: `gamma`, `beta` per channel; fc:
    `kernel` (in, out); input: `mean` RGB), and `padding` of con and the pools."""

    spec: Spec
    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    padding: int = 0


@dataclass(frozen=True)
class FaceNetWeights:
    """The network, input first (the order it runs in), and the loss's distance threshold."""

    layers: tuple[Layer, ...]
    distance_threshold: float


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def _take(self, n: int, what: str) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise DlibFormatError(
                f"the file ends inside {what} (at byte {self.pos:,} of {len(self.data):,}): "
                "it is truncated"
            )
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def integer(self, what: str, signed: bool = True, max_bytes: int = 8) -> int:
        control = self._take(1, what)[0]
        size = control & 0x0F
        if control & 0x70 or not 1 <= size <= max_bytes or (control & 0x80 and not signed):
            raise DlibFormatError(f"malformed integer ({what}) at byte {self.pos - 1:,}")
        value = int.from_bytes(self._take(size, what), "little")
        return -value if control & 0x80 else value

    def expect_int(self, expected: int, what: str) -> None:
        found = self.integer(what)
        if found != expected:
            raise DlibFormatError(f"{what}: expected {expected}, found {found}")

    def boolean(self, what: str) -> bool:
        byte = self._take(1, what)
        if byte not in (b"0", b"1"):
            raise DlibFormatError(f"malformed bool ({what}) at byte {self.pos - 1:,}")
        return byte == b"1"

    def real(self, what: str) -> float:
        if self.pos < len(self.data) and self.data[self.pos] & 0x70:
            raise DlibFormatError(f"{what} is in dlib's old text format, not supported")
        mantissa = self.integer(what)
        exponent = self.integer(what, max_bytes=2)
        if exponent >= 32000:  # dlib's codes for inf, -inf and NaN
            raise DlibFormatError(f"{what} is not a finite number")
        return float(np.ldexp(float(mantissa), exponent))

    def string(self, what: str) -> str:
        n = self.integer(what, signed=False)
        if n > _MAX_STRING:
            raise DlibFormatError(f"{what}: a {n}-byte name, expected a short layer name")
        try:
            return self._take(n, what).decode("ascii")
        except UnicodeDecodeError as e:
            raise DlibFormatError(f"{what}: not a layer name") from e

    def expect_string(self, allowed: tuple[str, ...], what: str) -> str:
        found = self.string(what)
        if found not in allowed:
            raise DlibFormatError(f"{what}: expected {' or '.join(allowed)}, found {found!r}")
        return found

    def dims(self, what: str) -> tuple[int, int, int, int]:
        d = tuple(self.integer(what) for _ in range(4))
        if any(x < 0 for x in d):
            raise DlibFormatError(f"{what}: negative dimension {d}")
        return d  # type: ignore[return-value]

    def tensor(self, what: str) -> np.ndarray:
        self.expect_int(2, f"{what} version")
        shape = self.dims(what)
        count = int(np.prod(shape, dtype=np.int64))
        raw = self._take(count * 4, what)
        return np.frombuffer(raw, "<f4").reshape(shape).astype(np.float32)

    def alias(self, what: str) -> tuple[int, int, int, int]:
        self.expect_int(1, f"{what} version")
        return self.dims(what)


def find_model_file() -> Path | None:
    """Where dlib's face network is: $PHOTOTAGGER_DLIB_FACE_NET, else inside an installed
    `face_recognition_models` package (found, not imported), else None."""
    named = os.environ.get("PHOTOTAGGER_DLIB_FACE_NET")
    if named:
        return Path(named)
    spec = importlib.util.find_spec("face_recognition_models")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "models" / MODEL_FILE
        if path.is_file():
            return path
    return None


def read_face_net(path: str | Path) -> FaceNetWeights:
    """The weights of dlib's face-recognition network from `path`, checked against
    `FACE_NET`; raises DlibFormatError (a ValueError) naming what differs."""
    p = Path(path)
    size = p.stat().st_size
    if size > _MAX_FILE_BYTES:
        raise DlibFormatError(f"{p.name} is {size:,} bytes: too large for dlib's face network")
    return parse_face_net(p.read_bytes())


def parse_face_net(data: bytes) -> FaceNetWeights:
    r = _Reader(data)
    r.expect_int(1, "loss layer version")
    r.expect_string(("loss_metric_", "loss_metric_2"), "loss layer")
    margin = r.real("loss margin")
    threshold = r.real("loss distance threshold")
    if not (0 <= margin < 1 and 0 < threshold < 2):
        raise DlibFormatError(f"loss margin {margin} / threshold {threshold} out of range")
    # The nesting: each layer's version, outermost first. The layer right on the input is
    # dlib's add_layer over an input layer (version 2 or 3), which holds the input's details.
    *body, first, source = FACE_NET
    for spec in body:
        r.expect_int(2 if spec.has_data else 1, f"{spec.kind} layer version")
    version = r.integer("first layer version")
    if version not in (2, 3):
        raise DlibFormatError(f"first layer version: expected 2 or 3, found {version}")
    input_layer = Layer(source)
    _read_input(r, input_layer)
    layers = [input_layer]
    channels = 3
    for index, spec in enumerate([first, *reversed(body)]):
        if not spec.has_data:
            continue
        where = f"layer {len(FACE_NET) - 1 - index} ({spec.kind})"
        layer = Layer(spec)
        channels = _read_details(r, layer, channels, where)
        for flag in ("setup", "stale", "disabled"):
            r.boolean(f"{where} {flag} flag")
        # x_grad, cached_output, then params_grad (grad_final on the first layer): unused
        for buffer in ("x_grad", "cached_output", "gradient"):
            r.tensor(f"{where} {buffer}")
        if index == 0 and version == 3:
            r.expect_int(1, f"{where} sample expansion factor")
        layers.append(layer)
    if r.pos != len(data):
        raise DlibFormatError(
            f"{len(data) - r.pos:,} unexpected bytes after the network: not dlib's face network"
        )
    return FaceNetWeights(tuple(layers), threshold)


def _read_input(r: _Reader, layer: Layer) -> None:
    r.expect_string(("input_rgb_image_sized",), "input layer")
    mean = np.array([r.real(f"input mean {c}") for c in "RGB"], np.float32)
    if not np.all((mean >= 0) & (mean <= 255)):
        raise DlibFormatError(f"input mean colour {mean} is not a pixel value")
    for side in ("rows", "columns"):
        r.expect_int(layer.spec.size, f"input {side}")
    layer.arrays["mean"] = mean


def _read_details(r: _Reader, layer: Layer, channels: int, where: str) -> int:
    """Reads one layer's details, checking them against its spec; returns its output channels."""
    spec = layer.spec
    if spec.kind == "con":
        version = r.expect_string(("con_4", "con_5", "con_6"), where)
        params = r.tensor(f"{where} params").ravel()
        r.expect_int(spec.filters, f"{where} filters")
        for what in ("rows", "columns"):
            r.expect_int(spec.size, f"{where} kernel {what}")
        for what in ("row stride", "column stride"):
            r.expect_int(spec.stride, f"{where} {what}")
        layer.padding = _padding(r, spec, where)
        shape = r.alias(f"{where} filters")
        if shape != (spec.filters, channels, spec.size, spec.size):
            raise DlibFormatError(
                f"{where}: filters {shape}, expected {spec.filters} of {channels}"
            )
        if r.alias(f"{where} biases") != (1, spec.filters, 1, 1):
            raise DlibFormatError(f"{where}: biases are not one per filter")
        n = spec.filters * channels * spec.size * spec.size
        if params.size != n + spec.filters:
            raise DlibFormatError(f"{where}: {params.size} parameters, expected {n + spec.filters}")
        kernel = params[:n].reshape(spec.filters, channels, spec.size, spec.size)
        layer.arrays["kernel"] = kernel.transpose(2, 3, 1, 0).copy()
        layer.arrays["bias"] = params[n:].copy()
        for what in ("learning rate", "weight decay", "bias learning rate", "bias weight decay"):
            r.real(f"{where} {what} multiplier")
        if version in ("con_5", "con_6") and not r.boolean(f"{where} use_bias"):
            raise DlibFormatError(f"{where}: convolution without biases")
        if version == "con_6" and r.boolean(f"{where} use_relu"):
            raise DlibFormatError(f"{where}: convolution with a fused relu")
        return spec.filters
    if spec.kind == "affine":
        version = r.expect_string(("affine_", "affine_2"), where)
        params = r.tensor(f"{where} params").ravel()
        for part in ("gamma", "beta"):
            if r.alias(f"{where} {part}") != (1, channels, 1, 1):
                raise DlibFormatError(f"{where}: {part} is not one per channel")
        if params.size != 2 * channels:
            raise DlibFormatError(f"{where}: {params.size} parameters, expected {2 * channels}")
        layer.arrays["gamma"], layer.arrays["beta"] = params[:channels], params[channels:]
        r.expect_int(0, f"{where} mode (0: per channel)")
        if version == "affine_2" and r.boolean(f"{where} disabled flag"):
            raise DlibFormatError(f"{where}: a disabled affine layer")
        return channels
    if spec.kind == "relu":
        if r.expect_string(("relu_", "relu_2"), where) == "relu_2" and r.boolean(where):
            raise DlibFormatError(f"{where}: a disabled relu")
        return channels
    if spec.kind in ("max_pool", "avg_pool"):
        r.expect_string((f"{spec.kind}_2",), where)
        for what in ("rows", "columns"):
            r.expect_int(spec.size, f"{where} window {what}")
        for what in ("row stride", "column stride"):
            r.expect_int(spec.stride, f"{where} {what}")
        layer.padding = _padding(r, spec, where)
        return channels
    if spec.kind == "add_prev":
        r.expect_string(("add_prev_",), where)
        return channels  # the wider of its two inputs: the block's, which is `channels`
    if spec.kind == "fc":
        version = r.expect_string(("fc_2", "fc_3"), where)
        r.expect_int(spec.filters, f"{where} outputs")
        r.expect_int(channels, f"{where} inputs")
        params = r.tensor(f"{where} params").ravel()
        if r.alias(f"{where} weights") != (channels, spec.filters, 1, 1):
            raise DlibFormatError(f"{where}: weights are not {channels}x{spec.filters}")
        r.alias(f"{where} biases")
        if params.size != channels * spec.filters:
            raise DlibFormatError(f"{where}: {params.size} parameters, expected no biases")
        layer.arrays["kernel"] = params.reshape(channels, spec.filters).copy()
        r.expect_int(1, f"{where} bias mode (1: no bias)")
        for what in ("learning rate", "weight decay", "bias learning rate", "bias weight decay"):
            r.real(f"{where} {what} multiplier")
        if version == "fc_3" and r.boolean(f"{where} use_bias"):
            raise DlibFormatError(f"{where}: fully connected layer with biases")
        return spec.filters
    raise DlibFormatError(f"{where}: no reader for {spec.kind}")  # pragma: no cover


def _padding(r: _Reader, spec: Spec, where: str) -> int:
    """dlib's default padding: half the window with stride 1, none otherwise."""
    expected = spec.size // 2 if spec.stride == 1 else 0
    for what in ("row", "column"):
        r.expect_int(expected, f"{where} {what} padding")
    return expected
