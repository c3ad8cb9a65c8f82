"""Switching to a retrained version rescores only the tags it changed: the library ends up with
exactly the rows a full re-tag writes, and their confidences, on a real scanned library, from
SQLite and from the embedding matrix. The tags it did not change keep their confidences bit for
bit; a full re-tag computes them again, in other pages, and BLAS may round a page's rows
differently by where they sit in it (OpenBLAS's Haswell kernels, on AMD EPYC: about 1e-7), so
the two are compared within ROUNDING."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core import embedding_matrix, switch_scores
from phototagger.core.labels import label_paths
from phototagger.core.library import Library
from phototagger.core.model.activation import activate_version
from phototagger.core.model.changed_tags import rescore_plan
from phototagger.core.model.retag import retag
from phototagger.core.model.tagger import backbone_for, load_head
from phototagger.core.retrain import train_candidate
from phototagger.ml.trained_head import TrainedHead
from phototagger.store.embeddings import iter_embeddings, put_embeddings
from tests.retrain_helpers import label_faces, library_from

Rows = dict[tuple[int, str], tuple[float | None, str | None]]
ROUNDING = 1e-6  # float32 scores computed in other pages: a few units in the last place


def _same_rows(fast: Rows, full: Rows) -> None:
    """The same (photo, tag) rows with the same user states, confidences within ROUNDING."""
    assert fast.keys() == full.keys()
    assert {k: v[1] for k, v in fast.items()} == {k: v[1] for k, v in full.items()}
    far = {
        k: (v[0], full[k][0])
        for k, v in fast.items()
        if (v[0] is None) != (full[k][0] is None)
        or (v[0] is not None and abs(v[0] - full[k][0]) > ROUNDING)  # type: ignore[operator]
    }
    assert not far


def _rows(lib: Library) -> Rows:
    """Every photo's tag rows: (photo, tag) -> (confidence, user state)."""
    return {
        (r[0], r[1]): (r[2], r[3])
        for r in lib.db.execute(
            "SELECT pt.photo_id, t.name, pt.confidence, pt.state FROM photo_tags pt"
            " JOIN tags t ON t.id = pt.tag_id"
        )
    }


def _switch_then_full_retag(lib: Library, version: str) -> tuple[Rows, Rows]:
    """(rows after activating `version`, rows after then re-tagging every tag of every photo
    with it the straightforward way)."""
    activate_version(lib, version)
    fast = _rows(lib)
    versions = {r[0] for r in lib.db.execute("SELECT DISTINCT model_version FROM photos")}
    assert versions == {version}
    head = load_head(lib, version)
    retag(
        lib.db,
        head,
        backbone_for(lib, version),
        None,
        lambda _: None,
        None,
        lib.home.embeddings_cache,
    )
    return fast, _rows(lib)


def test_a_switch_rescores_only_changed_tags_and_writes_what_a_full_retag_writes(
    template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib, pics = library_from(template)
    with lib:
        before = _rows(lib)
        label_faces(lib, pics, positives=8, negatives=12)
        first = train_candidate(lib)
        plan = rescore_plan(lib, "v1", load_head(lib, first.version))
        assert plan is not None and plan.everything == []
        head = load_head(lib, first.version)
        assert [head.tag_names[j] for j in plan.columns] == ["face"]
        # Training kept its scores of the new tag for the switch, which writes them as they are.
        assert isinstance(head, TrainedHead)
        backbone = backbone_for(lib, first.version)
        assert switch_scores.load(lib, head, backbone, plan.columns) is not None
        fast, full = _switch_then_full_retag(lib, first.version)
        _same_rows(fast, full)
        assert any(tag == "face" for _, tag in fast)  # the new tag was written...
        untouched = {k: v for k, v in fast.items() if k[1] != "face"}
        assert untouched == {k: v for k, v in before.items() if k[1] != "face"}  # ...only it

        # A second version teaches a new tag; read from the embedding matrix this time (a
        # small library has none by default), where the default head's cached scores are
        # not even read.
        monkeypatch.setattr(embedding_matrix, "MIN_PHOTOS", 1)
        label_paths(
            lib.db, [str(pics / f"patch{i:03d}.jpg") for i in range(12, 20)], add=["patchy"]
        )
        label_paths(
            lib.db, [str(pics / f"face{i:03d}.jpg") for i in range(10, 20)], reject=["patchy"]
        )
        second = train_candidate(lib)
        head = load_head(lib, second.version)
        plan = rescore_plan(lib, first.version, head)
        assert plan is not None
        assert [head.tag_names[j] for j in plan.columns] == ["patchy"]
        # A photo re-embedded since training: the kept scores are stale, the switch scores.
        assert isinstance(head, TrainedHead)
        assert switch_scores.load(lib, head, backbone, plan.columns) is not None
        [(photo, _)] = list(iter_embeddings(lib.db, backbone, [1]))
        [(_, other)] = list(iter_embeddings(lib.db, backbone, [2]))
        put_embeddings(lib.db, backbone, [(photo, other)])
        assert switch_scores.load(lib, head, backbone, plan.columns) is None
        # (A scan that re-embeds a photo re-tags it with the active version.)
        active = load_head(lib, first.version)
        retag(lib.db, active, backbone, [photo], lambda _: None, None, lib.home.embeddings_cache)
        fast, full = _switch_then_full_retag(lib, second.version)
        _same_rows(fast, full)
        assert any(tag == "patchy" for _, tag in fast)


def test_photos_the_active_version_did_not_tag_are_retagged_in_full(template: Path) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics, positives=8, negatives=12)
        first = train_candidate(lib)
        # Two photos whose model rows are gone and that no version claims (as after an
        # interrupted write): the switch gives them every tag, not just the changed one.
        lost = [r[0] for r in lib.db.execute("SELECT id FROM photos ORDER BY id LIMIT 2")]
        marks = ",".join("?" * len(lost))
        lib.db.execute(
            f"DELETE FROM photo_tags WHERE photo_id IN ({marks}) AND state IS NULL", lost
        )
        lib.db.execute(f"UPDATE photos SET model_version = NULL WHERE id IN ({marks})", lost)
        plan = rescore_plan(lib, "v1", load_head(lib, first.version))
        assert plan is not None and plan.everything == lost
        fast, full = _switch_then_full_retag(lib, first.version)
        _same_rows(fast, full)
        assert {p for p, _ in fast} >= set(lost)


def _tagged(lib: Library, tag: str, threshold: float) -> set[int]:
    """Photos showing `tag`: the user's yes answers, and among the photos they did not answer
    about it, those whose stored score reaches `threshold`."""
    return {
        r[0]
        for r in lib.db.execute(
            "SELECT pt.photo_id FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
            " WHERE t.name = ? AND (pt.state IN ('added', 'accepted', 'file')"
            " OR (pt.state IS NULL AND pt.confidence >= ?))",
            [tag, threshold],
        )
    }


def test_what_training_says_a_retrained_tag_gains_and_loses_is_what_the_switch_does(
    template: Path,
) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics, positives=6, negatives=8)
        first = train_candidate(lib)
        activate_version(lib, first.version)
        # More answers: the taught tag is retrained, so the active version scores it too.
        # Three faces it found are answered "no", three like them are left unanswered.
        label_paths(lib.db, [str(pics / f"face{i:03d}.jpg") for i in range(6, 12)], add=["face"])
        label_paths(
            lib.db,
            [
                *(str(pics / f"patch{i:03d}.jpg") for i in range(8, 16)),
                *(str(pics / f"face{i:03d}.jpg") for i in range(18, 21)),
            ],
            reject=["face"],
        )
        second = train_candidate(lib)
        changes = {c.tag: c for c in second.changes}
        old = load_head(lib, first.version)
        before = _tagged(lib, "face", float(old.thresholds[old.tag_names.index("face")]))
        fast, full = _switch_then_full_retag(lib, second.version)
        _same_rows(fast, full)
        new = load_head(lib, second.version)
        after = _tagged(lib, "face", float(new.thresholds[new.tag_names.index("face")]))
        # Counted as the user sees the tag (their answers win over any score): only the
        # photos they left unanswered can come or go. A version that changes none of those
        # is not listed as changing the tag.
        if before == after:
            assert "face" not in changes
        else:
            change = changes["face"]
            assert (change.before, change.after) == (len(before), len(after))
            assert (change.added, change.removed) == (len(after - before), len(before - after))
