"""The first scan on a model never waits for the conversions: it tags on TensorFlow, then converts,
checks and times OpenVINO and LiteRT on the photos it embedded, at its batch size; the next scan
runs the CNN on the one measured fastest."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from benchmarks._photos import photo_set
from phototagger.cli import main
from phototagger.commands.library import MEASURED_FIGURES
from phototagger.ml.runtimes.candidates import TITLES
from phototagger.ml.runtimes.choice import MEASURED_AFTER_FIRST_SCAN
from phototagger.ml.runtimes.conversion_check import read_verdict
from phototagger.ml.runtimes.openvino import converted_model, openvino_version
from phototagger.ml.weights_source import file_digest, source_weights_path
from phototagger.paths import default_home
from tests.runtime_helpers import cpu_runtimes, current_record
from tests.session_runtimes import tensorflow_is_the_sessions


def record_file() -> Path:
    """The choice record of the current library home: where the measured figures are kept."""
    from phototagger.ml.runtimes.measurement import record_path

    return record_path(file_digest(source_weights_path()), default_home().runtimes_cache)


def test_first_scan_tags_on_tensorflow_and_the_next_runs_openvino(
    engine, tmp_path: Path, capsys, monkeypatch
) -> None:
    """(TensorFlow is the session's engine; the conversions after the first scan are real, in
    the child process a scan converts in.)"""
    tensorflow_is_the_sessions(engine, monkeypatch)
    pics = tmp_path / "Pictures"
    pics.mkdir()
    _, pixels = photo_set()
    for i, image in enumerate(pixels[:40]):
        Image.fromarray(image).save(pics / f"view{i:02d}.png")
    version = openvino_version()
    assert version is not None
    converted = converted_model(
        file_digest(source_weights_path()), version, default_home().runtimes_cache
    )
    assert not converted.exists
    capsys.readouterr()
    assert main(["scan", "--json", "--quiet", str(pics)]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["tagged"] == 40
    record = current_record()
    assert record is not None and record.chosen is not None
    chosen = record.result(record.chosen).title
    assert first["runtime"].startswith(f"TensorFlow; {chosen} checked on 40 photos"), first
    assert "fastest that agrees at batch 32" in first["runtime"]  # the scan's batch size
    # What the scan's lines say, in plain words: the figures above stay in --json only.
    name = TITLES[record.chosen]
    assert first["runtime_words"].startswith(f"TensorFlow (the next scans will use {name}: "), first
    assert "the same tags as TensorFlow on" in first["runtime_words"]
    assert "40 pictures this scan tagged" in first["runtime_words"]
    assert "video clip" not in first["runtime_words"]  # 40 photos, no clip: 40 pictures
    assert first["runtime_figures"] == str(record_file()), first
    assert "img/s" not in first["runtime_words"] and chosen not in first["runtime_words"]
    verdict = read_verdict(converted)
    assert verdict is not None and verdict.passed and verdict.photos == 40
    assert {m.name for m in record.measured} == set(cpu_runtimes())
    for i, image in enumerate(pixels[40:44]):
        Image.fromarray(image).save(pics / f"more{i}.png")
    # The next scan (in this process: what it runs on is read from the cache, as a new process
    # reads it; whether it imports TensorFlow is test_scan_without_tensorflow's).
    capsys.readouterr()
    assert main(["scan", "--json", "--quiet", str(pics)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["tagged"] == 4 and summary["runtime"].startswith(chosen), summary
    # A later scan's lines: where it ran, and why in a few words, and the file that keeps the
    # figures (it said to run `phototagger scan --json`, which scans again).
    Image.fromarray(pixels[44]).save(pics / "last.png")
    capsys.readouterr()
    assert main(["scan", str(pics)]) == 0
    out = capsys.readouterr().out.splitlines()
    at = out.index(f"the model ran on {name}")
    assert all(line.startswith("  ") for line in out[at + 1 :]), out
    said = " ".join(line.strip() for line in out[at + 1 :])
    assert said == f"{MEASURED_AFTER_FIRST_SCAN} {MEASURED_FIGURES}{record_file()}", out
    assert json.loads(record_file().read_text("utf-8"))["reason"] == record.reason
