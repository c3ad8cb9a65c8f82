"""walk43: a new user's first training taught one new tag ("monkeys", 10 yes and 30 no); the
library's files also carried a keyword the default tagger knows ("bird", on one photo: too few
answers for it to be retrained, so it was kept as it was). The Train page and `train` said "new
tags only, nothing to compare with v1 yet"; the version's record, read in Model ▸ Versions and
`models`, said "nothing to compare old and new on yet: no tag known to both has photos of both
answers (yes and no) kept out of training to test it", pointing at a tag the run never touched
and leaving out why: the tag it learned is new. A tag the run kept as it was, its figures the
same for both versions, is no tag to compare on: the record now says "monkeys is new, so v1 has
nothing to compare it with", as it did where the old version had learned from answers too. Real
photos, a real scan with the real model, `train`, the Versions page read."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.training_set import held_out
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.cli_helpers import run
from tests.gui_helpers import shown_versions
from tests.test_gui_train_dash_tips_page_words import NO, YES, scanned  # noqa: F401 - the photos

pytestmark = pytest.mark.model

NEW_ONLY = "monkeys is new, so v1 has nothing to compare it with"
BEFORE = "no tag known to both"


def monkeys_taught(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """The scanned photos by name, YES said yes to and NO said no to for "monkeys"."""
    path = {n: str(tmp_path / "pics" / f"{n}.jpg") for n in YES + NO}
    assert run(capsys, "label", *[path[n] for n in YES], "--add", "monkeys")[0] == 0
    assert run(capsys, "label", *[path[n] for n in NO], "--reject", "monkeys")[0] == 0
    return path


@pytest.mark.usefixtures("scanned")
def test_a_record_of_new_tags_only_says_they_are_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], qtbot: QtBot
) -> None:
    path = monkeys_taught(tmp_path, capsys)
    # One answer on a tag the default tagger knows, on a photo kept out of training.
    with open_library(default_home()) as library:
        photos = [get_photo_by_path(library.db, path[n]) for n in YES if n.endswith("_bird")]
    bird = next(p.path for p in photos if p is not None and held_out(p.id))
    assert run(capsys, "label", bird, "--add", "bird")[0] == 0

    code, out, err = run(capsys, "train")
    assert code == 0, err
    assert "against v1: new tags only, nothing to compare with v1 yet; learned monkeys" in out

    code, out, err = run(capsys, "models")
    assert code == 0, err
    line = next(line for line in out.splitlines() if line.startswith("v2 "))
    assert f"learned monkeys; nothing to compare old and new on yet: {NEW_ONLY}" in line
    assert BEFORE not in line

    _window, page = shown_versions(qtbot, tmp_path, 2)
    page.select("v2")
    shown = page.details.text()
    cells = [page.table.item(1, c) for c in range(page.table.columnCount())]
    tips = [c.toolTip() for c in cells if c is not None]
    assert any(NEW_ONLY in t for t in [shown, *tips])
    assert not any(BEFORE in t for t in [shown, *tips])
