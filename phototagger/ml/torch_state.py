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

    def __init__(
        self, storage_key: str, offset: int, shape: tuple[int, ...], stride: tuple[int, ...]
    ) -> None:
        self.storage_key = storage_key
        self.offset = offset
        self.shape = shape
        self.stride = stride


def _rebuild_tensor_v2(
    storage: tuple[str, _StorageType],
    offset: int,
    shape: tuple[int, ...],
    stride: tuple[int, ...],
    *_ignored: Any,
) -> _TensorRef:
    return _TensorRef(storage[0], offset, tuple(shape), tuple(stride))


# What torch.save (protocol 2) writes first: the magic number, then the protocol version 1001.
_HEADER = pickle.dumps(LEGACY_MAGIC, protocol=2) + pickle.dumps(1001, protocol=2)


class _PlainUnpickler(pickle.Unpickler):
    """Plain data only (the system-info dict): any global at all is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise UnsafeWeightsError(f"weights file refers to {module}.{name}, which is not allowed")


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
    file_size = path.stat().st_size
    with open(path, "rb") as f:
        # The header is compared byte for byte before anything is unpickled: a file that does
        # not start like torch.save's output never reaches an unpickler at all.
        if f.read(len(_HEADER)) != _HEADER:
            raise ValueError(f"{path.name} is not a legacy PyTorch weights file")
        sys_info = _PlainUnpickler(f).load()
        if not isinstance(sys_info, dict) or not sys_info.get("little_endian", False):
            raise ValueError(f"{path.name}: unsupported torch serialisation")
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
            nbytes = count * storage_type.dtype.itemsize
            if count < 0 or nbytes > file_size - f.tell():
                raise ValueError(f"storage {key} claims more data than {path.name} holds")
            raw = f.read(nbytes)
            data[str(key)] = np.frombuffer(raw, dtype=storage_type.dtype, count=count)
    if not isinstance(state, dict):
        raise UnsafeWeightsError("weights file does not hold a state dict")
    result: dict[str, np.ndarray] = {}
    for name, ref in state.items():
        if not isinstance(ref, _TensorRef):
            raise UnsafeWeightsError(f"entry {name!r} is not a tensor")
        flat = data[ref.storage_key]
        itemsize = flat.dtype.itemsize
        # as_strided trusts its arguments: a view reaching past the storage would read memory
        # that is not the file's.
        if (
            len(ref.shape) != len(ref.stride)
            or ref.offset < 0
            or any(n < 0 for n in ref.shape)
            or any(s < 0 for s in ref.stride)
            or (
                0 not in ref.shape
                and ref.offset
                + sum((n - 1) * s for n, s in zip(ref.shape, ref.stride, strict=True))
                >= len(flat)
            )
        ):
            raise UnsafeWeightsError(f"entry {name!r} reaches outside its storage")
        view = np.lib.stride_tricks.as_strided(
            flat[ref.offset :],
            shape=ref.shape,
            strides=tuple(s * itemsize for s in ref.stride),
            writeable=False,
        )
        result[str(name)] = np.array(view)
    return result
