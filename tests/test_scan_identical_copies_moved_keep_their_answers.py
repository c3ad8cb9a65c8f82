"""Two copies of one photo (the same bytes) moved together each keep their own answers. qa26
had the same seashore photo as Trip 10/zz_beach.jpg and Downloads/aa_beach.jpg, answered
"zz own" on one and "aa own" on the other, and moved both to new folders, names kept: the
rescan found "2 moved" but gave each copy the other's answers (zz_beach.jpg said "aa own").
The scan took the first gone photo with the same content for each file found; a gone photo of
the same name is now taken first."""

from __future__ import annotations

import shutil
from pathlib import Path

from phototagger.core.labels import label_paths
from phototagger.store.photos import get_photo_by_path
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library, run_scan
from tests.store_helpers import tag_states


def test_each_copy_moved_keeps_its_own_answers(engine, tmp_path: Path) -> None:
    pics = tmp_path / "pics"
    # Scanned first (the lower id), named last: the copies are found again in name order.
    zz = real_photo(pics / "2024 Trip" / "zz_beach.jpg", "coffee")
    aa = pics / "Downloads" / "aa_beach.jpg"
    aa.parent.mkdir(parents=True)
    shutil.copyfile(zz, aa)
    with new_library() as lib:
        run_scan(lib, [pics], engine)
        label_paths(lib.db, [str(zz)], add=["zz own"])
        label_paths(lib.db, [str(aa)], add=["aa own"])
        moved = {}
        for old, folder in ((zz, "Beach 1"), (aa, "Beach 2")):
            new = pics / folder / old.name
            new.parent.mkdir()
            old.rename(new)
            moved[old.name] = new
        summary = run_scan(lib, [pics], engine)
        assert summary.moved == 2
        for name, own in (("zz_beach.jpg", "zz own"), ("aa_beach.jpg", "aa own")):
            photo = get_photo_by_path(lib.db, str(moved[name]))
            assert photo is not None
            states = tag_states(lib.db, photo.id)
            assert states.get(own) == "added", name
            assert len([t for t in states if t.endswith(" own")]) == 1, name
