"""`classify` printed a file name holding a line break as it is (polish32: a phone folder's
'new\\nline.jpg'), so that one photo's name took two lines and its second half read as a photo
of its own, where `search`, `export`, `tags` and `problems` write the break as '\\n' (README:
"each photo stays one line"). classify does so now, for a photo and for a problem alike;
--json keeps the exact name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.photo_factory import real_photo
from tests.session_runtimes import sessions_tensorflow
from tests.test_cli_journey import run

__all__ = ["sessions_tensorflow"]


@pytest.mark.model
def test_classify_keeps_a_name_with_a_line_break_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sessions_tensorflow: object
) -> None:
    """(classify's model is the session's engine, not one loaded for each run.)"""
    photo = real_photo(tmp_path / "new\nline.jpg", "coffee")
    empty = tmp_path / "card\npulled.jpg"
    empty.write_bytes(b"")
    shown = f"{tmp_path}/new\\nline.jpg"

    code, out, err = run(capsys, "classify", str(photo), str(empty))

    assert code == 1, err
    lines = out.splitlines()
    assert lines[0] == shown
    assert all(line.startswith("  ") for line in lines[1:]), out  # its tags, nothing else
    assert f"{tmp_path}/card\\npulled.jpg: the file is empty (0 bytes)" in err

    code, out, _ = run(capsys, "classify", "--json", str(photo))
    assert json.loads(out)["photos"][0]["path"] == str(photo)
