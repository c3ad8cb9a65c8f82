"""`metadata write` said '20 keywords added' for a photo given 5 tags, and '11 keywords added'
for 2 tags written into a JPEG: each tag goes into TagsList, hierarchicalSubject, dc:subject,
LastKeywordXMP and IPTC Keywords, and every field value was counted. The counts are of tags."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from phototagger.core.metadata.write import WriteOptions, write_photo
from tests.keyword_readers import exiv2_set

WANTED = [("Places", "Paris"), ("dog",), ("Café",)]


def test_added_and_removed_count_tags_not_field_values(tmp_path: Path) -> None:
    photo = tmp_path / "p.jpg"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(photo)
    # The file already uses IPTC keywords and LastKeywordXMP: those are written too.
    exiv2_set(
        photo,
        "add Iptc.Application2.Keywords String beach",
        "set Xmp.MicrosoftPhoto.LastKeywordXMP XmpBag beach",
    )
    embed = WriteOptions(target="embed")
    first = write_photo(photo, WANTED, set(), embed)
    assert (first.added, first.removed) == (3, 0)
    second = write_photo(photo, [*WANTED, ("Pets", "Rex")], first.written, embed)
    assert (second.added, second.removed) == (1, 0)
    third = write_photo(photo, [("dog",)], second.written, embed)
    assert (third.added, third.removed) == (0, 3)
    sidecar = write_photo(photo, WANTED, set(), WriteOptions())
    # 'dog' the photo itself holds (the write above): copied into its new sidecar, not added.
    assert (sidecar.added, sidecar.removed, sidecar.copied) == (2, 0, 1)
