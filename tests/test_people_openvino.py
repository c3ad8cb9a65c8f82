"""The face detector on OpenVINO needs no TensorFlow (the fast tier forbids importing it): it finds
the real faces in real photos and none in a photo without people."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.imaging import decode_photo
from phototagger.core.people import detector_input, kept_faces, load_finder, load_rules
from tests.people_photos import group_photo
from tests.photo_factory import real_photo


def test_openvino_detector_finds_faces_without_tensorflow(tmp_path: Path) -> None:
    rules = load_rules()
    finder = load_finder(rules, runtime="auto", device="cpu")
    assert getattr(finder, "runtime", None) == "openvino"
    paths = [
        real_photo(tmp_path / "astronaut.jpg", "astronaut"),
        real_photo(tmp_path / "coffee.jpg", "coffee"),
        group_photo(tmp_path / "team.jpg"),
    ]
    astronaut, coffee, team = (
        kept_faces(faces, rules)
        for faces in finder.detect([detector_input(decode_photo(p).thumbnail) for p in paths])
    )
    (face,) = astronaut
    # The astronaut's face: left of centre, in the upper third of the 512x512 photo.
    assert 0.3 < face.x + face.w / 2 < 0.5 and 0.15 < face.y + face.h / 2 < 0.35
    assert face.confidence > 0.95
    assert coffee == []
    # Four LFW faces pasted side by side at x = 20 + 150 i of 640, 110 px wide.
    centres = sorted(f.x + f.w / 2 for f in team)
    assert len(centres) == 4
    for i, centre in enumerate(centres):
        assert abs(centre * 640 - (75 + 150 * i)) < 30
