"""The search box read '-dog | cat' as 'a tag called -dog, or cat' and showed the cats under
"Photos tagged -dog or cat": its grammar has '|' (any of) and '-tag' (without), not a tag left out
inside an 'any of'. Such a search is refused in the status bar; the grid keeps its photos and the
text stays to be corrected. It is said in the app's quotes, as its other sentences are: it
quoted the words as Python does ('-dog | cat') under a header that said “cat” (walk50)."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.tags import add_user_tag
from tests.gui_helpers import open_window, search_for, shown_names
from tests.store_helpers import add_photo


def test_a_tag_left_out_inside_any_of_is_refused(qtbot, tmp_path: Path) -> None:
    with open_library(default_home()) as library:
        for name, tag in (("a.jpg", "cat"), ("b.jpg", "dog"), ("c.jpg", None)):
            pid = add_photo(library.db, f"/pics/{name}")
            if tag:
                add_user_tag(library.db, pid, tag)
    window = open_window(qtbot, None, tmp_path)
    search_for(qtbot, window, "-dog | cat")
    assert window.status.currentMessage() == (
        "Cannot search “-dog | cat”: a tag left out (“-dog”) cannot be inside “|” (any of): "
        "“cat | bird” finds either, “cat, -dog” cat without dog"
    )
    assert sorted(shown_names(window)) == ["a.jpg", "b.jpg", "c.jpg"]
    assert window.header.text().startswith("All photos")
    assert window.sidebar.search.text() == "-dog | cat"
    # What the message offers works.
    search_for(qtbot, window, "cat, -dog")
    assert shown_names(window) == ["a.jpg"]
