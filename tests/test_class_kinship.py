"""How alike the default tagger's class vectors say two ImageNet classes look: on its real
weights, kinds WordNet files far apart but seen on like photos are near."""

from __future__ import annotations

import numpy as np

from phototagger.core.class_kinship import class_kinship
from phototagger.core.class_neighbours import SPREAD_POWER, class_similarity, lent_weights
from phototagger.ml.heads import load_default_head
from tests.imagenet_photos import class_index


def test_the_taggers_class_vectors_put_kitchen_things_and_sea_animals_near_each_other() -> None:
    kernel = load_default_head().kernel
    kin = class_kinship(kernel)
    assert kin.shape == (1000, 1000) and kin.dtype == np.float32
    assert np.allclose(np.diag(kin), 1.0) and np.allclose(kin, kin.T) and (kin >= 0).all()
    assert class_kinship(kernel) is kin  # computed once per tagger
    pan, strainer = class_index("frying pan"), class_index("strainer")
    # The frying pan's nearest kin are cookware: the wok, then the spatula and the Dutch oven.
    nearest = [int(k) for k in np.argsort(-kin[pan])[1:4]]
    assert class_index("wok") == nearest[0]
    assert {class_index("spatula"), class_index("Dutch oven")} <= set(nearest)
    # WordNet meets the pan and the strainer only at 'device': it lends the strainer nothing a
    # pan's weight could carry; the class vectors say they are alike, more than a pan and a drum.
    wordnet = class_similarity()
    assert wordnet[pan, strainer] ** SPREAD_POWER < 0.01
    assert kin[pan, strainer] > 0.1 > kin[pan, class_index("drum")]
    # A starfish is the kin of the sea urchin before any spider, unlike in WordNet, where
    # both are invertebrates alike.
    star = class_index("starfish")
    assert kin[star, class_index("sea urchin")] > 2 * kin[star, class_index("barn spider")]


def test_each_class_is_lent_the_most_any_weighted_class_lends_it() -> None:
    kin = class_kinship(load_default_head().kernel)
    pan, wok, mug = class_index("frying pan"), class_index("wok"), class_index("coffee mug")
    weights = np.zeros(1000, np.float32)
    weights[pan], weights[mug] = 1.0, 0.5
    lent = lent_weights(weights, kin)
    assert lent[pan] == 1.0 and lent[mug] == max(0.5, float(kin[mug, pan]))
    assert np.isclose(lent[wok], max(kin[wok, pan], 0.5 * kin[wok, mug]))
    assert not lent_weights(np.zeros(1000, np.float32), kin).any()
