"""The tags a model switch moved, in the status line's few words (activation.moved_words): the
most photos first, up to 3 named, "and N more tags" after; a tag both gained and lost on
photos says both. The switch itself is tested in test_gui_switch_says_what_changed and
test_cli_rollback_names_lost_tags."""

from __future__ import annotations

from phototagger.core.model.activation import moved_words
from phototagger.tag_names import LITERAL_SLASH


def test_the_tags_a_switch_moved_in_few_words() -> None:
    moves = {
        "kitchen things": (0, 2),
        "dog": (1, 0),
        "Beach": (3, 1),
        "cat": (0, 1),
        "zebra": (0, 1),
    }
    assert moved_words(moves) == (
        "Beach: 3 photos more, 1 fewer; kitchen things: 2 photos fewer; cat: 1 photo fewer;"
        " and 2 more tags"
    )
    assert moved_words({"dog": (1, 0)}) == "dog: 1 photo more"
    assert moved_words({"dog": (1_200, 0)}, shown=10) == "dog: 1,200 photos more"
    assert moved_words({}) == ""
    # A slash inside a keyword as it reads, not as the library keeps it (U+2215).
    assert moved_words({f"AC{LITERAL_SLASH}DC": (2, 0)}) == "AC/DC: 2 photos more"
