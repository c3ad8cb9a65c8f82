"""Can a worker thread's Qt call freeze the window? A stress run of the deadlock in commit
dd2601a: worker threads make one kind of Qt call in a loop, holding Python's lock (the GIL),
while the GUI thread does what a window does as it lives and goes, connecting signals and
dropping the objects it connected (PySide disconnects them from a weak reference's callback,
inside Qt's signal-slot lock, and needs Python's lock there).

    .venv/bin/python -m benchmarks.qt_lock_freeze [SECONDS [RUNS [KIND...]]]

Each run is a child process; one that stops making progress is a freeze (its Python stacks are
printed: the GUI thread in the drop, the workers in their Qt call). Kinds:
  read-any    QImage.fromData on bytes no plugin claims (every plugin asked; SVG's check connects)
  read-jpeg   QImage.fromData(data, "JPEG") (dd2601a's reading: a QBuffer, the JPEG plugin)
  qobject     a QObject made and destroyed on the worker
  handoff     what a thumbnail thread does now: Pillow decodes, QImage copy and scaled, and
              handoff.Mailbox.put (a deque, the emit of the app-lifetime wake() signal)
A freeze is a race: one that does not show in a few runs is not ruled out. Measured on the
shared 2-core build machine (load 2 to 6): a first version of this probe froze once with
read-any in 10 s (the GUI thread at the drop, the workers in QImage.fromData), then read-any
0 of 19 runs of 10 s (and 0 of 3 with SWITCH_S=0.05: Python's lock kept ten times longer),
read-jpeg 0 of 5, qobject 0 of 5, handoff 0 of 6. A mailbox put without pause by two threads
held the GUI thread in its drain, 2 of 2 (commit 0ccacec). Too rare to test in the suite: it is
the tool to try a new kind of call with. SWITCH_S sets Python's switch interval (5 ms default).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import textwrap
import time

CHILD = textwrap.dedent(
    """
    import faulthandler, io, sys, threading, time
    from PIL import Image
    from PySide6.QtCore import QBuffer, QObject, Signal
    from PySide6.QtGui import QGuiApplication, QImage
    from phototagger.gui.handoff import Mailbox
    from phototagger.gui.pictures import pil_to_qimage

    kind, seconds = sys.argv[1], float(sys.argv[2])
    sys.setswitchinterval(float(sys.argv[3]))  # how long a thread keeps Python's lock
    app = QGuiApplication([])
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, "JPEG")
    jpeg = out.getvalue()
    junk = b"not an image at all " * 20

    class Taker(QObject):
        def take(self, *args):
            pass

    taker = Taker()
    mailbox = Mailbox(taker.take)
    stop = threading.Event()
    calls = [0]

    def work():
        while not stop.is_set():
            if kind == "read-any":
                QImage.fromData(junk)
            elif kind == "read-jpeg":
                QImage.fromData(jpeg, "JPEG")
            elif kind == "qobject":
                QBuffer()
            elif kind == "handoff":
                with Image.open(io.BytesIO(jpeg), formats=["JPEG"]) as picture:
                    mailbox.put(pil_to_qimage(picture).scaled(32, 24))
            calls[0] += 1

    class Sender(QObject):
        sig = Signal(object)
        plain = Signal()

    class Plain:
        def method(self, *args):
            pass

    sender = Sender()
    for _ in range(2):
        threading.Thread(target=work, daemon=True).start()
    faulthandler.dump_traceback_later(seconds + 10, exit=True)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for _ in range(50):
            dropped, plain = Sender(), Plain()
            dropped.sig.connect(lambda *a: None)
            dropped.plain.connect(sender.plain)
            sender.sig.connect(plain.method)  # PySide follows `plain` with a weak reference
            del dropped, plain  # the disconnects, from the weak reference's callback
        app.processEvents()
    stop.set()
    print("calls", calls[0], flush=True)
    """
)

KINDS = ["read-any", "read-jpeg", "qobject", "handoff"]
SWITCH_S = float(os.environ.get("SWITCH_S", "0.005"))  # Python's default: 5 ms


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Worker threads' Qt calls against a GUI thread's drops: does it freeze?"
    )
    parser.add_argument("seconds", nargs="?", type=float, default=10.0, help="each run's length")
    parser.add_argument("runs", nargs="?", type=int, default=3, help="runs of each kind")
    parser.add_argument("kinds", nargs="*", help=f"of {', '.join(KINDS)} (default: all)")
    args = parser.parse_args()
    if set(args.kinds) - set(KINDS):
        parser.error(f"kinds are {', '.join(KINDS)}")
    seconds, runs, kinds = args.seconds, args.runs, args.kinds or KINDS
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for kind in kinds:
        froze = 0
        for _ in range(runs):
            started = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-c", CHILD, kind, str(seconds), str(SWITCH_S)],
                env=env,
                capture_output=True,
                text=True,
                timeout=seconds + 60,
            )
            if "calls" not in done.stdout:
                froze += 1
                print(f"{kind}: froze (after {time.monotonic() - started:.0f} s)\n{done.stderr}")
        print(f"{kind:10} {froze} of {runs} runs froze", flush=True)


if __name__ == "__main__":
    main()
