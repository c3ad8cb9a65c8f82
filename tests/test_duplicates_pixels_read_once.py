"""Find Duplicates read each copy's pixels twice: the pixel check read a photo's thumbnail in
grey to group it, then telling a mirrored or black-and-white copy (dupes35) read it again in
colour and compared the kept photo with each copy once more, crops and all (on a photographer's
460-photo library `duplicates` went from 4.4 to 5.8 s). Now each photo is read once, in colour:
the check keeps its grey and its tones, and says of each pair it finds one picture whether the
second is the first mirrored, which tells the copies of a group along its checked pairs.

Real det-photos scanned with the real model into a real library; the real find_copies, its
every reading of a photo's pixels counted (same_picture.picture_image, called through).
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from phototagger.core import duplicate_copies, same_picture
from phototagger.core.duplicate_copies import BLACK_AND_WHITE, MIRRORED, find_copies
from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.records import Photo
from tests.scan_helpers import run_scan
from tests.test_duplicates_say_mirrored_and_black_and_white import APPLE, _copies
from tests.test_similar_figure_means_something import det_photos


def test_each_photo_is_read_once(engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    apple = _copies(pics, APPLE)
    for other in sorted(det_photos().glob("n02*.jpg"))[:12]:
        shutil.copy(other, pics / other.name)
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
        reads: Counter[str] = Counter()
        real = same_picture.picture_image

        def counted(photo: Photo, thumbnails: Path | None, mode: str) -> Image.Image | None:
            reads[photo.name] += 1
            return real(photo, thumbnails, mode)

        monkeypatch.setattr(same_picture, "picture_image", counted)
        monkeypatch.setattr(duplicate_copies, "picture_image", counted, raising=False)
        found = find_copies(library.db, thumbnails=library.thumbnails_dir)

    (group,) = found.groups
    names = {found.photos[pid].name: pid for pid in group.photo_ids}
    assert set(names) == {path.name for path in apple.values()}
    assert found.likeness[names[apple["mirrored"].name]].edit == MIRRORED
    assert found.likeness[names[apple["bw"].name]].edit == BLACK_AND_WHITE
    assert found.likeness[names[apple["small"].name]].edit == ""
    assert reads and max(reads.values()) == 1, reads
