"""undo36, walking the keyboard loop: a new tag "concert" taught on 10 det-photos, trained and
applied (v2 puts it on photos), then Ctrl+Z took back all 10 answers v2 learned from. The Train
page said "0 corrections since model v2. Nothing new to learn yet" over a greyed-out Train, and
`train` "there are no corrections to learn from yet", while v2 kept "concert" on its photos;
undo36 said so and sent the user back to v1, losing what later versions learned. Now (drop37)
the undo of all the teaching un-teaches the tag: the next version has no "concert" (a default
tag's learned correction undone: scored as the default tagger scores it), whether it is made for
that alone or learns another tag too, and the user sees it before applying it.

The KINDS' det-photos are scanned once per module, and "concert" trained on them once (`left`);
each test goes on from a copy of the library and the photos as one or the other left them, in
the same folders (_as_left)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from phototagger.cli import main
from phototagger.core.library import Library, open_library
from phototagger.core.model.tagger import load_head
from phototagger.gui.main_window import MainWindow
from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import TrainedHead
from phototagger.paths import default_home
from phototagger.store.photos import all_photos
from tests.cli_helpers import det_photos_scanned, run
from tests.fixture_scans import cli_scanned
from tests.gui_helpers import JOB_TIMEOUT_MS, applied, open_window, settle
from tests.store_helpers import DET

KINDS = ["violin", "trumpet", "trombone", "zebra", "washer", "toaster", "tiger", "strawberry"]


def kinds_scanned(
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[Path, list[str]]:
    """The KINDS' det-photos scanned: (their folder, their names in order)."""
    names = kind_names()
    return det_photos_scanned(engine, tmp_path / "pics", names, monkeypatch, capsys), names


def kind_names() -> list[str]:
    """The KINDS' det-photos' names (stems), kind by kind, in order."""
    return [p.stem for kind in KINDS for p in sorted(DET.glob(f"n*_{kind}.jpg"))]


def kinds_scanned_once(engine: object, root: Path) -> list[str]:
    """For a module fixture: the KINDS' det-photos copied to root/pics and scanned with
    `phototagger scan` (the session's engine) into a library in root/home; their names in
    order."""
    names = kind_names()
    (root / "pics").mkdir()
    for name in names:
        shutil.copy(DET / f"{name}.jpg", root / "pics")
    cli_scanned(engine, root / "pics", root / "home")
    return names


def concert_applied_in_window(
    qtbot: QtBot,
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    scanned: tuple[Path, list[str]] | None = None,
) -> tuple[MainWindow, str]:
    """The KINDS' det-photos scanned (or `scanned`: kinds_scanned's, made already), "concert"
    added to the first 10 in the window, trained and applied (v2): the window, and what its
    Train page says then."""
    pics, names = scanned or kinds_scanned(engine, tmp_path, monkeypatch, capsys)
    window = open_window(qtbot, engine, tmp_path)
    ids = {p.path: p.id for p in all_photos(window.library.db)}
    window.decide([ids[str(pics / f"{n}.jpg")] for n in names[:10]], "concert", "add")
    settle(qtbot, window)
    window._show_retrain("train")
    return window, applied(qtbot, window)


Left = tuple[Path, list[str]]  # `left`'s


@pytest.fixture(scope="module")
def left(tmp_path_factory: pytest.TempPathFactory, engine: object) -> Left:
    """The KINDS' det-photos in root/pics scanned with the session's engine into a library in
    root/home, both copied to root/scanned; then "concert" said yes on the first 10 and trained
    (v2), both copied to root/concert: (root, the photos' names in order)."""
    root = tmp_path_factory.mktemp("kinds")
    names = kinds_scanned_once(engine, root)
    pics = root / "pics"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PHOTOTAGGER_HOME", str(root / "home"))
        for folder in ("home", "pics"):
            shutil.copytree(root / folder, root / "scanned" / folder)
        concert = [str(pics / f"{n}.jpg") for n in names[:10]]
        assert main(["label", *concert, "--add", "concert"]) == 0
        assert main(["train"]) == 0
        for folder in ("home", "pics"):
            shutil.copytree(root / folder, root / "concert" / folder)
    return root, names


def _as_left(left: Left, copy: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    """The library and the photos put back as `left` kept them in its `copy` ("scanned" or
    "concert"), where they were (the library names its photos by path), the library the test's
    PHOTOTAGGER_HOME: (the photos' folder, their names in order)."""
    root, names = left
    for folder in ("home", "pics"):
        shutil.rmtree(root / folder, ignore_errors=True)
        shutil.copytree(root / copy / folder, root / folder)
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(root / "home"))
    return root / "pics", names


def head_of(library: Library, version: str) -> TrainedHead:
    """The trained head of `version`."""
    head = load_head(library, version, load_default_head())
    assert isinstance(head, TrainedHead)
    return head


def test_a_tag_whose_answers_are_all_taken_back_is_taken_off_by_the_next_version(
    left: Left,
    qtbot: QtBot,
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    scanned = _as_left(left, "scanned", monkeypatch)
    window, said = concert_applied_in_window(qtbot, engine, tmp_path, monkeypatch, capsys, scanned)
    page = window.retrain.train_page
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
    assert page.train_button.isEnabled(), said
    assert (
        "<br>Model v2 learned “concert” from your answers, all taken back since: "
        "a new version takes “concert” off every photo. Train to make one; "
        "you see what it changes before applying it."
    ) in said, said
    assert "Nothing new to learn yet" not in said, said

    # The run, seen before it is applied: concert's row says what and why.
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(page.train_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    table = page.changes.table
    rows = {_text(table, r, 0): r for r in range(table.rowCount())}
    assert "concert" in rows, rows
    row = rows["concert"]
    assert _text(table, row, 1) == "undone: its answers were all taken back"
    assert _text(table, row, 3) == f"-{len(on)}"
    assert _text(table, row, 4) == f"{len(on)} → 0"
    table.clearSelection()
    table.selectRow(row)
    assert page.changes.caption.text() == (
        f"“concert” taken off {len(on)} photos: its answers were all taken back."
    )
    said = applied(qtbot, window)
    assert "taken back" not in said, said
    assert not page.train_button.isEnabled(), said
    code, out, _ = run(capsys, "search", "concert")
    assert code == 0 and not out.strip(), f"still on {len(out.splitlines())} photos"


@pytest.fixture
def brass_after_concert_taken_back(
    left: Left, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[str]:
    """ "concert" trained (v2), its 10 yes taken back with `label --remove`, and "brass" said
    yes on 5 other photos: the paths v2 puts concert on."""
    pics, names, concert = _concert_trained(left, monkeypatch)
    on = run(capsys, "search", "concert")[1].splitlines()
    assert on
    assert run(capsys, "label", *concert, "--remove", "concert")[0] == 0
    brass = [str(pics / f"{n}.jpg") for n in names[10:15]]
    assert run(capsys, "label", *brass, "--add", "brass")[0] == 0
    return on


def test_a_run_that_learns_another_tag_takes_off_the_one_taken_back(
    brass_after_concert_taken_back: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The same from the command line (`label --remove` takes the yes back), and a new tag
    taught before `train`: v3 kept "concert" as v2 put it (undo36 noted it, sending the user
    back to v1); it learns brass and drops concert."""
    on = brass_after_concert_taken_back
    code, out, err = run(capsys, "train")
    assert code == 0, err
    assert "v3 is now active" in out, out
    assert not run(capsys, "search", "concert")[1].strip(), out
    assert run(capsys, "search", "brass")[1].strip(), out
    assert f"  concert: +0 -{len(on)} photos against v2 ({len(on)} -> 0)\n" in out, out
    assert (
        "note: v2 learned 'concert' from your answers, all taken back since: "
        "v3 takes 'concert' off every photo\n"
    ) in out, out
    with open_library(default_home()) as library:
        assert "concert" not in head_of(library, "v3").tags
        assert "concert" not in library.models.record("v3").learned


def test_the_train_page_says_a_run_takes_off_the_tag_taken_back(
    brass_after_concert_taken_back: list[str], qtbot: QtBot, engine: object, tmp_path: Path
) -> None:
    """The Train page, after the same run, says what `train` says (pass37: it said nothing),
    and its table of changes has concert's row."""
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
        "Model v2 learned “concert” from your answers, all taken back since: "
        "v3 takes “concert” off every photo"
    ) in page.few_no_note.text(), page.few_no_note.text()
    table = page.changes.table
    rows = {_text(table, r, 0): r for r in range(table.rowCount())}
    assert _text(table, rows["concert"], 4) == f"{len(brass_after_concert_taken_back)} → 0"


def test_a_default_tags_answers_all_taken_back_go_back_to_the_default_tagger(
    left: Left, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """'musical instrument', a tag of the default tagger, corrected from 5 yes and 5 no (v2),
    then every answer taken back: `train` refused ("no corrections to learn from yet") and v2's
    correction stayed. The next version, made for that alone, scores it as the default tagger
    does, and tags the photos v1 (the default tagger) tags."""
    pics, names = _as_left(left, "scanned", monkeypatch)
    tag = "musical instrument"
    default_on = run(capsys, "search", tag)[1].splitlines()
    yes = [str(pics / f"{n}.jpg") for n in names[5:10]]  # trumpets
    no = [str(pics / f"{n}.jpg") for n in names[:5]]  # violins: a correction to learn
    assert run(capsys, "label", *yes, "--add", tag)[0] == 0
    assert run(capsys, "label", *no, "--reject", tag)[0] == 0
    code, out, err = run(capsys, "train")
    assert code == 0 and "v2 is now active" in out, out + err
    with open_library(default_home()) as library:
        v2 = head_of(library, "v2")
        assert not v2.untrained_columns()[v2.tags.index(tag)], "v2 learned nothing of it"

    assert run(capsys, "label", *yes, *no, "--remove", tag)[0] == 0  # each answer taken back
    code, out, err = run(capsys, "train")
    assert code == 0, err
    assert "v3 is now active" in out, out
    assert (
        "note: v2 learned 'musical instrument' from your answers, all taken back since: v3 "
        "scores 'musical instrument' as the default tagger does\n"
    ) in out, out
    with open_library(default_home()) as library:
        v3 = head_of(library, "v3")
        j = v3.tags.index(tag)
        assert v3.untrained_columns()[j]
        assert v3.tag_thresholds[j] == load_default_head().thresholds[v3.base_index[j]]
        assert tag not in library.models.record("v3").learned
    assert run(capsys, "search", tag)[1].splitlines() == default_on


def test_a_tag_renamed_since_is_taken_off_under_its_new_name(
    left: Left, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The versions are read under today's names: "concert" learned by v2 and carried by v3,
    then renamed "gig" and its answers all taken back. The walk read v2's record under its old
    names, found no "gig" there (f552bdd); the run that learns more brass takes "gig" off."""
    pics, names, concert = _concert_trained(left, monkeypatch)
    brass = [str(pics / f"{n}.jpg") for n in names[10:15]]
    assert run(capsys, "label", *brass, "--add", "brass")[0] == 0
    assert run(capsys, "train")[0] == 0  # v3, from v2: concert kept, brass learned
    assert run(capsys, "tag", "rename", "concert", "gig")[0] == 0
    assert run(capsys, "label", *concert, "--remove", "gig")[0] == 0
    brass_more = [str(pics / f"{n}.jpg") for n in names[15:18]]
    assert run(capsys, "label", *brass_more, "--add", "brass")[0] == 0
    code, out, err = run(capsys, "train")
    assert code == 0, err
    assert "v3 learned 'gig' from your answers" in out and "v4 takes 'gig' off" in out, out
    assert not run(capsys, "search", "gig")[1].strip(), out


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def _concert_trained(
    left: Left, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, list[str], list[str]]:
    """The KINDS' det-photos scanned, "concert" said yes on the first 10 and trained (v2), as
    `left` kept them: (their folder, their names in order, the 10 concert paths)."""
    pics, names = _as_left(left, "concert", monkeypatch)
    concert = [str(pics / f"{n}.jpg") for n in names[:10]]
    with open_library(default_home()) as library:
        assert "concert" in library.models.record("v2").learned
    return pics, names, concert
