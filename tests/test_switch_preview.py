"""Model ▸ Versions and `models diff` say what making a version active would change before Make
Active (core/model/switch_preview.py): the counts are the ones the switch then reports, a roll
back and a roll forward alike; the active version changes nothing. Before, the only way to know
was to make it active."""

from __future__ import annotations

import json

import pytest

from phototagger.core import labels
from phototagger.core.embedding_matrix import cache_folder
from phototagger.core.library import Library, open_library
from phototagger.core.model.activation import activate_version, discard_version, moved_words
from phototagger.core.model.switch_preview import switch_preview
from phototagger.core.retrain import train_candidate
from phototagger.paths import default_home
from tests.cli_helpers import run
from tests.switch_helpers import synthetic_library, two_taught_tags


def _switched(lib: Library, version: str) -> tuple[dict[str, tuple[int, int]], int]:
    changed: set[int] = set()
    moves: dict[str, tuple[int, int]] = {}
    activate_version(lib, version, changed=changed, moves=moves)
    return moves, len(changed)


def test_the_preview_counts_what_make_active_then_reports() -> None:
    with open_library(default_home()) as lib:
        _ids, taught = two_taught_tags(lib, "pets", "herps")
        assert switch_preview(lib, taught).changes == []  # the active one: nothing
        back = switch_preview(lib, "v1")
        assert back.active == taught and not back.not_counted
        assert back.moves and back.photos > 0
        assert [c.tag for c in back.changes] == ["pets"]  # herps: only the user's own photos
        assert _switched(lib, "v1") == (back.moves, back.photos)
        assert moved_words(back.moves) == f"pets: {back.photos} photos fewer"

        # Rolled away from, the taught version is previewed from v1: the way back.
        forward = switch_preview(lib, taught)
        assert forward.moves == {"pets": (back.photos, 0)}
        assert _switched(lib, taught) == (forward.moves, forward.photos)


def test_models_diff_says_what_models_use_then_says(capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home()) as lib:
        _ids, taught = two_taught_tags(lib, "pets", "herps")
    code, out, _err = run(capsys, "models", "diff", "1")
    assert code == 0
    said = out.strip().removeprefix("made active now, v1 would change ")
    code, used, _err = run(capsys, "models", "use", "v1")
    # "v1 is now active; 12 photos' tags changed (pets: 12 photos fewer)": the same counts.
    assert used.splitlines()[0] == f"v1 is now active; {said.replace(' (', ' changed (', 1)}"
    assert run(capsys, "models", "diff", "v1")[1].strip() == (
        "v1 is the active version: making it active changes nothing"
    )
    code, out, _err = run(capsys, "models", "diff", "--json", taught)
    back = json.loads(out)
    fewer = json.loads(run(capsys, "models", "--json", "use", taught)[1])
    assert back == {
        "version": taught,
        "active": "v1",
        "changed": fewer["changed"],
        "tags_moved": fewer["tags_moved"],
        "not_counted": None,
    }
    assert back["changed"] > 0 and list(back["tags_moved"]) == ["pets"]
    # A version that is not there: said, as `models use` says it, and nothing changes.
    code, _out, err = run(capsys, "models", "diff", "v9")
    assert code != 0 and "there is no model version v9" in err


def test_the_preview_keeps_scores_only_for_a_switch_that_reads_them() -> None:
    """Counting a trained version keeps its scores for the switch to it (as training does:
    core/switch_scores.py); counting v1 keeps none, as a switch to v1 never reads them."""
    with open_library(default_home()) as lib:
        # 'animal', a default tag, corrected on answers: v1 scores it otherwise.
        ids = synthetic_library(lib.db, 60)
        labels.apply_edits(lib.db, labels.decision_edits(ids[:8], "animal", "add"))
        labels.apply_edits(lib.db, labels.decision_edits(ids[8:24], "animal", "reject"))
        taught = train_candidate(lib).version
        activate_version(lib, taught)
        switch_preview(lib, "v1")
        folder = cache_folder(lib.db, lib.home.embeddings_cache)
        assert folder is not None and not list(folder.glob("switch-*.npz"))
        activate_version(lib, "v1")
        switch_preview(lib, taught)
        assert [f.name for f in folder.glob("switch-*.npz")] == [f"switch-{taught}.npz"]
        activate_version(lib, taught)  # which reads and deletes them
        assert not list(folder.glob("switch-*.npz"))
        # Counted, then discarded: its scores go with it.
        activate_version(lib, "v1")
        switch_preview(lib, taught)
        assert list(folder.glob("switch-*.npz"))
        discard_version(lib, taught)
        assert not list(folder.glob("switch-*.npz"))
