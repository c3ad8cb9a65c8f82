"""The `train` table of a tag whose held-out answers are all "no": F1, AP, precision and recall
have nothing to measure there, and are shown as "-", not as 0.00 (which read as a version that
got everything wrong, though it said "no" to every one of them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import face_labelled, run


def test_a_tag_held_out_only_on_no_answers_shows_dashes(
    template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics, _, patches = face_labelled(template, capsys)
    assert run(capsys, "label", *patches, "--reject", "animal")[0] == 0
    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line[:1].isalpha()}
    assert rows["animal"][1:] == ["-"] * 6  # held-out count, then F1 old/new, AP old/new, P, R
    assert int(rows["animal"][0]) > 0
    assert all(cell != "-" for cell in rows["face"][1:])  # a tag with yes answers held out

    code, out, _ = run(capsys, "train", "--json", "--no-activate")
    [animal] = [m for m in json.loads(out)["metrics"] if m["tag"] == "animal"]
    assert animal["new"]["positives"] == 0 and animal["new"]["negatives"] > 0  # counts kept


def test_figures_on_a_few_held_out_yes_answers_are_starred() -> None:
    """As the Train page marks them: F1 1.00 on one held-out yes is not a tag learned."""
    from phototagger.commands.models import _metrics_table
    from phototagger.core.retrain import TrainingResult
    from phototagger.core.validation import TagComparison
    from phototagger.ml.metrics import TagMetrics

    many = TagMetrics(0.9, 0.9, 0.9, 0.95, 12, 20)
    result = TrainingResult(
        "v2",
        "v1",
        [
            TagComparison("monkeys", 9, None, TagMetrics(1, 1, 1, 1, 1, 8)),
            TagComparison("dog", 32, many, many),
        ],
        True,
        "learned monkeys",
    )
    header, monkeys, dog, note = _metrics_table(result)
    assert monkeys.split() == ["monkeys", "9", "new", "1.00", "new", "1.00", "1.00", "1.00", "*"]
    assert not dog.endswith("*")
    assert note == "* tested on fewer than 5 yes answers: these figures say little yet"
    assert len(_metrics_table(TrainingResult("v3", "v1", result.metrics[1:], True, ""))) == 2


def test_a_row_of_dashes_is_explained_under_the_table() -> None:
    """'boats 5 - - - - - -' (a review round answered no, then train) stood unexplained under
    the table's figures; the line under it says what the dashes mean, as the Train page's
    tooltip does (polish36)."""
    from phototagger.core.validation import NOTHING_TO_MEASURE
    from phototagger.ml.metrics import TagMetrics

    all_no = TagMetrics(0, 0, 0, 0, 0, 5)
    header, boats, dog, note = _table_beside_dog("boats", 5, all_no, all_no)
    assert boats.split() == ["boats", "5", *["-"] * 6]
    assert note == f"- where {NOTHING_TO_MEASURE}"


def _table_beside_dog(tag: str, tested: int, old: object, new: object) -> list[str]:
    """`train`'s table of `tag` (its TagMetrics before and after) beside 'dog', a tag measured
    on 12 yes and 20 no; the table of 'dog' alone has no line under it."""
    from phototagger.commands.models import _metrics_table
    from phototagger.core.retrain import TrainingResult
    from phototagger.core.validation import TagComparison
    from phototagger.ml.metrics import TagMetrics

    many = TagMetrics(0.9, 0.9, 0.9, 0.95, 12, 20)
    dog = TagComparison("dog", 32, many, many)
    assert len(_metrics_table(TrainingResult("v3", "v2", [dog], True, ""))) == 2
    tagged = TagComparison(tag, tested, old, new)  # type: ignore[arg-type]
    return _metrics_table(TrainingResult("v3", "v2", [tagged, dog], True, f"learned {tag}"))


def test_ap_on_yes_answers_alone_is_a_dash() -> None:
    """'holiday Crete', taught on the Crete folder's photos with yes answers alone, read
    "tested 15  F1 new 0.00  AP new 1.00": with no "no" tested, any order puts the yes first
    and AP is 1.00 however the version ranks them (polish36). It reads "-", and the line under
    the table says why; F1, precision and recall, which the yes do measure, stay."""
    from phototagger.core.validation import ONLY_YES
    from phototagger.ml.metrics import TagMetrics

    only_yes = TagMetrics(0, 0, 0, 1, 15, 0)
    header, crete, dog, note = _table_beside_dog("holiday Crete", 15, None, only_yes)
    assert crete.split()[2:] == ["15", "new", "0.00", "new", "-", "0.00", "0.00"]
    assert note == f"- in AP where {ONLY_YES}"
    assert dog.split()[-2:] == ["0.90", "0.90"] and "-" not in dog.split()
