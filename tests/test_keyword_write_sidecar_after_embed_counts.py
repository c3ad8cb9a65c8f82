"""words37: the first sidecar write after `metadata write --embed` said "1 keyword the files
had, copied into their keyword fields that lacked them" of a sidecar made of phototagger's own
keyword alone (fixe37 saw it): the photo's fields, read for how the files spell a tag, held it
because phototagger had embedded it there, and it was counted as the files' own. Now a keyword
phototagger wrote into the photo is counted as added to the sidecar; one another program wrote
there is still the files' own, copied. A real det-photo, the real model's scan, the real CLI,
exiftool writing the other program's keyword and reading the sidecar."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import run, scan_with
from tests.keyword_readers import exiftool_keywords, exiftool_set
from tests.store_helpers import DET

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool reads files")


def test_a_keyword_phototagger_embedded_is_added_to_the_sidecar_not_copied(
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    photo = Path(shutil.copy(DET / "n00007846_147031_person.jpg", folder / "DSC03001.jpg"))
    photo.chmod(0o644)
    exiftool_set(photo, "-XMP-dc:Subject=Harbour")  # as Lightroom wrote a keyword of its own
    assert scan_with(engine, folder, monkeypatch, capsys) == 0
    assert run(capsys, "label", str(photo), "--add", "Family")[0] == 0
    assert run(capsys, "metadata", "write", "--embed", "--quiet")[0] == 0
    assert "Family" in exiftool_keywords(photo)["Xmp.dc.subject"]

    code, out, _ = run(capsys, "metadata", "write", "--quiet")
    assert code == 0, out
    side = exiftool_keywords(folder / "DSC03001.jpg.xmp")
    assert {"Family", "Harbour"} <= set(side["Xmp.dc.subject"]), side
    # Family: phototagger's, added; Harbour: Lightroom's, the files' own, copied.
    assert "1 keyword added" in out, out
    assert "1 keyword the files had, copied" in out, out
