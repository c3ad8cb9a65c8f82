"""OpenVINO bf16 with the first convolutions kept in fp32: agreement and speed per cut.

Run: .venv/bin/python benchmarks/bf16_mixed.py [--photos 1000] [--cuts 6,9] [--reps 4]

Plain bf16 sits at the conversion check's bar (tags identical on 99.2 % of det-photos), so a
scan's 200-photo check often fails it and the scan falls back to fp32. This compiles the IR in
two parts (ml/runtimes/openvino.split_model): the convolutions before number K in fp32, the rest
in bf16, for each K in --cuts (cut between blocks: 3, 6, 9, 12, 15...), beside OpenVINO fp32 and
plain bf16.
Marking nodes to keep fp32 instead (rt_info "precise_0" / "disable_fp16_compression_0", what
ov::pass::disable_fp16_compression sets) is ignored by the CPU plugin of OpenVINO 2026.4 for
convolutions at bf16: the runtime model still runs all 49 in bf16, even with every node marked.
For each: agreement with TensorFlow fp32 on the photos (ml/runtimes/agreement.measure_agreement),
how often the scan's check would pass on random draws of 200 of them (as
benchmarks/embedding_compat.py counts it), and img/s at batch 16 and 32, runtimes interleaved
within each repetition (read the ratios on a shared machine). No variant reaches 1.6x fp32 with
tags identical on >= 99.5 %: weighted by how often each passes the check (fp32 otherwise), plain
bf16 averages 0.66 x 2.0 + 0.34 = 1.66x fp32 and the 6-convolution cut 0.94 x 1.55 + 0.06 =
1.52x. Both are candidates ("openvino-bf16", "openvino-mixed" = the 6-convolution cut), so `auto`
takes plain bf16 where it passes, else the cut where it passes, else fp32: 0.66 x 2.0 + 0.28 x
1.55 + 0.06 = 1.8x fp32 on average, and a bf16 path on 94 % of draws.

Measured in one run (--cuts 3,6,9,15 --reps 6; 1,000 det-photos, 2 shared cores, AVX512_BF16,
load 1.1-1.8), against TensorFlow fp32; img/s as a multiple of OpenVINO fp32 (167 / 174 img/s) at
batch 16 / 32 (nbrs: top-10 similar photos kept):
  plain bf16:    tags 99.2 %, top-1 98.5 %, nbrs 96.6 %, cosine 0.9913, passes 66 %; 1.90 / 2.22x
  3 convs fp32:  tags 99.4 %, top-1 98.7 %, nbrs 97.8 %, cosine 0.9980, passes 82 %; 1.59 / 1.67x
  6 convs fp32:  tags 99.5 %, top-1 99.2 %, nbrs 98.2 %, cosine 0.9986, passes 94 %; 1.56 / 1.52x
  9 convs fp32:  tags 99.5 %, top-1 99.1 %, nbrs 98.4 %, cosine 0.9990, passes 94 %; 1.45 / 1.45x
  15 convs fp32: tags 99.6 %, top-1 99.4 %, nbrs 98.7 %, cosine 0.9994, passes 96 %; 1.41 / 1.40x
(6 convs in other runs: 1.59 / 1.58x at load 0.9-3, 1.63 / 1.45x at load 3-5.)
The stem alone (--cuts 1) or the last 1x1 conv and pooling alone in fp32 (a split after the
bulk) does no better than plain bf16 (passes 58-66 %).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.runtimes import real_inputs  # noqa: E402
from phototagger.ml.runtimes.openvino import split_model  # noqa: E402
from phototagger.paths import default_home  # noqa: E402

CHECK, DRAWS = 200, 200  # photos in a scan's check (ml/runtimes/deferred.KEEP); random draws
CONFIG = {"PERFORMANCE_HINT": "LATENCY"}  # as ml/runtimes/openvino.OpenVinoBackbone compiles


def mixed_runner(xml: Path, convolutions: int) -> Callable[[np.ndarray], np.ndarray]:
    """uint8 pixels -> embeddings, the first `convolutions` in fp32 and the rest in bf16."""
    import openvino as ov

    core = ov.Core()
    try:
        first, rest = split_model(core, xml, convolutions)
    except RuntimeError as exc:  # a skip connection reaches over the cut
        raise SystemExit(
            f"--cuts {convolutions}: inside a residual block; cut between blocks"
        ) from exc
    parts = [
        core.compile_model(first, "CPU", {**CONFIG, "INFERENCE_PRECISION_HINT": "f32"}),
        core.compile_model(rest, "CPU", {**CONFIG, "INFERENCE_PRECISION_HINT": "bf16"}),
    ]

    def run(pixels: np.ndarray) -> np.ndarray:
        out = np.ascontiguousarray(pixels)
        for part in parts:
            out = part(out)[0]
        return np.array(out, dtype=np.float32)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=1000)
    parser.add_argument("--cuts", default="6,9", help="fp32 convolutions, comma-separated")
    parser.add_argument("--reps", type=int, default=4)
    parser.add_argument("--images", type=int, default=128, help="per runtime, batch and rep")
    args = parser.parse_args()
    from phototagger.ml.engine import load_engine
    from phototagger.ml.heads import load_default_head
    from phototagger.ml.runtimes import openvino
    from phototagger.ml.runtimes.agreement import measure_agreement
    from phototagger.ml.runtimes.candidates import OpenVinoCandidate, installed_version
    from phototagger.ml.runtimes.conversion_check import load_converted
    from phototagger.ml.weights_source import file_digest, source_weights_path

    label, pixels = real_inputs(args.photos)
    home = default_home()
    engine = load_engine("cpu", weights_cache=home.weights_cache)
    version = installed_version("openvino")
    assert version is not None, "OpenVINO is not installed"
    candidate = OpenVinoCandidate(file_digest(source_weights_path()), version, home.runtimes_cache)
    load_converted(engine, candidate)  # converted once, cached
    head = load_default_head()

    def backbone(precision: str) -> openvino.OpenVinoBackbone:
        return openvino.OpenVinoBackbone(candidate.ir.xml, head.kernel, head.bias, precision)

    runners: dict[str, Callable[[np.ndarray], np.ndarray]] = {
        "fp32": backbone(openvino.PRECISION).embed,
        "bf16": backbone(openvino.BF16).embed,
    }
    for cut in (int(c) for c in args.cuts.split(",")):
        runners[f"bf16, {cut} convs fp32"] = mixed_runner(candidate.ir.xml, cut)
    print(f"{label}; OpenVINO {version}; load average {os.getloadavg()[0]:.1f}")
    reference = np.concatenate(
        [engine.embed(pixels[i : i + 16]) for i in range(0, len(pixels), 16)]
    )
    rng = np.random.default_rng(0)
    size = min(CHECK, len(pixels))
    draws = [rng.choice(len(pixels), size, replace=False) for _ in range(DRAWS)]
    for name, run in runners.items():
        out = np.concatenate([run(pixels[i : i + 16]) for i in range(0, len(pixels), 16)])
        passes = np.mean([measure_agreement(reference[d], out[d], head).passed for d in draws])
        print(
            f"  {name:<22} {measure_agreement(reference, out, head).describe()}; "
            f"check passes on {passes:.0%} of {DRAWS} draws of {size}",
            flush=True,
        )
    for batch in (16, 32):
        seconds = dict.fromkeys(runners, 0.0)
        for _ in range(args.reps):
            for name, run in runners.items():
                run(pixels[:batch])  # warm-up for this shape
                start = time.perf_counter()
                for i in range(0, args.images, batch):
                    run(pixels[i % len(pixels) : i % len(pixels) + batch])
                seconds[name] += time.perf_counter() - start
        rates = {name: args.images * args.reps / s for name, s in seconds.items()}
        print(
            f"batch {batch}: "
            + ", ".join(
                f"{n} {r:.0f} img/s ({r / rates['fp32']:.2f}x fp32)" for n, r in rates.items()
            ),
            flush=True,
        )
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
