"""`review` lists photos to look at and answer; a listed photo whose file was deleted, moved,
left on a drive not connected, or made a folder since the scan was listed as any other, and
the user sent to open a path that was not there. It now says which are not there (stderr,
after the list), and that an answer still counts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.retrain_helpers import faces_labelled


def test_review_says_which_listed_photos_are_not_there(
    template: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    faces_labelled(template)
    code, _out, err = run(capsys, "train")
    assert code == 0, err
    code, out, err = run(capsys, "review", "face")
    assert code == 0, err
    listed = [Path(line.split()[1]) for line in out.splitlines()]
    assert len(listed) >= 3 and "not there" not in err
    # The template's photos, shared by the session's tests: put back as they were after.
    aside = tmp_path / "aside"
    aside.mkdir()
    changed = listed[1:3]
    for photo in changed:
        shutil.move(photo, aside / photo.name)
    try:
        changed[0].mkdir()  # made a folder; the other one gone
        code, again, err = run(capsys, "review", "face")
        assert code == 0, err
        assert again == out  # the list as it was
        assert err.splitlines()[-2] == (
            f"phototagger: the files of 2 of these photos ({changed[0].name} and 1 more) are "
            "not there any more (deleted, moved, on a drive not connected, or no longer a file "
            "since the last scan); an answer given still counts, and a scan of their folder "
            "takes photos deleted out of the queue (phototagger scan FOLDER)"
        ), err
    finally:
        changed[0].rmdir()
        for photo in changed:
            shutil.move(aside / photo.name, photo)
