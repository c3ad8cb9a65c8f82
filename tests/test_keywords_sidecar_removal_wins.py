"""A keyword in a JPEG's own XMP and IPTC and in its sidecar, taken out of the sidecar in digiKam
or darktable (which write only the sidecar and leave the JPEG's fields as they were), goes from
the photo in phototagger: it used to stay, read back from the stale copy in the JPEG. Keywords
only the JPEG holds are still read, a rescan of unchanged files changes nothing, and the
user's own answer in phototagger still wins."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.labels import label_paths
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.scan import scan
from tests.keyword_readers import exiftool_keywords, exiftool_set
from tests.photo_factory import real_photo
from tests.scan_helpers import never_load, new_library, run_scan
from tests.store_helpers import tag_states


def _decided(db, photo: Path) -> dict[str, str | None]:  # noqa: ANN001
    """The photo's tags with a decision (the model's suggestions aside)."""
    return {name: state for name, state in tag_states(db, photo).items() if state is not None}


def _photo_with_sidecar(folder: Path) -> tuple[Path, Path]:
    """A JPEG whose own XMP and IPTC say beach and camera, and a sidecar (as exiftool makes it
    from the JPEG, then edits it) that says beach and holiday."""
    photo = real_photo(folder / "photo.jpg", "chelsea")
    exiftool_set(
        photo,
        "-XMP-dc:Subject=beach",
        "-XMP-dc:Subject+=camera",
        "-XMP-lr:HierarchicalSubject=beach",
        "-IPTC:Keywords=beach",
        "-IPTC:Keywords+=camera",
    )
    sidecar = folder / "photo.jpg.xmp"
    exiftool_set(sidecar, "-tagsfromfile", str(photo), "-XMP-lr:HierarchicalSubject")
    exiftool_set(sidecar, "-XMP-dc:Subject=beach", "-XMP-dc:Subject+=holiday")
    return photo, sidecar


def _take_beach_out(db, sidecar: Path) -> int:  # noqa: ANN001
    """beach taken out of the sidecar, as digiKam does, and the folder's keywords read: how
    many keywords the read took off."""
    exiftool_set(sidecar, "-XMP-dc:Subject-=beach", "-XMP-lr:HierarchicalSubject-=beach")
    return sync_file_metadata(db, [str(sidecar.parent)]).keywords_removed


def _put_beach_back(db, sidecar: Path, photo: Path) -> str | None:  # noqa: ANN001
    """beach put back into the sidecar and read: the photo's state for it."""
    exiftool_set(sidecar, "-XMP-dc:Subject+=beach")
    sync_file_metadata(db, [str(sidecar.parent)])
    return tag_states(db, photo)["beach"]


def test_a_keyword_taken_out_of_the_sidecar_goes(engine, tmp_path: Path) -> None:  # noqa: ANN001
    photo, sidecar = _photo_with_sidecar(tmp_path)
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        assert _decided(lib.db, photo) == {"beach": "file", "camera": "file", "holiday": "file"}

        # digiKam takes beach out of the sidecar; the JPEG keeps it in all its own fields.
        assert _take_beach_out(lib.db, sidecar) == 1
        assert "beach" in exiftool_keywords(photo)["Iptc.Application2.Keywords"]
        # camera, which only the JPEG ever held, is still the photo's.
        assert _decided(lib.db, photo) == {"camera": "file", "holiday": "file"}

        # A rescan of the same files changes nothing; nor does a change to the JPEG itself
        # that leaves beach in it (a rating set there): beach stays set aside.
        assert scan(lib, [str(tmp_path)], never_load).unchanged == 1
        exiftool_set(photo, "-XMP-xmp:Rating=3")
        run_scan(lib, [tmp_path], engine)
        assert _decided(lib.db, photo) == {"camera": "file", "holiday": "file"}

        # Put back in the sidecar, it is the photo's again.
        assert _put_beach_back(lib.db, sidecar, photo) == "file"


def test_the_users_own_answer_outlives_the_sidecar(engine, tmp_path: Path) -> None:  # noqa: ANN001
    photo, sidecar = _photo_with_sidecar(tmp_path)
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        label_paths(lib.db, [str(photo)], reject=["beach"])  # the user's own no in phototagger
        _take_beach_out(lib.db, sidecar)
        assert tag_states(lib.db, photo)["beach"] == "rejected"
        assert _put_beach_back(lib.db, sidecar, photo) == "rejected"  # still no


def test_a_sidecar_gone_gives_back_nothing_it_took_out(engine, tmp_path: Path) -> None:  # noqa: ANN001
    photo, sidecar = _photo_with_sidecar(tmp_path)
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        _take_beach_out(lib.db, sidecar)
        sidecar.unlink()  # a file lost: it takes nothing away, and gives beach no way back
        sync_file_metadata(lib.db, [str(tmp_path)])
        assert _decided(lib.db, photo) == {"camera": "file", "holiday": "file"}
