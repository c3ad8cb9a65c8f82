"""`metadata read` showed a keyword with a slash in it as the library holds it, not as it shows
it: polish32's photos labelled 'Bands/AC\\/DC' (the keyword AC/DC under Bands) and written to
sidecars, read back with `metadata read`, said "keywords: Bands/AC∕DC" (a U+2215 DIVISION
SLASH), where `tags`, `search` and the app say 'Bands/AC/DC': a grep for 'AC/DC' in its output,
text or --json, found nothing. It says 'Bands/AC/DC' now; --json's fields keep each field as
the file spells it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tests.keyword_readers import EMPTY_SIDECAR, exiv2_set
from tests.photo_factory import real_photo


def test_metadata_read_shows_a_slash_in_a_keyword_as_a_slash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = real_photo(tmp_path / "IMG_0001.jpg", "coffee")
    sidecar = tmp_path / "IMG_0001.jpg.xmp"
    sidecar.write_text(EMPTY_SIDECAR)
    # As Lightroom, digiKam (and phototagger) write the keyword AC/DC under Bands.
    exiv2_set(
        sidecar,
        "set Xmp.lr.hierarchicalSubject XmpBag Bands|AC/DC",
        "set Xmp.digiKam.TagsList XmpSeq Bands/AC\\DC",
        "set Xmp.dc.subject XmpBag AC/DC",
        "set Xmp.dc.subject Bands",
    )

    code, out, err = run(capsys, "metadata", "read", str(photo))
    assert code == 0, err
    assert "  keywords: Bands/AC/DC" in out.splitlines()
    assert "\u2215" not in out

    code, out, err = run(capsys, "metadata", "read", "--json", str(photo))
    meta = json.loads(out)
    assert code == 0, err
    assert meta["keywords"] == ["Bands/AC/DC"]
    assert meta["fields"]["sidecar"]["Xmp.lr.hierarchicalSubject"] == ["Bands|AC/DC"]
