"""`classify` printed each tag name in a fixed 20-character column ({name:<20}), where `stats`,
`tags PHOTO` and `train` lay their names out in one column as wide as the longest name
(commands/base.name_column_lines). classify only ever prints the built-in tags (no library,
no user's tag; the longest, "musical instrument", is 18 characters), so nothing was cut or
pushed out of line; its lines are laid out as the others' now, whatever a name's length."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.photo_factory import real_photo
from tests.session_runtimes import sessions_tensorflow
from tests.test_cli_journey import run

__all__ = ["sessions_tensorflow"]


@pytest.mark.model
def test_classify_lays_out_its_tags_as_stats_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sessions_tensorflow: object
) -> None:
    """(classify's model is the session's engine, not one loaded for each run.)"""
    photos = [real_photo(tmp_path / f"{name}.jpg", name) for name in ("chelsea", "coffee")]
    code, out, _ = run(capsys, "classify", "--json", *map(str, photos))
    assert code == 0
    tagged = {
        r["path"]: [(t["name"], t["confidence"]) for t in r["tags"]]
        for r in json.loads(out)["photos"]
    }
    code, out, _ = run(capsys, "classify", *map(str, photos))
    assert code == 0
    lines = out.splitlines()
    for photo in map(str, photos):
        tags = tagged[photo]
        assert len(tags) >= 2  # (chelsea: animal, cat; coffee: coffee, drink)
        at = lines.index(photo)
        widest = max(len(name) for name, _ in tags)
        for (name, confidence), line in zip(tags, lines[at + 1 : at + 1 + len(tags)], strict=True):
            # The figures two spaces after the widest name of the photo's tags, as in `stats`.
            column = 2 + widest + 2
            assert line[:column] == f"  {name:<{widest}}  ", line
            figure = line[column : column + 5]  # '{conf:5.2f}', ' 0.95'
            assert figure.lstrip()[:1].isdigit() and line[column + 5 : column + 7] == "  ", line
            assert float(figure) == pytest.approx(confidence, abs=0.006)
