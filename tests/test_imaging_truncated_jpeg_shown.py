"""A JPEG cut short (an interrupted copy) was refused outright, where digiKam shows the part that
is there. It is decoded as far as it goes when at least half the picture is there: the thumbnail
shows the whole frame (the missing part grey, as the user should see it), the tagger only the
part there is, and the decode says what is wrong, for Problems. Under half is still refused."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import ImageFile

from phototagger.core.decoders.partial import MIN_VISIBLE
from phototagger.core.errors import TRUNCATED, PhotoError
from phototagger.core.imaging import decode_photo, load_full_image
from tests import photo_factory as pf

DET = Path("/work/shared/data/det-photos")
FLUTE = DET / "n03372029_58342_flute.jpg"  # a player, the flute in the upper half


def cut(dest: Path, source: Path, fraction: float) -> Path:
    data = source.read_bytes()
    dest.write_bytes(data[: int(len(data) * fraction)])
    return dest


def _grey_rows(pixels: np.ndarray) -> int:
    """Rows at the bottom that are all libjpeg's fill (128) within resampling's rounding."""
    grey = (np.abs(pixels.astype(int) - 128) <= 2).reshape(len(pixels), -1).all(axis=1)
    count = 0
    while count < len(grey) and grey[len(grey) - 1 - count]:
        count += 1
    return count


def test_sixty_percent_of_a_jpeg_is_shown_and_tagged_from_what_is_there(tmp_path: Path) -> None:
    whole = decode_photo(FLUTE)
    part = decode_photo(cut(tmp_path / "flute.jpg", FLUTE, 0.6))
    assert whole.damage is None
    assert part.damage is not None and part.damage.code == TRUNCATED
    assert part.damage.message.startswith("the lower part is missing: the file ends early (")
    percent = int(part.damage.message.split("(")[1].split(" %")[0])
    assert MIN_VISIBLE * 100 <= percent < 100
    # The size is the picture's, not the part's; the thumbnail shows the whole frame, grey
    # below what is there (about the share the note gives).
    assert (part.width, part.height) == (whole.width, whole.height)
    assert part.thumbnail.size == whole.thumbnail.size
    thumb = np.asarray(part.thumbnail)
    missing = _grey_rows(thumb) / thumb.shape[0]
    assert abs((100 - percent) / 100 - missing) < 0.03
    # The tagger is not shown the grey: its input has none, and its top rows are the photo's.
    assert _grey_rows(part.model_input) == 0
    assert _grey_rows(whole.model_input) == 0
    # The viewer shows the file too.
    assert load_full_image(tmp_path / "flute.jpg", 400).size == load_full_image(FLUTE, 400).size


def test_under_half_is_refused_as_before(tmp_path: Path) -> None:
    with pytest.raises(PhotoError) as caught:
        decode_photo(cut(tmp_path / "flute.jpg", FLUTE, 0.2))
    assert caught.value.code == TRUNCATED
    message = caught.value.message
    assert "too little to tag" in message and "% of the picture there" in message
    with pytest.raises(PhotoError):
        load_full_image(tmp_path / "flute.jpg", 400)


def test_the_allowance_is_this_decode_s_own(tmp_path: Path) -> None:
    """Decodes run on several threads: while one reads a cut JPEG, another's cut PNG is refused
    as ever, and Pillow's switch is left as it was."""
    jpeg = cut(tmp_path / "flute.jpg", FLUTE, 0.6)
    png = pf.truncated_png(tmp_path / "cut.png")
    errors: list[str] = []

    def decode_both() -> None:
        for _ in range(15):
            try:
                if decode_photo(jpeg).damage is None:
                    errors.append("the cut JPEG read as whole")
            except PhotoError as exc:
                errors.append(f"the cut JPEG was refused: {exc}")
            try:
                decode_photo(png)
                errors.append("a cut PNG passed")
            except PhotoError as exc:
                if exc.code != TRUNCATED:
                    errors.append(exc.code)

    threads = [threading.Thread(target=decode_both) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
