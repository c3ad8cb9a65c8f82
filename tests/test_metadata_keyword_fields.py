"""How the keyword fields of the tools map onto phototagger's tags and back."""

from __future__ import annotations

from phototagger.core.metadata.keywords import (
    HIERARCHICAL,
    SUBJECT,
    TAGS_LIST,
    field_value,
    merge_keywords,
    split_xp,
)


def test_lightroom_levels_in_dc_subject_are_not_extra_tags() -> None:
    # Lightroom puts every level of a hierarchy into dc:subject too.
    fields = {
        "Xmp.lr.hierarchicalSubject": ["Places|France|Paris", "Events|Wedding"],
        "Xmp.dc.subject": ["Places", "France", "Paris", "Events", "Wedding", "sunset"],
    }
    assert merge_keywords(fields) == ["Places/France/Paris", "Events/Wedding", "sunset"]


def test_the_same_keyword_in_several_fields_is_one_tag() -> None:
    fields = {
        "Xmp.digiKam.TagsList": ["People/Anna"],
        "Xmp.lr.hierarchicalSubject": ["People|anna"],
        "Iptc.Application2.Keywords": ["Anna", "dog"],
        "Exif.Image.XPKeywords": ["Dog"],
    }
    assert merge_keywords(fields) == ["People/Anna", "dog"]


def test_phototaggers_own_suggestions_are_not_read_as_the_users() -> None:
    fields = {
        "Xmp.lr.hierarchicalSubject": ["phototagger|auto|dog", "pets|cat"],
        "Xmp.dc.subject": ["dog", "cat"],
    }
    assert merge_keywords(fields) == ["pets/cat"]


def test_values_per_field_and_windows_keywords() -> None:
    levels = ("Places", "Paris")
    assert [field_value(f, levels) for f in (TAGS_LIST, HIERARCHICAL, SUBJECT)] == [
        "Places/Paris",
        "Places|Paris",
        "Paris",
    ]
    assert split_xp("zebra; Anna;;\x00") == ["zebra", "Anna"]
