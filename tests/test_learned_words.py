"""How a tag was learned, in the window's plain words (core/learned_words.py), for each way
core/concepts.py and core/face_concepts.py word it: the WordNet groups by name, "your examples"
for the ImageNet classes of the examples, whichever way they were weighed."""

from __future__ import annotations

import numpy as np

from phototagger.core.concepts import ConceptFit
from phototagger.core.face_concepts import FaceConcept
from phototagger.core.learned_words import plain_learned


def _fit(names: tuple[str, ...], own: int, **kind: bool) -> ConceptFit:
    return ConceptFit(names, names, np.zeros(1000, np.float32), 0.9, 1.0, own, **kind)


def test_each_way_of_learning_in_plain_words() -> None:
    said = {
        _fit(("vessel",), 12, neighbours=True).label: "like 'vessel' and your examples",
        _fit((), 12, neighbours=True).label: "like your examples",
        _fit(("vessel", "aquatic mammal"), 5, weighted=True).label: (
            "like 'vessel', 'aquatic mammal' and your examples"
        ),
        _fit((), 1).label: "like your examples",
        _fit(("reptile",), 0).label: "like 'reptile'",
        FaceConcept(("person",), ("person",), np.ones(1000, np.float32), 0.9, 1.0, 2).label: (
            "like detected faces, 'person' and your examples"
        ),
        FaceConcept((), (), np.zeros(1000, np.float32), 0.9, 1.0).label: "like detected faces",
    }
    for label, words in said.items():
        assert "WordNet" in label or "ImageNet" in label or "faces" in label
        assert plain_learned(label) == words, label


def test_other_words_are_kept_as_they_are() -> None:
    for label in (
        "from your examples",
        "the default tagger, corrected by your decisions",
        "like something a later version words otherwise",
        "",
    ):
        assert plain_learned(label) == label
