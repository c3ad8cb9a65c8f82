"""Labels on photos that could not be read (a damaged file has no embedding) teach nothing: five
of them must not make a new tag "learned from your examples" with no example behind it, and
`train` says why the labels did not count."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import run, scan_with
from tests.photo_factory import real_photo


def test_a_tag_only_on_damaged_photos_is_not_learned(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "Pictures"
    cat = real_photo(pics / "cat.jpg", "chelsea")
    real_photo(pics / "coffee.jpg", "coffee")
    whole = cat.read_bytes()
    damaged = []
    for i in range(5):  # cut short at different lengths: five different files
        damaged.append(pics / f"cut{i}.jpg")
        damaged[-1].write_bytes(whole[: len(whole) // 3 + 1000 * i])
    assert scan_with(engine, pics, monkeypatch, capsys) == 1  # 5 problems

    assert run(capsys, "label", *map(str, damaged), "--add", "ghost")[0] == 0
    code, out, err = run(capsys, "train", "--json")
    assert (code, out) == (3, "")
    assert err.splitlines()[-1] == (
        "phototagger: a new tag is learned once 5 photos have it: 'ghost' has 0 (add it to 5 "
        "more); 5 of your labels are on photos that could not be read and do not count (see "
        "the problems list)"
    )
    code, out, _ = run(capsys, "models", "--json")
    assert code == 0 and '"v2"' not in out  # no version was made
    # review counts them the same way, rather than "5 photos have it: train to learn it".
    code, _, err = run(capsys, "review", "ghost")
    assert code == 3 and err == (
        "phototagger: the model has not learned 'ghost' yet: label a few photos with it "
        "(besides 5 that could not be read) and train\n"
    )
