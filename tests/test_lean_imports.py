"""Opening a library does not import pandas (sqlite-utils probes it), yet pandas still imports;
OpenVINO sends no usage report."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

_CHILD = """
import sys
from phototagger.core.library import open_library
from phototagger.paths import default_home
with open_library(default_home()) as library:
    library.db.execute("select count(*) from photos").fetchall()
assert "pandas" not in sys.modules, "pandas was imported"
import sqlite_utils.db
assert sqlite_utils.db.pd is None
import pandas  # Ray Data's, for one: unaffected
assert pandas.DataFrame({"a": [1]}).shape == (1, 1)
print("ok")
"""


@pytest.mark.skipif(importlib.util.find_spec("pandas") is None, reason="pandas not installed")
def test_sqlite_utils_is_imported_without_pandas_and_pandas_still_imports() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


_OPENVINO = """
import phototagger
import openvino
print(openvino.Core().available_devices)
"""


@pytest.mark.skipif(importlib.util.find_spec("openvino") is None, reason="OpenVINO not installed")
def test_openvino_sends_no_usage_report_and_writes_nothing_in_home(tmp_path: Path) -> None:
    """Where the network answers nothing (here a proxy that never replies), the report's fork
    waited on it; where it answers, Google Analytics got an event. Neither happens now."""
    home = tmp_path / "home"
    home.mkdir()
    proxy = socket.create_server(("127.0.0.1", 0))
    address = f"http://127.0.0.1:{proxy.getsockname()[1]}"
    try:
        done = subprocess.run(
            [sys.executable, "-c", _OPENVINO],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "HOME": str(home), "HTTPS_PROXY": address, "https_proxy": address},
        )
        assert done.returncode == 0 and "CPU" in done.stdout, done.stderr[-2000:]
        proxy.setblocking(False)
        with pytest.raises(BlockingIOError):
            proxy.accept()  # nothing asked the network
    finally:
        proxy.close()
    assert list(home.iterdir()) == []  # no ~/intel with a client id and a usage count
