"""Ctrl-C in a real `phototagger train` process: one line that says what is true, exit 130, no
traceback, and a library as consistent as before (the new version saved, the old one active).

The child process gets a real SIGINT. To land it in the model switch that follows training,
a small driver sends it from the re-tagging of the second chunk; one test sends it from outside
at a random moment instead.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from phototagger.core.library import open_library
from phototagger.core.model.active import active_version
from phototagger.core.model.retag import SWITCH_CHUNK
from phototagger.ml.registry import ModelVersions
from phototagger.paths import default_home
from phototagger.store.photos import ids_not_tagged_by
from phototagger.store.tags import add_user_tag, reject_tag, user_decisions
from tests.switch_helpers import synthetic_library

REPO = Path(__file__).resolve().parents[1]
PHOTOS = 2 * SWITCH_CHUNK + 50  # three chunks to re-tag

# Runs the real command line; on the second chunk the switch re-tags, it interrupts itself
# with SIGINT as often as asked (once: stop at the next chunk; twice: abort at once).
DRIVER = textwrap.dedent(
    """
    import os, signal, sys
    from phototagger.core.model import retag
    from phototagger.cli import main

    times = int(os.environ["SIGINTS"])
    real = retag.write_model_tags_flat
    chunks = []

    def write(*args, **kwargs):
        chunks.append(1)
        if len(chunks) == 2:
            for _ in range(times):
                os.kill(os.getpid(), signal.SIGINT)
        return real(*args, **kwargs)

    retag.write_model_tags_flat = write
    raise SystemExit(main(sys.argv[1:]))
    """
)


def _labelled_library() -> set[tuple[int, str, str]]:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, PHOTOS)
        for pid in ids[:12]:
            add_user_tag(lib.db, pid, "cat")
        for pid in ids[12:24]:
            reject_tag(lib.db, pid, "cat")
        return set(user_decisions(lib.db))


def _env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "PHOTOTAGGER_HOME": str(home), "PYTHONPATH": str(REPO), **extra}


def _check_library(decisions: set[tuple[int, str, str]], active: str) -> None:
    with open_library(default_home()) as lib:
        assert active_version(lib.db) == active
        # Photos re-tagged before the interruption were put back: no half-switched library.
        assert ids_not_tagged_by(lib.db, active) == []
        assert set(user_decisions(lib.db)) == decisions


@pytest.mark.parametrize("sigints", [1, 2], ids=["ctrl-c", "ctrl-c-twice"])
def test_ctrl_c_during_the_switch_after_training(library_home: Path, sigints: int) -> None:
    decisions = _labelled_library()
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, "train", "--force"],  # --force: always switch
        env=_env(library_home, SIGINTS=str(sigints)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    err = done.stderr
    assert done.returncode == 130, err
    assert "Traceback" not in err and "please report" not in err, err
    last = err.strip().splitlines()[-1]
    assert last == (
        "phototagger: interrupted while switching to v2: it is saved, v1 stays active and none "
        "of your decisions is lost (to switch: phototagger models use v2)"
    ), err
    assert ModelVersions(default_home().model_versions).saved() == ["v2"]
    _check_library(decisions, "v1")


def test_ctrl_c_from_outside_at_a_random_moment(library_home: Path) -> None:
    decisions = _labelled_library()
    seed = random.SystemRandom().randrange(2**32)
    child = subprocess.Popen(
        [sys.executable, "-m", "phototagger", "train", "--force"],
        env=_env(library_home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    watchdog = threading.Timer(240, child.kill)  # a hang fails the test, not the whole run
    watchdog.start()
    first = child.stderr.readline()  # "preparing: ...": the command is running
    time.sleep(random.Random(seed).uniform(0.0, 2.0))
    child.send_signal(signal.SIGINT)
    err = first + child.stderr.read()
    child.wait(300)
    watchdog.cancel()
    assert child.returncode != -signal.SIGKILL, (seed, f"hung: {err}")
    assert "Traceback" not in err and "please report" not in err, (seed, err)
    last = err.strip().splitlines()[-1]
    if child.returncode == 0:  # it was done before the signal came
        _check_library(decisions, "v2")
        return
    assert child.returncode == 130, (seed, err)
    # Stopped while training (no version left behind), or while switching (v2 saved).
    assert last in (
        "phototagger: training stopped; nothing changed",
        "phototagger: interrupted while switching to v2: it is saved, v1 stays active and none "
        "of your decisions is lost (to switch: phototagger models use v2)",
        "phototagger: interrupted; nothing done until now is lost: run the command again to "
        "carry on",
    ), (seed, err)
    if last.endswith("nothing changed"):
        assert ModelVersions(default_home().model_versions).saved() == []
    _check_library(decisions, "v1")


def test_a_ctrl_c_python_cannot_raise_prints_no_traceback(library_home: Path) -> None:
    # A second Ctrl-C can land while a generator is finalised (a scan's decode stream closing
    # its thread pool): Python cannot raise it there and would print it, traceback and all.
    driver = textwrap.dedent(
        """
        import sys
        from phototagger.cli import main
        from phototagger.commands.base import COMMANDS

        def stream():
            try:
                yield 1
            finally:
                raise KeyboardInterrupt  # where the signal handler raised it

        def stats(args):
            items = stream()
            next(items)
            del items  # finalised here, outside any try: the interrupt is "unraisable"
            print("done")
            return 0

        COMMANDS["stats"] = stats
        raise SystemExit(main(["stats"]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", driver],
        env=_env(library_home),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "done\n", "")
