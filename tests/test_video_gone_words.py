"""A clip whose file is gone is said in the words every other reader uses for a gone file
(core/file_guard.GONE_WORDS): the video reader said "no longer there (moved or deleted)", two words
short of what the viewer, a scan and the details panel say of a photo."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core.decoders.video import sample_clip
from phototagger.core.errors import PhotoError


def test_a_gone_clip_says_what_a_gone_photo_says(tmp_path: Path) -> None:
    with pytest.raises(PhotoError) as caught:
        sample_clip(str(tmp_path / "holiday.mp4"))
    assert caught.value.code == "VANISHED"
    assert caught.value.message == "the file is no longer there (it was moved or deleted)"
