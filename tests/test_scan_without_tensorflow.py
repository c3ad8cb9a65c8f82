"""With the converted models cached, a scan runs the CNN on the runtime measured fastest (or on
LiteRT when forced) and never imports TensorFlow (importing it costs ~700 MB), yet stores the
embeddings and tags TensorFlow would, and finds the faces (the detector's nets run on OpenVINO)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from phototagger.core.embeddings import decode_embedding
from phototagger.core.imaging import decode_photo
from phototagger.core.library import open_library
from phototagger.core.people import faces_in_photo, load_rules
from phototagger.paths import default_home
from phototagger.store.embeddings import get_embedding
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import tags_of_photo
from tests.photo_factory import REAL_PHOTOS, real_photo
from tests.runtime_helpers import current_record, runtimes_cache, scan_in_subprocess, warm

__all__ = ["runtimes_cache"]

_SCAN = """
import json, sys
from phototagger.cli import main
code = main(["scan", "--json", "--quiet", "--runtime", sys.argv[2], sys.argv[1]])
print(json.dumps({"code": code, "tensorflow": "tensorflow" in sys.modules,
                  "keras": "keras" in sys.modules}))
"""


@pytest.mark.parametrize("runtime", ["auto", "litert"])
def test_scan_on_a_converted_runtime_never_imports_tensorflow(
    engine, runtimes_cache: Path, tmp_path: Path, runtime: str
) -> None:
    warm(runtimes_cache)
    record = current_record()
    title = "LiteRT" if runtime == "litert" else record.result(record.chosen).title
    pics = tmp_path / "Pictures"
    files = [real_photo(pics / f"{name}.jpg", name) for name in REAL_PHOTOS]
    summary, modules = scan_in_subprocess(_SCAN, pics, runtime)
    assert modules == {"code": 0, "tensorflow": False, "keras": False}
    assert summary["tagged"] == len(files), summary
    assert summary["runtime"].startswith(title), summary["runtime"]
    people_tags = set(load_rules().tag_names)
    with open_library(default_home()) as lib:
        for path in files:
            photo = get_photo_by_path(lib.db, str(path))
            assert photo is not None and photo.status == "tagged"
            blob = get_embedding(lib.db, photo.id, engine.backbone_name)
            assert blob is not None
            stored = decode_embedding(blob)
            reference = engine.embed(decode_photo(path).model_input[None])[0]
            cosine = stored @ reference / np.linalg.norm(stored) / np.linalg.norm(reference)
            assert cosine > 0.999
            expected = {n for n, _ in engine.suggest(engine.scores(reference[None]))[0]}
            suggested = {t.name for t in tags_of_photo(lib.db, photo.id) if t.state is None}
            got, people = suggested - people_tags, suggested & people_tags
            assert got == expected, (path.name, got, expected)
            # Only the astronaut has a face; the detector's people tags say so.
            faces = faces_in_photo(lib.db, photo.id)
            if path.stem == "astronaut":
                assert len(faces) == 1 and faces[0].confidence > 0.95
                assert {"people", "portrait"} <= people
            else:
                assert faces == [] and people == set()
