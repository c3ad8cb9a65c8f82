"""`train`, and Train New Model in the app, on a library whose active version's files are
damaged (zero-length, cut short, replaced by another file) refused with the advice every
damaged version gets: "Switch to another version (phototagger models use v1) or train again";
training again was refused the same way, round in a circle. Training starts from the active
version: the words now say to make another active first, then train. The active version is
kept, nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.active import ACTIVE_SETTING, active_version
from phototagger.paths import default_home
from phototagger.store.settings import set_setting
from tests.cli_helpers import run
from tests.gui_helpers import open_window, settle
from tests.modal_helpers import answer_next_modal
from tests.retrain_helpers import label_faces, library_from
from tests.switch_helpers import save_second_version


def _npz() -> Path:
    return default_home().model_versions / "v2.npz"


DAMAGE: dict[str, tuple[Callable[[], object], str]] = {
    "zero-length weights": (lambda: _npz().write_bytes(b""), "its weights file is damaged"),
    "weights cut short": (
        lambda: _npz().write_bytes(_npz().read_bytes()[:5000]),
        "its weights file is damaged",
    ),
    "weights replaced by a photo": (
        lambda: _npz().write_bytes(b"\xff\xd8\xff\xe0" + bytes(4000)),
        "its weights file is damaged",
    ),
    "record zero-length": (
        lambda: (default_home().model_versions / "v2.json").write_bytes(b""),
        "its record is not valid JSON",
    ),
}


def _damaged_active(template: Path, damage: Callable[[], object]) -> None:
    lib, pics = library_from(template)
    with lib:
        label_faces(lib, pics)
        set_setting(lib.db, ACTIVE_SETTING, save_second_version("v2"))
    damage()


def _kept() -> None:
    with open_library(default_home()) as lib:
        assert active_version(lib.db) == "v2"
        assert lib.models.saved() == ["v2"]


@pytest.mark.parametrize("case", DAMAGE)
def test_train_on_a_damaged_active_version_says_to_switch_first(
    case: str, template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage, why = DAMAGE[case]
    _damaged_active(template, damage)
    code, _out, err = run(capsys, "train")
    assert code == 3, err
    assert err.startswith(f"phototagger: model version v2 cannot be used: {why}"), err
    assert err.endswith(
        ". Training starts from the active version: make another one active first "
        "(phototagger models use v1), then train\n"
    ), err
    assert "train again" not in err
    _kept()


def test_train_new_model_on_a_damaged_active_version_says_what_to_click(
    template: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    _damaged_active(template, DAMAGE["zero-length weights"][0])
    window = open_window(qtbot, None, tmp_path)
    shown: list[str] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        shown.append(dialog.informativeText())
        dialog.close()

    answer_next_modal(read)
    page = window.retrain.train_page
    with qtbot.waitSignal(window.jobs.failed, timeout=60_000):
        assert page.train()
    qtbot.waitUntil(lambda: bool(shown))
    settle(qtbot, window)
    [text] = shown
    assert text.startswith("model version v2 cannot be used: its weights file is damaged")
    assert text.endswith(
        "Training starts from the active model: in Model ▸ Model Versions, select another "
        "version and click Make Active, then train"
    ), text
    assert "train a new model" not in text
    assert page.progress_text.text() == f"Training failed: {text}"
    _kept()
