"""Every bad file raises PhotoError with the right code and a one-line message; nothing else."""

from __future__ import annotations

import pickle
import re
import threading
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from phototagger.core import errors
from phototagger.core.errors import PhotoError
from phototagger.core.imaging import decode_photo, load_full_image
from tests import photo_factory as pf

BAD_FILES: list[tuple[Callable[[Path], Path], str, str]] = [
    (pf.empty_file, "empty.jpg", errors.EMPTY),
    (pf.text_as_jpg, "notes.jpg", errors.NOT_AN_IMAGE),
    (pf.random_bytes, "noise.png", errors.NOT_AN_IMAGE),
    (pf.truncated_jpeg, "cut.jpg", errors.TRUNCATED),
    (pf.truncated_png, "cut.png", errors.TRUNCATED),
    (pf.corrupt_jpeg, "damaged.jpg", errors.CORRUPT),
    (pf.corrupt_png, "bad-crc.png", errors.CORRUPT),
    (pf.corrupt_png_data, "bad-data.png", errors.CORRUPT),
    (pf.bomb_png, "bomb.png", errors.TOO_LARGE),
    (pf.folder_named_like_photo, "folder.jpg", errors.UNREADABLE),
]


@pytest.mark.parametrize(("make", "name", "code"), BAD_FILES, ids=[n for _, n, _ in BAD_FILES])
def test_bad_file_raises_its_code(tmp_path: Path, make, name: str, code: str) -> None:
    path = make(tmp_path / name)
    with pytest.raises(PhotoError) as caught:
        decode_photo(path)
    assert caught.value.code == code
    message = caught.value.message
    assert message and "\n" not in message and len(message) < 300
    with pytest.raises(PhotoError) as caught_viewer:
        load_full_image(path)
    assert caught_viewer.value.code == code


def test_messages_explain_in_plain_words(tmp_path: Path) -> None:
    with pytest.raises(PhotoError) as caught:
        decode_photo(pf.truncated_jpeg(tmp_path / "cut.jpg"))
    # Plain words first (File ▸ Problems listed "JPEG data is truncated", Pillow's), the
    # decoder's kept last, in brackets, for whoever looks closer.
    assert re.fullmatch(
        r"the file ends early, with only \d+ % of the picture there, too little to tag: it may "
        r"be cut short by a copy that did not finish; re-copy it from the camera or a backup if "
        r"you have one \(JPEG data is truncated\)",
        caught.value.message,
    ), caught.value.message


def test_missing_file_is_vanished(tmp_path: Path) -> None:
    with pytest.raises(PhotoError) as caught:
        decode_photo(tmp_path / "gone.jpg")
    assert caught.value.code == errors.VANISHED


def test_broken_symlink_is_vanished(tmp_path: Path) -> None:
    link = tmp_path / "link.jpg"
    link.symlink_to(tmp_path / "deleted.jpg")
    with pytest.raises(PhotoError) as caught:
        decode_photo(link)
    assert caught.value.code == errors.VANISHED


def test_permission_denied_is_unreadable(tmp_path: Path) -> None:
    path = pf.unreadable_file(tmp_path / "locked.jpg")
    pf.skip_if_readable(path)
    with pytest.raises(PhotoError) as caught:
        decode_photo(path)
    assert caught.value.code == errors.UNREADABLE
    assert "permission" in caught.value.message


def test_over_max_pixels_is_too_large_before_decoding(tmp_path: Path) -> None:
    path = pf.real_photo(tmp_path / "cat.jpg")  # 451 x 300 = 135,300 pixels
    with pytest.raises(PhotoError) as caught:
        decode_photo(path, max_pixels=100_000)
    assert caught.value.code == errors.TOO_LARGE
    assert "451x300" in caught.value.message
    assert decode_photo(path, max_pixels=135_300).width == 451


def test_pillow_bomb_warning_becomes_too_large_without_a_warning(tmp_path: Path) -> None:
    # 100 MP: over Pillow's warning limit (89 MP) but under its error limit (179 MP).
    path = pf.png_with_header_size(tmp_path / "wide.png", 10_000, 10_000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning escaping decode_photo fails the test
        with pytest.raises(PhotoError) as caught:
            decode_photo(path)
    assert caught.value.code == errors.TOO_LARGE
    assert "100 megapixels" in caught.value.message


def test_pillow_globals_and_warning_filters_are_left_alone(tmp_path: Path) -> None:
    max_pixels = Image.MAX_IMAGE_PIXELS
    filters = list(warnings.filters)
    paths = [pf.bomb_png(tmp_path / "bomb.png"), pf.truncated_jpeg(tmp_path / "cut.jpg")]
    paths.append(pf.png_with_header_size(tmp_path / "wide.png", 10_000, 10_000))
    paths.append(pf.real_photo(tmp_path / "ok.jpg"))

    def decode_all() -> None:
        for _ in range(10):
            for path in paths:
                try:
                    decode_photo(path)
                except PhotoError:
                    pass

    threads = [threading.Thread(target=decode_all) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Image.MAX_IMAGE_PIXELS == max_pixels
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    assert warnings.filters == filters


def test_heic_header_with_nothing_behind_it_is_damaged(tmp_path: Path) -> None:
    # HEIC is read now (tests/test_formats_*.py); a HEIC header without an image is damage.
    path = tmp_path / "IMG_0001.jpg"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(200))
    with pytest.raises(PhotoError) as caught:
        decode_photo(path)
    assert caught.value.code == errors.CORRUPT
    assert "HEIF" in caught.value.message


def test_photo_error_survives_pickling_for_worker_processes() -> None:
    error = PhotoError(errors.CORRUPT, "damaged")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.message) == (errors.CORRUPT, "damaged")


def test_photo_error_keeps_its_message_on_one_line() -> None:
    assert PhotoError(errors.CORRUPT, "two\nlines  here").message == "two lines here"
    with pytest.raises(ValueError):
        PhotoError("NOPE", "unknown code")
