"""Model-only throughput per CPU runtime and batch size, with agreement against TensorFlow fp32.

Run: .venv/bin/python benchmarks/runtimes.py [--photos 1000] [--reps 3]

On real photos (/work/shared/data/det-photos when present, else scikit-image's photos in four
views): TensorFlow fp32 (the reference), OpenVINO fp32 (what scans use), OpenVINO bf16 (where the
CPU has it) and LiteRT/TFLite fp32 with XNNPACK. Runtimes are interleaved within each repetition,
so a shared machine's load falls on all of them alike: read the ratios. Agreement is what the
scan's own check measures (core/runtime.py): tags identical, top-1 ImageNet class identical,
lowest embedding cosine.
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


def tflite_runner(keras_model: object) -> Runner | str:
    """LiteRT (tf.lite) fp32 with its default XNNPACK delegate, or why it is unavailable."""
    try:
        import keras
        import tensorflow as tf

        sub = keras.Model(keras_model.input, keras_model.output["embedding"])  # type: ignore[attr-defined]
        # Through a SavedModel: from a concrete function, Keras 3's variables were not frozen
        # and every output came back NaN.
        folder = tempfile.mkdtemp(prefix="pt-litert-")
        sub.export(folder, format="tf_saved_model", verbose=False)
        converter = tf.lite.TFLiteConverter.from_saved_model(folder)
        interpreter = tf.lite.Interpreter(
            model_content=converter.convert(), num_threads=os.cpu_count()
        )
    except Exception as exc:  # a benchmark reports what failed and goes on
        return f"unavailable ({type(exc).__name__}: {str(exc)[:80]})"
    inp = interpreter.get_input_details()[0]["index"]
    out = interpreter.get_output_details()[0]["index"]
    shape = [0]

    def run(pixels: np.ndarray) -> np.ndarray:
        if shape[0] != len(pixels):
            interpreter.resize_tensor_input(inp, list(pixels.shape))
            interpreter.allocate_tensors()
            shape[0] = len(pixels)
        interpreter.set_tensor(inp, pixels)
        interpreter.invoke()
        return np.array(interpreter.get_tensor(out))

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--photos", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    from phototagger.ml.engine import load_engine
    from phototagger.ml.heads import load_default_head
    from phototagger.ml.runtimes.agreement import measure_agreement
    from phototagger.ml.runtimes.openvino import (
        OpenVinoBackbone,
        convert,
        converted_model,
        openvino_version,
    )
    from phototagger.ml.weights_source import file_digest, source_weights_path

    label, pixels = real_inputs(args.photos)
    engine = load_engine("cpu", weights_cache=default_home().weights_cache)
    default = load_default_head()
    version = openvino_version() or "?"
    converted = converted_model(
        file_digest(source_weights_path()), version, default_home().runtimes_cache
    )
    if not converted.exists:
        convert(engine.keras_model, converted)
    runners: dict[str, Runner] = {"TensorFlow fp32": engine.embed}
    for precision in ("f32", "bf16"):
        try:
            ov = OpenVinoBackbone(converted.xml, default.kernel, default.bias, precision)
            runners[f"OpenVINO {precision}"] = ov.embed
        except RuntimeError as exc:
            print(f"OpenVINO {precision}: unavailable ({exc})")
    lite = tflite_runner(engine.keras_model)
    if isinstance(lite, str):
        print(f"LiteRT/TFLite fp32 XNNPACK: {lite}")
    else:
        runners["LiteRT fp32 XNNPACK"] = lite
    import tensorflow as tf

    print(
        f"{label}; {os.cpu_count()} cores; TensorFlow {tf.__version__}, OpenVINO {version}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    outputs = {
        name: np.concatenate([run(pixels[i : i + 16]) for i in range(0, len(pixels), 16)])
        for name, run in runners.items()
    }
    reference = outputs["TensorFlow fp32"]
    for name, out in outputs.items():
        print(f"  {name:<22} agreement: {measure_agreement(reference, out, default).describe()}")
    for batch in (1, 16, 64):
        seconds = dict.fromkeys(runners, 0.0)
        images = max(64, batch * 2)
        for _ in range(args.reps):
            for name, run in runners.items():
                run(pixels[:batch])  # warm-up for this shape
                start = time.perf_counter()
                for i in range(0, images, batch):
                    run(pixels[i % len(pixels) : i % len(pixels) + batch])
                seconds[name] += time.perf_counter() - start
        tf_rate = images * args.reps / seconds["TensorFlow fp32"]
        row = ", ".join(
            f"{name} {images * args.reps / s:6.1f} img/s ({images * args.reps / s / tf_rate:.2f}x)"
            for name, s in seconds.items()
        )
        print(f"batch {batch:>2}: {row}")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
