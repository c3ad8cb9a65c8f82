"""`label PHOTO --remove TAG` where the user had rejected TAG said "nothing changed: the photo
was already as you said", and the command line had no other way to take a "no" back. --remove
takes the user's decision off, the "no" included: the model's suggestion comes back, with its
score, where the active model makes it; a tag it does not suggest there is simply gone."""

from __future__ import annotations

import pytest

from phototagger.core.library import open_library
from phototagger.ml.heads import load_default_head
from phototagger.paths import default_home
from phototagger.store.photos import get_photo
from phototagger.store.tags import tags_of_photo, write_model_tags
from tests.cli_helpers import run
from tests.switch_helpers import synthetic_library


def _rows(photo_id: int) -> dict[str, tuple[float | None, str | None]]:
    with open_library(default_home()) as lib:
        return {t.name: (t.confidence, t.state) for t in tags_of_photo(lib.db, photo_id)}


def test_remove_takes_back_a_no(capsys: pytest.CaptureFixture[str]) -> None:
    head = load_default_head()
    (sure, unsure), (high, low) = head.tag_names[:2], head.thresholds[:2]
    scores = {sure: (1 + float(high)) / 2, unsure: float(low) / 2}  # v1 suggests `sure` only
    with open_library(default_home()) as lib:
        photo_id = synthetic_library(lib.db, 2)[0]
        write_model_tags(lib.db, photo_id, scores, [sure], "v1")
        photo = get_photo(lib.db, photo_id)
        assert photo is not None
    before = _rows(photo_id)
    assert before == {sure: (pytest.approx(scores[sure]), None)}
    args = ("label", photo.path, "--reject", sure, "--reject", unsure, "--reject", "zoo")
    assert run(capsys, *args)[0] == 0
    with open_library(default_home()) as lib:  # a model run since: its score kept on the "no"
        write_model_tags(lib.db, photo_id, scores, [sure], "v1")
    assert {name: state for name, (_, state) in _rows(photo_id).items()} == dict.fromkeys(
        (sure, unsure, "zoo"), "rejected"
    )

    args = ("label", photo.path, "--remove", sure, "--remove", unsure, "--remove", "zoo")
    took = f"took back your 'no' to {sure!r}, {unsure!r} and 'zoo' on 1 photo\n"
    assert run(capsys, *args) == (0, took, "")
    # The model's suggestion as it was, its score kept; those it does not suggest here, gone.
    assert _rows(photo_id) == before


def test_label_help_says_remove_takes_back_a_no(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(capsys, "label", "--help")
    out = " ".join(capsys.readouterr().out.split())
    assert "--remove TAG takes this 'no' back" in out
    assert "your 'no' (--reject)" in out
