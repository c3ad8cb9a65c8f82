"""Shared set-up for scan tests: a library in the test's home and a scan with the real engine."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from phototagger.core.jobs import CancelToken, Progress
from phototagger.core.library import Library, open_library
from phototagger.core.scan import ScanSummary, scan
from phototagger.paths import default_home


def run_scan(
    library: Library,
    roots: list[Path],
    engine: Any,
    *,
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
    batch_size: int = 32,
) -> ScanSummary:
    """`library` scanned with `engine`, in batches of 32 as `phototagger scan` does; a test
    about what happens between batches (a stop after the first, a scan started during another)
    asks for smaller ones."""
    return scan(
        library,
        [str(r) for r in roots],
        lambda: engine,
        progress=progress,
        cancel=cancel,
        batch_size=batch_size,
    )


def never_load() -> Any:
    raise AssertionError("the model was loaded, but nothing needed tagging")


def new_library() -> Library:
    return open_library(default_home())


def walk_only(folder: Path) -> ScanSummary:
    """A scan of `folder` stopped once the walk has committed (the model never loads)."""
    walked = CancelToken()

    def stop_after_the_walk(p: Progress) -> None:
        if p.phase == "looking for photos" and p.done == p.total:
            walked.cancel()

    with new_library() as lib:
        return scan(lib, [str(folder)], never_load, progress=stop_after_the_walk, cancel=walked)


def two_photos(folder: Path) -> Path:
    """`folder`, made, with the first two photos of the shared det-photos set in it."""
    folder.mkdir()
    for source in sorted(Path("/work/shared/data/det-photos").glob("*.jpg"))[:2]:
        shutil.copyfile(source, folder / source.name)
    return folder
