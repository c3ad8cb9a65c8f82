"""`face --help` said the photo gets the person's tag "People/NAME", and `face` then said "the
photo has 'People (keywords)/Ana'" (walk50): the help now names the tag the library gives (and
what the files' keywords get)."""

from __future__ import annotations

import pytest

from phototagger.cli import main


def test_the_help_names_the_tag_a_face_gives(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["face", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "the photo gets the person's tag (People (keywords)/NAME," in said, said
    assert "People|NAME in the keywords written into its files" in said, said
    assert "(People/NAME)" not in said
