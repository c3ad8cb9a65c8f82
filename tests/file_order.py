"""The order `make test`'s workers take the test files in: the longest first.

pytest-xdist's `--dist loadfile` hands each worker one file at a time from a queue, and by default
sorts that queue by how many tests a file holds, most first. The slowest files hold one or two
tests (the Ray scan's child, the deep trainings, the runtime conversions), so they came last:
one worker still ran a minute-long file, with more queued behind it, while the other had nothing
left. `make test` passes `--no-loadscope-reorder` and tests/conftest.py puts the files in the
order of the seconds each took in a whole run (tests/file_seconds.json, written by `record`),
the longest first; a file not listed there (new since) takes the median's place. The order
changes no test's result: each file still runs whole on one worker, its tests in their order.

    python -m tests.file_order record RUN.xml    # tests/file_seconds.json from a run's
                                                 # --junitxml (-o junit_family=xunit1)
    python -m tests.file_order simulate RUN.xml  # the run's end in 2 workers, per order
"""

from __future__ import annotations

import json
import statistics
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path

SECONDS_FILE = Path(__file__).resolve().parents[1] / "tests" / "file_seconds.json"
# pytest-xdist's LoadScopeScheduling gives a worker its next file once it has this many tests
# or fewer left to run (its `_reschedule`).
PREFETCH = 2


def file_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def load_seconds(path: Path = SECONDS_FILE) -> dict[str, float]:
    """The seconds each test file took, by its path as pytest names it; none if unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in data.items()} if isinstance(data, dict) else {}


def longest_first(files: Iterable[str], seconds: dict[str, float]) -> list[str]:
    """`files` (each once, in collection order) ordered by their seconds, longest first; a file
    without a figure counts as the median file. Ties keep the collection order."""
    files = list(dict.fromkeys(files))
    middle = statistics.median(seconds.values()) if seconds else 0.0
    return sorted(files, key=lambda f: -seconds.get(f, middle))


def junit_tests(path: Path) -> list[tuple[str, float]]:
    """(file, seconds) per test of a --junitxml report (xunit1: a `file` attribute per test
    case; setup, call and teardown counted), in the order the report lists them."""
    tests = []
    for case in ET.parse(path).getroot().iter("testcase"):
        name = case.get("file") or case.get("classname", "").replace(".", "/") + ".py"
        tests.append((name, float(case.get("time") or 0.0)))
    return tests


def per_file(tests: Sequence[tuple[str, float]]) -> dict[str, list[float]]:
    files: dict[str, list[float]] = {}
    for name, secs in tests:
        files.setdefault(name, []).append(secs)
    return files


def simulate(units: Sequence[Sequence[float]], workers: int = 2) -> list[float]:
    """When each worker would finish, handed `units` (each file's tests' seconds) as
    pytest-xdist's loadfile scheduler hands them: one file each to start, then another whenever
    a worker has PREFETCH tests or fewer still to run (assigned on each test's end)."""
    queue = [list(u) for u in units if u]
    pending: list[list[float]] = [[] for _ in range(workers)]
    clock = [0.0] * workers

    def give(w: int) -> None:
        if queue and len(pending[w]) <= PREFETCH:
            pending[w].extend(queue.pop(0))

    for w in range(workers):
        if queue:
            pending[w].extend(queue.pop(0))
    for w in range(workers):
        give(w)
    while any(pending):
        # The worker whose current test ends first.
        w = min((w for w in range(workers) if pending[w]), key=lambda w: clock[w] + pending[w][0])
        clock[w] += pending[w].pop(0)
        give(w)
    return clock


def _orders(files: dict[str, list[float]]) -> dict[str, list[str]]:
    collected = sorted(files)
    by_count = sorted(collected, key=lambda f: -len(files[f]))
    seconds = {f: sum(t) for f, t in files.items()}
    return {
        "xdist's default (most tests first)": by_count,
        "the files' names": collected,
        "longest first": longest_first(collected, seconds),
    }


def main(argv: Sequence[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("record", "simulate"):
        print(__doc__, file=sys.stderr)
        return 2
    files = per_file(junit_tests(Path(argv[1])))
    if argv[0] == "record":
        seconds = {f: round(sum(t), 1) for f, t in sorted(files.items())}
        SECONDS_FILE.write_text(json.dumps(seconds, indent=0) + "\n", encoding="utf-8")
        print(f"{len(seconds)} files, {sum(seconds.values()):,.0f} s in all: {SECONDS_FILE}")
        return 0
    total = sum(sum(t) for t in files.values())
    print(f"{len(files)} files, {total:,.0f} s of tests; 2 workers could end at {total / 2:,.0f} s")
    for name, order in _orders(files).items():
        ends = simulate([files[f] for f in order])
        idle = max(ends) - min(ends)
        print(f"  {name}: ends at {max(ends):,.0f} s, one worker idle for the last {idle:,.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
