"""sqlite-utils without pandas: sqlite_utils.db imports pandas, when it is installed, only to map
pandas.Timestamp values to TEXT columns, which phototagger never stores. Where pandas is
installed (Ray Data brings it, with pyarrow) that import alone took 0.3-0.5 s of CPU at the start
of every scan, GUI and CLI command that opens a library. Everything else imports pandas as usual.

OpenVINO without its usage reports: with the optional openvino-telemetry package installed (the
openvino wheel brings it), `import openvino` posted an event to Google Analytics under a client
id it wrote to ~/intel, from a fork of the importing process (a scan, the GUI) that waits as long
as the network does not answer, and a fork of a scan once kept its lock after a force-quit
(core/scan_lock.py). OpenVINO takes the package as absent and uses its own no-op stand-in.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType


class _NoPandasForSqliteUtils:
    """A meta path finder that fails `import pandas` only from inside sqlite_utils.db's own
    import (which catches the ImportError and carries on without it)."""

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name != "pandas":
            return None
        db = sys.modules.get("sqlite_utils.db")
        spec = getattr(db, "__spec__", None)
        if spec is not None and getattr(spec, "_initializing", False):
            raise ModuleNotFoundError("pandas is not imported for sqlite_utils", name=name)
        return None


def install() -> None:
    """Once per process, before anything imports sqlite_utils or openvino."""
    sys.modules.setdefault("openvino_telemetry", None)  # type: ignore[arg-type]  # "not there"
    if not any(isinstance(f, _NoPandasForSqliteUtils) for f in sys.meta_path):
        sys.meta_path.insert(0, _NoPandasForSqliteUtils())
