"""Decoding and tagging speed of the formats a phone or camera library holds, in one run.

- 12 MP HEIC vs 12 MP JPEG: photos per second through decode_photo (the CNN costs the same for
  both, so it is reported once, separately);
- RAW: the embedded preview (what a scan uses) vs LibRaw's half-size and full decode;
- video: seconds of clip tagged per second (sampling, decoding, CNN, pooling);
- peak memory while tagging a 4K clip (generated here with PyAV), measured in a child process
  from the kernel's high-water mark, reset after the model is loaded.

Run: .venv/bin/python benchmarks/formats.py [--photos 4] [--clip-seconds 30] [--4k-seconds 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))


def _rate(label: str, paths: list[Path], work: Callable[[Path], object]) -> float:
    work(paths[0])  # warm: lazy plugin loading, page cache
    start = time.perf_counter()
    for path in paths:
        work(path)
    per_s = len(paths) / (time.perf_counter() - start)
    print(f"  {label:<46} {per_s:7.2f} photos/s ({1000 / per_s:7.1f} ms each)")
    return per_s


def bench_heic_vs_jpeg(folder: Path, count: int) -> None:
    from phototagger.core.decoders import heif
    from phototagger.core.imaging import decode_photo
    from tests.photo_factory import synthetic_photo

    heif.register()
    jpegs, heics = [], []
    start = time.perf_counter()
    for i in range(count):
        img = synthetic_photo(4000, 3000, seed=i)
        jpegs.append(folder / f"IMG_{i}.jpg")
        img.save(jpegs[-1], "JPEG", quality=90)
        heics.append(folder / f"IMG_{i}.heic")
        # x265's ultrafast preset: the slower presets take minutes per 12 MP photo here, and
        # the decoder's speed depends on the bitrate far more than on the encoder's effort.
        img.save(heics[-1], "HEIF", quality=60, enc_params={"preset": "ultrafast"})
    mb = statistics.fmean(p.stat().st_size for p in heics) / 1e6
    mbj = statistics.fmean(p.stat().st_size for p in jpegs) / 1e6
    print(
        f"12 MP photos ({count} each, made in {time.perf_counter() - start:.0f} s; "
        f"JPEG {mbj:.1f} MB, HEIC {mb:.1f} MB):"
    )
    jpeg = _rate("JPEG 4000x3000 decode_photo", jpegs, decode_photo)
    heic = _rate("HEIC 4000x3000 decode_photo", heics, decode_photo)
    print(
        f"  HEIC is {jpeg / heic:.1f}x slower to decode than JPEG (JPEG decodes at 1/8 scale "
        "through libjpeg's draft mode; HEVC has no reduced decode)"
    )


def bench_raw(folder: Path) -> None:
    import rawpy

    from phototagger.core.imaging import decode_photo
    from tests.media_factory import RAW_DNG, raw_without_preview

    dng = folder / "raw.dng"
    dng.write_bytes(RAW_DNG.read_bytes())
    no_preview = raw_without_preview(folder / "raw-no-preview.dng")
    paths = [dng] * 10

    def full(path: Path) -> object:
        with rawpy.imread(str(path)) as raw:
            return raw.postprocess(use_camera_wb=True, output_bps=8)

    print("RAW (the one real sample: Canon EOS 6D DNG, 1224x816, 1024 px JPEG preview):")
    preview = _rate("decode_photo from the embedded preview", paths, decode_photo)
    fallback = _rate(
        "decode_photo, preview wiped (LibRaw half-size)", [no_preview] * 10, decode_photo
    )
    whole = _rate("LibRaw full postprocess (demosaic, 8-bit RGB)", paths, full)
    print(
        f"  preview is {preview / whole:.1f}x faster than a full decode "
        f"(half-size fallback {fallback / whole:.1f}x)"
    )


def _write_clip(dest: Path, width: int, height: int, seconds: float, fps: int = 30) -> Path:
    """A pan across real photos (scikit-image), encoded H.264 like a phone's clip."""
    import av
    import numpy as np
    from PIL import Image

    from benchmarks._photos import load_photo

    names = ("chelsea", "coffee", "astronaut", "rocket")
    frames_total = int(seconds * fps)
    with av.open(str(dest), "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"preset": "ultrafast", "crf": "23", "g": str(fps)}
        stream.time_base = Fraction(1, fps)
        per_scene = max(1, frames_total // len(names))
        for scene, name in enumerate(names):
            big = load_photo(name).resize(
                (int(width * 1.25), int(height * 1.25)), Image.Resampling.BILINEAR
            )
            pixels = np.asarray(big)
            for k in range(per_scene):
                x = int((big.width - width) * k / per_scene)
                frame = av.VideoFrame.from_ndarray(
                    np.ascontiguousarray(pixels[:height, x : x + width]), format="rgb24"
                )
                frame.pts = scene * per_scene + k
                for packet in stream.encode(frame):
                    out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return dest


def _tag_clip(engine: object, path: Path) -> int:
    from phototagger.core.imaging import decode_photo
    from phototagger.core.media import embed_pooled

    decoded = decode_photo(path)
    embed_pooled(engine, [decoded])  # type: ignore[arg-type]
    return 0 if decoded.frames is None else len(decoded.frames)


def bench_video(folder: Path, seconds: float) -> None:
    from phototagger.ml.engine import load_engine
    from phototagger.paths import default_home

    start = time.perf_counter()
    clip = _write_clip(folder / "clip1080.mp4", 1920, 1080, seconds)
    print(
        f"video (1080p30 H.264, {seconds:.0f} s, {clip.stat().st_size / 1e6:.1f} MB, made in "
        f"{time.perf_counter() - start:.0f} s):"
    )
    engine = load_engine("auto", weights_cache=default_home().weights_cache)
    _tag_clip(engine, clip)  # warm the model
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        frames = _tag_clip(engine, clip)
        runs.append(time.perf_counter() - start)
    best = min(runs)
    print(
        f"  tagged from {frames} frames in {best:.2f} s (median {statistics.median(runs):.2f}):"
        f" {seconds / best:.1f} s of video per second of tagging"
    )


_CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from phototagger.paths import default_home
from phototagger.ml.engine import load_engine
from benchmarks.formats import _tag_clip, _status_kb
engine = load_engine("auto", weights_cache=default_home().weights_cache)
_tag_clip(engine, __import__("pathlib").Path({small!r}))  # warm the model at full batch
base = _status_kb("VmRSS")
open("/proc/self/clear_refs", "w").write("5")  # reset the high-water mark (VmHWM)
start = time.perf_counter()
frames = _tag_clip(engine, __import__("pathlib").Path({clip!r}))
print(base, _status_kb("VmHWM"), frames, time.perf_counter() - start)
"""


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def bench_4k_memory(folder: Path, seconds: float) -> None:
    start = time.perf_counter()
    clip = _write_clip(folder / "clip4k.mp4", 3840, 2160, seconds)
    small = _write_clip(folder / "warm.mp4", 640, 360, 16)
    print(
        f"4K clip (3840x2160 H.264, {seconds:.0f} s, {clip.stat().st_size / 1e6:.1f} MB, made "
        f"in {time.perf_counter() - start:.0f} s):"
    )
    code = _CHILD.format(root=str(REPO_ROOT), clip=str(clip), small=str(small))
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    base, peak, frames, took = int(out[-4]), int(out[-3]), out[-2], float(out[-1])
    print(
        f"  process after loading the model: {base / 1024:.0f} MiB; peak while tagging the 4K "
        f"clip: {peak / 1024:.0f} MiB (+{(peak - base) / 1024:.0f} MiB); {frames} frames in "
        f"{took:.1f} s ({seconds / took:.1f} s of video per second)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=4)
    parser.add_argument("--clip-seconds", type=float, default=30)
    parser.add_argument("--4k-seconds", dest="k4_seconds", type=float, default=10)
    parser.add_argument(
        "--only",
        choices=("heic", "raw", "video", "4k"),
        action="append",
        help="run only these parts (repeatable)",
    )
    args = parser.parse_args()
    parts = set(args.only or ("heic", "raw", "video", "4k"))
    load = os.getloadavg()
    print(f"{os.cpu_count()} CPUs, load average {load[0]:.1f} (timings scale with it)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "heic" in parts:
            bench_heic_vs_jpeg(folder, args.photos)
        if "raw" in parts:
            bench_raw(folder)
        if "video" in parts:
            bench_video(folder, args.clip_seconds)
        if "4k" in parts:
            bench_4k_memory(folder, args.k4_seconds)


if __name__ == "__main__":
    main()
