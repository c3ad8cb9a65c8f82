"""Model versions on disk: one .npz of weights and one .json record per version, written atomically,
in the library's own versions folder (LibraryHome.model_versions, next to its database).

v1 is the default tagger and needs no file. Loading uses numpy with allow_pickle=False and plain
JSON, so a version file can never run code.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from phototagger.durable import naming, replace_durably
from phototagger.ml.heads import DEFAULT_VERSION, DefaultHead
from phototagger.ml.model_version import ModelVersion
from phototagger.ml.trained_head import TrainedHead
from phototagger.ml.version_check import (
    DamagedModelError,
    check_head_shapes,
    check_name,
    check_shapes,
    check_weights,
    not_saved_with,
    read_arrays,
    read_record,
    weights_digest,
)

_VERSION = re.compile(r"^v(\d+)$")


class UnknownVersionError(LookupError):
    pass


TopWeights = dict[str, list[np.ndarray]]
_TOP = "top__"
_HEAD_ARRAYS = {"base_index", "scale", "kernel", "bias", "mean", "std", "thresholds"}
# A tag learned from a WordNet class set stores the set (core/concepts.py).
# A tag's rejections its weights cannot learn, with its yes answers (ml/lookalikes.py).
_OPTIONAL_HEAD_ARRAYS = frozenset(
    {
        "concepts",
        "faces",
        "lookalikes",
        "lookalike_tags",
        "lookalike_levels",
        "rejected_kinds",
        "rejected_kind_tags",
        "unshown_kinds",
        "unshown_kind_tags",
    }
)


def _indices(arrays: dict[str, np.ndarray], key: str) -> np.ndarray | None:
    """The optional array `key` as indices (int), or None where the version has none."""
    found = arrays.get(key)
    return None if found is None else found.astype(int)


def version_number(version: str) -> int:
    match = _VERSION.match(version)
    if not match:
        raise UnknownVersionError(f"{version!r} is not a model version (they look like v3)")
    return int(match.group(1))


def _atomic_write(dest: Path, write: Any, suffix: str) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-", suffix=suffix)
    try:
        # A full disk, a file size limit: said of v2.npz, not of the library's folder.
        with naming(dest):
            with os.fdopen(fd, "wb") as f:
                write(f)
            replace_durably(tmp, dest)  # a model version kept through a power cut, never empty
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _digest(path: Path) -> str | None:
    """The SHA-256 of a weights file, or None where it cannot be read (check_weights says why)."""
    try:
        return weights_digest(path)
    except OSError:
        return None


def default_version(default: DefaultHead) -> ModelVersion:
    """The one record of the built-in default tagger."""
    return ModelVersion.default(default.tag_names, [float(t) for t in default.thresholds])


def backbone_key(record: ModelVersion) -> str:
    """Which embeddings a version reads: the base CNN's, or a deep version's own."""
    from phototagger.ml.engine import BACKBONE_NAME

    return record.backbone or BACKBONE_NAME


class ModelVersions:
    """One library's model versions: the files in its versions folder (nothing global)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(
        self, head: TrainedHead, record: dict[str, Any], top: TopWeights | None = None
    ) -> ModelVersion:
        """Write weights, then the record: a version exists once its .json does."""
        saved = ModelVersion.from_json(
            {
                **record,
                "version": head.version,
                "tags": head.tags,
                "thresholds": [float(t) for t in head.tag_thresholds],
            }
        )
        self._drop_leftovers()
        arrays = head.arrays()
        for layer, weights in (top or {}).items():
            for i, w in enumerate(weights):
                arrays[f"{_TOP}{layer}__{i}"] = w
        npz = self.folder / f"{head.version}.npz"
        _atomic_write(npz, lambda f: np.savez(f, **arrays), ".npz")  # type: ignore[arg-type]
        # What its weights file is: another one put in its place is told from it (weights_problem).
        saved = dataclasses.replace(saved, weights_sha256=weights_digest(npz))
        self._write_record(head.version, saved.to_json())
        return saved

    def _write_record(self, version: str, record: dict[str, Any]) -> None:
        """`version`'s record file written whole, in place of the one there (atomically)."""
        data = json.dumps(record, indent=2, ensure_ascii=False).encode("utf-8")
        _atomic_write(self.json_path(version), lambda f: f.write(data), ".json")

    def _drop_leftovers(self) -> None:
        """The temporary files of a save killed midway (a `train` SIGKILLed while writing its
        version left `.tmp-…npz`, its weights cut short, for good: tens of MB for a deep
        version, one more each time). Saves are one at a time (a training holds the library's
        model lock), so none of them is being written now."""
        if self.folder.is_dir():
            for leftover in self.folder.glob(".tmp-*"):
                leftover.unlink(missing_ok=True)

    def record(self, version: str, default: DefaultHead | None = None) -> ModelVersion:
        """The version's record, checked (version_check); DamagedModelError if it is unsound.
        v1's is built from the default head (`default`, else the packaged one)."""
        check_name(version)
        if version == DEFAULT_VERSION:
            from phototagger.ml.heads import load_default_head

            return default_version(default or load_default_head())
        path = self.folder / f"{version}.json"
        if not path.exists():
            raise UnknownVersionError(f"there is no model version {version}")
        return ModelVersion.from_json(read_record(path, version))

    def load_head(self, version: str, base: DefaultHead) -> TrainedHead:
        record = self.record(version)
        arrays = read_arrays(
            self.folder / f"{version}.npz",
            version,
            wanted=_HEAD_ARRAYS,
            optional=_OPTIONAL_HEAD_ARRAYS,
        )
        tags = list(record.tags)
        check_head_shapes(arrays, len(tags), len(base.tag_names), version)
        self._check_own(version, record.weights_sha256)
        return TrainedHead(
            version=version,
            base=base,
            tags=tags,
            base_index=arrays["base_index"].astype(int),
            scale=arrays["scale"],
            kernel=arrays["kernel"],
            bias=arrays["bias"],
            mean=arrays["mean"],
            std=arrays["std"],
            tag_thresholds=arrays["thresholds"],
            concepts=arrays.get("concepts"),
            faces=arrays.get("faces"),
            lookalikes=arrays.get("lookalikes"),
            lookalike_tags=_indices(arrays, "lookalike_tags"),
            lookalike_levels=arrays.get("lookalike_levels"),
            kinds=_indices(arrays, "rejected_kinds"),
            kind_tags=_indices(arrays, "rejected_kind_tags"),
            unshown=_indices(arrays, "unshown_kinds"),
            unshown_tags=_indices(arrays, "unshown_kind_tags"),
        )

    def weights_problem(self, record: ModelVersion) -> str | None:
        """Why a saved version's weights cannot be used (its reason, as a load would give it:
        "its weights file is damaged (File is not a zip file)"), or None: the checks of its
        file's size and arrays' headers a load makes first (version_check.check_weights), their
        shapes against its record, and its bytes: against the SHA-256 its record keeps of the
        file it was saved with (weights_sha256: another version's file copied in its place, as
        sound, is told so), or, in a record made before it kept one, each array's against the
        CRC-32 the file holds of them (bytes damaged mid-array: a load finds them so). A file
        that is the one saved has the CRC-32s it was saved with: its headers alone are read
        then. No array made; a few ms a version: `models` lists each with it."""
        if record.version == DEFAULT_VERSION:
            return None
        path = self.weights_path(record.version)
        found = _digest(path) if record.weights_sha256 else None
        own = found is not None and found == record.weights_sha256
        try:
            shapes = check_weights(
                path,
                record.version,
                wanted=_HEAD_ARRAYS,
                optional=_OPTIONAL_HEAD_ARRAYS,
                whole=not own,
            )
            check_shapes(shapes, len(record.tags), record.version)
        except DamagedModelError as exc:
            return exc.reason
        # A deep version's CNN top (load_top): in its own file, or in the one it builds on.
        # Bytes damaged there are said as such, before that the file is not the one saved.
        top = record.top_weights
        if top:
            if top == record.version:
                expected, top_found, top_own = None, found, own  # its own file: checked above
            else:
                expected = self._recorded_digest(top)
                top_found = _digest(self.weights_path(top)) if expected else None
                top_own = top_found is not None and top_found == expected
            try:
                if not check_weights(
                    self.weights_path(top), record.version, prefix=_TOP, whole=not top_own
                ):
                    return f"its fine-tuned CNN weights are not in {top}.npz"
            except DamagedModelError as exc:
                return exc.reason if top == record.version else f"{top}.npz: {exc.reason}"
            swapped = self._not_own(top, expected, top_found)
            if swapped:
                return f"{top}.npz: {swapped}"
        swapped = self._not_own(record.version, record.weights_sha256, found)
        if swapped is None and record.weights_sha256 is None:
            self._first_digest(record.version)
        return swapped

    def _check_own(self, version: str, expected: str | None) -> None:
        """DamagedModelError where `version`'s weights file, sound, is not the one its record
        (`expected`: its weights_sha256) says it was saved with; a record without one (made
        before records kept it) gets it now, its file checked whole (_first_digest)."""
        if expected is None:
            self._first_digest(version)
            return
        path = self.weights_path(version)
        swapped = self._not_own(version, expected, _digest(path))
        if swapped:
            # Bytes damaged in an array not loaded yet (a deep version's CNN top) are said as
            # such, as `models` says them (weights_problem).
            check_weights(path, version, prefix="", whole=True)
            raise DamagedModelError(version, swapped)

    def _first_digest(self, version: str) -> None:
        """Trust on first use: a version saved before records kept its weights' SHA-256 had
        nothing to tell its file from another version's sound one (two such files swapped were
        taken for each other's by `models` and `models use`). At its first use its file, where
        every array checks out against the CRC-32 the file keeps of it, has its SHA-256 written
        in its record with when (weights_sha256_added), and a later swap is found as for a
        version saved with one. Not where the file is damaged (said as before), nor where the
        record cannot be written (a read-only library: checked by its CRC-32s as before)."""
        path = self.weights_path(version)
        try:
            check_weights(path, version, prefix="", whole=True)  # every array, read through
            found = weights_digest(path)
            record = read_record(self.json_path(version), version)
        except (OSError, ValueError):  # DamagedModelError among them: said by the caller
            return
        if record.get("weights_sha256") is not None:
            return  # recorded since it was read (another phototagger)
        record["weights_sha256"] = found
        record["weights_sha256_added"] = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            self._write_record(version, record)
        except OSError:
            return

    def _not_own(self, version: str, expected: str | None, found: str | None) -> str | None:
        """Why `version`'s weights file (its SHA-256 `found`) is not the one it was saved with
        (`expected`), naming the version whose file it is where it is a saved one's; None where
        it is, or where either is not known."""
        if expected is None or found is None or found == expected:
            return None
        copied = [v for v in self.saved() if v != version and self._recorded_digest(v) == found]
        return not_saved_with(version, copied[0] if copied else None)

    def _recorded_digest(self, version: str) -> str | None:
        """The SHA-256 `version`'s record keeps of its weights file, or None: none kept (made
        before), or its record cannot be read (`models` says so of it)."""
        try:
            digest = read_record(self.json_path(version), version).get("weights_sha256")
        except (OSError, ValueError):  # DamagedModelError among them
            return None
        return digest if isinstance(digest, str) else None

    def load_top(self, version: str) -> TopWeights:
        """The fine-tuned top-of-CNN weights a deep version saved."""
        check_name(version)
        top: dict[str, dict[int, np.ndarray]] = {}
        arrays = read_arrays(self.folder / f"{version}.npz", version, prefix=_TOP)
        self._check_own(version, self._recorded_digest(version))
        for key, array in arrays.items():
            layer, index = key[len(_TOP) :].rsplit("__", 1)
            if not index.isdigit():
                raise DamagedModelError(version, f"its weights name an odd layer part {key!r}")
            top.setdefault(layer, {})[int(index)] = array
        if not top:
            raise UnknownVersionError(f"model version {version} has no fine-tuned CNN weights")
        return {layer: [parts[i] for i in sorted(parts)] for layer, parts in top.items()}

    def decisions_read(self) -> int:
        """The highest decision mark a saved version records (ModelVersion.decisions_up_to; 0
        where none does): the newest version's, the one trained last, as the mark only grows.
        Only its record's JSON is read, not checked: the figure alone is wanted."""
        for version in reversed(self.saved()):
            try:
                data = json.loads((self.folder / f"{version}.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # a damaged record says nothing; `models` lists it
            mark = data.get("decisions_up_to") if isinstance(data, dict) else None
            return mark if isinstance(mark, int) and not isinstance(mark, bool) else 0
        return 0

    def saved(self) -> list[str]:
        if not self.folder.exists():
            return []
        found = [p.stem for p in self.folder.glob("v*.json") if _VERSION.match(p.stem)]
        return sorted(found, key=version_number)

    def next_name(self) -> str:
        numbers = [version_number(v) for v in self.saved()] or [1]
        return f"v{max(max(numbers), 1) + 1}"

    def delete(self, version: str) -> None:
        check_name(version)
        if version == DEFAULT_VERSION:
            raise ValueError("the default model v1 cannot be deleted")
        for suffix in (".json", ".npz"):
            (self.folder / f"{version}{suffix}").unlink(missing_ok=True)

    def json_path(self, version: str) -> Path:
        return self.folder / f"{check_name(version)}.json"

    def weights_path(self, version: str) -> Path:
        return self.folder / f"{check_name(version)}.npz"
