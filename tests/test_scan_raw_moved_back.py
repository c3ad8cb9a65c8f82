"""A RAW sorted into another folder and then moved back beside its JPEG is the pair's RAW again,
not also a photo gone missing: seen under X, the rescan that paired them reported "1 missing"
and kept the RAW's old row (missing, with the labels given it while it was alone) for good. A
face named on the RAW while it was alone kept its person tag on the pair but lost its name."""

from __future__ import annotations

import os
from pathlib import Path

from phototagger.core.catalog import export_records
from phototagger.core.face_marks import face_marks
from phototagger.core.labels import label_paths
from phototagger.core.names import os_path
from phototagger.core.photos_view import tags_of_photo
from phototagger.core.queries import library_counts
from phototagger.store.photos import get_photo_by_path
from tests import media_factory as mf
from tests import photo_factory as pf
from tests.people_photos import BOX, name_face_at
from tests.scan_helpers import new_library, run_scan


def test_a_raw_moved_back_beside_its_jpeg_is_not_missing(engine, tmp_path: Path) -> None:
    trip = tmp_path / "Camera" / "trip"
    raws = tmp_path / "Camera" / "raws"
    raws.mkdir(parents=True)
    pf.real_photo(trip / "IMG_2001.JPG", "rocket")
    mf.raw_photo(raws / "IMG_2001.DNG")  # sorted away: a photo of its own
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        assert label_paths(lib.db, [str(raws / "IMG_2001.DNG")], add=["launch"]).labelled
        raw = get_photo_by_path(lib.db, str(raws / "IMG_2001.DNG"))
        assert raw is not None
        name_face_at(lib.db, raw.id, "Anna")  # a face named on it: the name goes along too

        os.replace(raws / "IMG_2001.DNG", trip / "IMG_2001.DNG")  # back beside its JPEG
        summary = run_scan(lib, [tmp_path], engine)

        assert summary.missing == 0
        assert summary.moved == 1
        records = {
            os.path.basename(os_path(r.path)): r.record["companions"]
            for r in export_records(lib.db)
        }
        assert records == {"IMG_2001.JPG": ["IMG_2001.DNG"]}
        assert library_counts(lib.db).by_status.get("missing", 0) == 0
        assert get_photo_by_path(lib.db, str(raws / "IMG_2001.DNG")) is None
        pair = get_photo_by_path(lib.db, str(trip / "IMG_2001.JPG"))
        assert pair is not None
        assert "launch" in {t.name for t in tags_of_photo(lib.db, pair.id)}
        assert [(m.name, m.box) for m in face_marks(lib.db, pair.id)] == [("Anna", BOX)]


def test_a_raw_missing_since_an_earlier_scan_comes_back_as_the_pairs(
    engine, tmp_path: Path
) -> None:
    library = tmp_path / "Pictures"
    away = tmp_path / "usb stick"
    away.mkdir()
    pf.real_photo(library / "IMG_2002.JPG", "coffee")
    mf.raw_photo(library / "raws" / "IMG_2002.DNG")
    with new_library() as lib:
        run_scan(lib, [library], engine)
        os.replace(library / "raws" / "IMG_2002.DNG", away / "IMG_2002.DNG")
        assert run_scan(lib, [library], engine).missing == 1  # really gone, for now

        os.replace(away / "IMG_2002.DNG", library / "IMG_2002.DNG")
        summary = run_scan(lib, [library], engine)

        assert (summary.missing, summary.returned) == (0, 1)
        assert library_counts(lib.db).by_status.get("missing", 0) == 0
        assert [os.path.basename(os_path(r.path)) for r in export_records(lib.db)] == [
            "IMG_2002.JPG"
        ]
