"""Fuzz the scan: thousands of generated and mutated files; crashes, hangs and peak memory.

Not part of the test suite (it runs for minutes). Each round writes a folder of files (valid
images of every supported format and mode, then mutated: bit flips, truncations, cut or
repeated spans, forged dimensions, wrong extensions) plus the hostile specials (a FIFO, a link
to /dev/zero, a 12 GB sparse file, a 16-bit memory bomb, empty files), and scans it with the real
command line in a child process:

- a crash is an exit status other than 0 (done) or 1 (finished with problems), or a traceback;
- a hang is a round that does not end within --round-timeout seconds;
- the peak is the largest resident size of any scan (VmHWM of the child, polled).

After each round the library must pass PRAGMA integrity_check.

Run: .venv/bin/python benchmarks/fuzz_scan.py [--files 10000] [--per-round 1000] [--seed 1]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

REPO_ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = (".jpg", ".png", ".gif", ".webp", ".tif", ".bmp")


def _picture(rng: random.Random, width: int, height: int) -> Image.Image:
    """Smooth gradients and noise: compresses like a photo, decodes to something non-trivial."""
    gen = np.random.default_rng(rng.randrange(2**32))
    y, x = np.mgrid[0:height, 0:width]
    base = np.stack(
        [
            (x * 255 // max(width, 1)),
            (y * 255 // max(height, 1)),
            ((x + y) * 127 // max(width + height, 1)),
        ],
        axis=-1,
    )
    noise = gen.integers(0, 40, (height, width, 3))
    return Image.fromarray(np.clip(base + noise, 0, 255).astype(np.uint8), "RGB")


def _valid(rng: random.Random) -> tuple[bytes, str]:
    """One valid image file: a random format, mode, size and a few encoder options."""
    width, height = rng.randint(1, 900), rng.randint(1, 900)
    if rng.random() < 0.02:
        width, height = 4000, 3000  # camera-sized now and then
    img = _picture(rng, width, height)
    fmt = rng.choice(["JPEG", "JPEG", "PNG", "PNG", "GIF", "WEBP", "TIFF", "BMP"])
    buf = io.BytesIO()
    if fmt == "JPEG":
        mode = rng.choice(["RGB", "RGB", "L", "CMYK"])
        exif = Image.Exif()
        exif[0x0112] = rng.randint(0, 9)  # orientation, sometimes out of range
        img.convert(mode).save(
            buf,
            "JPEG",
            quality=rng.randint(5, 100),
            progressive=rng.random() < 0.3,
            exif=exif.tobytes(),
        )
    elif fmt == "PNG":
        mode = rng.choice(["RGB", "RGBA", "L", "LA", "P", "1", "I;16"])
        converted = (
            img.convert("L").point(lambda v: v * 200).convert("I;16")
            if mode == "I;16"
            else img.convert(mode)
        )
        converted.save(buf, "PNG", compress_level=rng.randint(0, 9))
    elif fmt == "GIF":
        frames = [img.convert("P")] + [
            _picture(rng, width, height).convert("P") for _ in range(rng.randint(0, 2))
        ]
        frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:])
    elif fmt == "WEBP":
        img.convert(rng.choice(["RGB", "RGBA"])).save(buf, "WEBP", quality=rng.randint(5, 100))
    elif fmt == "TIFF":
        img.convert(rng.choice(["RGB", "L", "CMYK", "RGBA"])).save(
            buf, "TIFF", compression=rng.choice([None, "tiff_deflate", "tiff_lzw", "packbits"])
        )
    else:
        img.convert(rng.choice(["RGB", "L", "P", "1"])).save(buf, "BMP")
    ext = {
        "JPEG": ".jpg",
        "PNG": ".png",
        "GIF": ".gif",
        "WEBP": ".webp",
        "TIFF": ".tif",
        "BMP": ".bmp",
    }[fmt]
    return buf.getvalue(), ext


def _flip_bits(rng: random.Random, data: bytearray) -> bytearray:
    for _ in range(rng.randint(1, 20)):
        pos = rng.randrange(len(data))
        data[pos] ^= 1 << rng.randrange(8)
    return data


def _truncate(rng: random.Random, data: bytearray) -> bytearray:
    return data[: rng.randrange(len(data))]


def _cut_span(rng: random.Random, data: bytearray) -> bytearray:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 4096) :]


def _repeat_span(rng: random.Random, data: bytearray) -> bytearray:
    start = rng.randrange(len(data))
    span = data[start : start + rng.randint(1, 4096)]
    return data[:start] + span * rng.randint(2, 50) + data[start:]


def _random_bytes_in(rng: random.Random, data: bytearray) -> bytearray:
    start = rng.randrange(len(data))
    size = rng.randint(1, 512)
    return data[:start] + bytearray(rng.randbytes(size)) + data[start + size :]


def _forge_size(rng: random.Random, data: bytearray) -> bytearray:
    """Claim enormous or odd dimensions in the header (PNG IHDR with its CRC fixed, JPEG SOF,
    anything else: a 32-bit field near the start)."""
    side = rng.choice([0, 1, 65535, 14100, 30000, 2**31 - 1, rng.randint(1, 100000)])
    other = rng.choice([1, side, rng.randint(1, 100000)])
    if data.startswith(b"\x89PNG") and len(data) > 33:
        data[16:24] = struct.pack(">II", side & 0xFFFFFFFF, other & 0xFFFFFFFF)
        data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
        return data
    sof = next(
        (
            i
            for i in range(2, len(data) - 9)
            if data[i] == 0xFF and data[i + 1] in (0xC0, 0xC1, 0xC2)
        ),
        None,
    )
    if sof is not None:
        data[sof + 5 : sof + 9] = struct.pack(">HH", side & 0xFFFF, other & 0xFFFF)
        return data
    pos = rng.randrange(min(len(data), 64))
    data[pos : pos + 4] = struct.pack("<I", side & 0xFFFFFFFF)
    return data


MUTATIONS: dict[str, Callable[[random.Random, bytearray], bytearray]] = {
    "flip": _flip_bits,
    "truncate": _truncate,
    "cut": _cut_span,
    "repeat": _repeat_span,
    "garbage": _random_bytes_in,
    "forge-size": _forge_size,
}


def _sixteen_bit_bomb(dest: Path, side: int = 14100) -> None:
    """The issue's memory bomb: a valid 16-bit grey PNG, a few hundred KB, 400 MB decoded."""
    packer = zlib.compressobj(9)
    row = b"\x00" * (1 + 2 * side)
    body = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (
            struct.pack(">I", len(payload))
            + kind
            + payload
            + struct.pack(">I", zlib.crc32(kind + payload))
        )

    dest.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 16, 0, 0, 0, 0))
        + chunk(b"IDAT", body)
        + chunk(b"IEND", b"")
    )


def _specials(folder: Path, bomb: bytes) -> int:
    """The hostile files that are not bytes to mutate."""
    os.mkfifo(folder / "fifo.jpg")
    (folder / "zero.jpg").symlink_to("/dev/zero")
    with open(folder / "sparse.jpg", "wb") as f:
        f.truncate(12 * 2**30)
    (folder / "bomb16-a.png").write_bytes(bomb)
    (folder / "bomb16-b.png").write_bytes(bomb)
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "folder.jpg").mkdir()
    return 7


def _write_round(
    folder: Path,
    count: int,
    rng: random.Random,
    mix: Counter[str],
    bomb: bytes,
    seeds: list[tuple[bytes, str]],
) -> None:
    folder.mkdir(parents=True)
    written = _specials(folder, bomb)
    mix["special"] += written
    for i in range(count - written):
        # Mostly a seed (encoding costs ~0.1 s a file), sometimes a freshly generated image.
        data, ext = _valid(rng) if rng.random() < 0.1 else rng.choice(seeds)
        kind = "valid"
        if rng.random() < 0.7:
            kind = rng.choice(list(MUTATIONS))
            mutated = bytearray(data)
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                if mutated:
                    mutated = MUTATIONS[kind](rng, mutated)
            data = bytes(mutated)
        if rng.random() < 0.05:
            ext = rng.choice(EXTENSIONS)  # the name lies about the contents
            kind += "+misnamed"
        mix[kind.split("+")[0]] += 1
        (folder / f"f{i:05d}{ext}").write_bytes(data)


def _scan(folder: Path, home: Path, timeout: float) -> tuple[str, int | None, str, float]:
    """(outcome, exit status, stderr tail, seconds): outcome is ok, crash or hang."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "TF_CPP_MIN_LOG_LEVEL": "2"}
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "phototagger", "scan", str(folder), "--home", str(home), "--quiet"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watcher = _PeakWatcher(child.pid)
    watcher.start()
    try:
        _, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        _, err = child.communicate()
        return "hang", None, err[-1500:], time.monotonic() - started
    finally:
        watcher.stop()
    seconds = time.monotonic() - started
    crashed = child.returncode not in (0, 1) or "Traceback" in err
    return ("crash" if crashed else "ok"), child.returncode, err[-1500:], seconds


class _PeakWatcher(threading.Thread):
    """The child's own peak resident size (VmHWM), read until it exits. Not ru_maxrss: Linux
    carries that over from the forking parent across exec."""

    peak_kb = 0

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self._status = Path(f"/proc/{pid}/status")
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.05):
            try:
                text = self._status.read_text()
            except OSError:
                return
            for line in text.splitlines():
                if line.startswith("VmHWM:"):
                    _PeakWatcher.peak_kb = max(_PeakWatcher.peak_kb, int(line.split()[1]))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _library_counts(home: Path) -> tuple[str, dict[str, int]]:
    conn = sqlite3.connect(home / "data" / "library.db")
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        counts = dict(conn.execute("SELECT status, count(*) FROM photos GROUP BY status"))
    finally:
        conn.close()
    return check, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--per-round", type=int, default=2_000)
    parser.add_argument("--seeds", type=int, default=300, help="valid images to mutate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--round-timeout", type=float, default=900.0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    mix: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fuzz-scan-") as tmp:
        root = Path(tmp)
        bomb_path = root / "bomb.png"
        _sixteen_bit_bomb(bomb_path)
        bomb = bomb_path.read_bytes()
        seeds = [_valid(rng) for _ in range(args.seeds)]
        rounds = max(1, -(-args.files // args.per_round))
        for n in range(rounds):
            folder = root / f"round-{n:02d}"
            count = min(args.per_round, args.files - n * args.per_round)
            _write_round(folder, count, rng, mix, bomb, seeds)
            home = root / f"home-{n:02d}"
            outcome, code, err, seconds = _scan(folder, home, args.round_timeout)
            outcomes[outcome] += 1
            check, counts = _library_counts(home)
            totals.update(counts)
            peak_mb = _PeakWatcher.peak_kb / 1024
            print(
                f"round {n + 1}/{rounds}: {count} files, {outcome} (exit {code}) in "
                f"{seconds:.0f} s; integrity {check}; {counts}; peak so far {peak_mb:,.0f} MB",
                flush=True,
            )
            if outcome != "ok" or check != "ok":
                print(err, flush=True)
                outcomes["integrity-failed"] += check != "ok"
            for entry in folder.iterdir():  # the sparse file and friends: gone between rounds
                if entry.is_dir() and not entry.is_symlink():
                    entry.rmdir()
                else:
                    entry.unlink()
    peak_mb = _PeakWatcher.peak_kb / 1024
    print(
        f"\nfiles: {args.files:,} in {rounds} rounds, seed {args.seed}; "
        f"mix: {dict(sorted(mix.items()))}"
    )
    print(f"library: {dict(sorted(totals.items()))}")
    print(
        f"crashes: {outcomes['crash']}, hangs: {outcomes['hang']}, "
        f"integrity failures: {outcomes['integrity-failed']}, "
        f"peak memory of a scan: {peak_mb:,.0f} MB (target < 2,048 MB), "
        f"elapsed {time.monotonic() - started:,.0f} s"
    )
    return (
        0
        if outcomes["crash"] == outcomes["hang"] == outcomes["integrity-failed"] == 0
        and peak_mb < 2048
        else 1
    )


if __name__ == "__main__":
    sys.exit(main())
