"""`models` (and `models use`) read every saved version's record twice: once to find the damaged
ones, once more to list the sound ones. Each record is now read once, and what is listed and what
is said to be damaged still come out as before."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from phototagger.core.library import open_library
from phototagger.ml import registry
from phototagger.paths import LibraryHome
from tests.cli_helpers import run


@pytest.fixture
def versions(home: LibraryHome) -> None:
    with open_library(home):
        pass  # a fresh library, made as the first command makes it
    home.model_versions.mkdir(parents=True, exist_ok=True)
    for version in ("v2", "v3"):
        record = {"version": version, "parent": "v1", "tags": ["cat"], "thresholds": [0.5]}
        (home.model_versions / f"{version}.json").write_text(json.dumps(record))
    (home.model_versions / "v4.json").write_text("{ half a record", encoding="utf-8")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    counted: Counter[str] = Counter()
    read = registry.read_record

    def counting(path: Any, version: str) -> dict[str, Any]:
        counted[version] += 1
        return read(path, version)

    monkeypatch.setattr(registry, "read_record", counting)
    return counted


@pytest.mark.usefixtures("versions")
def test_models_reads_each_record_once(
    reads: Counter[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "models", "--json")
    assert code == 0 and [v["version"] for v in json.loads(out)] == ["v1", "v2", "v3"]
    assert "model version v4 cannot be used" in err
    assert reads == {"v2": 1, "v3": 1, "v4": 1}


@pytest.mark.usefixtures("versions")
def test_models_use_reads_each_record_once_before_switching(
    reads: Counter[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "models", "use", "v9")
    assert code == 3 and err == "phototagger: there is no model version v9 (versions: v1, v2, v3)\n"
    assert reads == {"v2": 1, "v3": 1, "v4": 1}
