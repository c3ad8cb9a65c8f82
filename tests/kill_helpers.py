"""Run the command line in a child process and SIGKILL it at a random moment."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import sqlite_utils

from phototagger.core.library import open_library
from phototagger.core.model.active import active_version
from phototagger.core.model.retag import finish_interrupted_switch
from phototagger.core.queries import REVIEW_BELOW
from phototagger.core.tag_admin import group_names
from phototagger.paths import default_home
from phototagger.store.photos import ids_not_tagged_by
from phototagger.store.tags import (
    all_tags,
    count_undecided_below,
    count_untagged,
    recount_subtrees,
    recount_tags,
    recount_undecided_below,
    subtree_counts,
    tag_counts,
    untagged_photo_ids,
    user_decisions,
)

REPO = Path(__file__).resolve().parents[1]

# Sets the file size limit (RLIMIT_FSIZE, bytes) of a fresh process, then becomes the command:
# a `preexec_fn` doing the same runs Python in a child forked from a worker with threads, which
# can deadlock before exec (Python's subprocess docs); a whole run hung there once, 5 minutes.
_SIZE_LIMITED = (
    "import os, resource, sys; "
    "resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), resource.RLIM_INFINITY)); "
    "os.execv(sys.argv[2], sys.argv[2:])"
)


def size_limited(command: list[str], limit: int | None) -> list[str]:
    """`command` run under a file size limit of `limit` bytes (`ulimit -f`); as it is if None."""
    if limit is None:
        return command
    return [sys.executable, "-c", _SIZE_LIMITED, str(limit), *command]


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
    """Integrity ok, every decision still there, the tag counts, the photos to review, the
    untagged and the tag tree's levels' totals those of the rows (kept by triggers in the
    writer's transaction), and once a killed switch is finished (as the next switch or scan
    does), every photo tagged by the active version."""
    with open_library(default_home()) as lib:
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert set(user_decisions(lib.db)) >= before
        _counts_kept(lib.db)
        finish_interrupted_switch(lib)
        assert ids_not_tagged_by(lib.db, active_version(lib.db)) == []
        _counts_kept(lib.db)


def _counts_kept(db: sqlite_utils.Database) -> None:
    assert tag_counts(db) == recount_tags(db)
    assert count_undecided_below(db, REVIEW_BELOW) == recount_undecided_below(db, REVIEW_BELOW)
    assert count_untagged(db) == len(untagged_photo_ids(db))
    levels = group_names([name for name, _ in all_tags(db)])
    assert subtree_counts(db, levels) == recount_subtrees(db, levels)


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


def count_rows(sql: str, args: list[object]) -> int:
    """One count read from the test's library, read-only, beside a process writing it."""
    database = default_home().database
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as db:
        return int(db.execute(sql, args).fetchone()[0])


def child(*argv: str) -> subprocess.Popen[str]:
    """`phototagger ARGV` in a child process running this checkout; its stderr piped."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "phototagger", *argv],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_when(process: subprocess.Popen[str], reached: str, args: list[object]) -> str:
    """SIGKILL `process` once the count `reached` (SQL) is above 0; its stderr until then."""
    deadline = time.monotonic() + 240
    while process.poll() is None and time.monotonic() < deadline:
        if count_rows(reached, args):
            break
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL, err  # killed midway, not ended
    return err


def switch_put_back(to: str = "v2") -> None:
    """No model switch left to put back, v1 active, every photo on it, none on `to`."""
    from phototagger.core.model.active import SWITCH_SETTING
    from phototagger.store.settings import get_setting

    with open_library(default_home()) as lib:
        assert get_setting(lib.db, SWITCH_SETTING) is None
        assert active_version(lib.db) == "v1"
        assert ids_not_tagged_by(lib.db, "v1") == []
    assert count_rows("SELECT count(*) FROM photos WHERE model_version = ?", [to]) == 0


def switch_killed(photos: int, to: str = "v2") -> int:
    """`phototagger models use TO` in a child process, SIGKILLed once it has re-tagged some of
    the library's `photos`, not all: how many it had re-tagged (its marker left, v1 active)."""
    from phototagger.core.model.active import SWITCH_SETTING
    from phototagger.store.settings import get_setting

    on_to = "SELECT count(*) FROM photos WHERE model_version = ?"
    kill_when(child("models", "use", to), on_to, [to])
    switched = count_rows(on_to, [to])
    with open_library(default_home()) as lib:
        assert 0 < switched < photos and get_setting(lib.db, SWITCH_SETTING) is not None
        assert active_version(lib.db) == "v1"
    return switched
