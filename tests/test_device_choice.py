"""The device is chosen as asked, reported, and a missing GPU is a clear error."""

from __future__ import annotations

import pytest

from phototagger.ml.device import parse_choice


def test_choices_parse_case_insensitively() -> None:
    assert parse_choice("CPU") == "cpu"
    assert parse_choice(" auto ") == "auto"
    with pytest.raises(ValueError, match="auto, cpu, gpu"):
        parse_choice("tpu")


def test_engine_reports_its_device(engine) -> None:
    assert engine.device.startswith(("CPU", "GPU"))


@pytest.mark.model
def test_forcing_gpu_without_one_is_a_clear_error() -> None:
    import tensorflow as tf

    from phototagger.ml import device

    if tf.config.list_physical_devices("GPU"):
        pytest.skip("a GPU is present")
    saved = device._configured
    device._configured = None
    try:
        with pytest.raises(device.DeviceUnavailableError, match="no GPU"):
            device.configure_device("gpu")
    finally:
        device._configured = saved
