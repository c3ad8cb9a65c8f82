"""A clip is never a near-duplicate of a still photo. A phone clip that opens on a photo of the
library (the still taken from it, a Live Photo's movie saved apart) was grouped with the photo
as "Almost identical (78 %)", the photo kept for its pixels and the clip unticked: Move Unticked
to Trash would have put the clip in the trash as the photo's spare copy (walk61, a phone
library). The photo's own copies still group; two copies of one clip would too. Find Similar
says the same of the pair: it called the clip "Almost identical · 99 %", its pixel check
not asking what Find Duplicates' grouping asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.core.similar import find_duplicates
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.media_factory import photo_clip
from tests.photo_factory import _photo_pixels
from tests.scan_helpers import run_scan


def test_a_clip_that_opens_on_a_photo_is_not_its_copy(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "DCIM"
    folder.mkdir()
    cat = _photo_pixels("chelsea")
    cat.save(folder / "IMG_0001.jpg", quality=92)
    cat.resize((cat.width // 2, cat.height // 2)).save(folder / "IMG_0001-small.jpg")
    photo_clip(folder / "VID_0002.mp4", ("chelsea",))
    with open_library(default_home()) as library:
        run_scan(library, [folder], engine)
        db = library.db
        ids = {
            name: photo.id
            for name in ("IMG_0001.jpg", "IMG_0001-small.jpg", "VID_0002.mp4")
            if (photo := get_photo_by_path(db, str(folder / name))) is not None
        }
        assert len(ids) == 3
        groups = [set(g.photo_ids) for g in find_duplicates(db, thumbnails=library.thumbnails_dir)]
        from_files = [set(g.photo_ids) for g in find_duplicates(db)]
    assert groups == [{ids["IMG_0001.jpg"], ids["IMG_0001-small.jpg"]}], groups
    assert from_files == groups
    capsys.readouterr()
    assert main(["similar", "--json", str(folder / "IMG_0001.jpg")]) == 0
    said = {Path(r["path"]).name: r["likeness"] for r in json.loads(capsys.readouterr().out)}
    assert said == {"IMG_0001-small.jpg": "Almost identical", "VID_0002.mp4": "Very similar"}
