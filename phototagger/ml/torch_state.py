"""Read a legacy-format PyTorch state dict (`torch.save`, pre-1.6) with numpy alone.

The format is a sequence of pickles: magic number, protocol, system info, the state dict (whose
tensors refer to storages by persistent id), the list of storage keys, then each storage's raw
bytes. The unpickler below resolves only the handful of globals such a file needs, so a crafted
file cannot run code: anything else raises `UnsafeWeightsError`.
"""

from __future__ import annotations

import pickle
import struct
from collections import OrderedDict
from pathlib import Path
from typing import IO, Any

import numpy as np

LEGACY_MAGIC = 0x1950A86A20F9469CFC6C

_STORAGE_DTYPES: dict[str, np.dtype[Any]] = {
    "FloatStorage": np.dtype("<f4"),
    "DoubleStorage": np.dtype("<f8"),
    "HalfStorage": np.dtype("<f2"),
    "LongStorage": np.dtype("<i8"),
    "IntStorage": np.dtype("<i4"),
    "ShortStorage": np.dtype("<i2"),
    "CharStorage": np.dtype("i1"),
    "ByteStorage": np.dtype("u1"),
    "BoolStorage": np.dtype("?"),
}


class UnsafeWeightsError(ValueError):
    """The file asks for something a plain tensor state dict never needs."""


class _StorageType:
    def __init__(self, name: str) -> None:
        self.name = name
        self.dtype = _STORAGE_DTYPES[name]


class _TensorRef:
    """A tensor as the pickle describes it; filled with data once the storages are read."""

    def __init__(self, storage_key: str, offset: int, shape: tuple[int, ...],
                 stride: tuple[int, ...]) -> None:
        self.storage_key = storage_key
        self.offset = offset
        self.shape = shape
        self.stride = stride


def _rebuild_tensor_v2(storage: tuple[str, _StorageType], offset: int, shape: tuple[int, ...],
                       stride: tuple[int, ...], *_ignored: Any) -> _TensorRef:
    return _TensorRef(storage[0], offset, tuple(shape), tuple(stride))


class _RestrictedUnpickler(pickle.Unpickler):
    def __init__(self, file: IO[bytes], storages: dict[str, tuple[_StorageType, int]]) -> None:
        super().__init__(file)
        self._storages = storages

    def find_class(self, module: str, name: str) -> Any:
        if module == "collections" and name == "OrderedDict":
            return OrderedDict
        if module == "torch._utils" and name == "_rebuild_tensor_v2":
            return _rebuild_tensor_v2
        if module == "torch" and name in _STORAGE_DTYPES:
            return _StorageType(name)
        raise UnsafeWeightsError(f"weights file refers to {module}.{name}, which is not allowed")

    def persistent_load(self, pid: Any) -> Any:
        # ('storage', storage_type, key, location, numel[, view_metadata])
        if not (isinstance(pid, tuple) and pid and pid[0] == "storage"):
            raise UnsafeWeightsError(f"unexpected persistent id {pid!r}")
        storage_type, key, _location, numel = pid[1], str(pid[2]), pid[3], int(pid[4])
        if not isinstance(storage_type, _StorageType):
            raise UnsafeWeightsError("storage type is not a known tensor storage")
        self._storages[key] = (storage_type, numel)
        return (key, storage_type)


def load_legacy_state_dict(path: Path) -> dict[str, np.ndarray]:
    """Return {name: array} for every tensor in a legacy `.pth` state dict."""
    with open(path, "rb") as f:
        magic = pickle.load(f)  # noqa: S301 - plain ints and a dict of ints: no globals allowed
        if magic != LEGACY_MAGIC:
            raise ValueError(f"{path.name} is not a legacy PyTorch weights file")
        protocol = pickle.load(f)  # noqa: S301
        sys_info = pickle.load(f)  # noqa: S301
        if protocol != 1001 or not sys_info.get("little_endian", False):
            raise ValueError(f"{path.name}: unsupported torch serialisation {protocol}")
        storages: dict[str, tuple[_StorageType, int]] = {}
        state = _RestrictedUnpickler(f, storages).load()
        keys = _RestrictedUnpickler(f, storages).load()
        if not isinstance(keys, list):
            raise UnsafeWeightsError("storage key list is malformed")
        data: dict[str, np.ndarray] = {}
        for key in keys:
            storage_type, numel = storages[str(key)]
            (count,) = struct.unpack("<q", f.read(8))
            if count != numel:
                raise ValueError(f"storage {key} holds {count} values, expected {numel}")
            raw = f.read(count * storage_type.dtype.itemsize)
            data[str(key)] = np.frombuffer(raw, dtype=storage_type.dtype, count=count)
    if not isinstance(state, dict):
        raise UnsafeWeightsError("weights file does not hold a state dict")
    result: dict[str, np.ndarray] = {}
    for name, ref in state.items():
        if not isinstance(ref, _TensorRef):
            raise UnsafeWeightsError(f"entry {name!r} is not a tensor")
        flat = data[ref.storage_key]
        itemsize = flat.dtype.itemsize
        view = np.lib.stride_tricks.as_strided(
            flat[ref.offset:],
            shape=ref.shape,
            strides=tuple(s * itemsize for s in ref.stride),
            writeable=False,
        )
        result[str(name)] = np.array(view)
    return result
