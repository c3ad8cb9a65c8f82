"""`search --untagged TAG` used to list every untagged photo, dropping the TAG without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import run


def test_untagged_with_a_tag_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--untagged", "animal"], ["--untagged", "--any", "cat", "dog"]):
        code, out, err = run(capsys, "search", *argv)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and "cannot be combined with a TAG" in err
        assert "Traceback" not in err


def test_a_tag_name_that_is_no_tag_is_named(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo ('search dgo') found nothing and said only '0 photos'; '--not insct' excluded
    nothing without a word. Each is named, with the tag it looks like, as review and scores
    ask it (they said only "there is no tag called 'dgo'")."""
    from tests.cli_helpers import scan_with
    from tests.photo_factory import real_photo

    cat = real_photo(tmp_path / "Pictures" / "cat.jpg", "chelsea")
    assert scan_with(engine, cat.parent, monkeypatch, capsys) == 0
    code, out, err = run(capsys, "search", "CAT")
    assert code == 0 and out.splitlines() == [str(cat)] and "note" not in err
    code, out, err = run(capsys, "search", "dgo")
    assert code == 0 and out == ""
    assert err.splitlines() == [
        "phototagger: note: there is no tag called 'dgo': did you mean 'dog'?",
        "0 photos",
    ]
    code, out, err = run(capsys, "search", "cat", "--not", "insct")
    assert out.splitlines() == [str(cat)]
    assert "no tag called 'insct': did you mean 'insect'?" in err
    code, out, err = run(capsys, "search", "gran")  # like no tag: nothing asked
    assert err.splitlines() == ["phototagger: note: there is no tag called 'gran'", "0 photos"]


def test_tags_on_both_sides_of_an_option_are_all_tags(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """'search people --any portrait group' was refused: 'unrecognized arguments: portrait
    group' (argparse takes a list of TAGs in one run)."""
    from tests.cli_helpers import scan_with
    from tests.photo_factory import real_photo

    cat = real_photo(tmp_path / "Pictures" / "cat.jpg", "chelsea")
    cup = real_photo(tmp_path / "Pictures" / "cup.jpg", "coffee")
    assert scan_with(engine, cat.parent, monkeypatch, capsys) == 0
    code, out, _ = run(capsys, "search", "rocket", "--any", "cat", "coffee")
    assert code == 0 and sorted(out.splitlines()) == sorted([str(cat), str(cup)])
    code, out, _ = run(capsys, "search", "animal", "--not", "coffee", "cat")
    assert code == 0 and out.splitlines() == [str(cat)]
    # Anything else left over is still refused, as before.
    with pytest.raises(SystemExit) as stop:
        run(capsys, "search", "cat", "--zzz", "dog")
    assert stop.value.code == 2 and "unrecognized arguments: --zzz dog" in capsys.readouterr().err
