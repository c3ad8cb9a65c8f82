"""Starting the desktop app: `phototagger gui` or `python -m phototagger.gui`."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QMessageBox

from phototagger import __version__
from phototagger.paths import LibraryHome


def run(argv: Sequence[str] | None = None, home: LibraryHome | None = None) -> int:
    """Open the window on `home` (given with --home), else on the home chosen at start-up."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName("phototagger")
    app.setApplicationDisplayName("phototagger")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("phototagger")

    from phototagger.core.library import open_library
    from phototagger.core.preferences import CANNOT_OPEN
    from phototagger.gui.location import LibraryLocation
    from phototagger.gui.main_window import MainWindow
    from phototagger.gui.resources import app_icon

    app.setWindowIcon(app_icon())
    try:
        library = open_library(home or LibraryLocation().startup_home())
    except CANNOT_OPEN as exc:
        QMessageBox.critical(None, "phototagger", f"The library could not be opened:\n{exc}")
        return 3
    window = MainWindow(library)
    window.show()
    code = app.exec()
    if window.jobs.busy:
        # The job is still in a batch (or loading the model) and was told to stop: the library
        # is consistent at every commit and the job resumes next time, so do not wait for it.
        sys.stdout.flush()
        os._exit(code)
    library.close()
    return code
