"""Model-only throughput per CPU runtime and batch size, with agreement against TensorFlow fp32.

Run: .venv/bin/python benchmarks/runtimes.py [--photos 1000] [--reps 3]

On real photos (/work/shared/data/det-photos when present, else scikit-image's photos in four
views): TensorFlow fp32 (the reference), the CPU runtimes a scan can choose from (OpenVINO fp32,
LiteRT fp32 with XNNPACK through ai-edge-litert, converted and cached as a scan converts them) and
OpenVINO bf16 (where the CPU has it; not exact, never chosen). Runtimes are interleaved within each
repetition, so a shared machine's load falls on all of them alike: read the ratios. Agreement is
what the scan's own check measures (ml/runtimes/agreement.py): tags identical, top-1 ImageNet
class identical, lowest embedding cosine; the last line of each batch size is the choice `auto`
would make from those figures (ml/runtimes/measurement.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

# This checkout's phototagger, not the one installed (an editable install points at another
# worktree): first, before anything imports it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from phototagger.paths import default_home

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("PHOTOTAGGER_HOME", tempfile.mkdtemp(prefix="pt-runtimes-"))

DET = Path("/work/shared/data/det-photos")

Runner = Callable[[np.ndarray], np.ndarray]


def real_inputs(limit: int) -> tuple[str, np.ndarray]:
    from phototagger.core.imaging import decode_photo

    files = sorted(DET.glob("*.jpg"))[:limit] if DET.is_dir() else []
    if files:
        return f"{len(files)} det-photos", np.stack([decode_photo(f).model_input for f in files])
    from benchmarks._photos import photo_set

    pixels = photo_set()[1]
    return f"{len(pixels)} views of scikit-image photos", pixels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--photos", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--batches", default="1,16,64", help="batch sizes, comma-separated")
    args = parser.parse_args()
    from phototagger.ml.engine import load_engine
    from phototagger.ml.heads import load_default_head
    from phototagger.ml.runtimes.agreement import Agreement, measure_agreement
    from phototagger.ml.runtimes.candidates import installed_candidates
    from phototagger.ml.runtimes.conversion_check import load_converted
    from phototagger.ml.runtimes.measurement import Measured, decide
    from phototagger.ml.runtimes.openvino import OpenVinoBackbone
    from phototagger.ml.weights_source import file_digest, source_weights_path

    label, pixels = real_inputs(args.photos)
    home = default_home()
    engine = load_engine("cpu", weights_cache=home.weights_cache)
    default = load_default_head()
    candidates = installed_candidates(file_digest(source_weights_path()), home.runtimes_cache)
    runners: dict[str, Runner] = {"TensorFlow fp32": engine.embed}
    names: dict[str, str] = {}  # runner -> the runtime `auto` would name, for the choice below
    for candidate in candidates:
        backbone = load_converted(engine, candidate)  # converted once, cached
        runners[candidate.title] = backbone.embed
        names[candidate.title] = candidate.name
        if candidate.name == "openvino":  # bf16: faster where the CPU has it, not exact
            ir = candidate.ir  # type: ignore[attr-defined]
            try:
                bf16 = OpenVinoBackbone(ir.xml, default.kernel, default.bias, "bf16")
                runners[f"OpenVINO {candidate.version} bf16"] = bf16.embed
            except RuntimeError as exc:
                print(f"OpenVINO bf16: unavailable ({exc})")
    import tensorflow as tf

    versions = ", ".join(f"{c.title}" for c in candidates)
    print(
        f"{label}; {os.cpu_count()} cores; TensorFlow {tf.__version__}; {versions}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    outputs = {
        name: np.concatenate([run(pixels[i : i + 16]) for i in range(0, len(pixels), 16)])
        for name, run in runners.items()
    }
    reference = outputs["TensorFlow fp32"]
    agreements: dict[str, Agreement] = {}
    for name, out in outputs.items():
        agreements[name] = measure_agreement(reference, out, default)
        print(f"  {name:<32} agreement: {agreements[name].describe()}")
    for batch in (int(b) for b in args.batches.split(",")):
        seconds = dict.fromkeys(runners, 0.0)
        images = max(64, batch * 2)
        for _ in range(args.reps):
            for name, run in runners.items():
                run(pixels[:batch])  # warm-up for this shape
                start = time.perf_counter()
                for i in range(0, images, batch):
                    run(pixels[i % len(pixels) : i % len(pixels) + batch])
                seconds[name] += time.perf_counter() - start
        rates = {name: images * args.reps / s for name, s in seconds.items()}
        tf_rate = rates["TensorFlow fp32"]
        print(f"batch {batch:>2}:")
        for name, rate in rates.items():
            print(f"  {name:<32} {rate:6.1f} img/s ({rate / tf_rate:.2f}x TensorFlow)")
        measured = [Measured(names[n], n, agreements[n], rates[n]) for n in runners if n in names]
        chosen, reason = decide(measured, batch)
        print(f"  auto would choose {chosen or 'TensorFlow fp32'}: {reason}")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
