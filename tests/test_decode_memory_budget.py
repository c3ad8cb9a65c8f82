"""Decoded memory is capped in bytes before decoding, and decodes share one budget (issue 9.6)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import pytest

from phototagger.cli import allow_large_photos
from phototagger.core import errors
from phototagger.core.decode_budget import MemoryBudget, decode_cost
from phototagger.core.errors import PhotoError
from phototagger.core.imaging import decode_photo


def zeros_zlib(size: int, block: int = 1 << 22) -> bytes:
    """A valid zlib stream of `size` zero bytes, made of one deflated block repeated.

    Deflating hundreds of MB of zeros takes seconds (13 s for one bomb on a busy machine); a
    block compressed after a full flush starts from an empty dictionary, so its bytes are the
    same every time and can be repeated. The Adler-32 of n zeros is (n mod 65521) << 16 | 1.
    """
    packer = zlib.compressobj(9)
    header = packer.compress(bytes(block)) + packer.flush(zlib.Z_FULL_FLUSH)
    repeated = packer.compress(bytes(block)) + packer.flush(zlib.Z_FULL_FLUSH)
    rest = zlib.compressobj(9)
    last = rest.compress(bytes(size % block)) + rest.flush()  # the final block
    adler = struct.pack(">I", (size % 65521) << 16 | 1)
    return header[:2] + repeated * (size // block) + last[2:-4] + adler


def sixteen_bit_gray_png(dest: Path, side: int) -> Path:
    """A real, valid 16-bit greyscale PNG of side x side black pixels: a few hundred KB that
    decode to side*side*2 bytes (never whole in memory here)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    # Each row is a filter byte (0: none) and the pixels (0: black): zeros throughout.
    data = zeros_zlib(side * (1 + 2 * side))
    ihdr = struct.pack(">IIBBBBB", side, side, 16, 0, 0, 0, 0)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
    return dest


@pytest.mark.parametrize("size", [0, 5, (1 << 22) - 1, 1 << 22, 3 * (1 << 22) + 12345])
def test_the_repeated_block_stream_is_exactly_zeros(size: int) -> None:
    data = zlib.decompress(zeros_zlib(size))  # checks the Adler-32 too
    assert len(data) == size and data.count(0) == size


def test_a_16_bit_bomb_under_the_pixel_cap_is_refused_before_decoding(tmp_path: Path) -> None:
    allow_large_photos()  # the 200 MP cap the CLI and the GUI use
    bomb = sixteen_bit_gray_png(tmp_path / "gray16.png", 14100)
    assert bomb.stat().st_size < 1_000_000 and 14100 * 14100 < 200_000_000
    with pytest.raises(PhotoError) as caught:
        decode_photo(bomb)
    assert caught.value.code == errors.TOO_LARGE
    assert "GB of memory" in caught.value.message


def test_two_bombs_decoded_at_once_stay_in_a_bounded_peak(tmp_path: Path) -> None:
    """In a fresh process (its peak memory is its own): two 16-bit images that fit the budget
    one at a time, decoded on two threads, plus two that never fit."""
    fits = [sixteen_bit_gray_png(tmp_path / f"fit-{i}.png", 7000) for i in range(2)]
    bombs = [sixteen_bit_gray_png(tmp_path / f"bomb-{i}.png", 14100) for i in range(2)]
    script = f"""
import sys, threading
from phototagger.cli import allow_large_photos
from phototagger.core.imaging import decode_photo
from phototagger.core.errors import PhotoError
allow_large_photos()
codes = []
def run(path):
    try:
        decode_photo(path)
        codes.append("ok")
    except PhotoError as exc:
        codes.append(exc.code)
threads = [threading.Thread(target=run, args=(p,)) for p in {[str(p) for p in fits + bombs]!r}]
for t in threads: t.start()
for t in threads: t.join()
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent (pytest, with
# TensorFlow loaded) across exec, while VmHWM belongs to this process's own memory.
hwm = [line for line in open("/proc/self/status") if line.startswith("VmHWM:")][0]
print(sorted(codes), int(hwm.split()[1]) // 1024)
"""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    peak_mb = int(out[-1])
    assert " ".join(out[:-1]) == "['TOO_LARGE', 'TOO_LARGE', 'ok', 'ok']"
    # Each fitting decode reserves 7000^2 * 16 bytes = 784 MB: two at once would exceed the
    # 768 MiB budget, so they run one after the other (without the budget: 2.6 GB).
    assert peak_mb < 1024, peak_mb


def test_the_budget_never_lends_more_than_it_has() -> None:
    budget = MemoryBudget(100)
    peak = [0]
    lock = threading.Lock()

    def work(n: int) -> None:
        with budget.reserve(n):
            with lock:
                peak[0] = max(peak[0], budget.used)
            time.sleep(0.01)  # hold it a moment, so that others must wait

    threads = [threading.Thread(target=work, args=(30 + i % 3 * 20,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert 0 < peak[0] <= 100 and budget.used == 0
    with pytest.raises(PhotoError):
        with budget.reserve(101):
            pass


def test_cost_counts_pillow_storage_per_mode() -> None:
    assert decode_cost("L", 10, 10) == 100 * 9
    assert decode_cost("I;16", 10, 10) == 100 * 16
    assert decode_cost("RGB", 10, 10) == 100 * 12


def test_a_forged_progressive_jpeg_counts_its_full_size_coefficients(tmp_path: Path) -> None:
    """Drafting does not help a progressive JPEG: libjpeg buffers every coefficient of the
    header's full size. A 10 KB file claiming 14100x14100 cost 430 MB before it failed."""
    allow_large_photos()
    from tests.photo_factory import synthetic_photo

    path = tmp_path / "forged.jpg"
    synthetic_photo(256, 256).save(path, "JPEG", progressive=True, quality=80)
    data = bytearray(path.read_bytes())
    sof = data.index(b"\xff\xc2")  # start of frame, progressive
    data[sof + 5 : sof + 9] = struct.pack(">HH", 14100, 14100)
    path.write_bytes(bytes(data))
    with pytest.raises(PhotoError) as caught:
        decode_photo(path)
    assert caught.value.code == errors.TOO_LARGE and "GB of memory" in caught.value.message
    # A real progressive photo of ordinary size still decodes.
    ok = tmp_path / "ok.jpg"
    synthetic_photo(1600, 1200).save(ok, "JPEG", progressive=True, quality=80)
    assert decode_photo(ok).width == 1600
