"""A label made on a renamed photo while the scan that finds the rename runs is kept (issue 9.1)."""

from __future__ import annotations

import os
from pathlib import Path

from phototagger.core.jobs import Progress
from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library, run_scan
from tests.store_helpers import tag_states


def test_a_label_on_the_new_name_during_the_scan_joins_the_old_row(engine, tmp_path: Path) -> None:
    pics = tmp_path / "P"
    original = real_photo(pics / "a.jpg", "chelsea")
    with new_library() as lib:
        run_scan(lib, [pics], engine)
        label_paths(lib.db, [str(original)], add=["old-label"], reject=["dog"])
        renamed = pics / "renamed_a.jpg"
        os.rename(original, renamed)
        # New photos sort before the renamed one, so its batch comes after the first report.
        for i in range(4):
            real_photo(pics / f"new-{i}.jpg", "coffee", quality=70 + i)
        labelled: list[str] = []

        def label_from_another_process(p: Progress) -> None:
            # The CLI's `label` in another process: its own connection to the same library.
            if p.phase == "tagging" and p.done and not labelled:
                with open_library(default_home()) as other:
                    outcome = label_paths(other.db, [str(renamed)], add=["mine"])
                labelled.extend(outcome.labelled)

        summary = run_scan(lib, [pics], engine, progress=label_from_another_process, batch_size=2)
        assert labelled == [str(renamed)]
        assert summary.moved == 1
        photo = get_photo_by_path(lib.db, str(renamed))
        assert photo is not None
        states = tag_states(lib.db, photo.id)
        assert states["mine"] == "added"
        assert states["old-label"] == "added" and states["dog"] == "rejected"
        assert get_photo_by_path(lib.db, str(original)) is None
