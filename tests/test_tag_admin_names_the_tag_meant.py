"""`tag merge Ana "Ana Maria"`, with Ana a person named on a face (the sidebar shows her under
People (keywords)), said only "there is no tag called 'Ana'" (walk50). It now names the tags the
name is the last level of, as `search` does: "there is 'People (keywords)/Ana'"."""

from __future__ import annotations

import pytest

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.store_helpers import add_photo


def test_a_persons_name_alone_names_their_tag(capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home()) as library:
        for name in ("a.jpg", "b.jpg"):
            add_photo(library.db, f"/pics/{name}")
        label_paths(library.db, ["/pics/a.jpg"], add=["People/Ana"])
        label_paths(library.db, ["/pics/b.jpg"], add=["People/Ana Maria"])
    code, _, err = run(capsys, "tag", "merge", "Ana", "Ana Maria")
    assert code == 3
    assert err.strip() == (
        "phototagger: there is no tag called 'Ana'; there is 'People (keywords)/Ana'"
    ), err
    # What it names works.
    code, out, err = run(capsys, "tag", "merge", "People (keywords)/Ana", "People/Ana Maria")
    assert code == 0, err
    assert out.startswith("merged 'People (keywords)/Ana' into 'People (keywords)/Ana Maria'")
    # A name that is no tag's level is said as before.
    assert (
        run(capsys, "tag", "delete", "Bob")[2].strip()
        == "phototagger: there is no tag called 'Bob'"
    )
