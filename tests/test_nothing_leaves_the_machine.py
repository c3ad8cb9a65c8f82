"""phototagger promises that nothing leaves the user's machine. A library it uses broke that:
`import openvino` (every scan that loads the model) posted a usage event to Google Analytics from
a fork of the scan. This runs what a new user runs first (a scan of new photos, which also loads
the face detector and converts the model for the CPU runtimes in a child process, a label and a
train) with a Python audit hook in every process (forks inherit it; the children started with
exec load it from sitecustomize) that records each name looked up and each socket connected,
and finds none but the machine's own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.photo_factory import real_photo

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parent.parent

_HOOK = """
import json, os, sys

_LOG = os.environ["PT_NETWORK_LOG"]

def _hook(event, args):
    if event not in ("socket.getaddrinfo", "socket.connect", "socket.sendto", "urllib.Request"):
        return
    if event == "socket.connect" or event == "socket.sendto":
        args = (args[1],)  # the address
    elif event == "socket.getaddrinfo":
        args = (args[0],)  # the host
    else:
        args = (args[0],)  # the url
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps([os.getpid(), event, repr(args[0])]) + "\\n")

sys.addaudithook(_hook)
"""

_LOCAL = ("'127.0.0.1'", "'::1'", "'localhost'", "None")


def _own_machine(address: str) -> bool:
    """A UNIX socket (a path) or loopback: still this machine."""
    if address.startswith(("'/", "b'", "'\\x00", "''")):
        return True
    return any(local in address for local in _LOCAL)


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "phototagger", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=False,
    )
    assert done.returncode == 0, (args, done.stderr[-3000:])


def test_a_first_scan_label_and_train_ask_nothing_of_the_network(
    tmp_path: Path, library_home: Path
) -> None:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(_HOOK, encoding="utf-8")
    log = tmp_path / "network.log"
    log.touch()
    pics = tmp_path / "pics"
    for i in range(5):
        real_photo(pics / f"cat-{i}.jpg", "chelsea", quality=70 + i)
        real_photo(pics / f"cup-{i}.jpg", "coffee", quality=70 + i)
    env = {
        **os.environ,
        "HOME": str(tmp_path / "user"),  # a new user: nothing cached, no ~/intel
        "PHOTOTAGGER_HOME": str(library_home),
        "PYTHONPATH": os.pathsep.join([str(hooks), str(REPO)]),
        "PT_NETWORK_LOG": str(log),
    }
    (tmp_path / "user").mkdir()
    _run(["scan", str(pics)], env)
    _run(["label", *(str(p) for p in pics.glob("cat-*")), "--add", "my cat"], env)
    _run(["label", *(str(p) for p in pics.glob("cup-*")), "--reject", "my cat"], env)
    _run(["train"], env)
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    outside = [event for event in events if not _own_machine(event[2])]
    assert outside == [], f"asked of the network: {outside[:10]}"
