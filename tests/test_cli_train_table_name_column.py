"""`train`'s per-tag table printed each tag name in a fixed 24-character column: a longer name
pushed that row's figures out from under their headings. The names column is as wide as the
longest name up to 40 columns now (as `stats` and `tags PHOTO`); a longer name has its line to
itself, whole, and its figures go below, in the column."""

from __future__ import annotations

from phototagger.commands.base import shown_width
from phototagger.commands.models import _metrics_table
from phototagger.core.retrain import TrainingResult
from phototagger.core.validation import TagComparison
from phototagger.ml.metrics import TagMetrics

LONG = "Places/France/Paris/Montmartre/Sacre-Coeur at dawn"  # 50 characters: its own line
NAMES = ["cat", "Places/France/Paris/Montmartre", "東京/夜景", LONG]


def test_figures_stay_under_their_headings_whatever_the_names() -> None:
    figures = TagMetrics(0.9, 0.8, 0.85, 0.95, 12, 20)
    result = TrainingResult(
        "v2", "v1", [TagComparison(name, 32, figures, figures) for name in NAMES], True, ""
    )
    lines = _metrics_table(result)
    assert len(lines) == 1 + len(NAMES) + 1  # the heading, a row each, the long name's own
    at = lines.index(LONG)
    rows = [lines[0], *lines[1:at], *lines[at + 1 :]]
    # Each row's figures start in one column: just after the widest name that fits (30) and
    # two spaces, counted in terminal columns (東京/夜景's four wide characters take two each).
    heading, *figure_rows = rows
    assert heading.startswith("tag" + " " * 29) and heading[32:].split()[0] == "tested"
    for name, row in zip(["cat", NAMES[1], NAMES[2], ""], figure_rows, strict=True):
        assert row.startswith(name)
        pad = 32 - shown_width(name)
        assert row[len(name) : len(name) + pad] == " " * pad
        assert row[len(name) + pad :].split()[0] == "32"  # tested, right under its heading
        assert len(row) - len(name) + shown_width(name) == len(heading)
