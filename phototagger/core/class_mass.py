"""A tag's score for every photo of a large library without the full 1,000-class softmax.

A class set's probability mass is sum over its classes of exp(logit_c - log Z), where log Z (the
softmax's log-normaliser) is one number per photo. Kept on disk per backbone, it turns "score one
tag over 100,000 photos" from a 1280 x 1000 product per photo into 1280 x |class set|. Each entry
carries a checksum of the embedding it came from, so a re-embedded photo is recomputed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from phototagger.ml.heads import DefaultHead


def _cache_file(folder: Path, backbone: str) -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in backbone)
    return folder / f"{safe}-normalisers.npz"


def _checksum(embeddings: np.ndarray) -> np.ndarray:
    weights = np.linspace(1.0, 2.0, embeddings.shape[1], dtype=np.float32)
    return np.asarray(embeddings, np.float32) @ weights


class Normalisers:
    """log Z per photo id for one backbone: read once, extended as photos are met, saved."""

    def __init__(self, folder: Path, backbone: str, default: DefaultHead) -> None:
        """`folder`: the library's normalisers cache (LibraryHome.normalisers_cache); the photo
        ids are the library's own, so the cache is too."""
        self.folder = folder
        self.backbone = backbone
        self.default = default
        self.ids = np.zeros(0, np.int64)
        self.log_z = np.zeros(0, np.float32)
        self.check = np.zeros(0, np.float32)
        self.dirty = False
        try:
            with np.load(_cache_file(folder, backbone), allow_pickle=False) as z:
                self.ids, self.log_z, self.check = z["ids"], z["log_z"], z["check"]
        except (OSError, KeyError, ValueError):
            pass  # no cache yet, or a damaged one: it is only a cache
        self._row = {int(p): i for i, p in enumerate(self.ids.tolist())}

    def lookup(self, ids: list[int], embeddings: np.ndarray) -> np.ndarray:
        """log Z of each photo (computing the ones not known or whose embedding changed)."""
        check = _checksum(embeddings)
        rows = np.array([self._row.get(p, -1) for p in ids], dtype=np.int64)
        known = rows >= 0
        known[known] = np.isclose(self.check[rows[known]], check[known], rtol=1e-5, atol=1e-3)
        result = np.empty(len(ids), np.float32)
        result[known] = self.log_z[rows[known]]
        missing = np.flatnonzero(~known)
        if len(missing):
            logits = np.asarray(embeddings[missing], np.float32) @ self.default.kernel
            logits += self.default.bias
            top = logits.max(axis=1)
            result[missing] = top + np.log(np.exp(logits - top[:, None]).sum(axis=1))
            self._add([ids[i] for i in missing], result[missing], check[missing])
        return result

    def _add(self, ids: list[int], log_z: np.ndarray, check: np.ndarray) -> None:
        rows = np.array([self._row.get(p, -1) for p in ids], dtype=np.int64)
        old = rows >= 0
        self.log_z[rows[old]], self.check[rows[old]] = log_z[old], check[old]
        new_ids = np.asarray(ids, np.int64)[~old]
        for k, p in enumerate(new_ids.tolist()):
            self._row[p] = len(self.ids) + k
        self.ids = np.concatenate([self.ids, new_ids])
        self.log_z = np.concatenate([self.log_z, log_z[~old].astype(np.float32)])
        self.check = np.concatenate([self.check, check[~old].astype(np.float32)])
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        dest = _cache_file(self.folder, self.backbone)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_suffix(".tmp.npz")
        np.savez(tmp, ids=self.ids, log_z=self.log_z, check=self.check)
        tmp.replace(dest)
        self.dirty = False


def class_mass(
    default: DefaultHead, embeddings: np.ndarray, log_z: np.ndarray, classes: np.ndarray
) -> np.ndarray:
    """(N, S) probability mass of each of S class sets ((1000, S) 0/1 `classes`)."""
    used = np.flatnonzero(classes.any(axis=1))
    if len(used) == 0:
        return np.zeros((len(embeddings), classes.shape[1]), np.float32)
    logits = np.asarray(embeddings, np.float32) @ default.kernel[:, used] + default.bias[used]
    probs = np.exp(logits - log_z[:, None])
    return np.clip(probs @ classes[used].astype(np.float32), 0.0, 1.0)
