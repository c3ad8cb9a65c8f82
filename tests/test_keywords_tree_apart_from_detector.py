"""A Lightroom keyword `People|Anna` became the tag 'People/Anna', which the library (tag names
compare ASCII case aside) filed under the face detector's tag 'people': the sidebar showed Anna
as a child of "a face is in the photo", clicking 'people' listed Anna's photos, and the user's
keyword tree and the detector's tag were one. A keyword tree under a top level named as a detector
tag is kept apart in the library ('People (keywords)/Anna'), the detector's tag takes none of it,
and the files say `People|Anna` after phototagger writes, as the photographer spelled it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phototagger.core.labels import label_paths
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from phototagger.core.people import load_rules, record_people
from phototagger.core.tag_admin import tag_tree
from phototagger.store.tags import all_tags, subtree_tags, tag_counts
from tests.keyword_readers import exiftool_keywords, exiftool_set
from tests.people_photos import FoundFace
from tests.store_helpers import add_photo, tag_states

DET = Path("/work/shared/data/det-photos")


@pytest.mark.parametrize("target", ["sidecar", "embed"])
def test_a_lightroom_people_tree_stays_apart_from_the_detectors_tag(
    db, tmp_path: Path, target: str
) -> None:
    photo = Path(shutil.copy(sorted(DET.glob("*person.jpg"))[0], tmp_path / "anna.jpg"))
    photo.chmod(0o644)
    # as Lightroom writes a keyword Anna inside People (parents exported)
    exiftool_set(
        photo,
        "-XMP-dc:Subject=Anna",
        "-XMP-dc:Subject=People",
        "-XMP-lr:HierarchicalSubject=People|Anna",
    )
    st = photo.stat()
    pid = add_photo(db, str(photo), size=st.st_size, mtime=st.st_mtime)
    # The scan's face detector finds a face: its 'people' tag, suggested, then accepted.
    record_people(db, pid, [FoundFace()], "mtcnn-1.1.1", load_rules())
    sync_file_metadata(db, [str(tmp_path)])
    label_paths(db, [str(photo)], add=["people", "People (keywords)/Bob"])

    tags = tag_states(db, pid)
    assert {"people", "People (keywords)/Anna", "People (keywords)/Bob"} <= set(tags)
    assert dict(all_tags(db))["people"] == "detector"
    # The detector's tag has nothing below it; the user's tree is its own branch.
    assert [name for _, name in subtree_tags(db, "people")] == ["people"]
    tree = {node.name: node for node in tag_tree(tag_counts(db))}
    assert tree["people"].children == []
    assert [c.name for c in tree["People (keywords)"].children] == [
        "People (keywords)/Anna",
        "People (keywords)/Bob",
    ]

    assert write_keywords(db, [pid], WriteOptions(target=target)).problems == 0
    written = exiftool_keywords(photo if target == "embed" else tmp_path / "anna.jpg.xmp")
    hierarchy = written["Xmp.lr.hierarchicalSubject"]
    assert "People|Anna" in hierarchy and "People|Bob" in hierarchy
    assert {"People/Anna", "People/Bob"} <= set(written["Xmp.digiKam.TagsList"])
    everything = [v for values in written.values() for v in values]
    assert not [v for v in everything if "(keywords)" in v]
    # Read back: the same tags, none twice, the detector's still apart.
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == tags
    assert [name for _, name in subtree_tags(db, "people")] == ["people"]

    # A tag typed as 'People/Carl' joins the tree (tests/test_keywords_detector_tree_one.py),
    # is written `People|Carl` and read back as itself, not as a second tag.
    label_paths(db, [str(photo)], add=["People/Carl"])
    tags = tag_states(db, pid)
    assert tags["People (keywords)/Carl"] == "added"
    write_keywords(db, [pid], WriteOptions(target=target))
    sync_file_metadata(db, [str(tmp_path)])
    assert tag_states(db, pid) == tags
