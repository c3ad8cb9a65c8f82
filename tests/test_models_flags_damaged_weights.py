"""`models` (and --json, and Model ▸ Model Versions) listed a version whose weights file is
damaged (zero-length, cut short, replaced by another file) as any other: it read only the
records, and the user learned it at `models use v2`. Each version's weights file is now checked
as a switch first checks it (its size and its arrays' headers, no weights loaded), and a
damaged one is flagged in the list, with what to do.

And "Switch to another version (phototagger models use v1) or train again" was said of a v2
whose record is damaged, with v1 active already: now that v1 is active, that v2 is left out of
the list and never used, and how to be rid of it."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.active import ACTIVE_SETTING
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import from_default, grow
from phototagger.paths import default_home
from phototagger.store.settings import set_setting
from tests.cli_helpers import run
from tests.gui_helpers import shown_versions
from tests.store_helpers import DET
from tests.switch_helpers import save_second_version, synthetic_library


def _npz(version: str = "v2") -> Path:
    return default_home().model_versions / f"{version}.npz"


def _other_versions_weights() -> None:
    """v2.npz replaced by the weights of a version of 60 tags (v2 has 59)."""
    default = load_default_head()
    base = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    ModelVersions(default_home().model_versions).save(
        dataclasses.replace(grow(base, ["pets"]), version="v4"),
        {"parent": "v1", "created_at": "2026-01-02T00:00:00"},
    )
    shutil.copy(_npz("v4"), _npz("v2"))
    (default_home().model_versions / "v4.json").unlink()
    _npz("v4").unlink()


DAMAGE: dict[str, tuple[Callable[[], object], str]] = {
    "zero-length": (
        lambda: _npz().write_bytes(b""),
        "its weights file is damaged (File is not a zip file)",
    ),
    "cut short": (
        lambda: _npz().write_bytes(_npz().read_bytes()[:5000]),
        "its weights file is damaged (File is not a zip file)",
    ),
    "replaced by a photo": (
        lambda: shutil.copy(DET / "n00007846_147031_person.jpg", _npz()),
        "its weights file is damaged (File is not a zip file)",
    ),
    "another version's weights": (
        _other_versions_weights,
        "its weights (base_index) have shape (60,), not (59,)",
    ),
}


def _versions(damage: Callable[[], object], active: str = "v1") -> None:
    """v1 (active), v2 with its weights damaged by `damage`, v3 sound."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
        save_second_version("v2")
        save_second_version("v3")
        set_setting(lib.db, ACTIVE_SETTING, active)
    damage()


def _rows(out: str) -> dict[str, str]:
    return {line.split()[0]: line for line in out.splitlines() if line.startswith("v")}


@pytest.mark.parametrize("case", DAMAGE)
def test_models_flags_a_version_whose_weights_are_damaged(
    case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    damage, why = DAMAGE[case]
    _versions(damage)
    folder = default_home().model_versions
    code, out, err = run(capsys, "models")
    assert code == 0, err
    rows = _rows(out)
    assert rows["v2"].endswith(f"59 tags from v1 (never made active)  DAMAGED: {why}"), out
    assert "DAMAGED" not in rows["v1"] + rows["v3"]
    assert err.splitlines() == [
        f"phototagger: model version v2 cannot be used: {why}. It is never used and cannot be "
        f"made active (v1 is active): put its files back from a backup, or delete v2.json and "
        f"v2.npz in {folder} to be rid of it"
    ]
    code, out, json_err = run(capsys, "models", "--json")
    assert code == 0 and json_err == err
    listed = {v["version"]: v["damaged"] for v in json.loads(out)}
    assert listed == {"v1": None, "v2": why, "v3": None}
    # As `models use` finds it, and v1 stays active.
    code, _out, err = run(capsys, "models", "use", "v2")
    assert code == 3
    assert err.startswith(f"phototagger: model version v2 cannot be used: {why}. "), err
    assert "(v1 is active)" in err and "train again" not in err


def test_models_says_the_active_version_is_damaged(capsys: pytest.CaptureFixture[str]) -> None:
    _versions(DAMAGE["zero-length"][0], active="v2")
    code, out, err = run(capsys, "models")
    assert code == 0, err
    assert _rows(out)["v2"].startswith("v2    active ")
    assert "DAMAGED: its weights file is damaged" in _rows(out)["v2"]
    assert err == (
        "phototagger: model version v2 cannot be used: its weights file is damaged (File is "
        "not a zip file). It is the active version: make another one active (phototagger "
        "models use v1, the version as installed)\n"
    )


def test_a_damaged_record_after_v1_is_made_active(capsys: pytest.CaptureFixture[str]) -> None:
    """v2's record damaged while it is active: `models use v1`, then `models` said of it
    "Switch to another version (phototagger models use v1) or train again"."""
    _versions(lambda: None, active="v2")
    (default_home().model_versions / "v2.json").write_bytes(b"")
    code, _out, err = run(capsys, "models", "use", "v1")
    assert code == 0, err
    folder = default_home().model_versions
    said = (
        "phototagger: model version v2 cannot be used: its record is not valid JSON "
        "(Expecting value: line 1 column 1 (char 0)). It is left out of this list (v1 is "
        f"active): put its files back from a backup, or delete v2.json and v2.npz in {folder} "
        "to be rid of it\n"
    )
    code, out, err = run(capsys, "models")
    assert code == 0 and err == said, err
    assert list(_rows(out)) == ["v1", "v3"]
    code, _out, err = run(capsys, "models", "use", "v2")
    assert code == 3
    assert "(v1 is active)" in err and "Switch to another version" not in err, err


def test_model_versions_flags_a_damaged_version(qtbot: QtBot, tmp_path: Path) -> None:
    _versions(DAMAGE["cut short"][0])
    _window, page = shown_versions(qtbot, tmp_path, 3)
    summaries = {
        page.table.item(row, 0).text(): page.table.item(row, 3).text()  # type: ignore[union-attr]
        for row in range(3)
    }
    assert summaries["v2"] == "damaged: cannot be used"
    assert "damaged" not in summaries["v3"]
    page.select("v2")
    assert (
        "Damaged, cannot be used: its weights file is damaged (File is not a zip file). It "
        "cannot be made active: put its files back from a backup, or click Discard to delete v2"
    ) in page.details.text()
    assert not page.activate_button.isEnabled()
    assert page.discard_button.isEnabled()
    page.select("v3")
    assert page.activate_button.isEnabled()
