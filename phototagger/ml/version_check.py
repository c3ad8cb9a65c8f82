"""Model version files are checked before use: a damaged or tampered one is refused with a
message, never loaded half-way, never allowed to run code or to exhaust memory.

The record (.json) must have the expected fields and types, its name must be a version name
(so nothing outside the library's model folder is ever read), and the weights (.npz) must have
the expected arrays, shapes and numeric dtypes, finite values, and sizes read from each array's
header bounded before a byte of data is loaded.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from phototagger.ml.face_base import PARAMETERS as FACE_PARAMETERS
from phototagger.tag_names import name_key

VERSION_NAME = re.compile(r"^v[0-9]{1,9}$")
_BACKBONE_NAME = re.compile(r"^[A-Za-z0-9_.:@-]{1,80}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_RECORD_BYTES = 16 << 20
# A head for 10,000 tags over 1280-d embeddings is 51 MB of float32; plus a deep version's top
# layers (a few million weights). Anything far larger is not a version this program wrote.
MAX_ARRAY_BYTES = 256 << 20
MAX_NPZ_BYTES = 1 << 30
MAX_TAGS = 10_000
EMBEDDING_SIZE = 1280
IMAGENET_CLASSES = 1000
_NUMERIC_KINDS = frozenset("biuf")


class DamagedModelError(ValueError):
    """A model version file that is damaged, tampered with, or not one this program wrote."""

    def __init__(self, version: str, reason: str, *, training: bool = False) -> None:
        # `training`: met by a training, as the active version it starts from; "or train
        # again" sent the user round in a circle there (train refused the same way).
        advice = (
            "Training starts from the active version: make another one active first "
            "(phototagger models use v1), then train"
            if training
            else "Switch to another version (phototagger models use v1) or train again"
        )
        super().__init__(f"model version {version} cannot be used: {reason}. {advice}")
        self.version = version
        self.reason = reason
        self.training = training


def check_name(version: str) -> str:
    """`version` if it is a version name (v1, v2...): never a path."""
    if not isinstance(version, str) or not VERSION_NAME.match(version):
        shown = repr(version)[:60]
        raise DamagedModelError(shown, "that is not a model version name (they look like v3)")
    return version


def read_record(path: Path, version: str) -> dict[str, Any]:
    """The version's JSON record, checked; DamagedModelError if it is not a sound one."""
    if path.stat().st_size > MAX_RECORD_BYTES:
        raise DamagedModelError(version, "its record file is far too large")
    try:
        record = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DamagedModelError(version, f"its record is not valid JSON ({exc})") from None
    check_record(record, version)
    return record


def check_record(record: object, version: str) -> None:
    def bad(reason: str) -> DamagedModelError:
        return DamagedModelError(version, f"its record {reason}")

    if not isinstance(record, dict):
        raise bad("is not a JSON object")
    if record.get("version") != version:
        raise bad(f"names another version ({str(record.get('version'))[:40]!r})")
    tags = record.get("tags")
    if (
        not isinstance(tags, list)
        or not tags
        or len(tags) > MAX_TAGS
        or not all(isinstance(t, str) and t.strip() for t in tags)
    ):
        raise bad("has no valid list of tag names")
    # Twice as the library tells tags apart: 'Äpfel' and 'äpfel' are two tags, so two outputs.
    # A version trained before names were composed may hold 'Été' spelled both ways: two.
    names = [t.strip() for t in tags]
    if len({(name_key(t), unicodedata.is_normalized("NFC", t)) for t in names}) != len(tags):
        raise bad("names a tag twice")
    thresholds = record.get("thresholds")
    if (
        not isinstance(thresholds, list)
        or len(thresholds) != len(tags)
        or not all(_is_probability(t) for t in thresholds)
    ):
        raise bad("has thresholds that are not one number between 0 and 1 per tag")
    for key in ("parent", "top_weights"):
        value = record.get(key)
        if value is not None and not (isinstance(value, str) and VERSION_NAME.match(value)):
            raise bad(f"has a {key} that is not a version name")
    backbone = record.get("backbone")
    if backbone is not None and not (isinstance(backbone, str) and _BACKBONE_NAME.match(backbone)):
        raise bad("has an invalid backbone name")
    digest = record.get("weights_sha256")
    if digest is not None and not (isinstance(digest, str) and _SHA256.match(digest)):
        raise bad("has a weights digest that is not a SHA-256")


def weights_digest(path: Path) -> str:
    """The SHA-256 (hex) of a version's weights file, as its record keeps it (weights_sha256)."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def not_saved_with(version: str, other: str | None) -> str:
    """Why a version's weights file, sound, is not its own: its bytes are not those its record
    says it was saved with. `other`: the version whose file it is a copy of, where one is."""
    how = (
        f"it is {other}'s, byte for byte"
        if other
        else "its SHA-256 differs from the one recorded: another file, or this one changed since"
    )
    return f"its weights file is not the one {version} was saved with ({how})"


def _is_probability(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0.0 <= value <= 1.0
    )


def read_arrays(
    path: Path,
    version: str,
    wanted: set[str] | None = None,
    prefix: str | None = None,
    optional: frozenset[str] = frozenset(),
) -> dict[str, np.ndarray]:
    """The arrays of a version's .npz (those named in `wanted` or, where present, `optional`,
    or starting with `prefix`),
    each checked from its header (numeric dtype, bounded size) before it is loaded and for
    finite values after. DamagedModelError otherwise."""
    chosen = check_weights(path, version, wanted, prefix, optional)
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in chosen}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, KeyError) as exc:
        raise DamagedModelError(version, f"its weights file is damaged ({exc})") from None
    for name, array in arrays.items():
        if array.dtype.kind == "f" and not np.isfinite(array).all():
            raise DamagedModelError(version, f"its weights ({name}) hold NaN or infinite values")
    return arrays


def check_weights(
    path: Path,
    version: str,
    wanted: set[str] | None = None,
    prefix: str | None = None,
    optional: frozenset[str] = frozenset(),
    *,
    whole: bool = False,
) -> dict[str, tuple[int, ...]]:
    """The shapes of a version's arrays (chosen as read_arrays chooses them), read from its
    .npz's size and each array's header, no data loaded: DamagedModelError for a file that is
    missing, far too large, not a zip (empty, cut short, another file), lacking an array, or
    holding one that is not plain numbers or declares far too many. read_arrays checks so
    before loading; `models` checks every version so, to flag a damaged one.

    `whole`: each chosen array's bytes are read through too, none kept, so that the CRC-32 the
    zip holds of each finds bytes damaged mid-array, as a load finds them ("Bad CRC-32 for file
    'kernel.npy'"); the headers alone let such a version be listed as sound until `models use`.
    About 0.7 ms for a version of 0.5 MB, 4-7 ms for a deep one of 4.5 MB, where the headers
    alone take 0.3-0.4 and 0.9 (benchmarks/models_check.py). A version saved with its file's
    SHA-256 in its record (weights_sha256) is checked by that digest instead, which also tells
    another version's sound file put in its place (ModelVersions.weights_problem); the CRC-32s
    check the versions saved before it."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DamagedModelError(version, "its weights file is missing") from None
    if size > MAX_NPZ_BYTES:
        raise DamagedModelError(version, "its weights file is far too large")
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n.removesuffix(".npy") for n in archive.namelist() if n.endswith(".npy")]
            chosen = [
                n
                for n in names
                if (wanted is not None and n in wanted)
                or n in optional
                or (prefix is not None and n.startswith(prefix))
            ]
            if wanted is not None and not wanted <= set(names):
                missing = ", ".join(sorted(wanted - set(names)))
                raise DamagedModelError(version, f"its weights file lacks {missing}")
            return {name: _check_header(archive, name, version, whole) for name in chosen}
    except DamagedModelError:
        raise
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, KeyError) as exc:
        raise DamagedModelError(version, f"its weights file is damaged ({exc})") from None


def _check_header(
    archive: zipfile.ZipFile, name: str, version: str, whole: bool = False
) -> tuple[int, ...]:
    with archive.open(name + ".npy") as member:
        major, _minor = np.lib.format.read_magic(member)
        read_header = (
            np.lib.format.read_array_header_1_0
            if major == 1
            else np.lib.format.read_array_header_2_0
        )
        shape, _fortran, dtype = read_header(member)
        # Read to its end, the zip checks its CRC-32: BadZipFile where a byte differs.
        while whole and member.read(1 << 20):
            pass
    if dtype.hasobject or dtype.kind not in _NUMERIC_KINDS:
        raise DamagedModelError(
            version,
            f"its weights ({name}) are not plain numbers (pickled objects are never loaded)",
        )
    nbytes = math.prod(shape) * dtype.itemsize
    if nbytes > MAX_ARRAY_BYTES:
        raise DamagedModelError(
            version, f"its weights ({name}) declare {nbytes / 2**20:,.0f} MB, far too large"
        )
    return tuple(shape)


def check_head_shapes(
    arrays: dict[str, np.ndarray], tags: int, base_tags: int, version: str
) -> None:
    """The trained head's arrays agree with each other, with the record and with the default
    head they build on."""
    check_shapes({name: array.shape for name, array in arrays.items()}, tags, version)
    index = arrays["base_index"]
    if index.dtype.kind not in "iu" or index.min() < -1 or index.max() >= base_tags:
        raise DamagedModelError(version, "its weights point at tags the default model lacks")
    if not (arrays["std"] > 0).all():
        raise DamagedModelError(version, "its weights (std) are not all positive")
    concepts = arrays.get("concepts")
    if concepts is not None and (
        concepts.shape != (IMAGENET_CLASSES, tags)
        or not np.isfinite(concepts).all()
        or not ((concepts >= 0) & (concepts <= 1)).all()
    ):
        raise DamagedModelError(version, "its class sets (concepts) are not in [0, 1] per class")
    faces = arrays.get("faces")
    if faces is not None and (
        faces.shape != (tags, FACE_PARAMETERS) or not np.isfinite(faces).all()
    ):
        raise DamagedModelError(version, "its face bases are not finite numbers per tag")
    _check_lookalikes(arrays, tags, version)
    _check_kinds(arrays, tags, version, "rejected")
    _check_kinds(arrays, tags, version, "unshown")
    thresholds = arrays["thresholds"]
    if not ((thresholds >= 0) & (thresholds <= 1)).all():
        raise DamagedModelError(version, "its thresholds are not between 0 and 1")


def check_shapes(shapes: dict[str, tuple[int, ...]], tags: int, version: str) -> None:
    """The trained head's arrays' `shapes` (from the arrays, or their headers: check_weights)
    fit a version of `tags` tags: another version's weights put in its place do not."""
    expected = {
        "base_index": (tags,),
        "scale": (tags,),
        "kernel": (EMBEDDING_SIZE, tags),
        "bias": (tags,),
        "mean": (EMBEDDING_SIZE,),
        "std": (EMBEDDING_SIZE,),
        "thresholds": (tags,),
    }
    for name, shape in expected.items():
        if shapes[name] != shape:
            raise DamagedModelError(
                version, f"its weights ({name}) have shape {shapes[name]}, not {shape}"
            )


def _check_lookalikes(arrays: dict[str, np.ndarray], tags: int, version: str) -> None:
    """A version's kept rejections (ml/lookalikes.py): all three arrays or none, one row each,
    finite, each row's tag one of the version's."""
    parts = [arrays.get(k) for k in ("lookalikes", "lookalike_tags", "lookalike_levels")]
    if all(p is None for p in parts):
        return
    vectors, columns, levels = parts
    if (
        vectors is None
        or columns is None
        or levels is None
        or vectors.shape != (len(columns), EMBEDDING_SIZE)
        or columns.shape != levels.shape
        or columns.dtype.kind not in "iu"
        or (len(columns) and (columns.min() < 0 or columns.max() >= tags))
        or not np.isfinite(vectors).all()
        or not np.isfinite(levels).all()
    ):
        raise DamagedModelError(version, "its kept rejections (lookalikes) do not fit its tags")


def _check_kinds(arrays: dict[str, np.ndarray], tags: int, version: str, which: str) -> None:
    """A version's rejected or unshown kinds (`which`; ml/lookalikes.py): both arrays or none,
    one row each, each an ImageNet class and one of the version's tags."""
    kinds, columns = arrays.get(f"{which}_kinds"), arrays.get(f"{which}_kind_tags")
    if kinds is None and columns is None:
        return
    if (
        kinds is None
        or columns is None
        or kinds.ndim != 1
        or columns.shape != kinds.shape
        or kinds.dtype.kind not in "iu"
        or columns.dtype.kind not in "iu"
        or (len(kinds) and (kinds.min() < 0 or kinds.max() >= IMAGENET_CLASSES))
        or (len(columns) and (columns.min() < 0 or columns.max() >= tags))
    ):
        raise DamagedModelError(version, f"its {which} kinds do not fit its tags")
