"""How a slash is typed on the command line. '/' files a tag under a group ('Gear/Lens'), as
before; typed as the library shows a keyword with a slash in it ('AC/DC', read from the photos'
files), it is that keyword; '\\/' is a slash inside a name for a new one ('Bands/AC\\/DC': AC/DC
under Bands). `tags` and `search` show and find it as 'AC/DC'. Before, `label --add AC/DC` made a
tree AC > DC beside the keyword, and `tags` listed nothing readable as 'AC/DC'."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.slash_helpers import AC_DC, tagged_and_other
from tests.store_helpers import tag_states


def test_label_means_the_keyword_and_a_backslash_types_a_slash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tagged, other = tagged_and_other(tmp_path / "gigs", "-XMP-dc:Subject=AC/DC")

    code, _, err = run(
        capsys,
        "label",
        str(other),
        "--add",
        "AC/DC",
        "--add",
        "Bands/AC\\/DC",
        "--add",
        "Gear/Lens",
    )
    assert (code, err) == (0, "")
    with open_library(default_home()) as library:
        assert tag_states(library.db, other) == {
            AC_DC: "added",  # the keyword the other photo has, not a tree AC > DC
            f"Bands/{AC_DC}": "added",
            "Gear/Lens": "added",
        }
        names = {name for (name,) in library.db.execute("SELECT name FROM tags")}
    assert names == {AC_DC, f"Bands/{AC_DC}", "Gear/Lens"}

    code, out, _ = run(capsys, "tags", str(other))
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines()[1:]]
    assert sorted(listed) == ["AC/DC", "Bands/AC/DC", "Gear/Lens"]
    code, out, _ = run(capsys, "tags", "--json", str(tagged))
    assert [t["name"] for t in json.loads(out)["tags"]] == ["AC/DC"]

    code, out, _ = run(capsys, "search", "AC/DC")
    assert (code, sorted(out.split())) == (0, sorted([str(tagged), str(other)]))

    # Taken off and renamed as typed, too.
    assert run(capsys, "label", str(other), "--remove", "AC/DC")[0] == 0
    code, out, _ = run(capsys, "tag", "rename", "Bands/AC/DC", "Music/AC\\/DC")
    assert (code, out) == (0, "renamed 'Bands/AC/DC' to 'Music/AC/DC' (1 photo)\n")
    with open_library(default_home()) as library:
        assert tag_states(library.db, other) == {f"Music/{AC_DC}": "added", "Gear/Lens": "added"}
