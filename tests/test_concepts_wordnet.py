"""The WordNet closure shipped in models/, and choosing the class set that explains a new tag."""

from __future__ import annotations

import json

import numpy as np

from phototagger import paths
from phototagger.core.concepts import (
    clear_kinds,
    fit_concept,
    load_concepts,
    sibling_groups,
    with_own_classes,
)


def _names() -> list[str]:
    data = json.loads((paths.models_data_dir() / "imagenet_classes.json").read_text())
    return [c["name"] for c in data]


def test_every_class_sits_under_entity_and_reptiles_under_reptile() -> None:
    data = json.loads((paths.models_data_dir() / "wordnet_closure.json").read_text())
    assert len(data["ancestors"]) == 1000
    lemma = {w: names[0] for w, names in data["synsets"].items()}
    assert all("entity" in {lemma[w] for w in a} for a in data["ancestors"])
    assert "reptile" in [lemma[a] for a in data["ancestors"][33]]  # loggerhead turtle
    assert "primate" in [lemma[a] for a in data["ancestors"][370]]  # a monkey
    assert (paths.models_data_dir() / "wordnet_LICENSE.txt").read_text().count("Princeton") > 0


def _photos(classes: list[int], n: int, rng: np.random.Generator) -> np.ndarray:
    """ImageNet probabilities of n photos, each mostly one of `classes`, the rest spread."""
    probs = rng.dirichlet(np.full(1000, 0.05), size=n) * 0.2
    for i in range(n):
        probs[i, classes[i % len(classes)]] += 0.8
    return probs.astype(np.float32)


def _members(name: str) -> list[int]:
    index = load_concepts()
    k = index.names.index(name)
    return np.flatnonzero(index.members[:, k]).tolist()


def test_turtles_lizards_and_snakes_make_reptile_and_snakes_alone_snake() -> None:
    rng = np.random.default_rng(1)
    reptiles, others = _members("reptile"), [c for c in range(1000) if c not in _members("reptile")]
    picks = [reptiles[i] for i in rng.choice(len(reptiles), 10, replace=False)]
    library = _photos(others[::7], 300, rng)
    pos = _photos(picks, 10, rng)
    neg = _photos(others[::31], 30, rng)
    fit = fit_concept(np.r_[pos, neg], np.arange(40) < 10, library)
    assert fit is not None and fit.names == ("reptile",), fit
    assert fit.label == "like WordNet 'reptile'"

    snakes = _members("snake")
    fit = fit_concept(
        np.r_[_photos(snakes, 10, rng), _photos(reptiles[:10], 10, rng), neg],
        np.arange(50) < 10,
        library,
    )
    assert fit is not None and fit.names == ("snake",), fit


def test_two_unrelated_groups_make_a_union_and_noise_makes_none() -> None:
    rng = np.random.default_rng(2)
    names = _names()
    fruit = [names.index(n) for n in ("strawberry", "orange", "lemon", "banana", "pineapple")]
    instruments = [names.index(n) for n in ("violin", "cello", "banjo", "acoustic guitar", "harp")]
    library = _photos(list(range(0, 1000, 3)), 300, rng)
    pos = _photos(fruit + instruments, 10, rng)
    neg = _photos(list(range(100, 300, 7)), 30, rng)
    fit = fit_concept(np.r_[pos, neg], np.arange(40) < 10, library)
    assert fit is not None and len(fit.names) == 2, fit
    covered = set(np.flatnonzero(fit.classes).tolist())
    assert set(fruit + instruments) <= covered

    noise = rng.dirichlet(np.full(1000, 0.05), size=40).astype(np.float32)
    assert fit_concept(noise, np.arange(40) < 10, library) is None


def test_own_classes_widen_a_set_but_never_by_a_rejections_class() -> None:
    rng = np.random.default_rng(3)
    names = _names()
    kitchen = [
        names.index(n) for n in ("toaster", "ladle", "coffee mug", "Dutch oven", "microwave")
    ]
    others = [c for c in range(0, 1000, 11) if c not in kitchen]
    pos = _photos(kitchen, 10, rng)
    # One rejection looks most like a toaster: the user said a toaster-like photo is not it.
    neg = np.r_[_photos([kitchen[0]], 1, rng), _photos(others, 29, rng)]
    positive = np.arange(40) < 10
    wider = with_own_classes(None, np.r_[pos, neg], positive)
    assert wider is not None and wider.names == ()
    assert set(np.flatnonzero(wider.classes).tolist()) == set(kitchen[1:])
    assert wider.label == "like 4 ImageNet classes of your examples"

    fruit = [names.index(n) for n in ("strawberry", "orange", "lemon", "banana", "pineapple")]
    fit = fit_concept(np.r_[_photos(fruit, 10, rng), neg], positive, _photos(others, 300, rng))
    assert fit is not None
    both = with_own_classes(fit, np.r_[_photos(fruit[:3] + kitchen[1:3], 10, rng), neg], positive)
    assert both is not None and both.names == fit.names
    assert set(kitchen[1:3]) <= set(np.flatnonzero(both.classes).tolist())
    assert set(np.flatnonzero(fit.classes).tolist()) <= set(np.flatnonzero(both.classes).tolist())
    assert both.label.startswith(fit.label + " + ") and both.own == 2
    # Positives that already lie inside the set add nothing.
    assert with_own_classes(fit, np.r_[_photos(fruit, 10, rng), neg], positive) is None


def test_own_classes_leave_out_a_class_the_tagger_only_half_guessed() -> None:
    # Kitchenware taught on det-photos: a can opener the tagger half took for a hammer (hammer
    # 0.22, can opener 0.18, hook 0.18) made 'hammer' one of the tag's own classes, and every
    # hammer in the library was tagged kitchenware.
    rng = np.random.default_rng(5)
    names = _names()
    kitchen = [names.index(n) for n in ("toaster", "ladle", "coffee mug", "microwave")]
    hammer, opener, hook = (names.index(n) for n in ("hammer", "can opener", "hook"))
    others = [c for c in range(0, 1000, 11) if c not in (*kitchen, hammer, opener, hook)]
    unsure = rng.dirichlet(np.full(1000, 0.05)).astype(np.float32) * 0.42
    unsure[[hammer, opener, hook]] += [0.22, 0.18, 0.18]
    probs = np.r_[_photos(kitchen, 9, rng), unsure[None, :], _photos(others, 30, rng)]
    positive = np.arange(40) < 10
    assert np.argmax(probs[9]) == hammer
    wider = with_own_classes(None, probs, positive)
    assert wider is not None
    assert set(np.flatnonzero(wider.classes).tolist()) == set(kitchen)
    # The same photo, seen clearly (can opener 0.8), is a kind of its own.
    probs[9] = _photos([opener], 1, rng)[0]
    wider = with_own_classes(None, probs, positive)
    assert wider is not None
    assert set(np.flatnonzero(wider.classes).tolist()) == {*kitchen, opener}


def test_a_photo_split_among_sibling_classes_is_of_a_clear_kind() -> None:
    # ImageNet splits a plain cat among tabby, tiger cat and Egyptian cat (none at CLEAR_KIND,
    # 'domestic cat' at 0.8): the tagger is sure it is a cat, so its likeliest class is one of
    # the tag's own. A can opener half taken for a hammer (0.22; the other hand tools, its
    # WordNet siblings, at about 0) still adds no hammer.
    rng = np.random.default_rng(7)
    names = _names()
    tabby, tiger, egyptian = (names.index(n) for n in ("tabby", "tiger cat", "Egyptian cat"))
    hammer, opener, hook = (names.index(n) for n in ("hammer", "can opener", "hook"))
    assert len({int(sibling_groups()[c]) for c in (tabby, tiger, egyptian)}) == 1
    assert sibling_groups()[hammer] != sibling_groups()[opener]
    cat = rng.dirichlet(np.full(1000, 0.05)).astype(np.float32) * 0.2
    cat[[tabby, tiger, egyptian]] += [0.35, 0.3, 0.15]
    unsure = rng.dirichlet(np.full(1000, 0.05)).astype(np.float32) * 0.42
    unsure[[hammer, opener, hook]] += [0.22, 0.18, 0.18]
    kitchen = [names.index(n) for n in ("toaster", "ladle", "coffee mug", "microwave")]
    others = [c for c in range(0, 1000, 11) if c not in (*kitchen, tabby, hammer)]
    probs = np.r_[cat[None, :], unsure[None, :], _photos(kitchen, 8, rng), _photos(others, 30, rng)]
    assert np.argmax(probs[0]) == tabby and np.argmax(probs[1]) == hammer
    assert clear_kinds(probs[:2]).tolist() == [True, False]
    wider = with_own_classes(None, probs, np.arange(40) < 10)
    assert wider is not None
    assert set(np.flatnonzero(wider.classes).tolist()) == {*kitchen, tabby}
