"""A sidecar that has gone (cleaned up, or a photo copied without it) is a file lost, not the
user taking keywords out in another tool: the tags it held stay, decisions made in phototagger
above all. digiKam and Lightroom rewrite a sidecar to remove keywords; neither deletes it."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from phototagger.core.scan import scan
from phototagger.store.photos import get_photo_by_path
from tests.keyword_readers import digikam_tags, exiv2_set
from tests.photo_factory import real_photo
from tests.scan_helpers import never_load, new_library, run_scan
from tests.store_helpers import tag_states


def test_a_deleted_sidecar_takes_no_tag_away(engine, tmp_path: Path) -> None:  # noqa: ANN001
    path = real_photo(tmp_path / "chelsea.jpg", "chelsea")
    digikam_tags(path, ["holiday"])  # a keyword in the photo itself stays in the photo
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        photo_id = get_photo_by_path(lib.db, str(path)).id  # type: ignore[union-attr]
        label_paths(lib.db, [str(path)], add=["pet"])
        write_keywords(lib.db, [photo_id], WriteOptions())
        sidecar = tmp_path / "chelsea.jpg.xmp"
        assert sidecar.exists()
        # digiKam adds one to the sidecar; phototagger reads it as the user's keyword.
        exiv2_set(sidecar, "set Xmp.digiKam.TagsList Animals/Tabby")
        assert sync_file_metadata(lib.db, [str(tmp_path)]).read == 1
        assert tag_states(lib.db, path)["Animals/Tabby"] == "file"

        sidecar.unlink()
        summary = scan(lib, [str(tmp_path)], never_load)
        assert summary.unchanged == 1
        states = tag_states(lib.db, path)
        assert states["pet"] == "added"
        assert states["Animals/Tabby"] == "file"
        assert states["holiday"] == "file"
        # And a sidecar made again carries them all.
        write_keywords(lib.db, [photo_id], WriteOptions())
        assert sidecar.exists()
