"""HEIC, AVIF, camera RAW and video clips decode like photos: upright, dated, with thumbnails;
their damaged variants are clear PhotoErrors."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from phototagger.core import errors
from phototagger.core.decoders import MediaKind, video
from phototagger.core.decoders.raw import open_raw
from phototagger.core.errors import PhotoError
from phototagger.core.imaging import decode_photo, load_full_image
from tests import media_factory as mf
from tests.photo_factory import LEFT_COLOUR, TOP_COLOUR, marked_image


def _near(pixel: object, colour: tuple[int, int, int], tol: int = 40) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(a - b) <= tol for a, b in zip(pixel, colour, strict=False))


def _upright(img: Image.Image) -> bool:
    """Red edge on top and green edge on the left, as marked_image() displays."""
    w, h = img.size
    return _near(img.getpixel((w // 2, 2)), TOP_COLOUR) and _near(
        img.getpixel((2, h // 2)), LEFT_COLOUR
    )


@pytest.mark.parametrize("make", [mf.heic_photo, mf.avif_photo])
@pytest.mark.parametrize("orientation", [1, 6, 8, 3])
def test_heic_and_avif_are_shown_upright(tmp_path: Path, make, orientation: int) -> None:
    path = make(tmp_path / "p.img", orientation=orientation)
    decoded = decode_photo(path)
    if orientation == 1:
        path = make(tmp_path / "p1.img", "astronaut")
        decoded = decode_photo(path)
        assert decoded.thumbnail.size == (320, 320)
        return
    assert (decoded.width, decoded.height) == (400, 300)
    assert _upright(decoded.thumbnail)
    assert _upright(load_full_image(path))
    assert decoded.taken_at == "2021-07-14T09:30:00"


def test_formats_are_named_by_content(tmp_path: Path) -> None:
    heic = decode_photo(mf.heic_photo(tmp_path / "IMG_0001.HEIC"))
    avif = decode_photo(mf.avif_photo(tmp_path / "x.avif"))
    assert (heic.media.kind, heic.media.format) == (MediaKind.PHOTO, "HEIF")
    assert avif.media.format == "AVIF"


def test_raw_is_tagged_from_its_camera_preview(tmp_path: Path) -> None:
    decoded = decode_photo(mf.raw_photo(tmp_path / "IMG_1.DNG"))
    assert (decoded.media.kind, decoded.media.format) == (MediaKind.RAW, "DNG")
    assert (decoded.width, decoded.height) == (1224, 816)  # the sensor's size...
    assert max(decoded.thumbnail.size) == 320  # ...from the 1024x683 preview's pixels
    assert decoded.taken_at == "2019-06-06T07:29:51"  # DateTimeOriginal from the DNG itself
    assert decoded.model_input.shape == (224, 224, 3)
    assert max(load_full_image(tmp_path / "IMG_1.DNG", 512).size) == 512


def test_raw_without_a_usable_preview_is_decoded_from_sensor_data(tmp_path: Path) -> None:
    with_preview = decode_photo(mf.raw_photo(tmp_path / "a.dng"))
    wiped = mf.raw_without_preview(tmp_path / "b.dng")
    assert open_raw((tmp_path / "a.dng").read_bytes()).source == "preview"
    assert open_raw(wiped.read_bytes()).source == "half-size decode"
    decoded = decode_photo(wiped)
    assert (decoded.width, decoded.height) == (1224, 816)
    # Same scene, so the model sees much the same picture either way.
    diff = abs(decoded.model_input.astype(int) - with_preview.model_input.astype(int)).mean()
    assert diff < 40


@pytest.mark.parametrize(
    ("make", "code", "words"),
    [
        (mf.truncated_heic, (errors.TRUNCATED, errors.CORRUPT), "HEIF"),
        (mf.truncated_raw, (errors.TRUNCATED,), "RAW"),
        (mf.truncated_clip, (errors.CORRUPT,), "clip"),
        (mf.audio_only_clip, (errors.UNSUPPORTED,), "no video stream"),
    ],
)
def test_damaged_files_are_clear_errors(tmp_path: Path, make, code, words: str) -> None:
    suffix = {"truncated_heic": "heic", "truncated_raw": "dng"}.get(make.__name__, "mp4")
    with pytest.raises(PhotoError) as caught:
        decode_photo(make(tmp_path / f"bad.{suffix}"))
    assert caught.value.code in code
    assert words in caught.value.message


def test_a_clip_is_sampled_about_once_a_second(tmp_path: Path) -> None:
    path = mf.photo_clip(
        tmp_path / "c.mp4",
        ("chelsea", "coffee"),
        seconds_each=3.0,
        creation_time="2022-03-04T05:06:07.000000Z",
    )
    decoded = decode_photo(path)
    assert decoded.media.kind is MediaKind.CLIP
    assert decoded.media.duration == pytest.approx(6.0, abs=0.2)
    assert decoded.frames is not None and decoded.frames.shape == (6, 224, 224, 3)
    assert decoded.taken_at is not None and decoded.taken_at.startswith("2022-03-04")
    assert max(decoded.thumbnail.size) == 320


def test_a_long_clip_gives_at_most_16_frames(tmp_path: Path) -> None:
    path = mf.clip(tmp_path / "long.mp4", [marked_image(160, 120)], seconds_each=40, fps=5)
    decoded = decode_photo(path)
    assert decoded.frames is not None and len(decoded.frames) == 16


@pytest.mark.parametrize("rotation", [90, -90, 180])
def test_a_portrait_phone_clip_is_shown_upright(tmp_path: Path, rotation: int) -> None:
    stored = marked_image(400, 300).rotate(-rotation, expand=True)  # as the phone stores it
    path = mf.clip(tmp_path / "r.mp4", [stored], seconds_each=2, rotation=rotation)
    decoded = decode_photo(path)
    assert (decoded.width, decoded.height) == (400, 300)
    assert _upright(decoded.thumbnail)
    assert _upright(load_full_image(path, 200))


def test_black_frames_are_skipped(tmp_path: Path) -> None:
    black = Image.new("RGB", (320, 240))
    path = mf.clip(tmp_path / "fade.mp4", [black, marked_image(320, 240), black], seconds_each=2)
    decoded = decode_photo(path)
    assert decoded.frames is not None and len(decoded.frames) == 2  # the middle two seconds
    assert decoded.frames.mean() > 60


def test_a_clip_that_cannot_be_decoded_in_its_budget_is_a_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = mf.slow_clip(tmp_path / "slow.mp4", seconds=20)
    monkeypatch.setattr(video, "_budget", [0.01])
    with pytest.raises(PhotoError) as caught:
        decode_photo(path)
    assert caught.value.code == errors.TIMEOUT
    assert "0.01 s" in caught.value.message


def test_multi_page_tiff_gives_its_first_page(tmp_path: Path) -> None:
    first = Image.new("RGB", (64, 48), (200, 30, 30))
    second = Image.new("RGB", (64, 48), (30, 30, 200))
    first.save(tmp_path / "pages.tif", save_all=True, append_images=[second])
    decoded = decode_photo(tmp_path / "pages.tif")
    assert _near(decoded.thumbnail.getpixel((10, 10)), (200, 30, 30), 5)


def test_animated_gif_gives_its_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (64, 48), c) for c in ((20, 180, 20), (180, 20, 20))]
    frames[0].save(tmp_path / "anim.gif", save_all=True, append_images=frames[1:], duration=100)
    decoded = decode_photo(tmp_path / "anim.gif")
    assert _near(decoded.thumbnail.getpixel((10, 10)), (20, 180, 20), 10)


def test_a_clip_still_for_the_viewer_fits_the_requested_size(tmp_path: Path) -> None:
    path = mf.photo_clip(tmp_path / "c.mp4", ("astronaut",), seconds_each=2)
    still = load_full_image(path, 300)
    assert max(still.size) == 300


def test_the_clip_budget_is_the_fronts_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    # cli.py reads PHOTOTAGGER_CLIP_SECONDS and sets it; core never reads the environment.
    monkeypatch.setattr(video, "_budget", [video.DEFAULT_BUDGET_S])
    monkeypatch.setenv("PHOTOTAGGER_CLIP_SECONDS", "0.01")
    assert video.budget_s() == video.DEFAULT_BUDGET_S
    video.set_budget("2.5")
    assert video.budget_s() == 2.5
    for nonsense in ("abc", "-1", "0", None):
        video.set_budget(nonsense)
        assert video.budget_s() == video.DEFAULT_BUDGET_S
