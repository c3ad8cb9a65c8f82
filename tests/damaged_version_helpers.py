"""A saved version's weights file damaged in place, and what `models`, `models --json` and
`models use` then say of it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from phototagger.paths import default_home
from tests.cli_helpers import run


def damage_mid_array(npz: Path, member: str) -> None:
    """One byte in the middle of `member`'s data changed; the zip's records, the array's
    header and the file's size stay as they were."""
    with zipfile.ZipFile(npz) as archive:
        info = archive.getinfo(member)
    data = bytearray(npz.read_bytes())
    # A stored member: its local header (30 bytes, its name, its extra field), then its bytes.
    local_extra = int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + len(info.filename.encode()) + local_extra
    data[start + info.file_size // 2] ^= 0x55
    npz.write_bytes(bytes(data))


def version_rows(out: str) -> dict[str, str]:
    """`models`' rows, by version."""
    return {line.split()[0]: line for line in out.splitlines() if line.startswith("v")}


def assert_flagged(
    capsys: pytest.CaptureFixture[str], version: str, why: str, sound: list[str]
) -> None:
    """`models` flags `version` (never made active, v1 active) as damaged for `why`, and says
    what to do; `--json` alike; `models use` refuses it in the same words, v1 staying active.
    The `sound` versions are not flagged."""
    folder = default_home().model_versions
    code, out, err = run(capsys, "models")
    assert code == 0, err
    rows = version_rows(out)
    assert rows[version].endswith(f"(never made active)  DAMAGED: {why}"), out
    assert not any("DAMAGED" in rows[v] for v in sound), out
    assert err == (
        f"phototagger: model version {version} cannot be used: {why}. It is never used and "
        f"cannot be made active (v1 is active): put its files back from a backup, or delete "
        f"{version}.json and {version}.npz in {folder} to be rid of it\n"
    )
    code, out, _err = run(capsys, "models", "--json")
    assert code == 0
    listed = {v["version"]: v["damaged"] for v in json.loads(out)}
    assert listed == {**dict.fromkeys(sound), version: why}
    code, _out, err = run(capsys, "models", "use", version)
    assert code == 3
    assert err.startswith(f"phototagger: model version {version} cannot be used: {why}. "), err
    code, out, _err = run(capsys, "models")
    assert version_rows(out)["v1"].split()[1] == "active"
