"""A `train --deep` version's record says how many of a tag's yes answers the WordNet groups it
was learned like show in (core/learned_cover.py), as a `train` version's does, read through the
CNN top it trained. deep51: its record had no named_cover, so `train --deep`, `models --json`
and Model ▸ Versions said "like 'ungulate' and your examples" where a `train` version said
"like 'ungulate' and your examples ('ungulate' shows in 12 of your 14 yes photos)"."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.concepts import COVERED_MASS, load_concepts
from phototagger.core.learned_words import how_in_words
from phototagger.core.library import open_library
from phototagger.core.model.active import active_version
from phototagger.core.model.tagger import backbone_for
from phototagger.core.training_set import embeddings_of
from phototagger.gui.quotes import curly_quotes
from phototagger.ml.heads import load_default_head
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.gui_helpers import shown_versions
from tests.hoofed_helpers import TAG
from tests.hoofed_libraries import Built
from tests.retrain_helpers import library_from

pytestmark = pytest.mark.model  # runs the real network: full tier only


def test_a_deep_version_says_how_many_yes_photos_its_groups_show_in(
    hoofed_deep: Built, tmp_path: Path, capsys: pytest.CaptureFixture[str], qtbot: QtBot
) -> None:
    # hoofed_answered's library trained with `train --deep --force` (once per run, copied).
    library_from(hoofed_deep[0])[0].close()
    out = hoofed_deep[2]
    code, listed, _ = run(capsys, "models", "--json")
    version = json.loads(listed)[-1]
    assert version["version"] == "v3" and version["active"]
    how = version["learned"][TAG]
    assert how["how"] == "concept" and how["synsets"], how
    shows, of = how["named_cover"]
    assert of == 14, how  # its yes answers

    # Counted on the deep version's own reading of its yes photos (its CNN top's embeddings).
    with open_library(default_home()) as lib:
        assert lib.models.record("v3").kind == "deep" and active_version(lib.db) == "v3"
        head = lib.models.load_head("v3", load_default_head())
        ids, emb = embeddings_of(lib.db, None, backbone_for(lib, "v3"))
        yes = {
            pid
            for (pid,) in lib.db.execute(
                "select photo_id from photo_tags where state in ('added', 'accepted') and "
                "tag_id = (select id from tags where name = ?)",
                [TAG],
            ).fetchall()
        }
    rows = [i for i, pid in enumerate(ids) if pid in yes]
    index = load_concepts()
    groups = [index.wnids.index(w) for w in how["synsets"]]
    mass = head.base.imagenet_probabilities(emb[rows]) @ index.members[:, groups].max(axis=1)
    assert shows == int(np.sum(mass >= COVERED_MASS))

    # `train --deep` and the Versions page say it where the groups miss some yes photos.
    words = how_in_words(how)
    assert shows == of or f"in {shows} of your {of} yes photos)" in words, words
    assert f"  {TAG}: {words}" in out.splitlines(), out
    _, page = shown_versions(qtbot, tmp_path, 3)
    page.select("v3")
    assert f"• {TAG}: {curly_quotes(words)}" in page.details.text().splitlines()
