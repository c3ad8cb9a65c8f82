"""One `exiftool -stay_open True -@ -` process per test worker, where each call of tests' exiftool
used to start its own (0.3-0.5 s of Perl start-up on 2 busy cores, some 60 calls in the suite).

A call sends the same arguments as its command line, one per line, and reads what that command
would have printed: stdout up to exiftool's "{readyN}", stderr up to the exit status it echoes
after the command ("-echo4", "${status}"); a non-zero status raises CalledProcessError as
`subprocess.run(..., check=True)` did, with exiftool's stderr in its message. The process is
started on the first call, started again when it has died or when the working folder or the
environment exiftool reads at start-up changed, and told to exit when the tests end. An argument
an argument file would change (a newline in it, leading white space, '#' first, spaces around a
'=') runs in its own process, as before."""

from __future__ import annotations

import atexit
import io
import locale
import os
import re
import selectors
import subprocess
import threading
from collections.abc import Sequence
from typing import Any

_STARTUP_ENV = ("HOME", "TZ", "EXIFTOOL_HOME", "PATH", "LANG", "LC_ALL", "LC_CTYPE")


class ExiftoolFailed(subprocess.CalledProcessError):
    """exiftool exited non-zero; its stderr is in the message."""

    def __str__(self) -> str:
        err = self.stderr
        said = err.decode("utf-8", "replace") if isinstance(err, bytes) else (err or "")
        return f"{super().__str__()} exiftool said: {said.strip()}"


def _plain(arg: str) -> bool:
    """Whether an argument file line carries `arg` unchanged (exiftool's FilterArgfileLine)."""
    if not arg or "\n" in arg or "\r" in arg or arg[0].isspace() or arg[0] == "#":
        return False
    return re.sub(r"^(-[-:\w]+#?)\s*([-+<]?=) ?", r"\1\2", arg, count=1, flags=re.ASCII) == arg


class _StayOpen:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._child: subprocess.Popen[bytes] | None = None
        self._started_in: tuple[str, ...] = ()
        self._count = 0
        self._pid = os.getpid()

    def _context(self) -> tuple[str, ...]:
        return (os.getcwd(), *(os.environ.get(name, "\0") for name in _STARTUP_ENV))

    def _ready(self) -> subprocess.Popen[bytes]:
        if self._pid != os.getpid():  # a fork: the parent's process is the parent's to close
            self._child, self._pid = None, os.getpid()
        child = self._child
        if child is not None and child.poll() is None and self._started_in == self._context():
            return child
        self.close()
        self._started_in = self._context()
        self._child = subprocess.Popen(
            ["exiftool", "-stay_open", "True", "-@", "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        return self._child

    def run(self, args: Sequence[str]) -> tuple[int, bytes, bytes]:
        """(exit status, stdout, stderr) of `exiftool *args`."""
        with self._lock:
            child = self._ready()
            self._count += 1
            n = self._count
            lines = [*args, "-echo4", f"{{ready{n} ${{status}}}}", f"-execute{n}"]
            assert child.stdin is not None and child.stdout is not None and child.stderr is not None
            try:
                child.stdin.write(b"".join(os.fsencode(line) + b"\n" for line in lines))
                child.stdin.flush()
            except BrokenPipeError:
                self.close()
                raise
            out_end = f"{{ready{n}}}\n".encode()
            err_end = re.compile(rb"\{ready%d (-?\d+)\}\n\Z" % n)
            out, err = bytearray(), bytearray()
            found: re.Match[bytes] | None = None
            with selectors.DefaultSelector() as sel:
                sel.register(child.stdout, selectors.EVENT_READ, out)
                sel.register(child.stderr, selectors.EVENT_READ, err)
                while not (out.endswith(out_end) and found is not None):
                    for key, _ in sel.select():
                        chunk = os.read(key.fd, 65536)
                        if not chunk:  # exiftool died in the middle of the command
                            self.close()
                            raise ExiftoolFailed(-1, ["exiftool", *args], bytes(out), bytes(err))
                        key.data.extend(chunk)
                    found = err_end.search(err)
            return int(found.group(1)), bytes(out[: -len(out_end)]), bytes(err[: found.start()])

    def close(self) -> None:
        child, self._child = self._child, None
        if child is None or self._pid != os.getpid():
            return
        try:
            if child.poll() is None:
                assert child.stdin is not None
                child.stdin.write(b"-stay_open\nFalse\n")
                child.stdin.close()
                child.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            child.kill()
            child.wait()
        finally:
            for stream in (child.stdin, child.stdout, child.stderr):
                if stream is not None:
                    stream.close()


_PROCESS = _StayOpen()
atexit.register(_PROCESS.close)


def _text(data: bytes) -> str:
    """As `subprocess.run(..., text=True)` decodes (locale encoding, universal newlines)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding=locale.getpreferredencoding(False)).read()


def exiftool(
    *args: str, capture: bool = True, text: bool = True
) -> subprocess.CompletedProcess[Any]:
    """`subprocess.run(["exiftool", *args], check=True, capture_output=capture, text=text)`, run
    by the worker's one exiftool process. Uncaptured output goes to this process's stdout and
    stderr (file descriptors 1 and 2), where the child's went."""
    cmd = ["exiftool", *args]
    if not all(_plain(arg) for arg in args):
        return subprocess.run(cmd, check=True, capture_output=capture, text=text)
    status, out, err = _PROCESS.run(args)
    if not capture:
        _write(1, out)
        _write(2, err)
        if status != 0:
            raise ExiftoolFailed(status, cmd, None, _text(err) if text else err)
        return subprocess.CompletedProcess(cmd, status, None, None)
    result: subprocess.CompletedProcess[Any] = (
        subprocess.CompletedProcess(cmd, status, _text(out), _text(err))
        if text
        else subprocess.CompletedProcess(cmd, status, out, err)
    )
    if status != 0:
        raise ExiftoolFailed(status, cmd, result.stdout, result.stderr)
    return result


def _write(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data) :]
