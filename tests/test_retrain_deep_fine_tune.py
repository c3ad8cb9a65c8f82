"""The deeper fine-tune trains the top of the CNN; it runs correctly on a CPU with small data.

The first test, test_train_deep_shows_what_it_would_change_before_it_is_used,
test_tags_no_answer_touched_hardly_move_in_a_deep_version and
test_activating_a_deep_version_keeps_the_scans_base_embeddings check the same run (faces_deep,
`train --deep --no-activate --json` made once per module), each on a copy of its library; the
test of a default tag short of answers and the one of no photo left to preview check another
(all_answered_deep)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from phototagger.core.catalog import search_photos
from phototagger.core.labels import label_paths
from phototagger.core.model.activation import activate_version
from phototagger.core.model.tagger import backbone_for
from phototagger.core.retrain import train_candidate
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.lite0 import TOP_LAYERS
from phototagger.store.embeddings import embedding_count
from phototagger.store.photos import count_by_status
from tests.photo_factory import lfw_face
from tests.retrain_helpers import (
    FACES,
    deep_trains_on,
    fewer_deep_steps,
    label_faces,
    library_from,
)
from tests.scan_helpers import run_scan

pytestmark = pytest.mark.model  # runs the real network: full tier only


# The template library copied, its faces labelled (label_faces: 6 yes, 12 no), the suggestions
# it shows then, and a deep run on it by `train --deep --no-activate --json` (what it printed,
# read); the photos each fit trained on; the run's preview photos and the photos answered.
FacesDeep = tuple[Path, set[tuple[int, str]], dict[str, Any], list[int], list[int], set[int]]


@pytest.fixture(scope="module")
def faces_deep(template: Path, engine: Any, tmp_path_factory: pytest.TempPathFactory) -> FacesDeep:
    """One deep run (retrain_helpers.fewer_deep_steps), `phototagger train --deep --no-activate
    --json` as a user runs it, on a copy of the template library, its faces labelled, for the
    tests that check that run: (the folder of its home, the model suggestions the library
    showed before it, the run's report, the photos each fit trained on, the photos its preview
    drew, the photos answered). Each test answers a copy of that home (library_from), never
    it."""
    from phototagger.cli import main
    from phototagger.core import retrain_deep

    root = tmp_path_factory.mktemp("faces-deep")
    previewed: list[int] = []
    real_sample = retrain_deep.unlabelled_sample

    def sample(*args: Any, **kwargs: Any) -> list[int]:
        drawn = real_sample(*args, **kwargs)
        if args[2] == retrain_deep.PREVIEW_SAMPLE:  # the preview's draw, not distillation's
            previewed.extend(drawn)
        return drawn

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("PHOTOTAGGER_HOME", str(root / "home"))
        fits = fewer_deep_steps(monkeypatch)
        deep_trains_on(engine, monkeypatch)
        monkeypatch.setattr(retrain_deep, "unlabelled_sample", sample)
        lib, pics = library_from(template)
        with lib:
            label_faces(lib, pics, positives=6, negatives=12)
            answered = lib.db.query("select photo_id from photo_tags where state is not null")
            labelled = {int(r["photo_id"]) for r in answered}
            before = _suggested(lib)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["train", "--deep", "--no-activate", "--json"])
    assert code == 0, err.getvalue()
    return root, before, json.loads(out.getvalue()), fits, previewed, labelled


def test_deep_version_trains_the_cnn_top_and_re_embeds_on_activation(
    template: Path, engine, faces_deep: FacesDeep
) -> None:
    # Small on purpose: 30 optimiser steps per fit and 16 unlabelled photos
    # to distil on (not 64) still move the top and learn the tag; what is checked is that the
    # deep path trains, saves, re-embeds and rolls back, not how far it converges.
    root, _, report, fits, _, _ = faces_deep
    version = report["version"]
    lib, _ = library_from(root)
    pics = template / "pics"
    with lib:
        record = lib.models.record(version)
        assert record.kind == "deep"
        assert record.training["distilled_photos"] == 16
        assert len(fits) == 2  # a validation fit on part of the photos, then one on all
        assert fits[0] < fits[1] == 18 + 16
        key = backbone_for(lib, version)
        assert key == f"{BACKBONE_NAME}@{version}"
        top = lib.models.load_top(version)
        assert set(top) == set(TOP_LAYERS)
        # Only "face" had decisions: every default tag keeps the parent's head weights and
        # threshold exactly (the fit moves every column a little; they are put back).
        default = load_default_head()
        head = lib.models.load_head(version, default)
        kept = [j for j, t in enumerate(head.tags) if t != "face"]
        assert np.array_equal(head.tag_thresholds[kept], default.thresholds.astype(np.float32))
        assert not head.kernel[:, kept].any() and not head.bias[kept].any()
        assert np.array_equal(head.scale[kept], np.ones(len(kept), np.float32))
        # 6 + 12 labels leave too few held out for a calibration: the threshold is the
        # positives' weight undone (2 : 1), not a cut fitted on the photos just trained on.
        assert head.tag_thresholds[head.tags.index("face")] == pytest.approx(2 / 3, abs=1e-6)
        # Training moved the top's weights away from the base CNN's (its frozen batch norms
        # aside), so the new embeddings are its own.
        base = engine.keras_model
        moved = [
            name
            for name in TOP_LAYERS
            if any(
                not np.array_equal(new, old)
                for new, old in zip(top[name], base.get_layer(name).get_weights(), strict=True)
            )
        ]
        assert moved and all("bn" not in name for name in moved), moved
        assert embedding_count(lib.db, key) == 0  # nothing changes until it is made active

        activate_version(lib, version)
        tagged = count_by_status(lib.db)["tagged"]
        assert embedding_count(lib.db, key) == tagged
        found = {Path(p.path).name for p in search_photos(lib.db, ["face"])}
        unseen = {f"face{i:03d}.jpg" for i in range(6, FACES)}
        assert len(found & unseen) >= 0.8 * len(unseen)
        assert "chelsea.jpg" not in found

        # A photo scanned while the deep version is active gets both embeddings, so rolling
        # back to a version on the base CNN needs no decoding.
        from phototagger.core.model.tagger import load_active_tagger

        lfw_face(pics.parent / "later" / "new-face.jpg", 99)
        summary = run_scan(lib, [pics.parent / "later"], load_active_tagger(lib))
        assert summary.tagged == 1
        assert embedding_count(lib.db, key) == embedding_count(lib.db, BACKBONE_NAME)
        assert "new-face.jpg" in {Path(p.path).name for p in search_photos(lib.db, ["face"])}
        activate_version(lib, "v1")
        assert search_photos(lib.db, ["face"]) != []  # the user's own labels remain
        assert len(search_photos(lib.db, ["face"])) == 6


# A copy of the template library, every photo answered for 'face' (its faces yes, the rest no)
# and 'cat' yes on 5 photos with no "no", and a deep run on it; its result.
AllAnswered = tuple[Path, Any]


@pytest.fixture(scope="module")
def all_answered_deep(
    template: Path, engine: Any, tmp_path_factory: pytest.TempPathFactory
) -> AllAnswered:
    """One deep run (retrain_helpers.fewer_deep_steps) on a copy of the template library whose
    every photo is answered for the new tag 'face', and 'cat', a tag of the default tagger, said
    yes on 5 photos and no on none: (the folder of its home, the run's result). The test of a
    default tag short of answers and the one of no photo left to preview each made a run of
    their own (6 faces yes and 12 photos no, 'cat' too; every photo answered for 'face').
    Each test answers a copy of that home (library_from), never it."""
    root = tmp_path_factory.mktemp("all-answered-deep")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("PHOTOTAGGER_HOME", str(root / "home"))
        # What is kept and what is left to preview is decided outside the fit: two optimiser
        # steps a fit, not 30.
        fewer_deep_steps(monkeypatch, steps=2)
        deep_trains_on(engine, monkeypatch)
        lib, pics = library_from(template)
        with lib:
            photos = sorted(str(p) for p in pics.iterdir())
            faces = [p for p in photos if Path(p).name.startswith("face")]
            label_paths(lib.db, faces, add=["face"])
            label_paths(lib.db, [p for p in photos if p not in faces], reject=["face"])
            cats = [pics / "chelsea.jpg", pics / "chelsea-copy.jpg"]
            cats += [pics / f"patch{i:03d}.jpg" for i in range(20, 23)]  # yes, and no "no"
            label_paths(lib.db, [str(p) for p in cats], add=["cat"])
            result = train_candidate(lib, deep=True)
    return root, result


def test_a_default_tag_short_of_answers_is_kept_by_the_deep_fine_tune(
    all_answered_deep: AllAnswered,
) -> None:
    """`train --deep` fitted a tag of the default tagger on answers too few to correct it, as
    the head path never does (a correction needs 5 yes and 5 no answers: core/tag_learning.py),
    and still said "kept as they were: 'monkey' needs 5 more no answers". On det-photos, 'monkey'
    answered yes on its 5 photos went from 5 photos to 13 (the 8 more koalas, bears, a lion, a
    horse, a panda) and 'musical instrument' (20 yes) from 78 right to 121, 39 of them wrong.
    Such a tag now keeps its parent's column and threshold, its answers distilled from the
    parent as a tag with none is. ('face', answered on every photo, is fitted beside it.)"""
    root, result = all_answered_deep
    lib, _ = library_from(root)
    with lib:
        assert result.counts["short_of_answers"] == {"cat": {"yes": 0, "no": 5}}
        default = load_default_head()
        head = lib.models.load_head(result.version, default)
        j = head.tags.index("cat")
        assert not head.kernel[:, j].any() and not head.bias[j]
        assert head.scale[j] == 1.0
        assert head.tag_thresholds[j] == np.float32(
            default.thresholds[default.tag_names.index("cat")]
        )
        assert head.kernel[:, head.tags.index("face")].any()  # the tag with enough answers


def _suggested(lib: Any) -> set[tuple[int, str]]:
    """(photo, tag) of every model suggestion the library shows."""
    rows = lib.db.query(
        "select pt.photo_id, t.name from photo_tags pt join tags t on t.id = pt.tag_id "
        "where pt.state is null"
    )
    return {(int(r["photo_id"]), str(r["name"])) for r in rows}


def test_train_deep_shows_what_it_would_change_before_it_is_used(faces_deep: FacesDeep) -> None:
    """`train --deep` showed no "adds/removes" at all (the library preview was computed for
    the head path only), though a deep version moves every tag: on det-photos a run that
    answered only 'monkey' and a new tag took 'animal' from 231 photos to 207. It now shows
    the changes counted on photos drawn at random that the run did not train on, says that it
    is an estimate and that every tag may move, in --json too; made active, the version tags
    those photos as it was shown. (The run is faces_deep's: of the 33 photos not answered, 16
    drawn to distil on, the 17 others previewed.)"""
    root, before, report, _, previewed, labelled = faces_deep
    shown = report["sampled_changes"]
    library = 51
    assert shown["library"] == library
    assert len(labelled) == 18 and not labelled & set(previewed)
    assert shown["photos"] == len(previewed) == library - len(labelled) - 16 == 17
    assert report["counts"]["sampled_changes"] == shown

    # The words `train` prints for it (without --json):
    from phototagger.core.version_diff import sampled_lines

    assert sampled_lines(shown)[0] == (
        "estimated on 17 photos drawn at random from the library's 51 that it did not train "
        "on: a deep version retrains the CNN's top, so every tag may move, those you never "
        "answered too" + ("" if shown["changes"] else "; none changed on these")
    )

    lib, _ = library_from(root)
    with lib:
        assert count_by_status(lib.db)["tagged"] == library
        activate_version(lib, report["version"])
        after = _suggested(lib)
    old = {(p, t) for p, t in before if p in previewed}
    new = {(p, t) for p, t in after if p in previewed}
    moved = {t for _, t in old ^ new}
    assert {c["tag"] for c in shown["changes"]} == moved
    for c in shown["changes"]:
        tag = c["tag"]
        assert c["before"] == sum(1 for _, t in old if t == tag)
        assert c["after"] == sum(1 for _, t in new if t == tag)
        assert c["added"] == len({p for p, t in new - old if t == tag})
        assert c["removed"] == len({p for p, t in old - new if t == tag})


def test_tags_no_answer_touched_hardly_move_in_a_deep_version(faces_deep: FacesDeep) -> None:
    """`train --deep` moved the tags the user never touched: on det-photos, answers on 'monkey'
    and a new tag changed 390 of the 995 (photo, tag) assignments of the default tags no answer
    touched (231 'animal' photos became 170), 47 of 58 such tags moving, though their head
    columns are the parent's. The CNN's top learned at the head's rate (Adam, 1e-3: every weight
    moves by about the rate each step, whatever the distillation asks) and with the kept columns
    free, which were then put back. Now the top moves at TOP_RATE of the head's rate and is
    trained with those columns as they are saved (det-photos: 53 of 995). Here, 'face' taught:
    of the 74 default tags the library showed, 12 changed on activation before, 2 now."""
    root, suggested, report, *_ = faces_deep
    lib, _ = library_from(root)
    with lib:
        before = {(p, t) for p, t in suggested if t != "face"}
        activate_version(lib, report["version"])
        after = {(p, t) for p, t in _suggested(lib) if t != "face"}
    assert len(before) == 74
    assert len(before ^ after) <= 4, sorted(before ^ after)


def test_deep_version_with_no_photo_left_to_preview(all_answered_deep: AllAnswered) -> None:
    """`train --deep` on a library whose every photo is answered leaves none to estimate its
    changes on; taught a new tag there, it stopped with an IndexError (the preview's scores had
    the parent's columns, which lack the new tag). It trains, and says it estimated nothing."""
    root, result = all_answered_deep
    lib, _ = library_from(root)
    with lib:
        unanswered = lib.db.execute(
            "select count(*) from photos where id not in"
            " (select photo_id from photo_tags where state is not null)"
        ).fetchone()[0]
        assert unanswered == 0 and count_by_status(lib.db)["tagged"] == 51
        assert lib.models.record(result.version).kind == "deep"
    assert result.counts["sampled_changes"]["photos"] == 0


def test_activating_a_deep_version_keeps_the_scans_base_embeddings(
    faces_deep: FacesDeep, tmp_path: Path
) -> None:
    """Activating a deep version embedded every tagged photo with its tagger and wrote every key
    it returned, the base CNN's too: a library scanned on LiteRT or OpenVINO had its base
    embeddings replaced by TensorFlow's (their recorded runtime with them), and rolling back to
    the parent version re-tagged from those, its confidences moved (a tag near its cut could
    flip). Now only the deep version's key is written, and the base one only for a photo that
    has none."""
    from phototagger.core.embeddings import decode_embedding, encode_embedding
    from phototagger.ml.runtimes.candidates import LiteRtCandidate
    from phototagger.store.embeddings import put_embeddings

    root, _, report, *_ = faces_deep
    version = report["version"]
    lib, _ = library_from(root)
    litert = LiteRtCandidate("0" * 64, "2.3.0", tmp_path).title  # "LiteRT 2.3.0 fp32 XNNPACK"
    with lib:
        parent = lib.models.record(version).parent or "v1"
        scanned = _confidences(lib)
        # The base embeddings as a scan on LiteRT leaves them: a little off TensorFlow's.
        rng = np.random.default_rng(53)
        moved = []
        for photo, blob in _base_embeddings(lib).items():
            vector = decode_embedding(blob[0])
            vector += rng.normal(0, 0.02 * float(vector.std()), vector.shape).astype(np.float32)
            moved.append((photo, encode_embedding(vector)))
        put_embeddings(lib.db, BACKBONE_NAME, moved, litert)
        # One photo has no base embedding yet: the activation gives it one.
        lacking = moved[0][0]
        lib.db.execute(
            "delete from embeddings where photo_id = ? and backbone = ?", [lacking, BACKBONE_NAME]
        )
        activate_version(lib, parent)  # its tags, as that scan wrote them
        before_tags = _confidences(lib)
        assert before_tags != scanned  # the moved bytes move the confidences
        kept = _base_embeddings(lib)
        assert len(kept) == len(moved) - 1 and {s for _, s in kept.values()} == {litert}

        activate_version(lib, version)
        key = backbone_for(lib, version)
        assert embedding_count(lib.db, key) == count_by_status(lib.db)["tagged"]
        after = _base_embeddings(lib)
        assert after.pop(lacking)[1] == "TensorFlow fp32"  # made where there was none
        rewritten = sorted(p for p in kept if after.get(p) != kept[p])
        assert after.keys() == kept.keys() and not rewritten, f"{len(rewritten)} rewritten"

        activate_version(lib, parent)  # `models use v1`
        rolled_back = _confidences(lib)
        moved_rows = [k for k in before_tags if rolled_back.get(k) != before_tags[k]]
        assert rolled_back.keys() == before_tags.keys() and not moved_rows, (
            f"{len(moved_rows)} of {len(before_tags)} (photo, tag) rows moved"
        )


def _base_embeddings(lib: Any) -> dict[int, tuple[bytes, str | None]]:
    """{photo: (its base CNN embedding's bytes, the runtime recorded as having made it)}."""
    rows = lib.db.execute(
        "select photo_id, vector, source from embeddings where backbone = ?", [BACKBONE_NAME]
    )
    return {int(p): (bytes(v), s) for p, v, s in rows}


def _confidences(lib: Any) -> dict[tuple[int, str], tuple[float | None, str | None, str | None]]:
    """{(photo, tag): (confidence, the version that scored it, the user's decision)}."""
    rows = lib.db.execute(
        "select pt.photo_id, t.name, pt.confidence, pt.model_version, pt.state"
        " from photo_tags pt join tags t on t.id = pt.tag_id"
    )
    return {(int(p), str(t)): (c, v, s) for p, t, c, v, s in rows}
