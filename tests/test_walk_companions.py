"""A RAW twin and a live photo's clip are folded into their still: one photo, not two."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.walk import FoundFile, walk_photos


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


def _found(root: Path) -> dict[str, tuple[str, ...]]:
    return {
        Path(r.path).name: tuple(Path(c).name for c in r.companions)
        for r in walk_photos([root])
        if isinstance(r, FoundFile)
    }


def test_raw_and_jpeg_twins_are_one_photo_with_both_files(tmp_path: Path) -> None:
    for name in ("IMG_0001.CR2", "IMG_0001.JPG", "IMG_0002.NEF", "DSC_9.ARW", "dsc_9.jpg"):
        _touch(tmp_path / name)
    assert _found(tmp_path) == {
        "IMG_0001.JPG": ("IMG_0001.CR2",),
        "IMG_0002.NEF": (),  # a RAW alone is a photo of its own
        "dsc_9.jpg": ("DSC_9.ARW",),  # camera and computer disagree on case
    }


def test_a_live_photo_is_its_still_and_the_clip_is_not_counted_again(tmp_path: Path) -> None:
    for name in ("IMG_0003.HEIC", "IMG_0003.MOV", "IMG_0004.MOV"):
        _touch(tmp_path / name)
    assert _found(tmp_path) == {"IMG_0003.HEIC": ("IMG_0003.MOV",), "IMG_0004.MOV": ()}


def test_the_jpeg_is_the_photo_when_a_name_has_several_stills(tmp_path: Path) -> None:
    for name in ("IMG_5.PNG", "IMG_5.JPG", "IMG_5.DNG"):
        _touch(tmp_path / name)
    assert _found(tmp_path) == {"IMG_5.JPG": ("IMG_5.DNG",), "IMG_5.PNG": ()}


def test_twins_pair_only_within_one_folder(tmp_path: Path) -> None:
    _touch(tmp_path / "a" / "IMG_1.JPG")
    _touch(tmp_path / "b" / "IMG_1.CR2")
    assert _found(tmp_path) == {"IMG_1.JPG": (), "IMG_1.CR2": ()}
