"""The user's `People (keywords)` tree, spelled either way and named either way.

A keyword another tool wrote in lower case (`people/Dan`, typed so in digiKam or Lightroom) was
read as a tag of its own spelling, 'people (keywords)/Dan', beside the user's
'People (keywords)/Anna': the details panel, Manage Tags and the Review tab named the tree two
ways, and which spelling the sidebar showed for the level depended on which name sorted first.
It now joins the level the library already has, spelled as the library spells it, the file's
own keyword left as it was (also when keywords are written back)."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from phototagger.core.tag_admin import tag_tree
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from phototagger.store.tags import all_tags
from tests.cli_helpers import run
from tests.keyword_readers import digikam_tags, exiftool_keywords
from tests.people_photos import added_photo, person_copies
from tests.store_helpers import tag_states

TREE = "People (keywords)"


@pytest.mark.parametrize(
    ("first", "then", "level"),
    [("People/Anna", "people/Dan", "People"), ("people/Dan", "People/Anna", "people")],
)
def test_a_keyword_in_other_case_joins_the_tree_as_the_library_spells_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], first: str, then: str, level: str
) -> None:
    pics = tmp_path / "pics"
    one, two = person_copies(pics, ["one.jpg", "two.jpg"])
    digikam_tags(one, [first])  # exiv2 writes TagsList, Lightroom's field, dc:subject and IPTC
    digikam_tags(two, [then])
    with open_library(default_home()) as library:
        db = library.db
        add_folder(db, str(pics))
        a, b = added_photo(db, one), added_photo(db, two)
        sync_file_metadata(db, [str(one)])
        sync_file_metadata(db, [str(two)])
        parent = f"{level}{TREE[len(level) :]}"  # the spelling read first
        leaf = then.split("/")[1]
        assert tag_states(db, b) == {f"{parent}/{leaf}": "file"}
        assert {name.split("/")[0] for name, _ in all_tags(db)} == {parent}
        (node,) = tag_tree([(name, 1) for name, _ in all_tags(db)])
        assert node.label == parent and len(node.children) == 2
        # Read again, nothing changes; the file keeps its own spelling.
        sync_file_metadata(db, [str(pics)])
        assert tag_states(db, b) == {f"{parent}/{leaf}": "file"}
        assert exiftool_keywords(two)["Xmp.digiKam.TagsList"] == [then]
        # Written back, the file's keyword stays as it spelled it, once.
        assert write_keywords(db, [a, b], WriteOptions(target="embed")).problems == 0
        fields = exiftool_keywords(two)
        assert fields["Xmp.digiKam.TagsList"] == [then]
        assert fields["Xmp.lr.hierarchicalSubject"] == [then.replace("/", "|")]
    # Searched for either way, each photo is found; the level finds both.
    for typed in (then, then.swapcase()):
        code, out, err = run(capsys, "search", typed)
        assert (code, out.split()) == (0, [str(two)]), err
    code, out, err = run(capsys, "search", parent.upper())
    assert (code, sorted(out.split())) == (0, sorted([str(one), str(two)])), err
