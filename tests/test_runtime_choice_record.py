"""The cached runtime choice is trusted only as written, for the runtimes installed now: a damaged
record, one that names a runtime it never measured, or one measured with other versions is
measured again (read_record gives None); a record read back is the one written."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from phototagger.ml.runtimes.agreement import Agreement
from phototagger.ml.runtimes.candidates import installed_candidates
from phototagger.ml.runtimes.measurement import (
    ChoiceRecord,
    Measured,
    decide,
    read_record,
    record_path,
    write_record,
)


def _record(tmp_path: Path) -> tuple[ChoiceRecord, list, Path]:
    # The fp32 runtimes (OpenVINO bf16 and mixed too where the CPU has them: their own tests).
    candidates = [
        c
        for c in installed_candidates("0123456789abcdef", tmp_path)
        if c.name not in ("openvino-bf16", "openvino-mixed")
    ]
    measured = [
        Measured(c.name, c.title, Agreement(200, 1.0, 1.0, 0.99999), rate)
        for c, rate in zip(candidates, (30.5, 41.25), strict=False)
    ]
    chosen, reason = decide(measured, 32)
    record = ChoiceRecord(
        {c.name: c.version for c in candidates}, 32, tuple(measured), chosen, reason
    )
    return record, candidates, record_path("0123456789abcdef", tmp_path)


def test_a_record_reads_back_as_written(tmp_path: Path) -> None:
    record, candidates, path = _record(tmp_path)
    assert [c.name for c in candidates] == ["openvino", "litert"]
    assert record.chosen == "litert" and "41.2 img/s" in record.reason
    write_record(path, record)
    assert read_record(path, candidates) == record


def test_a_record_not_to_be_trusted_is_measured_again(tmp_path: Path) -> None:
    record, candidates, path = _record(tmp_path)
    write_record(path, replace(record, versions={**record.versions, "openvino": "2024.0"}))
    assert read_record(path, candidates) is None  # another OpenVINO measured it
    write_record(path, replace(record, versions={"openvino": record.versions["openvino"]}))
    assert read_record(path, candidates) is None  # LiteRT was not installed then
    data = record.as_dict()
    path.write_text(json.dumps({**data, "chosen": "onnxruntime"}))
    assert read_record(path, candidates) is None  # names a runtime it did not measure
    path.write_text(json.dumps(data)[:100])
    assert read_record(path, candidates) is None  # cut short
    path.write_text(json.dumps(data))
    assert read_record(path, candidates) == record
