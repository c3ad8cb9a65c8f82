"""`review` after `tag rename` / `tag merge` / `tag delete` of a learned tag. What a version learned
follows the new name, so review of the old name said "the active model (v2) has no output for
'face': v2 learned it (phototagger models use v2)", sending the user to the version in use; and
after a rollback, review of the new name did not know that v2 learned it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import face_labelled, run


def test_review_follows_a_learned_tag_to_its_new_name(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    face_labelled(template, capsys)
    code, out, _ = run(capsys, "train")
    assert code == 0 and "v2 is now active" in out

    assert run(capsys, "tag", "rename", "face", "mugshot")[0] == 0
    code, out, err = run(capsys, "review", "face")
    assert (code, out) == (3, "")
    assert err == (
        "phototagger: there is no tag 'face' any more: it was renamed or merged into 'mugshot'\n"
    )
    code, out, _ = run(capsys, "review", "mugshot", "--limit", "3")
    assert code == 0 and len(out.splitlines()) == 3

    # Rolled back: v2 learned the tag under its old name, and the message says v2 knows it.
    assert run(capsys, "models", "use", "v1")[0] == 0
    code, _, err = run(capsys, "scores", "mugshot")
    assert code == 3 and err == (
        "phototagger: the version in use (v1) does not know 'mugshot': you taught it in "
        "version v2, which is not active (phototagger models use v2)\n"
    )

    # Renamed again, then deleted: the first name's trail ends where the tag did.
    assert run(capsys, "tag", "rename", "mugshot", "Faces")[0] == 0
    assert run(capsys, "review", "face")[2].endswith("renamed or merged into 'Faces'\n")
    assert run(capsys, "tag", "delete", "Faces")[0] == 0
    assert run(capsys, "review", "mugshot")[2] == (
        "phototagger: there is no tag 'mugshot' any more: it was deleted\n"
    )
