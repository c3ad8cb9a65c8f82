"""Answers on the photos of a folder removed from the library (Remove Folder: "Its 20 photos
leave the grid") still taught every version trained after: `train` said "on 40 labelled photos"
where the library held 30 answered ones, a tag answered "no" only on photos of the removed
folder was not warned of, and the verdict tested on them. A photo out of the library (marked
missing: its folder removed, its file gone, moved to the trash) now teaches nothing and is not
counted: not by the training, the Train page's yes and no figures, the few-"no" warning
(core/no_answers.py) nor the verdict's held-out answers; `train` and the Train page say how many
answers are out. Its answers are kept: added back, the folder's answers count again. Real
training (the concept trainer) over a real SQLite library of synthetic embeddings."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.embeddings import encode_embedding
from phototagger.core.folders import remove_folder
from phototagger.core.library import open_library
from phototagger.core.retrain import train_candidate, training_overview
from phototagger.core.training_set import held_out
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.paths import default_home
from phototagger.store import photos as photo_store
from phototagger.store.embeddings import put_embeddings
from phototagger.store.states import PhotoStatus
from tests.cli_helpers import run
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library

OUT = (
    "6 of your answers are on photos out of the library (a folder removed, their files "
    "gone, or moved to the trash) and count again when they come back"
)


def _two_folders() -> tuple[list[int], list[int]]:
    """/pics (40 photos) and /usb (20), both library folders; 'pets' added to 10 photos of
    /pics and rejected on 4 others there and on 6 of /usb. The pets' photos, and 10 more of
    /pics no one answered, look alike (their embeddings share a part the others lack): a tag
    on random embeddings is one nothing tells apart, taught from yes answers with fewer than 5
    "no" it stays on its own photos (core/tag_threshold.YesOnlyCheck), and is noted so in
    place of the few-"no" warning these tests are about."""
    with open_library(default_home()) as lib:
        pics = synthetic_library(lib.db, 40, folder="/pics")
        usb = synthetic_library(lib.db, 20, seed=1, folder="/usb")
        pets = [*pics[:10], *pics[20:30]]
        vectors = np.abs(np.random.default_rng(2).normal(0, 1, (len(pets), 1280)))
        vectors[:, :128] += 3.0
        put_embeddings(
            lib.db,
            BACKBONE_NAME,
            [
                (p, encode_embedding(v.astype(np.float32)))
                for p, v in zip(pets, vectors, strict=True)
            ],
        )
        for root in ("/pics", "/usb"):
            photo_store.add_folder(lib.db, root)
        labels.apply_edits(lib.db, labels.decision_edits(pics[:10], "pets", "add"))
        labels.apply_edits(lib.db, labels.decision_edits(pics[10:14], "pets", "reject"))
        labels.apply_edits(lib.db, labels.decision_edits(usb[:6], "pets", "reject"))
    return pics, usb


def test_answers_on_a_removed_folder_do_not_teach_until_it_is_back() -> None:
    pics, usb = _two_folders()
    with open_library(default_home()) as lib:
        before = train_candidate(lib)
        assert (before.counts["positives"]["pets"], before.counts["negatives"]["pets"]) == (10, 10)
        assert before.counts["few_no"] == {}

        assert remove_folder(lib.db, "/usb") == 20
        after = train_candidate(lib)
        counts = after.counts
        assert (counts["positives"]["pets"], counts["negatives"]["pets"]) == (10, 4)
        assert counts["labelled_photos"] == 14
        # Four "no" left: the warning the Train page and `train` give, unless it goes on no
        # photo besides its yes answers, which is said instead (kwspread37).
        alone = counts["few_photos"].get("pets", {}).get("others") == 0
        assert counts["few_no"] == ({} if alone else {"pets": 4})
        # The verdict is tested on answers in the library only.
        tested = [p for p in pics[:14] if held_out(p)]
        assert counts["held_out_photos"] == len(tested)
        (pets_metrics,) = [m for m in after.metrics if m.tag == "pets"]
        assert pets_metrics.support == len(tested)
        assert counts["out_of_library"] == 6

        overview = training_overview(lib)
        (pets,) = [t for t in overview.tags if t.name == "pets"]
        assert (pets.positives, pets.negatives) == (10, 4)
        assert overview.corrections_since_active == 14
        assert overview.out_of_library == 6

        # The folder added back (its photos found again): its answers count again.
        photo_store.set_status(lib.db, usb, PhotoStatus.TAGGED)
        again = train_candidate(lib)
        assert (again.counts["positives"]["pets"], again.counts["negatives"]["pets"]) == (10, 10)
        assert again.counts["few_no"] == {} and again.counts["out_of_library"] == 0


def test_train_and_the_train_page_say_how_many_answers_are_out(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_folders()
    with open_library(default_home()) as lib:
        remove_folder(lib.db, "/usb")
    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0
    assert f"not counted: {OUT}\n" in out
    assert "on 14 labelled photos" in out
    # Four "no" left: warned of, or, on no photo besides its 10 yes, said so instead.
    # (A note where it goes on no more photos besides them than its 10 yes: words38.)
    assert (
        "warning: pets: only 4 photos answered no" in out
        or "note: pets: only 4 photos answered no" in out
        or "note: pets goes on no photo besides the 10 you said yes to" in out
    ), out

    window = open_window(qtbot, None, tmp_path)
    page = window.retrain.train_page
    page.reload()
    settle(qtbot, window)
    assert f"{OUT[0].upper()}{OUT[1:]}." in page.summary.text()
    table = page.labels
    rows = [
        [item.text() if (item := table.item(r, c)) else "" for c in range(3)]
        for r in range(table.rowCount())
    ]
    assert ["pets", "10", "4"] in rows


def test_stats_counts_the_answers_train_counts(capsys: pytest.CaptureFixture[str]) -> None:
    """`stats` said "your decisions: 20 tags you added, accepted or rejected" where `train`
    counted 14 and said the other 6 were on photos out of the library; it counts as `train`
    does now, and says the 6 apart in `train`'s words (--json: out_of_library)."""
    _, usb = _two_folders()
    with open_library(default_home()) as lib:
        remove_folder(lib.db, "/usb")
    code, out, _ = run(capsys, "stats")
    assert code == 0
    lines = out.splitlines()
    assert "your decisions: 14 answers (tags you added, accepted or rejected on photos)" in lines
    assert f"not counted: {OUT}" in lines
    code, out, _ = run(capsys, "stats", "--json")
    stats = json.loads(out)
    assert (stats["user_decisions"], stats["corrections"], stats["out_of_library"]) == (14, 14, 6)

    # The folder back: its answers count again, and nothing is said apart.
    with open_library(default_home()) as lib:
        photo_store.set_status(lib.db, usb, PhotoStatus.TAGGED)
    code, out, _ = run(capsys, "stats")
    assert (
        "your decisions: 20 answers (tags you added, accepted or rejected on photos)"
        in out.splitlines()
    )
    assert "not counted" not in out
    stats = json.loads(run(capsys, "stats", "--json")[1])
    assert (stats["user_decisions"], stats["out_of_library"]) == (20, 0)
