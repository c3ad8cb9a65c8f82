"""Class weights spread to the WordNet neighbours of the classes a tag's examples show."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from phototagger.core.class_neighbours import (
    SPREAD_POWER,
    class_similarity,
    neighbour_class_weights,
    spread,
)
from phototagger.core.class_weights import WEIGHT_FLOOR
from phototagger.core.concepts import ConceptFit, fit_concept, load_concepts
from tests.imagenet_photos import class_index, photo_probs


def test_similarity_is_how_specific_the_lowest_common_hypernym_is() -> None:
    s = class_similarity()
    microwave, toaster, dishwasher = (
        class_index("microwave"),
        class_index("toaster"),
        class_index("dishwasher"),
    )
    drum, wok, pan = class_index("drum"), class_index("wok"), class_index("frying pan")
    assert s.shape == (1000, 1000) and np.allclose(s, s.T) and (np.diag(s) == 1.0).all()
    assert ((s >= 0) & (s <= 1)).all()
    # 'kitchen appliance' is narrower than 'home appliance', which is far narrower than
    # 'instrumentality' (where a microwave meets a drum).
    assert s[microwave, toaster] > s[microwave, dishwasher] > s[microwave, drum] + 0.3
    assert s[pan, wok] > s[microwave, toaster]
    # The information content of the node where they meet, from the shipped closure.
    index = load_concepts()
    both = index.members[[microwave, toaster]].all(axis=0)
    smallest = index.members[:, both].sum(axis=0).min()
    assert s[microwave, toaster] == pytest.approx(np.log(1000 / smallest) / np.log(1000), 1e-5)


def test_weight_goes_to_near_classes_only_and_rejections_take_theirs_back() -> None:
    microwave, toaster, dishwasher = (
        class_index("microwave"),
        class_index("toaster"),
        class_index("dishwasher"),
    )
    drum, vacuum = class_index("drum"), class_index("vacuum")
    weights = np.zeros(1000, np.float32)
    weights[microwave] = 0.9
    lent = spread(weights)
    assert lent[microwave] == pytest.approx(0.9)  # the example's own weight is kept
    s = class_similarity()
    assert lent[toaster] == pytest.approx(0.9 * s[microwave, toaster] ** SPREAD_POWER, 1e-5)
    assert lent[toaster] > lent[dishwasher] > 0
    assert lent[drum] == 0.0  # they meet only at 'instrumentality': under the floor
    assert ((lent == 0) | (lent >= WEIGHT_FLOOR)).all()
    # A rejected vacuum cleaner lends its neighbours more than the microwave does.
    against = np.zeros(1000, np.float32)
    against[vacuum] = 0.9
    kept = spread(weights, against)
    assert kept[vacuum] == 0.0 and kept[toaster] == lent[toaster]
    assert kept[microwave] == pytest.approx(0.9)
    assert not spread(np.zeros(1000, np.float32)).any()


def test_a_kind_no_example_showed_scores_when_wordnet_puts_it_near() -> None:
    rng = np.random.default_rng(7)
    microwave, toaster, pan, wok = (
        class_index(n) for n in ("microwave", "toaster", "frying pan", "wok")
    )
    drum = class_index("drum")
    positives = [photo_probs({microwave: 0.8}, rng) for _ in range(3)]
    positives += [photo_probs({pan: 0.7}, rng) for _ in range(3)]
    rejections = [photo_probs({drum: 0.8}, rng), photo_probs({class_index("tabby"): 0.9}, rng)]
    probs = np.array(positives + rejections)
    positive = np.arange(len(probs)) < 6
    fit = neighbour_class_weights(probs, positive)
    assert fit is not None and fit.neighbours and fit.weighted
    assert fit.label == (
        f"like your examples' classes and their WordNet neighbours ({fit.own} classes)"
    )
    # Never shown: a toaster and a wok score; a drum (rejected) and a cat do not.
    toaster_photo, wok_photo = photo_probs({toaster: 0.8}, rng), photo_probs({wok: 0.8}, rng)
    for photo in (toaster_photo, wok_photo):
        assert photo @ fit.classes > 0.08
    assert photo_probs({drum: 0.8}, rng) @ fit.classes < 0.05
    assert photo_probs({class_index("Persian cat"): 0.8}, rng) @ fit.classes < 0.05


def test_a_wordnet_set_keeps_its_classes_and_gains_the_neighbours_of_what_examples_show() -> None:
    rng = np.random.default_rng(6)
    index = load_concepts()
    fruit = np.flatnonzero(index.members[:, index.names.index("edible fruit")]).tolist()
    others = [c for c in range(1000) if c not in fruit]
    guacamole = class_index("guacamole")
    positives = [photo_probs({fruit[i % len(fruit)]: 0.8}, rng) for i in range(9)]
    positives.append(photo_probs({guacamole: 0.6}, rng))
    rejections = [photo_probs({others[i * 31]: 0.8}, rng) for i in range(30)]
    probs = np.array(positives + rejections)
    positive = np.arange(40) < 10
    library = np.array([photo_probs({others[i * 7]: 0.8}, rng) for i in range(100)])
    node = fit_concept(probs, positive, library)
    assert node is not None and node.names == ("edible fruit",), node
    wider = neighbour_class_weights(probs, positive, node)
    assert wider is not None and wider.names == node.names
    assert (wider.classes[node.classes > 0] == 1.0).all()  # every fruit still counts in full
    assert wider.classes[guacamole] == pytest.approx(0.6, abs=0.05)
    assert wider.label.startswith("like WordNet 'edible fruit' + your examples' classes and ")
    # walk43: "(5 classes)" beside 'dog' read as the size of 'dog': the classes it weighs
    # outside the group, said so.
    outside = int(((wider.classes > 0) & (node.classes == 0)).sum())
    assert wider.label.endswith(f"({outside} classes outside 'edible fruit')"), wider.label
    # Guacamole's WordNet neighbours (other dishes) gain a little weight; far classes none.
    s = class_similarity()
    near = [c for c in np.flatnonzero(s[guacamole] ** SPREAD_POWER * 0.6 > 0.05) if c != guacamole]
    assert near and all(wider.classes[c] > 0 for c in near if c not in others[::31][:30])
    # Nothing to add to a set that already holds every class: no widened set.
    full = type(node)(node.wnids, node.names, np.ones(1000, np.float32), 1.0, 1.0)
    assert neighbour_class_weights(probs, positive, full) is None


def test_one_class_is_said_as_one() -> None:
    # `models` said a taught "monkeys" was learned "like WordNet 'primate' + your examples'
    # classes and their WordNet neighbours (1 classes)".
    classes = np.zeros(1000, np.float32)
    one = ConceptFit(("n07705931",), ("edible fruit",), classes, 1.0, 1.0, own=1)
    assert one.label == "like WordNet 'edible fruit' + 1 ImageNet class of your examples"
    assert dataclasses.replace(one, weighted=True).label == (
        "like WordNet 'edible fruit' + the 1 ImageNet class your examples show, weighted"
    )
    assert dataclasses.replace(one, weighted=True, neighbours=True).label == (
        "like WordNet 'edible fruit' + your examples' classes and their WordNet neighbours"
        " (1 class outside 'edible fruit')"
    )
    assert dataclasses.replace(one, own=2, neighbours=True).label.endswith(
        "(2 classes outside 'edible fruit')"
    )
