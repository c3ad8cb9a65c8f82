"""The details panel's rows: the user's own tags (no confidence) first, then by the model's
confidence; each by name as the sidebar lists them. By code point, 'Zebra' came above
'animals/cat'; several photos' tags, equally common, came out the same way."""

from __future__ import annotations

from phototagger.core.photos_view import PhotoTag
from phototagger.core.states import TagState
from phototagger.gui.details import photo_entries, selection_entries


def test_ties_are_in_name_order_whatever_the_case() -> None:
    tags = [
        PhotoTag("Zebra", None, None, TagState.ADDED),
        PhotoTag("animals/cat", None, None, TagState.ADDED),
        PhotoTag("dog", 0.61, "v1", None),
        PhotoTag("Beach", 0.9, "v1", TagState.ACCEPTED),
        PhotoTag("äpfel", None, None, TagState.ADDED),
        PhotoTag("Äpfel", None, None, TagState.ADDED),
    ]
    names = [e.name for e in photo_entries(tags, "v1")]
    assert names == ["animals/cat", "Zebra", "Äpfel", "äpfel", "Beach", "dog"]

    both = [PhotoTag("Zebra", None, None, TagState.ADDED), PhotoTag("cat", 0.8, "v1", None)]
    several = {1: both, 2: [PhotoTag("Zebra", None, None, TagState.ADDED)], 3: both}
    several[2] = [*several[2], PhotoTag("cat", None, None, TagState.ADDED)]
    assert [e.name for e in selection_entries(several)] == ["cat", "Zebra"]
