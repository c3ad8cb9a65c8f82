"""What a new user met at the command line: `phototagger --help` said neither how to start nor
what the exit statuses mean; `train --force --no-activate` trained a version and silently kept
the old one active; `people` after a scan (which looks for faces as it tags) said "0 photos
examined, 0 with people", as if it had found none."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.photo_factory import real_photo


def _help(capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as done:
        run(capsys, "--help")
    assert done.value.code == 0
    return capsys.readouterr().out


def test_help_says_how_to_start_and_what_exit_statuses_mean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = _help(capsys)
    start, statuses = (" ".join(part.split()) for part in text.split("\n\n")[-2:])
    assert start.startswith("To start: 'phototagger scan DIR' adds the photos in DIR")
    assert "'phototagger train' learns from your answers" in start
    assert statuses.startswith("Exit status: 0 done; 1 done, but some files had problems")
    for code in ("2 the command line was wrong", "3 it could not be done", "70 a bug", "130"):
        assert code in statuses


def test_train_force_and_no_activate_together_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as done:
        run(capsys, "train", "--force", "--no-activate")
    assert done.value.code == 2
    assert "--no-activate: not allowed with argument --force" in capsys.readouterr().err


def test_people_after_a_scan_says_nothing_was_waiting(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real_photo(tmp_path / "pics" / "chelsea.jpg", "chelsea")
    assert run(capsys, "scan", "--quiet", str(tmp_path / "pics"))[0] == 0
    code, out, err = run(capsys, "people")
    assert (code, err) == (0, "")
    assert out == (
        "no photo was waiting to be looked at for faces: a scan looks for them as it tags\n"
    )


def test_metadata_write_in_an_empty_library_says_nothing_was_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "0 photos: written into 0 photos, 0 already up to date; 0 keywords added, 0
    removed"."""
    code, out, err = run(capsys, "metadata", "write")
    assert (code, out, err) == (
        0,
        "nothing written: the library has no photos yet (phototagger scan DIR adds them)\n",
        "",
    )
    (tmp_path / "empty").mkdir()
    code, out, err = run(capsys, "metadata", "write", str(tmp_path / "empty"))
    assert (code, out) == (3, "nothing written\n")
    assert err == f"phototagger: no photos in {tmp_path / 'empty'}\n"


def test_models_usage_shows_its_action_is_optional(capsys: pytest.CaptureFixture[str]) -> None:
    """`models --help` showed 'models ... ACTION ...' as if an action were needed; without one
    it lists the versions."""
    with pytest.raises(SystemExit):
        run(capsys, "models", "--help")
    assert capsys.readouterr().out.startswith(
        "usage: phototagger models [-h] [--home DIR] [--json] [ACTION] ...\n"
    )
    code, out, _ = run(capsys, "models")
    assert code == 0 and out.startswith("v1    active built in")


@pytest.mark.parametrize(
    ("command", "says"),
    [
        ("tag", "tag rename OLD NEW, tag merge SRC DST or tag delete NAME"),
        ("metadata", "metadata read PATH or metadata write [PATH...]"),
    ],
)
def test_a_command_given_no_action_is_a_usage_error(
    command: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`phototagger tag` and `phototagger metadata` exited 3, a failure, where `phototagger
    scan` without a folder exits 2: the command line is incomplete."""
    code, out, err = run(capsys, command)
    assert (code, out) == (2, "")
    assert err == f"phototagger: say what to do: {says}\n"


def test_no_command_gives_a_short_start(capsys: pytest.CaptureFixture[str]) -> None:
    """`phototagger` alone printed the whole --help (64 lines, 18 commands), the way to start
    scrolled off the screen. It gives what it is, the four commands to begin with and where the
    rest is; exit 2 as before (no work done, the command line incomplete: as git, which exits
    non-zero, and 'phototagger tag' with no action)."""
    code, out, err = run(capsys)
    assert (code, err) == (2, "")
    lines = out.splitlines()
    assert len(lines) <= 12 and lines[0].startswith("phototagger tags your photo collection")
    begin = [line.split()[1] for line in lines if line.startswith("  phototagger ")]
    assert begin == ["scan", "search", "label", "train"]
    assert "'phototagger --help' lists every command" in " ".join(lines)
    assert run(capsys, "--home", "/nowhere")[:2] == (2, out)  # the same with only --home
