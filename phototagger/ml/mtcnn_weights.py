"""Read the MTCNN weights that ship inside the `mtcnn` wheel, without running its code.

Each `<net>.lz4` file is an LZ4 frame around a joblib pickle of a list of float32 arrays: the pickle
names `joblib.numpy_pickle.NumpyArrayWrapper` and after each wrapper comes the array's raw bytes.
The unpickler below resolves only those few names (a crafted file cannot run code: anything else
raises `UnsafeWeightsError`), reads the bytes itself, and the caller checks every shape against the
network it builds. Neither joblib nor the mtcnn package is imported.
"""

from __future__ import annotations

import importlib.util
import io
import pickle
from pathlib import Path
from typing import Any

import numpy as np

from phototagger.ml.torch_state import UnsafeWeightsError

_LZ4_FRAME_MAGIC = b"\x04\x22\x4d\x18"
_MAX_DECOMPRESSED = 64 * 1024 * 1024  # the three nets together hold under 2 MB


class _ArrayWrapper:
    """What joblib's NumpyArrayWrapper carries: shape, order and dtype; no behaviour."""

    shape: tuple[int, ...]
    order: str
    dtype: np.dtype[Any]

    def read(self, stream: io.BytesIO) -> np.ndarray:
        dtype = getattr(self, "dtype", None)
        shape = getattr(self, "shape", None)
        if not isinstance(dtype, np.dtype) or dtype.kind != "f" or dtype.hasobject:
            raise UnsafeWeightsError(f"weights array has dtype {dtype!r}, expected floats")
        if not (isinstance(shape, tuple) and all(isinstance(d, int) and d >= 0 for d in shape)):
            raise UnsafeWeightsError(f"weights array has a malformed shape {shape!r}")
        if getattr(self, "__dict__", {}).get("numpy_array_alignment_bytes") is not None:
            padding = stream.read(1)
            if len(padding) != 1:
                raise ValueError("weights file ends inside an array header")
            stream.read(padding[0])
        count = int(np.prod(shape, dtype=np.int64))
        raw = stream.read(count * dtype.itemsize)
        if len(raw) != count * dtype.itemsize:
            raise ValueError("weights file ends inside an array")
        flat = np.frombuffer(raw, dtype=dtype, count=count)
        if getattr(self, "order", "C") == "F":
            return np.array(flat.reshape(shape[::-1]).T, dtype=np.float32)
        return np.array(flat.reshape(shape), dtype=np.float32)


class _Unpickler(pickle._Unpickler):
    """The pure-Python unpickler, so BUILD can read the raw array bytes that follow a wrapper."""

    dispatch = dict(pickle._Unpickler.dispatch)

    def __init__(self, stream: io.BytesIO) -> None:
        super().__init__(stream)
        self._stream = stream

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("joblib.numpy_pickle", "NumpyArrayWrapper"):
            return _ArrayWrapper
        if (module, name) == ("numpy", "ndarray"):
            return np.ndarray  # only recorded as the wrapper's subclass, never called
        if (module, name) == ("numpy", "dtype"):
            return np.dtype
        raise UnsafeWeightsError(f"weights file refers to {module}.{name}, which is not allowed")

    def _load_build(self) -> None:
        pickle._Unpickler.load_build(self)  # type: ignore[attr-defined]
        stack: list[Any] = self.stack  # type: ignore[attr-defined]
        if isinstance(stack[-1], _ArrayWrapper):
            stack[-1] = stack[-1].read(self._stream)

    dispatch[pickle.BUILD[0]] = _load_build  # type: ignore[assignment]


def package_weights_dir() -> Path:
    """The weights folder inside the installed `mtcnn` wheel (found, not imported)."""
    spec = importlib.util.find_spec("mtcnn")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the mtcnn package (face detector weights) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "assets" / "weights"


def read_weights(path: Path) -> list[np.ndarray]:
    """The list of float32 arrays in one `.lz4` weights file."""
    import lz4.frame

    data = path.read_bytes()
    if not data.startswith(_LZ4_FRAME_MAGIC):
        raise ValueError(f"{path.name} is not an LZ4-framed weights file")
    with lz4.frame.LZ4FrameDecompressor() as decompressor:
        raw = decompressor.decompress(data, max_length=_MAX_DECOMPRESSED)
        if not decompressor.eof:
            raise ValueError(f"{path.name} decompresses to more than a face detector can hold")
    if not raw.startswith(b"\x80\x04"):
        raise ValueError(f"{path.name} does not hold a protocol-4 pickle")
    result = _Unpickler(io.BytesIO(raw)).load()
    if not isinstance(result, list) or not all(isinstance(a, np.ndarray) for a in result):
        raise UnsafeWeightsError(f"{path.name} does not hold a list of arrays")
    return result


def check_shapes(name: str, arrays: list[np.ndarray], expected: list[tuple[int, ...]]) -> None:
    shapes = [tuple(a.shape) for a in arrays]
    if shapes != expected:
        raise ValueError(f"{name} weights have shapes {shapes}, the network needs {expected}")
