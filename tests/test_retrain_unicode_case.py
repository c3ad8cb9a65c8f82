"""Two tags the library holds apart are two tags to the model too. Tag names are UNIQUE COLLATE
NOCASE, which folds ASCII letters only: 'Äpfel' and 'äpfel' are two tags (search finds each one's
photos). Training folded names with str.casefold, so it learned the two as one tag from both
tags' photos; scores, review and a version switch found one column for both; and renaming one of
them renamed whichever column came first. Now the model compares names as the database does."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from phototagger.core.labels import active_model_suggests, label_paths
from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.model.review import tag_scores
from phototagger.core.model.tagger import load_head
from phototagger.core.retrain import train_candidate
from phototagger.core.tag_admin import rename_tag
from phototagger.paths import default_home
from phototagger.store.photos import all_photos
from tests.cli_helpers import run
from tests.retrain_helpers import FACES, PATCHES, library_from


def _mean(scores: list[tuple[int, float]], ids: set[int]) -> float:
    return float(np.mean([s for pid, s in scores if pid in ids]))


def test_two_tags_apart_beyond_ascii_case_are_two_outputs(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        faces = [str(pics / f"face{i:03d}.jpg") for i in range(FACES)]
        patches = [str(pics / f"patch{i:03d}.jpg") for i in range(PATCHES)]
        # 'äpfel' is on faces, 'Äpfel' on patches: opposite tags, as the library keeps them.
        # (coffee.jpg, the library's first photo, makes 'Äpfel' the first of the two columns.)
        label_paths(lib.db, [*patches[:6], str(pics / "coffee.jpg")], add=["Äpfel"])
        label_paths(lib.db, faces[:6], add=["äpfel"], reject=["Äpfel"])
        label_paths(lib.db, patches[:6], reject=["äpfel"])

        v2 = train_candidate(lib)
        assert sorted(v2.counts["new_tags"]) == ["Äpfel", "äpfel"]
        activate_version(lib, v2.version)
        assert {"Äpfel", "äpfel"} <= set(load_head(lib).tag_names)

        ids = {Path(p.path).name: p.id for p in all_photos(lib.db)}
        unseen_faces = {ids[f"face{i:03d}.jpg"] for i in range(6, FACES)}
        unseen_patches = {ids[f"patch{i:03d}.jpg"] for i in range(6, PATCHES)}
        upper, lower = tag_scores(lib, "Äpfel"), tag_scores(lib, "äpfel")
        # Each name reads its own output ('äpfel' read the column of 'Äpfel').
        assert _mean(lower, unseen_faces) > _mean(lower, unseen_patches) + 0.3
        assert _mean(upper, unseen_patches) > 3 * _mean(upper, unseen_faces)

        # A later version: switching to it rescores the tags it changed ('äpfel' has a face
        # base, always rescored) and then the decided rows of the others, 'Äpfel' among them
        # (keyed by casefold, 'Äpfel' found the column of 'äpfel', rescored, and was left).
        label_paths(lib.db, patches[12:18], add=["Fleck"])
        v3 = train_candidate(lib)
        assert v3.counts["new_tags"] == ["Fleck"]
        activate_version(lib, v3.version)
        decided = lib.db.execute(
            "SELECT t.name, pt.model_version FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
            " WHERE pt.state IS NOT NULL AND t.name IN ('Äpfel', 'äpfel')"
        ).fetchall()
        assert len(decided) == 25 and {v for _, v in decided} == {v3.version}

        # Renaming 'äpfel' renames its own column in every saved version, never 'Äpfel''s.
        upper, lower = tag_scores(lib, "Äpfel"), tag_scores(lib, "äpfel")
        rename_tag(lib.db, "äpfel", "Birnen")
        for version in (v2.version, v3.version):
            names = load_head(lib, version).tag_names
            assert "Äpfel" in names and "Birnen" in names and "äpfel" not in names
        assert tag_scores(lib, "Äpfel") == upper
        assert tag_scores(lib, "Birnen") == lower
        # ASCII case is one tag, as ever: 'BIRNEN' and 'äPFEL' are those tags' outputs.
        assert tag_scores(lib, "BIRNEN") == tag_scores(lib, "Birnen")
        assert tag_scores(lib, "ÄPFEL") == tag_scores(lib, "Äpfel")


def test_a_tag_apart_from_a_learned_one_is_new_to_the_model(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib, pics = library_from(template)
    lib.close()
    faces = [str(pics / f"face{i:03d}.jpg") for i in range(FACES)]
    patches = [str(pics / f"patch{i:03d}.jpg") for i in range(PATCHES)]
    assert run(capsys, "label", *patches[:6], "--add", "Äpfel")[0] == 0
    assert run(capsys, "label", *faces[:6], "--reject", "Äpfel")[0] == 0
    assert run(capsys, "train")[0] == 0

    # 'äpfel' is no tag of the library, and the model has no output for it ('Äpfel' is
    # another tag): searching it says so, not "the model looks for it".
    code, _, err = run(capsys, "search", "äpfel")
    assert "there is no tag called 'äpfel'" in err and "looks for it" not in err

    # A version that knows 'Äpfel' does not know 'äpfel': three photos of it wait for two more,
    # five are learned as a tag of their own.
    assert run(capsys, "label", *faces[:3], "--add", "äpfel")[0] == 0
    code, _, err = run(capsys, "train")
    assert code != 0 and "'äpfel' has 3 (add it to 2 more)" in err
    assert run(capsys, "label", *faces[3:6], "--add", "äpfel")[0] == 0
    # Adding one and rejecting the other in one command is no contradiction; ASCII case is.
    assert run(capsys, "label", *patches[6:12], "--add", "Äpfel", "--reject", "äpfel")[0] == 0
    code, _, err = run(capsys, "label", patches[12], "--add", "Dog", "--reject", "dog")
    assert code != 0 and "cannot be both added and rejected" in err
    with open_library(default_home()) as lib:
        result = train_candidate(lib)
        assert result.counts["new_tags"] == ["äpfel"]
        activate_version(lib, result.version)
        head = load_head(lib)
        # Undoing a decision asks whether the model would suggest the tag: each by its own
        # threshold (keyed by str.lower, 'äpfel' read the threshold of 'Äpfel').
        suggests = active_model_suggests(lib)
        for name in ("Äpfel", "äpfel"):
            threshold = float(head.thresholds[head.tag_names.index(name)])
            assert suggests(name, threshold) and not suggests(name, threshold - 1e-4), name
