"""fixc37, after drop37 (a tag whose answers are all taken back is undone by the next version).
Two tags it undid that it should not have: a default tag the version never learned (1 yes on
'musical instrument', kept as it was for want of answers, then taken back: `train` made v3 "to
score it as the default tagger does", changing no photo, and the Train page enabled Train for
it), and a tag whose answers left the library with their photos (moved out, gone at a rescan):
the answers are still stored and come back with the photos, yet the next run, teaching another
tag, dropped the tag."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import run, scan_with
from tests.gui_helpers import open_window, settle
from tests.retrain_helpers import deep_trains_on, fewer_deep_steps, library_from
from tests.test_train_tag_answers_all_taken_back import head_of, kinds_scanned_once

Scanned = tuple[Path, list[str]]  # (the photos' folder, their names in order)


@pytest.fixture(scope="module")
def scanned_once(engine: object, tmp_path_factory: pytest.TempPathFactory) -> Scanned:
    """The KINDS' det-photos (as kinds_scanned has them) scanned with `phototagger scan` on the
    session's engine into root/home, its photos in root/pics, made once for the module's tests:
    (root, the names in order). Each test answers a copy (scanned)."""
    root = tmp_path_factory.mktemp("kinds")
    return root, kinds_scanned_once(engine, root)


@pytest.fixture
def scanned(scanned_once: Scanned) -> Scanned:
    """A copy of the module's scanned library in the test's home: (their folder, their names
    in order). The photos are the module's: a test that moves some puts them back."""
    library_from(scanned_once[0])[0].close()  # the commands open it
    return scanned_once[0] / "pics", scanned_once[1]


def test_a_default_tag_kept_as_it_was_is_not_said_learned_then_taken_back(
    scanned: tuple[Path, list[str]],
    qtbot: QtBot,
    engine: object,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pics, names = scanned
    concert = [str(pics / f"{n}.jpg") for n in names[:10]]
    one = str(pics / f"{names[10]}.jpg")
    assert run(capsys, "label", *concert, "--add", "concert")[0] == 0
    assert run(capsys, "label", one, "--add", "musical instrument")[0] == 0
    code, out, err = run(capsys, "train")
    assert code == 0 and "v2 is now active" in out, out + err
    assert "'musical instrument' needs 4 more yes" in out, out

    assert run(capsys, "label", one, "--remove", "musical instrument")[0] == 0
    code, out, err = run(capsys, "train")
    assert "taken back" not in out + err, out + err
    assert code != 0 and "v3" not in out, out + err  # nothing to learn: no version made

    window = open_window(qtbot, engine, tmp_path)
    window._show_retrain("train")
    page = window.retrain.train_page
    settle(qtbot, window)
    said = page.summary.text()
    assert "taken back" not in said, said
    assert "Nothing new to learn yet" in said, said
    assert not page.train_button.isEnabled(), said


def test_a_tag_whose_answers_left_the_library_is_kept_as_it_was(
    scanned: tuple[Path, list[str]],
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    engine: object,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Its answers stored, on photos moved out of the scanned folder (missing at a rescan):
    kept as v2 has it, and said so, by `train` and on the Train page."""
    pics, names = scanned
    concert = [pics / f"{n}.jpg" for n in names[:10]]
    assert run(capsys, "label", *map(str, concert), "--add", "concert")[0] == 0
    assert run(capsys, "train")[0] == 0  # v2 learns concert
    away = tmp_path / "away"
    away.mkdir()
    for path in concert:  # out of the scanned folder: the next scan finds them missing
        shutil.move(path, away / path.name)

    def put_back() -> None:  # the module's photos (scanned_once), the next tests' too
        for path in concert:
            shutil.move(away / path.name, path)

    request.addfinalizer(put_back)
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    brass = [str(pics / f"{n}.jpg") for n in names[10:15]]
    assert run(capsys, "label", *brass, "--add", "brass")[0] == 0

    code, out, err = run(capsys, "train")
    assert code == 0 and "v3 is now active" in out, out + err
    assert "takes 'concert' off" not in out, out
    assert (
        "note: v2 learned 'concert' from answers on photos now out of the library (their "
        "folder removed, or their files gone): v3 keeps it as v2 has it, and learns from "
        "those answers again once the photos are back\n"
    ) in out, out
    with open_library(default_home()) as library:
        v2, v3 = head_of(library, "v2"), head_of(library, "v3")
        assert "concert" in v3.tags, "v3 dropped concert"
        i, j = v2.tags.index("concert"), v3.tags.index("concert")
        assert np.array_equal(v2.kernel[:, i], v3.kernel[:, j])
        assert v2.tag_thresholds[i] == v3.tag_thresholds[j]
        assert "concert" in library.models.record("v3").learned

    window = open_window(qtbot, engine, tmp_path)
    window._show_retrain("train")
    page = window.retrain.train_page
    settle(qtbot, window)
    said = page.summary.text()
    assert (
        "Model v3 learned “concert” from answers on photos now out of the library (their "
        "folder removed, or their files gone): a new version keeps it as v3 has it"
    ) in said, said
    assert "takes “concert” off" not in said, said
    assert not page.train_button.isEnabled(), said


@pytest.mark.model  # the deep fine-tune: TensorFlow
def test_a_deep_run_says_a_default_tag_is_not_the_default_taggers_exactly(
    scanned: tuple[Path, list[str]],
    engine: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """'musical instrument' corrected by v2 (5 yes, 5 no), every answer taken back, then
    `train --deep`: the version gets the default tagger's weights for it back, over a CNN top
    it fine-tuned itself, and said it "scores 'musical instrument' as the default tagger does",
    which holds on the standard backbone only. What it says and which column it puts back are
    decided from the answers taken back, apart from the fit: two optimiser steps a fit, not 30
    (retrain_helpers.fewer_deep_steps), the features read with the session's CNN
    (retrain_helpers.deep_trains_on), not one loaded again in the test's home."""
    fewer_deep_steps(monkeypatch, steps=2)
    deep_trains_on(engine, monkeypatch)
    pics, names = scanned
    tag = "musical instrument"
    yes = [str(pics / f"{n}.jpg") for n in names[5:10]]
    no = [str(pics / f"{n}.jpg") for n in names[:5]]
    assert run(capsys, "label", *yes, "--add", tag)[0] == 0
    assert run(capsys, "label", *no, "--reject", tag)[0] == 0
    assert run(capsys, "train")[0] == 0  # v2 corrects it
    assert run(capsys, "label", *yes, *no, "--remove", tag)[0] == 0

    code, out, err = run(capsys, "train", "--deep", "--no-activate")
    assert code == 0, err
    assert (
        "note: v2 learned 'musical instrument' from your answers, all taken back since: v3 "
        "scores 'musical instrument' with the default tagger's own weights, on the backbone it "
        "fine-tuned (close to the default tagger, not the same)\n"
    ) in out, out
    assert "as the default tagger does" not in out, out
    with open_library(default_home()) as library:
        v3 = head_of(library, "v3")
        assert v3.untrained_columns()[v3.tags.index(tag)]
