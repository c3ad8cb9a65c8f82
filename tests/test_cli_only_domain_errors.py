"""The command line turns domain errors into one line and their exit code, and nothing else:
a ValueError or KeyError from a real command is a bug, reported as one (exit 70)."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.cli import main
from phototagger.core import catalog, labels
from phototagger.core.errors import PhotoError
from phototagger.core.library import open_library
from phototagger.core.model import review
from phototagger.ml.device import DeviceUnavailableError
from phototagger.paths import default_home
from tests.switch_helpers import synthetic_library


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and "please report" not in err
    return lines[0]


@pytest.fixture
def library() -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 30)


@pytest.mark.usefixtures("library")
@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["review", "zebra crossing"], "there is no tag called 'zebra crossing'"),
        (["scores", "zebra crossing"], "there is no tag called 'zebra crossing'"),
        (["train", "--json"], "there are no corrections to learn from yet"),
        (["models", "use", "v9"], "there is no model version v9 (versions: v1)"),
        (["tags", "/nowhere/x.jpg"], "/nowhere/x.jpg is not in the library"),
        (["similar", "/nowhere/x.jpg"], "/nowhere/x.jpg is not in the library"),
        (["tag", "rename", "no such tag", "other"], "there is no tag called 'no such tag'"),
        (["search", "cat | dog"], "no tag is called 'cat | dog'"),
    ],
)
def test_what_this_library_cannot_do_is_one_line_and_exit_3(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 3
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"phototagger: {says}"), line


PHOTO = "/synthetic/000001.jpg"


@pytest.mark.usefixtures("library")
@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (
            ["search"],
            "give at least one TAG, --not TAG, --untagged, --name, --rating, --label or --pick",
        ),
        (["search", "--untagged", "cat"], "--untagged finds photos with no tag at all"),
        (["label", PHOTO], "nothing to do: give --add, --reject or --remove"),
        (["label", PHOTO, "--add", "cat", "--reject", "cat"], "'cat' cannot be both added"),
        (["label", PHOTO, "--add", " "], "a tag name cannot be empty"),
        (["label", PHOTO, "--add", "a|b"], "a tag name cannot hold '|'"),
        (["tag", "rename", "cat", "a//b"], "'a//b' is not a tag name"),
        (["review", "cat", "--limit", "0"], "--limit must be at least 1"),
        (["scores", "cat", "--limit", "-3"], "--limit must be at least 1"),
        (["similar", PHOTO, "--limit", "0"], "--limit must be at least 1"),
        (["duplicates", "--threshold", "2"], "--threshold must be between 0 and 1"),
        (["duplicates", "--threshold", "0"], "--threshold must be between 0 and 1"),
    ],
)
def test_a_command_line_wrong_in_itself_is_one_line_and_exit_2(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 2 is a command line wrong whatever the library holds (fix the command); 3 what this
    library, these files or this machine cannot do. These exited 3, where the README and --help
    give 2 to the command line that was wrong, as argparse's own refusals say it: a script could
    not tell "fix the command" from "the library could not do it"."""
    assert main(argv) == 2
    out, err = capsys.readouterr()
    line = _one_line(err)
    assert out == ""
    assert line.startswith(f"phototagger: {says}"), line


def test_a_library_too_new_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with open_library(default_home()) as lib:
        lib.db.execute("PRAGMA user_version = 999")
    assert main(["stats"]) == 3
    assert "newer than this phototagger understands" in _one_line(capsys.readouterr().err)


def test_lower_layer_failures_reach_the_user_as_domain_errors(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As `scan --device gpu` meets it on a machine without one, raised deep in ml.
    def no_gpu(*args: object, **kwargs: object) -> object:
        raise DeviceUnavailableError("no GPU is visible to TensorFlow")

    monkeypatch.setattr(catalog, "library_stats", no_gpu)
    assert main(["stats"]) == 3
    assert _one_line(capsys.readouterr().err) == "phototagger: no GPU is visible to TensorFlow"

    def unreadable(*args: object, **kwargs: object) -> object:
        raise PhotoError("CORRUPT", "the file is damaged")

    monkeypatch.setattr(catalog, "library_stats", unreadable)
    assert main(["stats"]) == 3
    assert _one_line(capsys.readouterr().err) == "phototagger: the file is damaged"


@pytest.mark.usefixtures("library")
@pytest.mark.parametrize("bug", [ValueError("an index went wrong"), KeyError("cat")])
def test_a_builtin_error_inside_a_command_is_a_bug(
    bug: Exception, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Where the CLI once caught ValueError/KeyError broadly and showed a friendly line.
    def broken(*args: object, **kwargs: object) -> object:
        raise bug

    monkeypatch.setattr(labels, "label_paths", broken)
    monkeypatch.setattr(review, "review_queue", broken)
    monkeypatch.setattr(review, "review_round", broken)  # `review`'s queue, with its state
    assert main(["label", "/synthetic/000001.jpg", "--add", "cat"]) == 70
    err = capsys.readouterr().err
    assert f"unexpected error: {type(bug).__name__}" in err and "please report" in err
    assert main(["review", "cat"]) == 70
    assert "please report" in capsys.readouterr().err


def test_a_closed_pipe_is_not_a_bug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    import tempfile

    def reader_gone(*args: object, **kwargs: object) -> object:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(catalog, "library_stats", reader_gone)
    with tempfile.TemporaryFile("w") as sink:  # main() points stdout's descriptor elsewhere
        saved = os.dup(1)
        monkeypatch.setattr("sys.stdout", sink)
        try:
            assert main(["stats"]) == 141
        finally:
            os.dup2(saved, 1)
            os.close(saved)
    assert "please report" not in capsys.readouterr().err


@pytest.mark.usefixtures("library")
def test_an_export_file_that_cannot_be_written_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no such folder" / "tags.json"
    assert main(["export", "--json", "-o", str(target)]) == 3
    line = _one_line(capsys.readouterr().err)
    assert line == f"phototagger: cannot write {target}: No such file or directory"
