"""A renamed tag keeps what the model learned: the head's column follows the new name, a merged
tag's column gives way to the destination's, a deleted tag is no longer suggested, and versions
trained after the change are left as they are."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.model.tagger import load_head
from phototagger.core.tag_admin import delete_tag, merge_tags, rename_tag
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import from_default
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import tags_of_photo
from tests.gui_helpers import prescanned


def test_default_head_follows_rename_merge_and_delete(tmp_path: Path, engine) -> None:
    pics = prescanned(tmp_path / "pics", engine)
    with open_library(default_home()) as library:
        db = library.db
        before = load_head(library)
        names = before.tag_names
        assert {"cat", "animal", "dog"} <= set(names)
        rename_tag(db, "cat", "animals/cat")
        after = load_head(library)
        assert "cat" not in after.tag_names
        embeddings = np.random.default_rng(0).normal(0, 1, (3, 1280)).astype(np.float32)
        old_col = before.scores(embeddings)[:, names.index("cat")]
        new_col = after.scores(embeddings)[:, after.tag_names.index("animals/cat")]
        np.testing.assert_allclose(new_col, old_col)

        activate_version(library, "v1")  # re-tag from cached embeddings, as a model switch does
        chelsea = get_photo_by_path(db, str(pics / "chelsea.jpg"))
        assert chelsea is not None
        tags = {t.name for t in tags_of_photo(db, chelsea.id)}
        assert "animals/cat" in tags and "cat" not in tags

        merge_tags(db, "animals/cat", "animal")  # both are columns: the destination's stays
        head = load_head(library)
        assert "animals/cat" not in head.tag_names and head.tag_names.count("animal") == 1
        delete_tag(db, "animal")
        assert "animal" not in load_head(library).tag_names
        activate_version(library, "v1")
        left = {t.name for t in tags_of_photo(db, chelsea.id)}
        assert not {"animal", "animals/cat", "cat"} & left


def test_trained_version_saved_before_a_rename_reads_it_and_one_saved_after_does_not(
    tmp_path: Path,
) -> None:
    default = load_default_head()
    rng = np.random.default_rng(1)
    head = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    head = replace(
        head, version="v2", kernel=rng.normal(0, 0.1, head.kernel.shape).astype(np.float32)
    )
    ModelVersions(default_home().model_versions).save(
        head, {"parent": "v1", "created_at": "2020-01-01T00:00:00+00:00"}
    )
    with open_library(default_home()) as library:
        db = library.db
        # The tag must exist in the library to be renamed.
        from phototagger.store.tags import ensure_tag

        ensure_tag(db, "dog", "vocabulary")
        rename_tag(db, "dog", "doggo")
        loaded = load_head(library, "v2")
        assert "doggo" in loaded.tag_names and "dog" not in loaded.tag_names
        j_old, j_new = head.tags.index("dog"), loaded.tag_names.index("doggo")
        e = rng.normal(0, 1, (4, 1280)).astype(np.float32)
        np.testing.assert_allclose(loaded.scores(e)[:, j_new], head.scores(e)[:, j_old], rtol=1e-5)

        later = replace(
            head, version="v3", tags=[("doggo" if n == "dog" else n) for n in head.tags]
        )
        library.models.save(later, {"parent": "v2", "created_at": "2999-01-01T00:00:00+00:00"})
        assert load_head(library, "v3").tag_names == later.tags  # already speaks the new name
