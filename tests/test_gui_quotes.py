"""walk48: the Review tab said "The model has not learned 'gig' yet" (the core's words, as the
command line prints them) under a status bar that said 'Added “gig” to 10 photos': the app now
quotes a name one way, “gig”, and leaves an apostrophe as it is."""

from __future__ import annotations

import pytest

from phototagger.gui.quotes import curly_quotes


@pytest.mark.parametrize(
    ("core", "app"),
    [
        (
            "the model has not learned 'gig' yet: 10 photos have it; train to learn it",
            "the model has not learned “gig” yet: 10 photos have it; train to learn it",
        ),
        (
            "there is no tag 'monkeys' any more: it was renamed or merged into 'animals/primates'",
            "there is no tag “monkeys” any more: it was renamed or merged into “animals/primates”",
        ),
        ("'animals' is a group", "“animals” is a group"),
        # repr() quotes a name holding a quote in double quotes, and escapes a backslash.
        (f"no tag {'rock n' + chr(39) + ' roll'!r} here", "no tag “rock n' roll” here"),
        (f"no tag {'AC' + chr(92) + 'DC'!r}", "no tag “AC\\DC”"),
        # Apostrophes are not quotes.
        ("the folder's photos and the photos' tags", "the folder's photos and the photos' tags"),
        ("another folder's photos: 'gig'", "another folder's photos: “gig”"),
    ],
)
def test_a_quoted_name_reads_in_the_app_s_quotes(core: str, app: str) -> None:
    assert curly_quotes(core) == app
