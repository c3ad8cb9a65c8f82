"""Running the command line in a test as a user would, and the CLI's first lesson: a tag taught."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.cli import main
from tests.retrain_helpers import library_from


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of `phototagger ARGV...`."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def scan_with(
    engine: object,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> int:
    """`phototagger scan --quiet FOLDER` with the session's engine (the CLI would load its own
    again); its exit status, its output read and dropped."""
    monkeypatch.setattr(
        "phototagger.commands.library.tagger_loader", lambda library, args: lambda: engine
    )
    return run(capsys, "scan", "--quiet", str(folder))[0]


def face_labelled(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, list[str], list[str]]:
    """The template library copied, 'face' added to 6 faces and rejected on 12 patches from the
    command line: (the photos' folder, the faces, the patches)."""
    lib, pics = library_from(template)
    lib.close()
    faces = [str(pics / f"face{i:03d}.jpg") for i in range(6)]
    patches = [str(pics / f"patch{i:03d}.jpg") for i in range(12)]
    assert run(capsys, "label", *faces, "--add", "face")[0] == 0
    assert run(capsys, "label", *patches, "--reject", "face")[0] == 0
    return pics, faces, patches
