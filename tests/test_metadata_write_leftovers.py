"""A keyword write goes through a hidden full-size copy of the photo beside it. A writer killed
(kill -9, a crash) before its rename left that copy in the user's folder for good: a duplicate of
every photo it was writing, invisible in a file manager. The next scan of the folder, or the
next write into it, now removes such a copy once it is old enough to belong to no live write;
a younger one (another process may be writing it right now) is left alone, and the scan never
takes one for a photo. The copy is on disk before it takes the photo's name, and the folder
after it (durable.replace_durably)."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from phototagger import durable
from phototagger.core.metadata import exiv
from phototagger.core.metadata.read import read_metadata
from phototagger.core.metadata.write import WriteOptions, write_photo
from tests.keyword_readers import exiftool_keywords
from tests.scan_helpers import new_library, two_photos, walk_only

EMBED = WriteOptions(target="embed")

# A writer stopped just before its rename, where a kill leaves the finished copy behind.
_WRITER = """
import os, sys, time
from pathlib import Path
from phototagger.core.metadata.write import WriteOptions, write_photo

def stop_before_the_rename(temporary, target):
    print("copied", flush=True)
    time.sleep(600)

os.replace = stop_before_the_rename
write_photo(Path(sys.argv[1]), [("dog",)], set(), WriteOptions(target="embed"))
"""


def _killed_mid_write(photo: Path) -> Path:
    """The copy a writer killed with SIGKILL before its rename leaves beside `photo`."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(photo)], env=env, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "copied"
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL
    proc.stdout.close()
    [copy] = photo.parent.glob(f".{photo.name}.*.phototagger-tmp")
    return copy


@pytest.fixture
def pics(tmp_path: Path) -> Path:
    return two_photos(tmp_path / "pics")


def _photo(pics: Path) -> Path:
    return sorted(pics.glob("*.jpg"))[0]


def test_a_scan_removes_the_copy_of_a_writer_killed_before_its_rename(
    pics: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = _photo(pics)
    taken = time.time() - 30 * 24 * 3600
    os.utime(photo, (taken, taken))  # a month old: the copy gets its times after the rename
    before = photo.read_bytes()
    copy = _killed_mid_write(photo)
    assert copy.stat().st_mtime > taken + 29 * 24 * 3600
    assert copy.stat().st_size >= len(before)  # a whole duplicate of the photo
    assert photo.read_bytes() == before  # the photo itself untouched

    # Young: it may be a live write of another process (the app writing while the CLI scans).
    assert walk_only(pics).found == 2  # the two photos, never the hidden copy
    assert copy.exists()

    monkeypatch.setattr(durable, "ABANDONED_S", 0.0)  # as if an hour had passed
    assert walk_only(pics).found == 2
    assert not copy.exists()
    assert sorted(p.name for p in pics.iterdir()) == sorted(p.name for p in pics.glob("*.jpg"))
    with new_library() as lib:
        stored = [str(row[0]) for row in lib.db.execute("SELECT path FROM photos ORDER BY path")]
    assert stored == [str(p) for p in sorted(pics.glob("*.jpg"))]
    assert photo.read_bytes() == before


def test_the_next_write_into_the_folder_removes_the_copy(
    pics: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo, other = sorted(pics.glob("*.jpg"))
    copy = _killed_mid_write(photo)
    # This process has not written there yet.
    monkeypatch.setattr(exiv, "_cleared", set(), raising=False)
    write_photo(other, [("cat",)], set(), EMBED)
    assert copy.exists()  # young: perhaps a live write

    monkeypatch.setattr(exiv, "_cleared", set(), raising=False)  # a later run of phototagger
    monkeypatch.setattr(durable, "ABANDONED_S", 0.0)
    write_photo(other, [("cat",), ("sofa",)], set(), EMBED)
    assert not copy.exists()
    assert read_metadata(other).keywords == ["cat", "sofa"]
    assert sorted(p.name for p in pics.iterdir()) == [photo.name, other.name]


def test_a_write_flushes_the_copy_before_its_rename(
    pics: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = _photo(pics)
    order: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        name = os.readlink(f"/proc/self/fd/{fd}")
        order.append("fsync folder" if os.path.isdir(name) else f"fsync {Path(name).suffix}")
        real_fsync(fd)

    def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        order.append("rename")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_photo(photo, [("dog",)], set(), EMBED)
    assert order == ["fsync .phototagger-tmp", "rename", "fsync folder"]
    assert read_metadata(photo).keywords == ["dog"]


def _refusing_to_flush_files(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """os.fsync of a file answers OSError(code), as some FUSE file systems and network shares
    (EINVAL) or a failing disk (EIO) do; a folder's flush is left as it is."""
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if not stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(code, os.strerror(code))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_file_system_that_cannot_flush_files_still_gets_the_keywords(
    pics: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = _photo(pics)
    _refusing_to_flush_files(monkeypatch, errno.EINVAL)
    write_photo(photo, [("dog",)], set(), EMBED)
    assert exiftool_keywords(photo)["Xmp.dc.subject"] == ["dog"]
    assert sorted(p.name for p in pics.iterdir()) == sorted(s.name for s in pics.glob("*.jpg"))


def test_a_disk_error_on_the_flush_fails_the_write_and_leaves_the_photo(
    pics: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = _photo(pics)
    before = photo.read_bytes()
    _refusing_to_flush_files(monkeypatch, errno.EIO)
    with pytest.raises(exiv.MetadataError) as failed:
        write_photo(photo, [("dog",)], set(), EMBED)
    assert str(failed.value).startswith(f"{photo}: the disk could not store the new copy")
    assert "Input/output error" in str(failed.value)
    assert photo.read_bytes() == before
    assert sorted(p.name for p in pics.iterdir()) == sorted(s.name for s in pics.glob("*.jpg"))


def test_a_live_copy_looks_live_and_the_photo_keeps_its_times(
    pics: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On FAT/exFAT a file's change time is its modified time: a copy given the photo's old
    times before its rename looked abandoned to another process's scan, which removed it
    mid-write."""
    photo = _photo(pics)
    taken = time.time() - 30 * 24 * 3600
    os.utime(photo, (taken, taken))
    original = photo.stat().st_mtime_ns
    seen: list[os.stat_result] = []
    real_replace = os.replace

    def pause_before_the_rename(source: str | os.PathLike[str], target: object) -> None:
        seen.append(os.stat(source))
        assert not durable.is_abandoned(source)
        durable.remove_abandoned(pics, exiv.LEFTOVER)  # another process's scan, right now
        assert Path(source).exists()
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", pause_before_the_rename)
    write_photo(photo, [("dog",)], set(), EMBED)
    [copy] = seen
    assert time.time() - copy.st_mtime < 60 and time.time() - copy.st_ctime < 60
    assert photo.stat().st_mtime_ns == original
    assert exiftool_keywords(photo)["Xmp.dc.subject"] == ["dog"]
