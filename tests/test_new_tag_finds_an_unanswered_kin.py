"""A new tag taught only yes answers finds the photo of its kind the user did not answer: taught
"monkeys" from 3 monkeys with 2 crops each (a burst, an edit) and a 4th, the 5th monkey is found.
Its unanswered photos were weak negatives at full weight; as the only ones with much of the set
the examples chose ('primate'), they were the only ones with any loss, and the correction learned
to cut them (0.14 under a cut of 0.5, though the set gave it 0.92). And when the monkey no one
answered is the chimpanzee, which no answer's classes named, the class set the examples choose
is still wide enough to find it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from phototagger.core.catalog import search_photos
from phototagger.core.concepts import fit_concept
from phototagger.core.labels import label_paths
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import train_candidate
from phototagger.core.training_set import embeddings_of
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from tests.scan_helpers import new_library, run_scan

pytestmark = pytest.mark.model  # runs the real network: full tier only

DET = Path("/work/shared/data/det-photos")
MONKEYS = ["11526", "14958", "30035", "3182", "6512"]  # det-photos' five (n02484322)
# Other photos: the first 3 of each category among the first 120 files, no primate.
OTHERS = 40


def _crops(photo: Path, folder: Path) -> list[Path]:
    """Two edits of one shot: its middle 80% and its upper-left 75%."""
    image = Image.open(photo).convert("RGB")
    w, h = image.size
    made = []
    for name, box in (
        ("crop1", (w // 10, h // 10, w - w // 10, h - h // 10)),
        ("crop2", (0, 0, w * 3 // 4, h * 3 // 4)),
    ):
        path = folder / photo.name.replace("_monkey", f"{name}_monkey")
        image.crop(box).save(path, quality=92)
        made.append(path)
    return made


def _photos(folder: Path, held: str, partial: str) -> tuple[list[Path], list[Path], list[Path]]:
    """det-photos' five monkeys, each with its two crops, and OTHERS photos of no primate, in
    `folder`. Taught: three monkeys with their crops and the `partial` monkey's photo alone;
    (those, the `held` monkey's photo and crops, every monkey photo not taught)."""
    folder.mkdir()
    monkeys = {}
    for i in MONKEYS:
        source = DET / f"n02484322_{i}_monkey.jpg"
        shutil.copyfile(source, folder / source.name)
        monkeys[i] = [folder / source.name, *_crops(folder / source.name, folder)]
    others = [p for p in sorted(DET.glob("n*.jpg")) if "n0248" not in p.name][::25][:OTHERS]
    for p in others:
        shutil.copyfile(p, folder / p.name)
    full = [i for i in MONKEYS if i not in (held, partial)]
    taught = [p for i in full for p in monkeys[i]] + [monkeys[partial][0]]
    return taught, monkeys[held], monkeys[held] + monkeys[partial][1:]


def _found_only_the_unanswered(lib: Any, taught: list[Path], unanswered: list[Path]) -> None:
    """Taught "monkeys" on `taught` (nothing answered no), trained and activated: the monkey
    photos `unanswered` are found, and nothing else is."""
    label_paths(lib.db, [str(p) for p in taught], add=["monkeys"])
    result = train_candidate(lib)
    activate_version(lib, result.version)
    found = {Path(p.path).name for p in search_photos(lib.db, ["monkeys"])}
    names = {p.name for p in unanswered}
    assert names <= found, sorted(names - found)
    assert found - names - {p.name for p in taught} == set()


def test_the_monkey_no_one_answered_is_found(tmp_path: Path, engine: Any) -> None:
    photos = tmp_path / "photos"
    taught, _, unanswered = _photos(photos, held="6512", partial="11526")
    with new_library() as lib:
        run_scan(lib, [photos], engine)
        _found_only_the_unanswered(lib, taught, unanswered)


def test_a_kin_no_yes_answer_showed_is_in_the_class_set(tmp_path: Path, engine: Any) -> None:
    """The fifth "monkey" is a chimpanzee (the tagger: chimpanzee 0.74, gorilla 0.07); taught
    from the other four (a howler monkey, whose second guess is an orangutan, a spider monkey
    and a mandrill with 2 crops each, and a patas), nothing no, the set with the most lift over
    the library was 'monkey' (+ the classes the examples show), which gave the chimpanzee a
    mass of 0.05: never tagged. With no rejection, the set is widened to the smallest node that
    holds the answers' likely classes, here 'primate'."""
    photos = tmp_path / "photos"
    taught, held, unanswered = _photos(photos, held="14958", partial="30035")
    with new_library() as lib:
        run_scan(lib, [photos], engine)
        ids, embeddings = embeddings_of(lib.db, None, BACKBONE_NAME)
        probs = load_default_head().imagenet_probabilities(embeddings)
        name = {r["id"]: Path(r["path"]).name for r in lib.db.query("select id, path from photos")}
        row = {name[i]: k for k, i in enumerate(ids)}
        answered = probs[[row[p.name] for p in taught]]
        fit = fit_concept(answered, np.ones(len(taught), bool), probs)
        assert fit is not None and fit.names == ("primate",), fit
        chimpanzee = probs[[row[p.name] for p in held]] @ fit.classes
        assert (chimpanzee > 0.5).all(), chimpanzee

        _found_only_the_unanswered(lib, taught, unanswered)
