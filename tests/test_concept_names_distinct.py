"""A WordNet group is named so that two groups never read alike. 'food' is two nodes of the
shipped closure ('food, nutrient' above every food, drink and feed class; 'food, solid food'
above the dishes and produce): benchmarks/new_tags.py's "things to eat" read "like WordNet
'food' + 'food' + your examples' classes and their WordNet neighbours (8 classes outside 'food'
and 'food')"."""

from __future__ import annotations

import collections

import numpy as np

from phototagger.core.concepts import ConceptFit, load_concepts
from phototagger.core.learned_words import how_in_words


def test_no_two_groups_share_a_name() -> None:
    index = load_concepts()
    repeated = [n for n, k in collections.Counter(index.names).items() if k > 1]
    assert repeated == []
    names = dict(zip(index.wnids, index.names, strict=True))
    assert names["n00021265"] == "food (nutrient)"
    assert names["n07555863"] == "food (solid food)"
    assert names["n02012849"] == "crane (wading bird)"  # one lemma: its parent says which
    assert names["n03126707"] == "crane (lifting device)"
    assert names["n02484322"] == "monkey"  # a name no other node has stays as it was


def test_things_to_eat_names_each_food_once() -> None:
    index = load_concepts()
    picked = [index.wnids.index("n00021265"), index.wnids.index("n07555863")]
    classes = index.members[:, picked].max(axis=1)
    fit = ConceptFit(
        tuple(index.wnids[k] for k in picked),
        tuple(index.names[k] for k in picked),
        classes.astype(np.float32),
        0.9,
        1.0,
        own=8,
        weighted=True,
        neighbours=True,
    )
    assert fit.label == (
        "like WordNet 'food (nutrient)' + 'food (solid food)' + your examples' classes and "
        "their WordNet neighbours (8 classes outside 'food (nutrient)' and 'food (solid food)')"
    )
    words = how_in_words({"label": fit.label})
    assert words == "like 'food (nutrient)', 'food (solid food)' and your examples", words
