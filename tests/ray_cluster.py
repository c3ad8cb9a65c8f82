"""A local Ray cluster for tests and benchmarks: `ray start --head` in a folder of its own, every
process it started stopped afterwards (found by a marker in their environment, so nothing else
on the machine is touched), even when the test fails."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Set for the child process test_scan_on_ray_child.py runs the Ray scan tests in.
RAY_CHILD = "PHOTOTAGGER_TEST_RAY_CHILD"
_MARK = "PHOTOTAGGER_RAY_CLUSTER"
_MARKERS: dict[str, str] = {}  # address -> marker of the clusters running now


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _our_processes(marker: str) -> list[int]:
    """Processes of the cluster started with `marker`: they all inherit its variable."""
    return processes_marked(_MARK, marker)


def processes_marked(name: str, value: str) -> list[int]:
    """Processes (other than this one) whose environment sets `name` to `value`."""
    wanted = f"{name}={value}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            environ = Path(f"/proc/{entry}/environ").read_bytes()
        except OSError:
            continue
        if wanted in environ.split(b"\0"):
            found.append(int(entry))
    return found


def _stop(marker: str) -> None:
    stop_marked(_MARK, marker)


def stop_marked(name: str, value: str) -> None:
    """Stops every process whose environment sets `name` to `value` (processes_marked)."""
    # Ray's gcs_server (and one Python helper) outlived SIGTERM by 20 s and more, every time:
    # a throwaway cluster gets a short grace, then SIGKILL. The grace was 3 s, and every
    # teardown waited all of it for gcs_server (3.0 s measured); half a second lets the others
    # go as they do on SIGTERM.
    for sig, wait_s in ((signal.SIGTERM, 0.5), (signal.SIGKILL, 10.0)):
        for pid in processes_marked(name, value):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, sig)
        deadline = time.monotonic() + wait_s
        while processes_marked(name, value) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not processes_marked(name, value):
            return


# A Ray log's error and fatal lines, and any that tell of an exit or a signal (not its routine
# warnings: a named actor not found yet, each time one is looked up).
_TELLING = re.compile(r"^\[[^]]* [EF] |(?i:exit|terminat|killed)|SIG[A-Z]")


def dead_driver_said(pid: int, count: int = 12) -> str:
    """For a test process `pid` that died with a cluster of local_ray_cluster's still up (its
    teardown never ran): the last errors Ray logged for it as a driver (Ray writes them to the
    cluster's folder, not to the test's output); the folder is then removed (its processes are
    stopped by then: child_pytest stops what a dead child left running)."""
    said = []
    # A driver has a log per job (each ray.init: "01000000…", "05000000…"), several in one
    # cluster's folder: all are read before any folder is removed.
    logs = sorted(
        Path(tempfile.gettempdir()).glob(
            f"pt-ray-*/session_[0-9]*/logs/python-core-driver-*_{pid}.log"  # not session_latest
        )
    )
    for log in logs:
        try:
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        worst = [line for line in lines if _TELLING.search(line)]
        said.append(f"Ray's log of that driver ({log.name}) ends:\n" + "\n".join(worst[-count:]))
    for folder in {log.parents[2] for log in logs}:
        shutil.rmtree(folder, ignore_errors=True)
    return "\n".join(said) + "\n" if said else ""


def worker_processes(address: str, name: str) -> list[int]:
    """Processes of the local cluster at `address` whose title names `name` (Ray titles an
    actor's process "ray::ClassName..."): only this cluster's, never another on the machine."""
    found = []
    for pid in _our_processes(_MARKERS[address]):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if name.encode() in cmdline:
            found.append(pid)
    return found


@contextlib.contextmanager
def local_ray_cluster(home: Path, num_cpus: int = 2) -> Iterator[str]:
    """Start a head node with `num_cpus` CPUs whose workers import this checkout and keep their
    model cache in `home`; yields its address; tears it down, always."""
    marker = uuid.uuid4().hex
    # Ray's socket paths must stay short: a folder under /tmp, not pytest's deep tmp_path.
    temp_dir = tempfile.mkdtemp(prefix="pt-ray-")
    port = _free_port()
    # A token left in ~/.ray/auth_token (any earlier local `ray.init()` writes one) makes
    # `ray start` require it, and the drivers here were refused ("InvalidAuthToken"). The test
    # cluster runs as on a clean machine, auth off, for its driver (this process) too.
    auth_before = os.environ.get("RAY_AUTH_MODE")
    os.environ["RAY_AUTH_MODE"] = "disabled"
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        PHOTOTAGGER_HOME=str(home),
        RAY_USAGE_STATS_ENABLED="0",
        **{_MARK: marker},
    )
    ray = str(Path(sys.executable).parent / "ray")
    try:
        subprocess.run(
            [
                ray,
                "start",
                "--head",
                f"--num-cpus={num_cpus}",
                f"--port={port}",
                f"--temp-dir={temp_dir}",
                "--include-dashboard=false",
                "--disable-usage-stats",
            ],
            env=env,
            check=True,
            timeout=300,
            capture_output=True,
            start_new_session=True,
        )
        address = f"127.0.0.1:{port}"
        _MARKERS[address] = marker
        yield address
    finally:
        _MARKERS.pop(f"127.0.0.1:{port}", None)
        _stop(marker)
        shutil.rmtree(temp_dir, ignore_errors=True)
        if auth_before is None:
            os.environ.pop("RAY_AUTH_MODE", None)
        else:
            os.environ["RAY_AUTH_MODE"] = auth_before
