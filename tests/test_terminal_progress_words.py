"""The terminal's progress line for a step that counts nothing: what it does, never a bare 0."""

from __future__ import annotations

import io

from phototagger.core.jobs import Progress
from phototagger.terminal import TerminalProgress, describe


def test_a_step_with_no_count_says_what_it_does_not_zero() -> None:
    # `train` printed "preparing: 0" and a scan "preparing for training: 0".
    assert describe(Progress("preparing", 0, None, detail="reading your answers")) == (
        "preparing: reading your answers"
    )
    assert describe(Progress("preparing for training", 0, None)) == "preparing for training"


def test_counted_steps_keep_their_counts() -> None:
    assert describe(Progress("looking for photos", 263, None)) == "looking for photos: 263"
    assert describe(Progress("tagging", 0, 263)) == "tagging: 0/263, ETA --:--"
    assert describe(Progress("training", 50, 50)) == "training: 50/50"


def test_the_progress_lines_written_off_a_terminal_say_it_too() -> None:
    stream = io.StringIO()
    show = TerminalProgress(stream=stream, interval_s=0.0)
    show(Progress("preparing", 0, None, detail="reading your answers"))
    show(Progress("training", 1, 2))
    lines = stream.getvalue().splitlines()
    assert lines == ["preparing: reading your answers", "training: 1/2"]
