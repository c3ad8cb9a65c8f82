"""speed39: every training read the photo count of every folder of the library (store.photos.
counts_by_folder, a GROUP BY over all photos: 0.08-0.21 s at 500,000), and every deep run the
ImageNet probabilities of every photo it decoded, for the rule on tags taught by folders
(tag_learning.folder_split), though only a tag whose answers in each folder are all one way can
be one. Now a training reads the counts only for such a tag, and only of its answers' folders;
a deep run computes the probabilities only for a tag whose answers are whole folders. What the
rule decides is the same (tests/test_train_folder_taught_tag.py,
tests/test_train_deep_folder_taught_tag.py).

The three tests answer the same scanned library (tests/test_train_folder_taught_tag.py's folders,
scanned once per run and copied into each test's home: conftest's folders_scanned),
and what they check is which counts are read, not what the deep fit learns: its runs take two
optimiser steps (tests/retrain_helpers.fewer_deep_steps; what the rule reads and decides comes
from the answers and the folders, before and apart from the fit), preview 16 photos, not 64, and
read the photos' features with the session's CNN (retrain_helpers.deep_trains_on), not one
loaded again in the test's fresh home."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from phototagger.core import retrain_deep
from phototagger.core.labels import label_paths
from phototagger.core.retrain import train_candidate
from phototagger.core.retrain_deep import DeepTrainer
from phototagger.store import photos as photo_store
from tests.retrain_helpers import deep_trains_on, fewer_deep_steps, library_from

pytestmark = pytest.mark.model  # runs the real network: full tier only

TRAINERS = ("phototagger.core.tag_learning", "phototagger.core.retrain_deep")
Scanned = tuple[Path, dict[str, list[Path]]]  # conftest's folders_scanned


def test_a_training_with_no_tag_taught_by_folders_reads_no_folder_counts(
    folders_scanned: Scanned, engine: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Taught "holiday Crete" with yes to half of Crete and no to the other half and to photos of
    WhatsApp: no folder's answers are all one way, so its folders cannot be what teaches it."""
    fewer_deep_steps(monkeypatch, steps=2)
    monkeypatch.setattr(retrain_deep, "PREVIEW_SAMPLE", 16)  # what it shows: not checked here
    deep_trains_on(engine, monkeypatch)  # the session's CNN, not one loaded again
    lib, _ = library_from(folders_scanned[0])
    folders = folders_scanned[1]
    crete = [str(p) for p in folders["Crete"]]
    with lib:
        label_paths(lib.db, crete[:20], add=["holiday Crete"])
        no = crete[20:] + [str(p) for p in folders["WhatsApp"][:10]]
        label_paths(lib.db, no, reject=["holiday Crete"])

        def read(*args: object, **kwargs: object) -> Any:
            raise AssertionError("read the folders' photo counts or the ImageNet probabilities")

        for module in TRAINERS:
            monkeypatch.setattr(f"{module}.counts_by_folder", read)
        monkeypatch.setattr(DeepTrainer, "_imagenet", read, raising=False)
        head = train_candidate(lib)
        deep = train_candidate(lib, deep=True)
    for result in (head, deep):
        learned = result.counts.get("learned", {}).get("holiday Crete", {})
        assert "answers_by_folder" not in learned, learned


def test_a_tag_taught_by_whole_folders_reads_the_counts_of_its_folders_only(
    folders_scanned: Scanned, engine: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Yes to every photo of Crete, no to every photo of WhatsApp: the training reads how many
    photos those two folders hold (all answered: the tag stays on its yes answers), and no
    other folder's count; the deep run too."""
    fewer_deep_steps(monkeypatch, steps=2)
    monkeypatch.setattr(retrain_deep, "PREVIEW_SAMPLE", 16)  # what it shows: not checked here
    deep_trains_on(engine, monkeypatch)  # the session's CNN, not one loaded again
    lib, photos = library_from(folders_scanned[0])
    folders = folders_scanned[1]
    asked: list[list[str] | None] = []

    def counted(db: Any, folders: Sequence[str] | None = None) -> dict[str, int]:
        asked.append(None if folders is None else sorted(folders))
        if folders is None:  # every folder's, as a training read them before
            return photo_store.counts_by_folder(db)
        return photo_store.counts_by_folder(db, folders)

    for module in TRAINERS:
        monkeypatch.setattr(f"{module}.counts_by_folder", counted)
    both = {"yes": [str(photos / "Crete")], "no": [str(photos / "WhatsApp")]}
    with lib:
        label_paths(lib.db, [str(p) for p in folders["Crete"]], add=["holiday Crete"])
        label_paths(lib.db, [str(p) for p in folders["WhatsApp"]], reject=["holiday Crete"])
        for deep in (False, True):
            asked.clear()
            result = train_candidate(lib, deep=deep)
            # Per fit (the held-out check's, then the final one), those two folders only.
            assert asked and all(a == both["yes"] + both["no"] for a in asked), (deep, asked)
            learned = result.counts["learned"]["holiday Crete"]
            assert learned["answers_by_folder"] == both, (deep, learned)


def test_a_training_reads_each_folders_count_once_however_many_tags_ask(
    folders_scanned: Scanned, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three tags said yes on every photo of Crete and on nothing else (the yes-only path,
    whose note names the folder: tag_learning.whole_folders) ask for Crete's count each, in
    each fit: a trainer reads it once (tag_learning.FolderSizeReads). A library with dozens of
    keyword tags read the same folders dozens of times in every training (read40)."""
    lib, photos = library_from(folders_scanned[0])
    folders = folders_scanned[1]
    crete = str(photos / "Crete")
    asked: list[str] = []

    def counted(db: Any, folders: Sequence[str] | None = None) -> dict[str, int]:
        assert folders is not None  # never every folder's
        asked.extend(folders)
        return photo_store.counts_by_folder(db, folders)

    for module in TRAINERS:
        monkeypatch.setattr(f"{module}.counts_by_folder", counted)
    tags = ["trip", "summer", "family"]
    with lib:
        label_paths(lib.db, [str(p) for p in folders["Crete"]], add=tags)
        result = train_candidate(lib)
        learned = result.counts["learned"]
        # Each tag's record names its folder: each did ask.
        assert all(learned[t]["answers_by_folder"]["yes"] == [crete] for t in tags), learned
        trainers = 2  # the test version's and the saved version's
        assert 1 <= asked.count(crete) <= trainers, asked
