"""A picture loader or thumbnail cache dropped while its thread is decoding does not hang the
program. A QThreadPool owned by a widget did: its destructor waited for the running decode while
holding Python's interpreter lock, which the decode needed to finish (seen in a full test run),
and a decode finishing after its owner was gone raised inside Qt's worker thread.
Run in a child process so that a hang fails the test instead of stopping the suite."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.child_process import run_gui_child

CHILD = textwrap.dedent(
    """
    import gc, sys, threading, time
    from pathlib import Path
    from PIL import Image
    from PySide6.QtWidgets import QApplication
    from phototagger.gui import pictures, thumbnails

    app = QApplication([])
    started = threading.Event()

    def slow(path, max_side=None):  # a decode that needs the interpreter lock to finish
        started.set()
        end = time.monotonic() + 0.5
        while time.monotonic() < end:
            sum(range(1000))
        return Image.new("RGB", (8, 8))

    pictures.load_full_image = slow
    thumbnails.load_full_image = slow
    for make, ask in (
        (pictures.PictureLoader, lambda o: o.load("/nowhere/a.jpg")),
        (lambda: thumbnails.ThumbnailCache(Path(sys.argv[1])), lambda o: o.image(None, "/x.jpg")),
    ):
        started.clear()
        owner = make()
        ask(owner)
        assert started.wait(10), "the decode never started"
        owner.deleteLater()
        del owner
        gc.collect()
        app.processEvents()
    print("dropped")
    """
)


def test_dropping_a_loader_mid_decode_does_not_hang(tmp_path: Path) -> None:
    done = run_gui_child(CHILD, str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "dropped"
    # Nothing escaped a worker thread (a QThreadPool reported "Qt Concurrent has caught an
    # exception thrown from a worker thread" when its owner went away mid-decode).
    assert "exception" not in done.stderr.lower(), done.stderr
