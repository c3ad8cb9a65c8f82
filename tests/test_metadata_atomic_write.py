"""A write that fails or is killed halfway leaves the original file whole."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from phototagger.core.metadata import exiv
from phototagger.core.metadata.read import read_metadata
from phototagger.core.metadata.write import WriteOptions, write_photo
from tests.keyword_readers import exiftool_keywords

EMBED = WriteOptions(target="embed")


def _big_photo(path: Path) -> Path:
    pixels = np.random.default_rng(1).integers(0, 255, (1500, 2000, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(path, quality=95)
    return path


def test_a_failure_after_the_temporary_copy_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = _big_photo(tmp_path / "p.jpg")
    write_photo(photo, [("dog",)], set(), EMBED)
    before = photo.read_bytes()

    def disk_full(path: Path, changes: object, packet: object = None) -> None:
        assert path.exists() and path != photo  # the copy is made, the original untouched
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(exiv, "_modify", disk_full)
    with pytest.raises(OSError):
        write_photo(photo, [("dog",), ("cat",)], set(), EMBED)
    assert photo.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.jpg"]  # no temporary left behind


_WRITER = """
import sys
from pathlib import Path
from phototagger.core.metadata.write import WriteOptions, write_photo
photo = Path(sys.argv[1])
print("ready", flush=True)
for i in range(10_000):
    write_photo(photo, [(f"tag{j}",) for j in range(i % 50)], set(),
                WriteOptions(target="embed"))
"""


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.45])
def test_a_writer_killed_mid_write_leaves_a_whole_photo(tmp_path: Path, delay: float) -> None:
    photo = _big_photo(tmp_path / "p.jpg")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(photo)], env=env, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL  # killed while still writing
    with Image.open(photo) as im:
        im.load()  # every byte of the image is there
        assert im.size == (2000, 1500)
    keywords = read_metadata(photo).keywords
    # Some complete earlier write (or none yet): tag0..tagN in order, never a torn list.
    assert keywords == [f"tag{j}" for j in range(len(keywords))]
    assert exiftool_keywords(photo).get("Xmp.digiKam.TagsList", []) == keywords


def test_a_read_only_photo_is_left_as_it_is(tmp_path: Path) -> None:
    photo = _big_photo(tmp_path / "p.jpg")
    photo.chmod(0o444)
    before = photo.read_bytes()
    with pytest.raises(exiv.MetadataError, match="read-only"):
        write_photo(photo, [("dog",)], set(), EMBED)
    assert photo.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.jpg"]
    # A sidecar next to it is still fine.
    assert write_photo(photo, [("dog",)], set(), WriteOptions()).changed
