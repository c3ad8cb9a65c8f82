"""Every script in benchmarks/ still starts: its imports resolve against today's code and its
argument parser answers --help (a helper module imports). A refactor that renames or moves what a
benchmark imports breaks it here, in the fast tier, not on the day someone runs it for figures.

All run in one process of their own (one interpreter start, the shared imports once), with
TensorFlow refused as the fast tier refuses it: a benchmark that needs the model imports it inside
main, so --help stays cheap."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SCRIPTS = sorted(p for p in BENCHMARKS.glob("*.py") if p.name != "__init__.py")

# Refuse TensorFlow and Keras, then run each file as `python FILE --help` would (a helper module
# without a __main__ block is only imported); print {file: what went wrong} as JSON.
DRIVER = """
import contextlib, importlib.abc, io, json, runpy, signal, sys, traceback

class NoTensorFlow(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("tensorflow", "keras"):
            raise ImportError(f"--help imported {name}: import it inside main")
        return None

def too_long(signum, frame):
    raise TimeoutError("still running after 30 s: does it parse its arguments?")

sys.meta_path.insert(0, NoTensorFlow())
signal.signal(signal.SIGALRM, too_long)
wrong = {}
for path in sys.argv[1:]:
    script = 'if __name__ == "__main__":' in open(path, encoding="utf-8").read()
    sys.argv = [path, "--help"]
    out = io.StringIO()
    signal.alarm(30)
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(path, run_name="__main__")
    except SystemExit as exit:
        if exit.code not in (0, None):
            wrong[path] = f"exit {exit.code}: {out.getvalue()[-2000:]}"
            continue
    except BaseException:
        wrong[path] = traceback.format_exc()[-3000:]
        continue
    finally:
        signal.alarm(0)
    if script and not out.getvalue().startswith("usage:"):
        wrong[path] = "no usage: " + out.getvalue()[-2000:]
print(json.dumps(wrong))
"""


def test_every_benchmark_is_found() -> None:
    assert len(SCRIPTS) > 20
    assert BENCHMARKS / "retrain.py" in SCRIPTS


def test_every_benchmark_starts(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, *map(str, SCRIPTS)],
        cwd=BENCHMARKS.parent,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(BENCHMARKS.parent),
            "PHOTOTAGGER_HOME": str(tmp_path / "home"),
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    wrong = json.loads(done.stdout.strip().splitlines()[-1])
    assert wrong == {}, "\n\n".join(f"{Path(k).name}: {v}" for k, v in wrong.items())
