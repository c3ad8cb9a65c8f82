"""`classify` of a mistyped name says there is no such file; it said "the file is no longer there
(it was moved or deleted during the scan)", though classify scans nothing."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.classify import classify_files
from tests.photo_factory import real_photo


def test_a_missing_file_is_said_plainly_and_the_others_classified(engine, tmp_path: Path) -> None:
    cat = real_photo(tmp_path / "cat.jpg", "chelsea")
    missing, good = classify_files([str(tmp_path / "cta.jpg"), str(cat)], engine)
    assert missing.error is not None
    assert (missing.error.code, missing.error.message) == ("VANISHED", "there is no such file")
    assert good.error is None and "cat" in {name for name, _ in good.tags}
