"""walk_photos finds every supported photo under the roots, in stable order, with size and mtime."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from phototagger.core.walk import FoundFile, WalkProblem, is_supported, walk_photos


def touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def found_paths(roots: list[str | Path]) -> list[str]:
    results = list(walk_photos(roots))
    assert all(isinstance(r, FoundFile) for r in results), results
    return [r.path for r in results if isinstance(r, FoundFile)]


def test_nested_folders_are_walked_files_first_then_subfolders_by_name(tmp_path: Path) -> None:
    for rel in ["b.jpg", "a.png", "2020/x.jpg", "2020/summer/y.gif", "2019/z.webp", "c.tiff"]:
        touch(tmp_path / rel)
    assert found_paths([tmp_path]) == [
        str(tmp_path / rel)
        for rel in ["a.png", "b.jpg", "c.tiff", "2019/z.webp", "2020/x.jpg", "2020/summer/y.gif"]
    ]


def test_hidden_files_and_folders_are_skipped(tmp_path: Path) -> None:
    touch(tmp_path / ".hidden.jpg")
    touch(tmp_path / ".thumbnails" / "t.jpg")
    touch(tmp_path / "visible" / ".secret" / "s.jpg")
    keep = touch(tmp_path / "visible" / "v.jpg")
    assert found_paths([tmp_path]) == [str(keep)]


def test_extensions_match_in_any_case_and_other_files_are_ignored(tmp_path: Path) -> None:
    names = [
        "A.JPG",
        "b.Jpeg",
        "c.PNG",
        "d.WebP",
        "e.TIF",
        "f.tiff",
        "g.BMP",
        "h.GiF",
        "i.HEIC",
        "j.avif",
        "k.mp4",
        "l.CR2",
        "m.MOV",
        "n.dng",
    ]
    ignored = ["notes.txt", "song.mp3", "raw.xmp", "jpg", "photo.jpg.part", "Makefile"]
    for name in names + ignored:
        touch(tmp_path / name)
    assert found_paths([tmp_path]) == [str(tmp_path / name) for name in sorted(names)]


def test_is_supported() -> None:
    assert is_supported("/x/IMG_0001.JPG") and is_supported("a.tif") and is_supported("b.gif")
    assert not is_supported("a.txt") and not is_supported("jpg") and not is_supported(".jpg")


def test_size_and_mtime_come_from_stat(tmp_path: Path) -> None:
    path = touch(tmp_path / "p.jpg", b"12345")
    os.utime(path, (1_600_000_000, 1_600_000_000.5))
    (result,) = walk_photos([tmp_path])
    assert result == FoundFile(str(path), 5, 1_600_000_000.5)


def test_a_root_may_be_a_single_photo(tmp_path: Path) -> None:
    photo = touch(tmp_path / "one.JPG")
    touch(tmp_path / "other.jpg")
    assert found_paths([photo]) == [str(photo)]


def test_relative_roots_give_absolute_normalised_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    touch(tmp_path / "pics" / "p.jpg")
    monkeypatch.chdir(tmp_path)
    assert found_paths(["./pics/../pics"]) == [str(tmp_path / "pics" / "p.jpg")]


def test_overlapping_roots_yield_each_photo_once(tmp_path: Path) -> None:
    touch(tmp_path / "a.jpg")
    touch(tmp_path / "sub" / "b.jpg")
    paths = found_paths([tmp_path / "sub", tmp_path])
    assert paths == [str(tmp_path / "sub" / "b.jpg"), str(tmp_path / "a.jpg")]


def test_symlinked_folder_is_followed_under_its_link_name(tmp_path: Path) -> None:
    touch(tmp_path / "elsewhere" / "e.jpg")
    library = tmp_path / "library"
    library.mkdir()
    (library / "trip").symlink_to(tmp_path / "elsewhere")
    assert found_paths([library]) == [str(library / "trip" / "e.jpg")]


def test_symlinked_photo_is_found_under_its_link_name(tmp_path: Path) -> None:
    target = touch(tmp_path / "store" / "real.jpg", b"abc")
    library = tmp_path / "library"
    library.mkdir()
    (library / "alias.jpg").symlink_to(target)
    (result,) = walk_photos([library])
    assert result == FoundFile(str(library / "alias.jpg"), 3, target.stat().st_mtime)


def test_empty_folder_yields_nothing(tmp_path: Path) -> None:
    assert list(walk_photos([tmp_path])) == []
    assert not any(isinstance(r, WalkProblem) for r in walk_photos([tmp_path]))


def test_a_single_path_instead_of_a_list_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        list(walk_photos(str(tmp_path)))  # type-checks (a str is a Sequence), hence the guard
