"""The status bar tells the library's size, the active model and the device it runs on, in
plain words: "CPU (2 cores, LiteRT)" read as jargon."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.jobs import Progress
from phototagger.core.library import DEVICE_SETTING
from phototagger.gui.status import describe_progress, format_duration
from phototagger.store.settings import set_setting
from tests.gui_helpers import open_window, prescanned


def test_library_model_and_device(qtbot, engine, tmp_path: Path) -> None:
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    assert window.status.library.text() == "4 photos"
    model = window.status.model.text()
    # The session's engine is loaded in this process, so the device it chose is known.
    assert model.startswith("Model v1 · runs on the ")
    assert "processor" in model or "graphics card" in model


def test_device_setting_is_shown_before_the_model_loads(
    qtbot, engine, tmp_path: Path, monkeypatch
) -> None:
    import phototagger.ml.device as device

    monkeypatch.setattr(device, "_configured", None)  # as in a fresh process
    window = open_window(qtbot, engine, tmp_path)
    set_setting(window.db, DEVICE_SETTING, "cpu")
    window.update_model_status()
    text = window.status.model.text()
    assert text == "Model v1 · will tag on the processor, loads when new photos are scanned"


def test_where_the_model_runs_is_said_in_plain_words(
    qtbot, engine, tmp_path: Path, monkeypatch
) -> None:
    """Where the model runs read "CPU (2 cores, LiteRT)": the processor's cores in plain
    words, the runtime's name only in the tooltip."""
    import phototagger.ml.device as device

    window = open_window(qtbot, engine, tmp_path)
    monkeypatch.setattr(device, "_configured", "CPU (2 cores, LiteRT)")  # as LiteRT records it
    window.update_model_status()
    model = window.status.model
    assert model.text() == "Model v1 · runs on the processor (2 cores)"
    assert "LiteRT" in model.toolTip() and "where it tags your photos" in model.toolTip()
    monkeypatch.setattr(device, "_configured", "GPU (NVIDIA H200)")
    window.update_model_status()
    assert model.text() == "Model v1 · runs on the graphics card (NVIDIA H200)"


def test_progress_reads_like_a_sentence() -> None:
    text = describe_progress(Progress("tagging", 340, 1200, rate=12.34, eta_s=70, problems=1))
    assert text == "Tagging 340 of 1,200 · 12.3 photos/s · 1 min 10 s left · 1 problem"
    training = describe_progress(Progress("training", 3, 40, detail="epoch 3/40, loss 0.213"))
    assert training == "Training 3 of 40 · epoch 3/40, loss 0.213"
    assert format_duration(7300) == "2 h 01 min"
