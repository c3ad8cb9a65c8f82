"""`models diff` (and Model ▸ Versions, whose words are the same) on a deep version, or with one
active: a deep version reads photos through a CNN top of its own, so what a switch would change
is not at hand without decoding every photo again. It says so in plain words, and changes
nothing (core/model/switch_preview.py)."""

from __future__ import annotations

import json

import pytest

from phototagger.core.library import open_library
from phototagger.core.model.active import active_version
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.hoofed_libraries import Built
from tests.retrain_helpers import library_from
from tests.switch_helpers import shown_tags

pytestmark = pytest.mark.model  # runs the real network: full tier only


def test_a_deep_version_says_its_changes_come_after_make_active(
    hoofed_deep: Built, capsys: pytest.CaptureFixture[str]
) -> None:
    library_from(hoofed_deep[0])[0].close()
    with open_library(default_home()) as lib:
        deep, before = active_version(lib.db), shown_tags(lib.db)
    code, out, err = run(capsys, "models", "diff", "v1")
    assert code == 0, err
    assert out.strip() == (
        "what v1 would change is shown after phototagger models use v1: the active version "
        "reads the photos with a CNN of its own"
    )
    with open_library(default_home()) as lib:
        assert active_version(lib.db) == deep and shown_tags(lib.db) == before

    assert run(capsys, "models", "use", "v1")[0] == 0
    code, out, err = run(capsys, "models", "diff", "--json", deep)
    assert code == 0, err
    assert json.loads(out) == {
        "version": deep,
        "active": "v1",
        "changed": 0,
        "tags_moved": {},
        "not_counted": f"shown after phototagger models use {deep}: this version reads the "
        "photos again",
    }
