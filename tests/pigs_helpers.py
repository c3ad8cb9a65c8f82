"""A library where "pigs" is taught on det-photos' 5 swine (one a platypus 0.14 to the tagger)
and 5 "no" (the first photo of each of tests/test_unshown_kinds.NO's kinds)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from phototagger.core.labels import label_paths
from phototagger.core.library import Library
from tests.scan_helpers import run_scan
from tests.test_similar_figure_means_something import det_photos
from tests.test_unshown_kinds import NO


def taught_pigs(
    lib: Library, engine: object, pics: Path, every: int, extra: Sequence[Path]
) -> tuple[list[Path], list[Path]]:
    """Every `every`-th det-photo, the swine, the "no" photos and `extra` copied into `pics`
    (made here), scanned into `lib`, and "pigs" said yes on the swine and no on the "no"
    photos: (the swine, the "no" photos), as det-photos holds them."""
    source = det_photos()
    pics.mkdir()
    swine = sorted(source.glob("*_swine.jpg"))
    noes = [sorted(source.glob(f"*_{kind}.jpg"))[0] for kind in NO]
    for path in {*sorted(source.glob("*.jpg"))[::every], *swine, *noes, *extra}:
        shutil.copy(path, pics / path.name)
    run_scan(lib, [pics], engine, batch_size=32)
    label_paths(lib.db, [str(pics / p.name) for p in swine], add=["pigs"])
    label_paths(lib.db, [str(pics / p.name) for p in noes], reject=["pigs"])
    return swine, noes
