"""A problem file is tried again once its size, mtime or mode changes (issue 9.10)."""

from __future__ import annotations

import os
from pathlib import Path

from phototagger.core.scan import scan
from phototagger.store.photos import get_photo_by_path
from phototagger.store.problems import list_problems
from tests import photo_factory as pf
from tests.scan_helpers import never_load, new_library, run_scan


def _count(lib, path: Path) -> int:
    [problem] = [p for p in list_problems(lib.db) if p.path == str(path)]
    return problem.count


def test_a_problem_is_retried_when_only_its_mode_changes(tmp_path: Path) -> None:
    bad = pf.corrupt_jpeg(tmp_path / "bad.jpg")
    bad.chmod(0o600)
    with new_library() as lib:
        scan(lib, [str(tmp_path)], never_load)
        assert _count(lib, bad) == 1
        scan(lib, [str(tmp_path)], never_load)
        assert _count(lib, bad) == 1  # unchanged: not decoded again
        bad.chmod(0o644)  # size and mtime as they were; only the mode differs
        summary = scan(lib, [str(tmp_path)], never_load)
        assert summary.changed == 1
        assert _count(lib, bad) == 2  # decoded again (still damaged: still a problem)


def test_a_permission_fixed_by_the_user_gets_the_photo_tagged(engine, tmp_path: Path) -> None:
    photo = pf.unreadable_file(tmp_path / "cat.jpg")
    pf.skip_if_readable(photo)  # root reads a chmod 000 file: nothing to fix then
    with new_library() as lib:
        assert run_scan(lib, [tmp_path], engine).problems == 1
        os.chmod(photo, 0o644)
        summary = run_scan(lib, [tmp_path], engine)
        assert (summary.tagged, summary.problems) == (1, 0)
        found = get_photo_by_path(lib.db, str(photo))
        assert found is not None and found.status == "tagged"
