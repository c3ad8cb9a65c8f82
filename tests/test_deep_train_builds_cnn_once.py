"""`train --deep` in a process that already holds the CNN (the app's tagger, or the command's own
training before the activation) builds it once: the deep run and the activation after it each
built it and loaded its weights from the file again (2-3 s of CPU a time). The deep run trains
a top of its own, with copies of the CNN's weights (ml/deep.top_from): the tagger that holds the
CNN tags as before, bit for bit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.retrain_helpers import fewer_deep_steps, label_faces, library_from

pytestmark = pytest.mark.model  # runs the real network: full tier only


def test_a_deep_run_and_its_activation_use_the_cnn_the_tagger_holds(
    template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from phototagger.core.imaging import decode_photo
    from phototagger.core.model.activation import activate_version
    from phototagger.core.model.tagger import load_tagger
    from phototagger.core.retrain import train_candidate
    from phototagger.ml import backbone

    # What is checked is which CNN the run reads, not how far it converges: two steps a fit.
    fewer_deep_steps(monkeypatch, steps=2)
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics)
        held: Any = load_tagger(lib, "v1", runtime="tensorflow")  # as the app's tagger holds it
        photos = [pics / "chelsea.jpg", pics / "coffee.jpg", pics / "face000.jpg"]
        pixels = np.stack([decode_photo(p).model_input for p in photos])
        before = held.embed(pixels), held.imagenet(pixels)[1]
        scores = held.scores(before[0])
        built: list[object] = []
        real_build = backbone.build_lite0

        def counted() -> object:
            built.append(None)
            return real_build()

        monkeypatch.setattr(backbone, "build_lite0", counted)
        result = train_candidate(lib, deep=True)
        activate_version(lib, result.version)
        deep: Any = load_tagger(lib, result.version)  # the next scan's, after the switch
        # The CNN was built once, for the tagger: the run, the switch and the next scan read it.
        assert built == []
        assert deep.keras_model is held.keras_model
        after = held.embed(pixels), held.imagenet(pixels)[1]
        for was, now in zip(before, after, strict=True):
            assert was.tobytes() == now.tobytes()
        assert held.scores(after[0]).tobytes() == scores.tobytes()
        # The deep version's own top gives its embeddings; the base CNN's stay as they were.
        embedded = deep.embed_all(pixels)
        assert embedded.keys() == {"efficientnet-lite0", deep.backbone_name}
        assert embedded["efficientnet-lite0"].tobytes() == before[0].tobytes()
        assert not np.array_equal(embedded[deep.backbone_name], before[0])
