"""Model-only throughput (images/s) at batch 1, 16 and 64, and peak memory, on this machine.

Run: .venv/bin/python benchmarks/model_throughput.py
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

# This checkout's phototagger, not the one installed (an editable install points at another
# worktree): first, before anything imports it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from phototagger.paths import default_home

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    import os

    argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args()

    os.environ.setdefault("PHOTOTAGGER_HOME", tempfile.mkdtemp(prefix="pt-bench-"))
    start_rss = rss_mib()
    t0 = time.perf_counter()
    from phototagger.ml.engine import load_engine

    engine = load_engine("auto", weights_cache=default_home().weights_cache)
    load_s = time.perf_counter() - t0
    print(f"device: {engine.device}")
    print(
        f"engine load (first, converts weights): {load_s:.2f} s; peak RSS {rss_mib():.0f} MiB "
        f"(from {start_rss:.0f} MiB)"
    )
    t0 = time.perf_counter()
    load_engine("auto", weights_cache=default_home().weights_cache)
    print(f"engine load (cached weights): {time.perf_counter() - t0:.2f} s")

    rng = np.random.default_rng(0)
    results = {}
    for batch in (1, 16, 64):
        pixels = rng.integers(0, 256, (batch, 224, 224, 3), dtype=np.uint8)
        engine.embed(pixels)  # warm-up: traces the graph for this shape
        images = max(64, batch * 4)
        runs = images // batch
        t0 = time.perf_counter()
        for _ in range(runs):
            engine.embed(pixels)
        elapsed = time.perf_counter() - t0
        results[batch] = runs * batch / elapsed
        print(
            f"batch {batch:>2}: {results[batch]:6.1f} images/s "
            f"({1000 * elapsed / (runs * batch):.1f} ms/image)"
        )
    print(f"batch 64 vs batch 1: {results[64] / results[1]:.1f}x")
    embeddings = rng.standard_normal((10_000, 1280)).astype(np.float32)
    t0 = time.perf_counter()
    engine.scores(embeddings)
    print(f"default head on 10,000 cached embeddings: {1000 * (time.perf_counter() - t0):.0f} ms")
    print(f"peak RSS with the model loaded and running: {rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
