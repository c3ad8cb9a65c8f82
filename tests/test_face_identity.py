"""Face identity spike: dlib's face network read without dlib (ml.dlib_dat) and run in Keras on
chips aligned from MTCNN's points (ml.face_identity).

The network file (22 MB, from the PyPI sdist face_recognition_models 0.3.0) is not a dependency:
the tests that need it look for it where ml.dlib_dat.find_model_file does
($PHOTOTAGGER_DLIB_FACE_NET, or an installed face_recognition_models) and skip without it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from phototagger.ml.dlib_dat import FACE_NET, DlibFormatError, find_model_file, read_face_net
from phototagger.ml.face_identity import CHIP_PADDING, MTCNN_TEMPLATE, face_chip
from tests.dated_photos import DET_PHOTOS

MODEL = find_model_file()
needs_model_file = pytest.mark.skipif(
    MODEL is None or not MODEL.is_file(),
    reason="dlib's face network file is not here (set PHOTOTAGGER_DLIB_FACE_NET)",
)


def _int(value: int) -> bytes:
    raw = abs(value).to_bytes(max(1, (abs(value).bit_length() + 7) // 8), "little")
    return bytes([len(raw) | (0x80 if value < 0 else 0)]) + raw


def _str(text: str) -> bytes:
    return _int(len(text)) + text.encode()


def _real(mantissa: int, exponent: int) -> bytes:
    return _int(mantissa) + _int(exponent)


def _nesting(versions: list[int] | None = None) -> bytes:
    """The loss layer and the layers' versions as dlib writes them, outermost first."""
    loss = _int(1) + _str("loss_metric_2") + _real(10737418, -28) + _real(10066330, -24)
    if versions is None:
        versions = [2 if s.has_data else 1 for s in FACE_NET[:-2]] + [3]
    return loss + b"".join(_int(v) for v in versions)


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "dlib_face_recognition_resnet_model_v1.dat"
    path.write_bytes(data)
    return path


def test_a_file_cut_short_is_refused_as_truncated(tmp_path: Path) -> None:
    # Right header and nesting, then the file ends before the input layer.
    with pytest.raises(DlibFormatError, match="truncated"):
        read_face_net(_write(tmp_path, _nesting()))
    with pytest.raises(DlibFormatError, match="truncated"):
        read_face_net(_write(tmp_path, _nesting()[:9]))


def test_a_different_network_is_refused_naming_what_differs(tmp_path: Path) -> None:
    versions = [2 if s.has_data else 1 for s in FACE_NET[:-2]] + [3]
    versions[2] = 7  # the third layer (a relu) claims a version dlib never wrote
    with pytest.raises(DlibFormatError, match="relu layer version: expected 2, found 7"):
        read_face_net(_write(tmp_path, _nesting(versions)))
    other_loss = _int(1) + _str("loss_mmod_")
    with pytest.raises(DlibFormatError, match="loss_mmod_"):
        read_face_net(_write(tmp_path, other_loss))
    # A layer name that is not a name (a long run of bytes where a layer's name belongs)
    with pytest.raises(DlibFormatError, match="expected a short layer name"):
        read_face_net(_write(tmp_path, _nesting() + _int(5000) + b"x" * 5000))


def test_malformed_numbers_are_refused(tmp_path: Path) -> None:
    loss = _int(1) + _str("loss_metric_2")
    infinite = loss + _real(0, 32000) + _real(10066330, -24)
    with pytest.raises(DlibFormatError, match="not a finite number"):
        read_face_net(_write(tmp_path, infinite))
    reserved_bits = loss + b"\x31\x00" + _real(10066330, -24)
    with pytest.raises(DlibFormatError, match="old text format|malformed integer"):
        read_face_net(_write(tmp_path, reserved_bits))
    photo = next(DET_PHOTOS.glob("*.jpg")).read_bytes()[:4096]
    with pytest.raises(DlibFormatError):
        read_face_net(_write(tmp_path, photo))


@needs_model_file
def test_the_real_file_reads_and_a_damaged_copy_is_refused(tmp_path: Path) -> None:
    assert MODEL is not None
    data = MODEL.read_bytes()
    net = read_face_net(MODEL)
    assert net.distance_threshold == pytest.approx(0.6)
    convs = [layer for layer in net.layers if layer.spec.kind == "con"]
    assert len(convs) == 29 and convs[0].arrays["kernel"].shape == (7, 7, 3, 32)
    assert net.layers[-1].arrays["kernel"].shape == (256, 128)
    with pytest.raises(DlibFormatError, match="truncated"):
        read_face_net(_write(tmp_path, data[: len(data) * 2 // 3]))
    with pytest.raises(DlibFormatError, match="unexpected bytes after the network"):
        read_face_net(_write(tmp_path, data + b"\x00"))
    at = data.index(b"con_4", 400)  # the second convolution's name
    with pytest.raises(DlibFormatError, match="con"):
        read_face_net(_write(tmp_path, data[:at] + b"cxn_4" + data[at + 5 :]))


def test_a_face_already_at_the_template_is_its_own_chip() -> None:
    # Points exactly where the chip's template puts them: the chip is the image itself, pixel for
    # pixel (dlib's convention: pixel centres on integers; no shift, no scale, no blur).
    rng = np.random.default_rng(1)
    image = rng.integers(0, 256, (150, 150, 3), dtype=np.uint8)
    points = (MTCNN_TEMPLATE + CHIP_PADDING) / (1 + 2 * CHIP_PADDING) * 150
    chip = face_chip(image, points)
    assert chip.shape == (150, 150, 3) and chip.dtype == np.uint8
    assert np.abs(chip.astype(int) - image.astype(int)).max() <= 1
    # The same face at twice the size, turned upside down: the chip turns it back (halving the
    # photo first, as dlib does for a face larger than twice the chip).
    big = np.asarray(Image.fromarray(image).resize((300, 300), Image.Resampling.NEAREST))
    flipped = big[::-1, ::-1]
    turned = 299 - (points * 2 + 0.5)
    back = face_chip(np.ascontiguousarray(flipped), turned)
    assert np.abs(back.astype(int) - image.astype(int)).max() <= 1


@pytest.fixture(scope="module")
def identity() -> object:
    assert MODEL is not None
    from phototagger.ml.face_identity import FaceIdentity

    return FaceIdentity(read_face_net(MODEL))


def _chips(photo: np.ndarray) -> list[np.ndarray]:
    """The chip of the photo's largest face, found as the scan finds faces (MTCNN on the
    320-px view), cut from the full photo."""
    from phototagger.ml.face_identity import face_chips
    from phototagger.ml.faces import load_face_detector
    from phototagger.ml.mtcnn_net import load_nets

    view = Image.fromarray(photo)
    view.thumbnail((320, 320), Image.Resampling.BICUBIC)
    faces = load_face_detector(runtime="tensorflow").detect([np.asarray(view)])[0]
    assert faces, "the detector found no face"
    return face_chips(photo, [max(faces, key=lambda f: f.w * f.h)], load_nets()["onet"])


@pytest.mark.model
@needs_model_file
def test_descriptors_of_real_faces_tell_people_apart(identity: object) -> None:
    import skimage.data

    from phototagger.ml.face_identity import SAME_PERSON, FaceIdentity, distances

    assert isinstance(identity, FaceIdentity)
    astronaut = skimage.data.astronaut()
    man = np.asarray(
        Image.open(DET_PHOTOS / "n00007846_152343_person.jpg").convert("RGB"), np.uint8
    )
    chips = [
        *_chips(astronaut),
        *_chips(np.ascontiguousarray(astronaut[:, ::-1])),  # the same face, mirrored
        *_chips(np.asarray(Image.fromarray(astronaut).resize((300, 300)))),  # and smaller
        *_chips(man),
    ]
    d = identity.descriptors(chips)
    assert d.shape == (4, 128) and d.dtype == np.float32 and np.isfinite(d).all()
    # dlib's descriptors are not unit vectors: their length is about 1.3-1.7.
    assert np.all((np.linalg.norm(d, axis=1) > 1.0) & (np.linalg.norm(d, axis=1) < 2.0))
    dist = distances(d, d)
    assert dist[0, 1] < SAME_PERSON and dist[0, 2] < SAME_PERSON
    assert min(dist[3, 0], dist[3, 1], dist[3, 2]) > SAME_PERSON
    assert identity.descriptors([]).shape == (0, 128)
