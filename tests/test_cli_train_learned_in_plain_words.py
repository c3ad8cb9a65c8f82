"""`train` said how each new tag was learned in the version record's words: "bits: like your
examples' classes and their WordNet neighbours (51 classes)", "like 16 ImageNet classes of your
examples" (polish28). ImageNet and WordNet classes are jargon to a photographer; the Train page
says "like your examples". `train` now says it as the window does (core/learned_words.py), and
--json keeps the record's words under counts.learned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.core.learned_words import how_in_words
from tests.cli_helpers import run
from tests.retrain_helpers import library_from


def test_train_says_how_a_tag_was_learned_as_the_window_does(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib, pics = library_from(template)
    lib.close()
    faces = [str(pics / f"face{i:03d}.jpg") for i in range(20)]
    patches = [str(pics / f"patch{i:03d}.jpg") for i in range(16)]
    cats = [str(pics / "chelsea.jpg"), str(pics / "chelsea-copy.jpg")]
    # Photo patches (no WordNet node fits them) and cats with patches (one does, and more).
    assert run(capsys, "label", *patches[:8], "--add", "bits")[0] == 0
    assert run(capsys, "label", *faces[:12], "--reject", "bits")[0] == 0
    assert run(capsys, "label", *cats, *patches[12:16], "--add", "mix")[0] == 0
    assert run(capsys, "label", *faces[12:20], "--reject", "mix")[0] == 0

    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    assert code == 0
    learned = json.loads(out)["counts"]["learned"]
    assert set(learned) == {"bits", "mix"}
    # --json carries the record's words, as it did.
    for how in learned.values():
        assert "classes" in how["label"], learned

    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0
    lines = {line.strip() for line in out.splitlines()}
    for tag, how in learned.items():
        said = how_in_words(how)  # weak34: with how many yes photos its groups show in
        assert f"{tag}: {said}" in lines, out
        assert "ImageNet" not in said and "WordNet" not in said and "classes" not in said
    assert "bits: like your examples" in lines, out
    assert not [line for line in lines if "ImageNet" in line or "WordNet" in line], out
