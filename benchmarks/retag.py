"""Re-tagging a large library from cached embeddings (activate_version), and where the time goes.

Run: .venv/bin/python benchmarks/retag.py [--photos 100000]

A synthetic library: real embeddings of scikit-image photos (several views each) resampled with
noise, one user decision per 20 photos; a trained version (the default head plus three user tags)
saved beside it, and what a scan's last step leaves (core/job_end_copies.py; --no-scan-end: not).
Times: activating v1 on a library with no model rows, then v2 and v1 again (each
replaces the other's suggestions), split into reading embeddings, the head's scores and
database writes; counting the photos whose tags changed, then also which tags moved (--count),
as the app's status line says them. Target: 100,000 photos in under 3 s.
--preview: what Model ▸ Versions counts before Make Active (core/model/switch_preview.py), timed
against v1 and v2 each way and checked against what the switch then reports. Target: about 1 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

# This checkout's phototagger, not the one installed (an editable install points at another
# worktree): first, before anything imports it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from phototagger.paths import default_home

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

TARGET_S = 3.0
USER_TAGS = ("grandma", "allotment", "receipts")


def real_embeddings() -> np.ndarray:
    from benchmarks._photos import photo_set
    from phototagger.ml.engine import load_engine

    engine = load_engine("cpu", weights_cache=default_home().weights_cache)
    return engine.embed(photo_set()[1])


def build(lib, real: np.ndarray, n: int, seed: int = 0) -> None:  # noqa: ANN001
    from phototagger.core.embeddings import encode_embedding
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.store import photos as photo_store
    from phototagger.store import tags as tag_store
    from phototagger.store.connection import transaction
    from phototagger.store.embeddings import put_embeddings

    rng = np.random.default_rng(seed)
    std = real.std(axis=0) + 0.01
    with transaction(lib.db):
        for first in range(0, n, 5000):
            m = min(5000, n - first)
            picks = rng.integers(0, len(real), m)
            noise = rng.standard_normal((m, real.shape[1])).astype(np.float32) * 0.3 * std
            emb = np.clip(real[picks] + noise, 0.0, 6.0)
            ids = [
                photo_store.insert_photo(
                    lib.db,
                    path=f"/synthetic/{i // 1000:03d}/IMG_{i:06d}.jpg",
                    size=3_500_000,
                    mtime=1.7e9 + i,
                    content_hash=f"{i:032x}",
                    width=4000,
                    height=3000,
                    taken_at=None,
                    orientation=1,
                    status="tagged",
                )
                for i in range(first, first + m)
            ]
            put_embeddings(
                lib.db,
                BACKBONE_NAME,
                [(pid, encode_embedding(e)) for pid, e in zip(ids, emb, strict=True)],
            )
            for pid in ids[::20]:
                tag_store.add_user_tag(lib.db, pid, USER_TAGS[pid % 3])


def save_trained(real: np.ndarray) -> str:
    from phototagger.ml.heads import load_default_head
    from phototagger.ml.registry import ModelVersions
    from phototagger.ml.trained_head import from_default, standardisation

    default = load_default_head()
    head = from_default(default, *standardisation(real))
    rng = np.random.default_rng(1)
    n = len(USER_TAGS)
    head.version = "v2"
    head.tags = head.tags + list(USER_TAGS)
    head.base_index = np.concatenate([head.base_index, -np.ones(n, int)])
    head.scale = np.concatenate([head.scale, np.zeros(n, np.float32)])
    head.kernel = np.concatenate(
        [head.kernel, rng.standard_normal((1280, n)).astype(np.float32) * 0.05], axis=1
    )
    head.kernel[:, :5] += rng.standard_normal((1280, 5)).astype(np.float32) * 0.01
    head.bias = np.concatenate([head.bias, np.full(n, -2.0, np.float32)])
    head.tag_thresholds = np.concatenate([head.tag_thresholds, np.full(n, 0.5, np.float32)])
    ModelVersions(default_home().model_versions).save(
        head, {"parent": "v1", "created_at": None, "kind": "trained"}
    )
    return head.version


def timed_activate(lib, version: str, n: int, count: str = "tags") -> float:  # noqa: ANN001
    """`count`: what the switch counts as it goes: "photos" (the photos whose tags changed, as
    the app did), "tags" (which tags they gained or lost too, as the app does now), "none"."""
    from benchmarks.retrain import timed
    from phototagger.core import score_cache, switch_scores
    from phototagger.core.embedding_matrix import EmbeddingMatrix
    from phototagger.core.model import retag
    from phototagger.core.model.activation import activate_version
    from phototagger.ml.heads import DefaultHead
    from phototagger.ml.trained_head import TrainedHead
    from phototagger.store import photos as photo_store

    t: dict[str, float] = {}
    with (
        timed(score_cache, "iter_embeddings_with_scores", t, "read"),
        timed(score_cache, "decode_embeddings", t, "read"),
        timed(EmbeddingMatrix, "rows", t, "read"),
        timed(score_cache, "embedding_matrix", t, "copy"),
        timed(TrainedHead, "scores_given", t, "head"),
        timed(switch_scores, "load", t, "kept"),
        timed(DefaultHead, "scores", t, "default"),
        timed(score_cache, "put_cached_scores", t, "cache"),
        timed(retag, "write_model_tags_flat", t, "write"),
        timed(photo_store, "set_model_version", t, "write"),
    ):
        changed: set[int] | None = set() if count != "none" else None
        moves: dict[str, tuple[int, int]] | None = {} if count == "tags" else None
        start = time.perf_counter()
        activate_version(lib, version, changed=changed, moves=moves)
        total = time.perf_counter() - start
    flag = "" if total < TARGET_S or n < 100_000 else f"  MISSES target {TARGET_S:.0f} s"
    print(
        f"activate {version} on {n:,} photos, counting {count}: {total:.2f} s "
        f"({n / total:,.0f} photos/s){flag}"
    )
    if changed is not None:
        print(f"  {len(changed):,} photos' tags changed, {len(moves or {}):,} tags moved")
    print(
        f"  read embeddings {t.get('read', 0):.2f} s, head {t.get('head', 0):.2f} s "
        f"(or reading the scores training kept {t.get('kept', 0):.2f} s) "
        f"(default head's softmax {t.get('default', 0):.2f} s), tag writes "
        f"{t.get('write', 0):.2f} s, caching the default head's scores "
        f"{t.get('cache', 0):.2f} s, finding or making the embeddings' copy "
        f"{t.get('copy', 0):.2f} s"
    )
    return total


PREVIEW_TARGET_S = 1.0


def timed_preview(lib, version: str, n: int) -> None:  # noqa: ANN001
    """What making `version` active would change, counted as Model ▸ Versions counts it, then
    the switch, whose counts must be the same."""
    from phototagger.core.model.activation import activate_version
    from phototagger.core.model.switch_preview import switch_preview

    for when in ("first", "again"):
        start = time.perf_counter()
        preview = switch_preview(lib, version)
        took = time.perf_counter() - start
        flag = "" if took < PREVIEW_TARGET_S or n < 100_000 else "  MISSES target"
        print(
            f"preview of {version} ({when}) on {n:,} photos: {took:.2f} s: {preview.photos:,} "
            f"photos' tags, {len(preview.changes)} tags would move{flag}"
        )
    changed: set[int] = set()
    moves: dict[str, tuple[int, int]] = {}
    start = time.perf_counter()
    activate_version(lib, version, changed=changed, moves=moves)
    took = time.perf_counter() - start
    same = moves == preview.moves and len(changed) == preview.photos
    print(f"  then activate {version}: {took:.2f} s; counts the same: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--photos", type=int, default=100_000)
    parser.add_argument(
        "--no-scan-end",
        action="store_true",
        help="leave out what a scan's last step makes (the first activation makes the copy)",
    )
    parser.add_argument(
        "--count",
        choices=("none", "photos", "tags", "both"),
        default="both",
        help="what each switch counts (timed_activate); both: photos, then tags, on one library",
    )
    parser.add_argument(
        "--preview", action="store_true", help="time Model ▸ Versions' preview instead"
    )
    args = parser.parse_args()
    counts = ["photos", "tags"] if args.count == "both" else [args.count]
    with tempfile.TemporaryDirectory(prefix="pt-retag-") as tmp:
        os.environ["PHOTOTAGGER_HOME"] = tmp
        from phototagger.core.library import open_library

        real = real_embeddings()
        print(f"load average {os.getloadavg()[0]:.1f}")
        with open_library(default_home()) as lib:
            start = time.perf_counter()
            build(lib, real, args.photos)
            print(f"built {args.photos:,} photos in {time.perf_counter() - start:.1f} s")
            if not args.no_scan_end:
                from phototagger.core.job_end_copies import refresh_after_job
                from phototagger.ml.engine import BACKBONE_NAME

                start = time.perf_counter()
                refresh_after_job(lib, [BACKBONE_NAME])  # what a scan's last step leaves
                print(
                    "the scan's last step (embeddings' copy and probabilities): "
                    f"{time.perf_counter() - start:.1f} s"
                )
            version = save_trained(real)
            if args.preview:
                timed_activate(lib, "v1", args.photos)
                timed_preview(lib, version, args.photos)
                timed_preview(lib, "v1", args.photos)
                counts = []
            for count in counts:
                timed_activate(lib, "v1", args.photos, count)
                timed_activate(lib, version, args.photos, count)
                timed_activate(lib, "v1", args.photos, count)
                timed_activate(lib, version, args.photos, count)
        print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
