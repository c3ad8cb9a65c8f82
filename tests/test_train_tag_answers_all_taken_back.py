"""undo36, walking the keyboard loop: a new tag "concert" taught on 10 det-photos, trained and
applied (v2 puts it on photos), then Ctrl+Z took back all 10 answers v2 learned from. The Train
page said "0 corrections since model v2. Nothing new to learn yet" over a greyed-out Train, and
`train` "there are no corrections to learn from yet", while v2 kept "concert" on its photos:
nothing said how to be rid of it. Both now say that v2 learned it from answers all taken back,
that training (which learns from answers) cannot take it off, and which version to go back to."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.store.photos import all_photos
from tests.cli_helpers import det_photos_scanned, run
from tests.gui_helpers import JOB_TIMEOUT_MS, applied, open_window, settle
from tests.store_helpers import DET

KINDS = ["violin", "trumpet", "trombone", "zebra", "washer", "toaster", "tiger", "strawberry"]


def test_a_tag_whose_answers_are_all_taken_back_says_how_to_take_it_off(
    qtbot: QtBot,
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    names = [p.stem for kind in KINDS for p in sorted(DET.glob(f"n*_{kind}.jpg"))]
    pics = det_photos_scanned(engine, tmp_path / "pics", names, monkeypatch, capsys)
    window = open_window(qtbot, engine, tmp_path)
    ids = {p.path: p.id for p in all_photos(window.library.db)}
    page = window.retrain.train_page
    window.decide([ids[str(pics / f"{n}.jpg")] for n in names[:10]], "concert", "add")
    settle(qtbot, window)
    window._show_retrain("train")
    said = applied(qtbot, window)
    assert said.startswith("<b>0 corrections</b> since model <b>v2</b>."), said
    assert "taken back" not in said
    code, out, _ = run(capsys, "search", "concert")
    assert code == 0 and out.strip(), "v2 puts concert on no photo"
    on = out.splitlines()

    window.undo_stack.undo()  # the 10 answers v2 learned from, all taken back
    settle(qtbot, window)
    page.reload()
    settle(qtbot, window)
    said = page.summary.text()
    assert not page.train_button.isEnabled()
    assert said == (
        "<b>0 corrections</b> since model <b>v2</b>."
        "<br>Model v2 learned “concert” from your answers, all taken back since (or their photos "
        "left the library), and still puts it on photos. Training learns from answers, so with "
        "none it cannot take it off: to do so, go back to v1 in Versions."
        # After it: above it, "... then train" read as if training would take it off.
        "<br>Nothing new to learn yet: accept, reject or add tags, then train."
    ), said

    code, out, err = run(capsys, "train")
    assert code != 0
    assert (
        "v2 learned 'concert' from your answers, all taken back since (or their photos left the "
        "library), and still puts it on photos: training learns from answers, so with none it "
        "cannot take it off; to do so, go back to a version from before: 'phototagger models "
        "use v1' goes back to v1"
    ) in err, err
    # What it says to do takes it off.
    assert run(capsys, "models", "use", "v1")[0] == 0
    code, out, _ = run(capsys, "search", "concert")
    assert not out.strip(), f"still on {len(on)} photos"


@pytest.fixture
def brass_after_concert_taken_back(
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> list[str]:
    """ "concert" trained (v2), its 10 yes taken back with `label --remove`, and "brass" said
    yes on 5 other photos: the paths v2 puts concert on."""
    pics, names, concert = _concert_trained(engine, tmp_path, monkeypatch, capsys)
    on = run(capsys, "search", "concert")[1].splitlines()
    assert on
    assert run(capsys, "label", *concert, "--remove", "concert")[0] == 0
    brass = [str(pics / f"{n}.jpg") for n in names[10:15]]
    assert run(capsys, "label", *brass, "--add", "brass")[0] == 0
    return on


def test_a_run_that_learns_another_tag_says_it_keeps_the_one_taken_back(
    brass_after_concert_taken_back: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The same from the command line (`label --remove` takes the yes back), and a new tag
    taught before `train`: v3 kept "concert" as v2 put it, and said nothing of it."""
    code, out, err = run(capsys, "train")
    assert code == 0, err
    on = run(capsys, "search", "concert")[1].splitlines()
    assert on == brass_after_concert_taken_back  # kept as v2 has it
    assert (
        "note: v3 keeps 'concert' as v2 has it: the answers v2 learned it from are all taken "
        "back, and training learns from answers; to take it off, go back to a version from "
        "before ('phototagger models use v1', losing what later versions learned)\n"
    ) in out, out


def test_the_train_page_says_a_run_keeps_the_tag_taken_back(
    brass_after_concert_taken_back: list[str], qtbot: QtBot, engine: object, tmp_path: Path
) -> None:
    """`train` said that v3, trained on "brass", keeps "concert" as v2 has it; the Train page,
    after the same run, said nothing of it."""
    window = open_window(qtbot, engine, tmp_path)
    window._show_retrain("train")
    page = window.retrain.train_page
    settle(qtbot, window)
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(page.train_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert page.result is not None and page.result.version == "v3"
    assert page.few_no_note.isVisible()
    assert (
        "Model v3 keeps “concert” as v2 has it: the answers v2 learned it from are all taken "
        "back, and training learns from answers. To take it off, go back to v1 in Versions, "
        "losing what later versions learned"
    ) in page.few_no_note.text(), page.few_no_note.text()


def test_a_tag_renamed_since_names_the_version_before_it_was_learned(
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The versions are walked under today's names: "concert" learned by v2 and carried by v3,
    then renamed "gig" and its answers all taken back. The walk read v2's record under its old
    names, found no "gig" there and named v2 to go back to, which puts the tag on photos."""
    pics, names, concert = _concert_trained(engine, tmp_path, monkeypatch, capsys)
    brass = [str(pics / f"{n}.jpg") for n in names[10:15]]
    assert run(capsys, "label", *brass, "--add", "brass")[0] == 0
    assert run(capsys, "train")[0] == 0  # v3, from v2: concert kept, brass learned
    assert run(capsys, "tag", "rename", "concert", "gig")[0] == 0
    assert run(capsys, "label", *concert, "--remove", "gig")[0] == 0
    brass_more = [str(pics / f"{n}.jpg") for n in names[15:18]]
    assert run(capsys, "label", *brass_more, "--add", "brass")[0] == 0
    code, out, err = run(capsys, "train")
    assert code == 0, err
    assert "('phototagger models use v1', losing what later versions learned)" in out, out


def _concert_trained(
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[Path, list[str], list[str]]:
    """The KINDS' det-photos scanned, "concert" said yes on the first 10 and trained (v2):
    (their folder, their names in order, the 10 concert paths)."""
    names = [p.stem for kind in KINDS for p in sorted(DET.glob(f"n*_{kind}.jpg"))]
    pics = det_photos_scanned(engine, tmp_path / "pics", names, monkeypatch, capsys)
    concert = [str(pics / f"{n}.jpg") for n in names[:10]]
    assert run(capsys, "label", *concert, "--add", "concert")[0] == 0
    assert run(capsys, "train")[0] == 0
    return pics, names, concert
