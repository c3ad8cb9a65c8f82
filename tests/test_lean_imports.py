"""Opening a library does not import pandas (sqlite-utils probes it), yet pandas still imports."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

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
