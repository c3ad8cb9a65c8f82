"""Run the command line in a child process and SIGKILL it at a random moment."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

from phototagger.core.library import open_library
from phototagger.core.model.active import active_version
from phototagger.core.model.retag import finish_interrupted_switch
from phototagger.paths import default_home
from phototagger.store.photos import ids_not_tagged_by
from phototagger.store.tags import user_decisions

REPO = Path(__file__).resolve().parents[1]


def kill_at_random(
    args: list[str],
    home: Path,
    *,
    after: str | None,
    window: tuple[float, float],
    seed: int | None = None,
    limit_s: float = 300,
) -> dict[str, object]:
    """Start `phototagger ARGS`; once `after` shows on stderr (or at once), wait a random time
    in `window` seconds and SIGKILL it. Returns what happened, the seed included."""
    seed = seed if seed is not None else random.SystemRandom().randrange(2**32)
    delay = random.Random(seed).uniform(*window)
    env = {**os.environ, "PHOTOTAGGER_HOME": str(home), "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-m", "phototagger", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen = threading.Event()
    lines: list[str] = []

    def read() -> None:
        assert child.stderr is not None
        for line in child.stderr:
            lines.append(line)
            if after is None or after in line:
                seen.set()
        seen.set()  # ended

    threading.Thread(target=read, daemon=True).start()
    if after is not None:
        seen.wait(limit_s)
    try:
        child.wait(delay)  # a child that ends sooner is not waited out: nothing left to kill
        killed = False
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
        killed = True
    child.wait(limit_s)
    # Not killed in time: then it must have finished properly.
    assert killed or child.returncode == 0, ("".join(lines)[-2000:], seed)
    return {
        "seed": seed,
        "delay": round(delay, 2),
        "killed": killed,
        "rc": child.returncode,
        "stderr": "".join(lines)[-2000:],
    }


def run_to_end(args: list[str], home: Path, limit_s: float = 300) -> int:
    env = {**os.environ, "PHOTOTAGGER_HOME": str(home), "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "phototagger", *args], env=env, capture_output=True, timeout=limit_s
    ).returncode


def decisions() -> set[tuple[int, str, str]]:
    with open_library(default_home()) as lib:
        return set(user_decisions(lib.db))


def check_consistent(before: set[tuple[int, str, str]]) -> None:
    """Integrity ok, every decision still there, and once a killed switch is finished (as the
    next switch or scan does), every photo tagged by the active version."""
    with open_library(default_home()) as lib:
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert set(user_decisions(lib.db)) >= before
        finish_interrupted_switch(lib)
        assert ids_not_tagged_by(lib.db, active_version(lib.db)) == []


def scanned_then_more(pics: Path, engine: object, labelled: int, more: int) -> None:
    """`labelled` photos scanned and labelled (decisions a broken scan must keep), then `more`
    new ones waiting for the next scan to tag them."""
    from phototagger.core.labels import label_paths
    from tests.photo_factory import real_photo
    from tests.scan_helpers import run_scan

    first = [real_photo(pics / f"a-{i}.jpg", "chelsea", quality=80 + i) for i in range(labelled)]
    with open_library(default_home()) as lib:
        run_scan(lib, [pics], engine)
        label_paths(lib.db, [str(p) for p in first], add=["mine"], reject=["dog"])
    for i in range(more):
        real_photo(pics / f"b-{i:02d}.jpg", "coffee", quality=60 + i)
