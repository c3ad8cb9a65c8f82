"""A tag taught from photos of people starts from the face detector's findings
(core/face_concepts.py), chosen by the same out-of-fold rule as the WordNet class sets, or, taught
yes answers alone, by how much more often the answers show faces than the library; photos the
detector has not looked at are unknown, not faceless.

The library: real scenes (scikit-image's cat, coffee, rocket and moon photos) with real faces
(LFW) pasted on them, and the same scenes with real-photo patches degraded like the faces pasted
on instead: only the face detector tells the two apart for sure."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from phototagger import paths
from phototagger.core.catalog import search_photos
from phototagger.core.face_signals import face_signals
from phototagger.core.labels import label_paths
from phototagger.core.library import Library, open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.model.tagger import load_head
from phototagger.core.retrain import train_candidate
from phototagger.core.training_set import embeddings_of
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.face_base import SIGNALS, FaceSignals, face_logit
from phototagger.ml.trained_head import TrainedHead
from phototagger.paths import LibraryHome, default_home
from phototagger.store.photos import get_photo_by_path
from tests.people_photos import tiled_photo
from tests.scan_helpers import run_scan

EACH = 20  # photos with faces, and as many without
YES, NO = 8, 10


@pytest.fixture(scope="module")
def tiles(tmp_path_factory: pytest.TempPathFactory, engine: Any) -> Path:
    """The scanned library (the scan runs the real face detector), copied by each test."""
    root = tmp_path_factory.mktemp("tiles")
    for i in range(EACH):
        tiled_photo(root / "pics" / f"people{i:02d}.jpg", i, faces=True)
        tiled_photo(root / "pics" / f"empty{i:02d}.jpg", 1000 + i, faces=False)
    with open_library(LibraryHome.under(root / "home")) as lib:
        run_scan(lib, [root / "pics"], engine, batch_size=8)
    return root


def _library(tiles: Path) -> tuple[Library, Path]:
    shutil.copytree(tiles / "home", paths.home_override() or Path(), dirs_exist_ok=True)
    return open_library(default_home()), tiles / "pics"


def _id(lib: Library, path: Path) -> int:
    photo = get_photo_by_path(lib.db, str(path))
    assert photo is not None
    return photo.id


def _teach(lib: Library, pics: Path, tag: str = "together") -> None:
    label_paths(lib.db, [str(pics / f"people{i:02d}.jpg") for i in range(YES)], add=[tag])
    label_paths(lib.db, [str(pics / f"empty{i:02d}.jpg") for i in range(NO)], reject=[tag])


def _finds_the_unseen_people(lib: Library) -> None:
    """The active version's "together" is on most unanswered people photos, at most one other."""
    found = {Path(p.path).name for p in search_photos(lib.db, ["together"])}
    unseen_people = {f"people{i:02d}.jpg" for i in range(YES, EACH)}
    unseen_empty = {f"empty{i:02d}.jpg" for i in range(NO, EACH)}
    assert len(found & unseen_people) >= 0.8 * len(unseen_people), found
    assert len(found & unseen_empty) <= 1, found


def _forget(lib: Library, table: str, ids: list[int]) -> None:
    """Deletes the photos' rows of `table` (face_scans: never looked at by the detector;
    photo_tags: never answered)."""
    with lib.db.conn:
        lib.db.conn.execute(
            f"DELETE FROM {table} WHERE photo_id IN ({', '.join('?' * len(ids))})", ids
        )


def _face_column(lib: Library, result: Any) -> tuple[TrainedHead, int, np.ndarray]:
    """The version `result` (train_candidate's) saved, which learned "together" from the faces
    alone, that tag's column and its face base's parameters."""
    assert result.counts["learned"]["together"]["how"] == "faces"
    head = load_head(lib, result.version)
    assert isinstance(head, TrainedHead) and head.faces is not None
    j = head.tag_names.index("together")
    return head, j, head.faces[j]


def _starts_from_faces_and_finds_the_people(lib: Library, result: Any) -> None:
    """`result` (train_candidate's) learned "together" from the faces alone; activated, it finds
    the unanswered people (_finds_the_unseen_people)."""
    learned = result.counts["learned"]["together"]
    assert learned["how"] == "faces" and learned["label"] == "like detected faces", learned
    head = load_head(lib, result.version)
    assert isinstance(head, TrainedHead)
    assert head.face_columns()[head.tag_names.index("together")]
    activate_version(lib, result.version)
    _finds_the_unseen_people(lib)


def _learned_without_faces(lib: Library, pics: Path) -> Any:
    """Five yes and four no, the yes answers' photos not yet looked at by the face detector
    (their face_scans rows held back while it trains): with too few rejections for the
    held-out choice, the base is chosen from the yes answers alone, and those without a face
    record say nothing of faces, so "together" is learned from another kind of base; that
    version is activated and returned (train_candidate's result), the rows put back."""
    label_paths(lib.db, [str(pics / f"people{i:02d}.jpg") for i in range(5)], add=["together"])
    label_paths(lib.db, [str(pics / f"empty{i:02d}.jpg") for i in range(4)], reject=["together"])
    unlooked = [_id(lib, pics / f"people{i:02d}.jpg") for i in range(5)]
    marks = ", ".join("?" * len(unlooked))
    held = list(lib.db["face_scans"].rows_where(f"photo_id IN ({marks})", unlooked))
    _forget(lib, "face_scans", unlooked)
    first = train_candidate(lib)
    with lib.db.conn:
        lib.db.table("face_scans").insert_all(held)
    assert first.counts["learned"]["together"]["how"] != "faces"
    activate_version(lib, first.version)
    return first


def test_a_tag_taught_from_faces_starts_from_the_face_detector(tiles: Path) -> None:
    lib, pics = _library(tiles)
    with lib:
        people = [_id(lib, pics / f"people{i:02d}.jpg") for i in range(EACH)]
        empty = [_id(lib, pics / f"empty{i:02d}.jpg") for i in range(EACH)]
        signals = face_signals(lib.db, people + empty)
        # The scan ran the real detector on every photo: faces on the photos with people.
        assert signals.known.all()
        assert signals.features[:EACH, 0].mean() > 0.8
        assert signals.features[EACH:, 0].sum() <= 1

        _teach(lib, pics)
        result = train_candidate(lib)
        learned = result.counts["learned"]["together"]
        assert learned["how"] == "faces" and learned["label"] == "like detected faces"
        assert lib.models.record(result.version).learned["together"]["how"] == "faces"
        head = load_head(lib, result.version)
        assert isinstance(head, TrainedHead)
        j = head.tag_names.index("together")
        assert head.face_columns()[j] and head.face_columns().sum() == 1

        activate_version(lib, result.version)
        _finds_the_unseen_people(lib)


def test_a_tag_taught_only_yes_answers_about_people_starts_from_the_faces(tiles: Path) -> None:
    # No "no" to hold out: the choice is by lift over the library. The yes answers all show
    # faces, half the library does; the scenes behind them are the library's own mix.
    lib, pics = _library(tiles)
    with lib:
        label_paths(
            lib.db, [str(pics / f"people{i:02d}.jpg") for i in range(YES)], add=["together"]
        )
        _starts_from_faces_and_finds_the_people(lib, train_candidate(lib))


def test_yes_answers_without_face_records_count_on_neither_side(tiles: Path) -> None:
    # Three of the yes answers were never looked at by the detector: they are not faceless
    # answers (which would price the faces down), and the face base is the one learned as if
    # they had not been given.
    lib, pics = _library(tiles)
    with lib:
        label_paths(
            lib.db, [str(pics / f"people{i:02d}.jpg") for i in range(YES)], add=["together"]
        )
        gone = [_id(lib, pics / f"people{i:02d}.jpg") for i in range(3)]
        _forget(lib, "face_scans", gone)
        *_, faces = _face_column(lib, train_candidate(lib))
        _forget(lib, "photo_tags", gone)
        *_, faces_without_them = _face_column(lib, train_candidate(lib))
        assert np.allclose(faces_without_them, faces)


def test_photos_without_face_records_are_unknown_not_faceless(tiles: Path) -> None:
    lib, pics = _library(tiles)
    with lib:
        _teach(lib, pics)
        # Some unanswered photos with people, and two rejected ones, have not been looked at by
        # the detector (a library scanned before it existed, or a new detector version).
        unlooked = [_id(lib, pics / f"people{i:02d}.jpg") for i in range(EACH - 6, EACH)]
        rejected = [_id(lib, pics / f"empty{i:02d}.jpg") for i in range(2)]
        gone = [*unlooked, *rejected]
        _forget(lib, "face_scans", gone)
        head, j, faces = _face_column(lib, train_candidate(lib))
        ids, emb = embeddings_of(lib.db, None, BACKBONE_NAME)
        signals = face_signals(lib.db, ids)
        assert not signals.known[[ids.index(p) for p in gone]].any()

        # A photo not looked at gets the library's rate: below a photo with a face, above one
        # the detector found empty.
        base = face_logit(faces, signals)
        with_face = signals.known & (signals.features[:, 0] > 0)
        without = signals.known & (signals.features[:, 0] == 0)
        unknown = base[~signals.known]
        assert base[without].max() < unknown.min() and unknown.max() < base[with_face].min()
        # Scoring without the detector's findings treats every photo as not looked at.
        assert np.array_equal(
            head.scores(emb)[:, j], head.scores(emb, faces=FaceSignals.unknown(len(ids)))[:, j]
        )

        # The two rejections without a record were not fitted as faceless: the face base is the
        # one learned with those two answers not given at all.
        _forget(lib, "photo_tags", rejected)
        *_, faces_without_them = _face_column(lib, train_candidate(lib))
        assert np.allclose(faces_without_them[: SIGNALS + 1], faces[: SIGNALS + 1])


def test_a_tag_about_a_wordnet_concept_keeps_its_class_set(tiles: Path) -> None:
    lib, pics = _library(tiles)
    with lib:
        # "cats": the scenes with the cat photo (seed % 4 == 0), with faces or without; the
        # other scenes, with faces or without, rejected.
        names = [f"people{i:02d}.jpg" for i in range(EACH)] + [
            f"empty{i:02d}.jpg" for i in range(EACH)
        ]
        seeds = list(range(EACH)) + [1000 + i for i in range(EACH)]
        cats = [str(pics / n) for n, s in zip(names, seeds, strict=True) if s % 4 == 0]
        others = [str(pics / n) for n, s in zip(names, seeds, strict=True) if s % 4 != 0]
        label_paths(lib.db, cats[:6], add=["cats"])
        label_paths(lib.db, others[:: len(others) // 10][:10], reject=["cats"])
        result = train_candidate(lib)
        learned = result.counts["learned"]["cats"]
        assert learned["how"] == "concept", learned
        head = load_head(lib, result.version)
        assert isinstance(head, TrainedHead)
        assert not head.face_columns().any()


def test_train_and_models_say_the_tag_was_learned_like_detected_faces(
    tiles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from phototagger.cli import main

    lib, pics = _library(tiles)
    with lib:
        _teach(lib, pics)
    assert main(["train"]) == 0
    out = capsys.readouterr().out
    assert "  together: like detected faces" in out
    assert main(["models", "--json"]) == 0
    versions = {v["version"]: v for v in json.loads(capsys.readouterr().out)}
    assert versions["v2"]["learned"]["together"]["label"] == "like detected faces"
    # --json says it too: one more answer, so there is something new to learn.
    with open_library(default_home()) as again:
        label_paths(again.db, [str(pics / f"people{YES:02d}.jpg")], add=["together"])
    assert main(["train", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["counts"]["learned"]["together"]["label"] == "like detected faces"


def test_a_scan_tags_new_photos_from_the_faces_it_finds(tiles: Path, engine: Any) -> None:
    lib, pics = _library(tiles)
    with lib:
        _teach(lib, pics)
        activate_version(lib, train_candidate(lib).version)
        new = pics.parent / "new"
        for i in range(4):
            tiled_photo(new / f"people{i}.jpg", 500 + i, faces=True)
            tiled_photo(new / f"empty{i}.jpg", 1500 + i, faces=False)
        # What a scan tags with (core/model/tagger.load_tagger): the CNN and the active head.
        from phototagger.ml.engine import TaggingEngine

        active = TaggingEngine(engine.backbone, load_head(lib), engine.device, engine.class_names)
        run_scan(lib, [new], active)
        # Tagged as the scan found them, faces included: no retag needed.
        found = {Path(p.path).name for p in search_photos(lib.db, ["together"])}
        assert len(found & {f"people{i}.jpg" for i in range(4)}) >= 3, found
        assert not found & {f"empty{i}.jpg" for i in range(4)}, found


def test_a_tag_whose_base_changes_is_not_pulled_back_to_its_old_ranking(tiles: Path) -> None:
    # Five yes and four no on photos the detector had not looked at yet, so v1 learns
    # "together" from another kind of base (_learned_without_faces); with the full answers
    # v2 starts from the faces. Its unanswered photos then carry no weight from v1's fit (neither
    # v1's scores nor weak negatives: core/tag_learning.py), and v2 finds the people.
    lib, pics = _library(tiles)
    with lib:
        first = _learned_without_faces(lib, pics)
        v1 = load_head(lib, first.version)
        assert isinstance(v1, TrainedHead)
        assert not v1.face_columns()[v1.tag_names.index("together")]

        _teach(lib, pics)
        _starts_from_faces_and_finds_the_people(lib, train_candidate(lib))


def test_a_face_base_that_loses_its_class_set_is_not_pulled_back(tiles: Path) -> None:
    # The parent learned "together" as faces times a class set (WordNet 'feline': the cat
    # scenes, seed % 4 == 0), so it tags only the people in cat scenes. More people answered
    # yes elsewhere: the new version starts from the faces alone, the same face detector but
    # another kind of base. The parent's scores on the unanswered people elsewhere (low) must
    # not pull it back to the parent's ranking (core/tag_learning.py, _base_kind).
    from phototagger.core.concepts import load_concepts

    lib, pics = _library(tiles)
    with lib:
        _teach(lib, pics)
        first = train_candidate(lib)
        assert first.counts["learned"]["together"]["label"] == "like detected faces"
        head = load_head(lib, first.version)
        assert isinstance(head, TrainedHead)
        j = head.tag_names.index("together")
        index = load_concepts()
        concepts = np.zeros((index.members.shape[0], len(head.tags)), np.float32)
        concepts[:, j] = index.members[:, index.wnids.index("n02120997")]  # 'feline'
        parent = replace(head, version=lib.models.next_name(), concepts=concepts)
        record = json.loads(lib.models.json_path(first.version).read_text("utf-8"))
        record["learned"]["together"]["label"] = "like detected faces × WordNet 'feline'"
        lib.models.save(parent, record)
        activate_version(lib, parent.version)
        before = {Path(p.path).name for p in search_photos(lib.db, ["together"])}
        elsewhere = {f"people{i:02d}.jpg" for i in range(YES + 2, EACH) if i % 4}
        assert not before & elsewhere, before

        label_paths(
            lib.db, [str(pics / f"people{i:02d}.jpg") for i in (YES, YES + 1)], add=["together"]
        )
        second = train_candidate(lib)
        assert second.counts["learned"]["together"]["label"] == "like detected faces"
        activate_version(lib, second.version)
        found = {Path(p.path).name for p in search_photos(lib.db, ["together"])}
        assert len(found & elsewhere) >= 0.8 * len(elsewhere), found
        assert len(found & {f"empty{i:02d}.jpg" for i in range(NO, EACH)}) <= 1, found


def test_a_candidate_of_another_kind_is_judged_as_it_would_be_fitted(
    tiles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # v1 learned "together" from another kind of base (_learned_without_faces). With the
    # full answers, the face candidate is judged without v1's pull on the unanswered photos,
    # as it is fitted once chosen: v1's scores there would pull its held-out fits towards the
    # ranking it would replace, and the choice between candidates was made on that.
    from phototagger.core import tag_learning

    lib, pics = _library(tiles)
    with lib:
        _learned_without_faces(lib, pics)
        _teach(lib, pics)

        judged: dict[str, list[float]] = {}
        real = tag_learning.ConceptTrainer._out_of_fold

        def recorded(trainer: Any, *args: Any, **kwargs: Any) -> Any:
            j, weights = args[0], args[2]
            search = kwargs.get("search", args[6] if len(args) > 6 else "")
            tag = trainer.start.tags[j]
            answered = np.array([tag in trainer.labels.by_photo.get(p, {}) for p in trainer.ids])
            judged.setdefault(search, []).append(float(weights[~answered].sum()))
            return real(trainer, *args, **kwargs)

        monkeypatch.setattr(tag_learning.ConceptTrainer, "_out_of_fold", recorded)
        second = train_candidate(lib)
        assert second.counts["learned"]["together"]["how"] == "faces"
        # The face candidate: no weight on photos without an answer; the candidates of v1's
        # kind keep the pull.
        assert judged["faces"] and max(judged["faces"]) == 0.0
        kept = [s for s in judged if s not in ("faces", "faces+node", "")]
        assert any(max(judged[s]) > 0 for s in kept), judged
