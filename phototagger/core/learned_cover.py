"""How many of a tag's yes answers the WordNet groups it was learned like show.

weak34 (360 ImageNet sample photos): "beach day", taught from 10 yes (a lakeside, a canoe, an
ice lolly, a jellyfish, a seashore, a swimsuit, sunglasses, a promontory, a beacon, a
speedboat), was "learned like 'shore', 'boat' and your examples"; "kitchen things", from a
spatula, a wok, a pitcher, a corkscrew, a toaster, a cleaver..., "like 'wooden spoon',
'kitchen appliance', 'vessel' and your examples". Read as the tag understood as shores and
boats, or spoons and appliances, where those groups show in a few of the photos the user said
yes to and the rest is their examples' own classes. The version's record now keeps, per tag
learned like WordNet groups, how many of its yes answers carry COVERED_MASS of them (the
measure core/concepts.py fits with), and `train` and the Train page say it where it is not
all of them (core/learned_words.how_in_words)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from phototagger.core.concepts import COVERED_MASS, load_concepts
from phototagger.core.learned_words import COVER
from phototagger.ml.face_base import FaceSignals


def add_named_cover(
    learned: Mapping[str, dict[str, Any]],
    ids: Sequence[int],
    probs: np.ndarray,
    faces: FaceSignals,
    by_photo: Mapping[int, Mapping[str, bool]],
) -> None:
    """Per tag in `learned` (this run's record, how each tag was learned) learned like WordNet
    groups ("how" concept, its "synsets"), COVER: how many of its yes answers among `ids` (the
    rows of `probs`, their ImageNet probabilities) carry COVERED_MASS or more of the groups'
    classes, and of how many; for a tag learned like detected faces ("how" faces), how many
    show a face the detector counts (`faces`, of the same rows). `by_photo`: the user's
    answers, per photo per tag."""
    index = load_concepts()
    column = {wnid: k for k, wnid in enumerate(index.wnids)}
    row = {photo: i for i, photo in enumerate(ids)}
    for tag, how in learned.items():
        groups = [column[w] for w in how.get("synsets", ()) if w in column]
        yes = [row[p] for p, said in by_photo.items() if said.get(tag) is True and p in row]
        if not yes:
            continue
        if how.get("how") == "faces":
            how[COVER] = [int((faces.features[yes, 0] > 0).sum()), len(yes)]
        elif how.get("how") == "concept" and groups:
            mass = probs[yes] @ index.members[:, groups].max(axis=1)
            how[COVER] = [int((mass >= COVERED_MASS).sum()), len(yes)]
