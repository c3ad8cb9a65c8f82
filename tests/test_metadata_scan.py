"""Scanning reads the keywords other tools wrote: they become the user's tags ('file'), which
the model never overrides and training counts as positives; a sidecar edited elsewhere is read
again on the next scan, keeping both sides' additions."""

from __future__ import annotations

import os
from pathlib import Path

from phototagger.core.labels import label_paths
from phototagger.core.metadata.catalog import file_facts
from phototagger.core.metadata.job import write_keywords
from phototagger.core.metadata.read import read_metadata
from phototagger.core.metadata.sync import sync_file_metadata
from phototagger.core.metadata.write import WriteOptions
from phototagger.core.scan import scan
from phototagger.core.training_set import label_index
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import tags_of_photo, write_model_tags
from tests.keyword_readers import digikam_tags, exiftool_keywords, exiv2_set
from tests.photo_factory import real_photo
from tests.scan_helpers import never_load, new_library, run_scan
from tests.store_helpers import tag_states


def _id(lib, path: Path) -> int:
    photo = get_photo_by_path(lib.db, str(path))
    assert photo is not None
    return photo.id


def test_digikam_tags_become_the_users_tags(engine, tmp_path: Path) -> None:
    path = real_photo(tmp_path / "chelsea.jpg", "chelsea")
    digikam_tags(path, ["Pets/Chelsea", "holiday", "cat"])
    exiv2_set(
        path, "set Xmp.xmp.Rating 4", "set Xmp.digiKam.ColorLabel 4", "set Xmp.digiKam.PickLabel 3"
    )
    with new_library() as lib:
        summary = run_scan(lib, [tmp_path], engine)
        assert summary.problems == 0
        states = tag_states(lib.db, path)
        # Leaves the hierarchy already names ("Chelsea" in dc:subject) are not extra tags.
        assert {n: s for n, s in states.items() if s == "file"} == {
            "Pets/Chelsea": "file",
            "holiday": "file",
            "cat": "file",
        }
        cat = next(t for t in tags_of_photo(lib.db, _id(lib, path)) if t.name == "cat")
        assert cat.confidence is not None  # the model's score is kept on the user's row
        facts = file_facts(lib.db, _id(lib, path))
        assert facts is not None
        assert (facts.rating, facts.color, facts.pick) == (4, "green", "accepted")

        # A model run that no longer suggests them leaves them alone.
        write_model_tags(lib.db, _id(lib, path), {"cat": 0.01}, [], "v9")
        assert tag_states(lib.db, path)["Pets/Chelsea"] == "file"
        assert tag_states(lib.db, path)["cat"] == "file"
        # Training learns from them as positives.
        labels = label_index(lib.db, ["cat"])
        assert labels.by_photo[_id(lib, path)]["cat"] is True
        assert labels.positives["Pets/Chelsea"] == 1


def test_a_sidecar_edited_elsewhere_is_read_again_and_both_sides_keep_additions(
    engine, tmp_path: Path
) -> None:
    path = real_photo(tmp_path / "chelsea.jpg", "chelsea")
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        label_paths(lib.db, [str(path)], add=["sofa"])
        write_keywords(lib.db, [_id(lib, path)], WriteOptions())
        sidecar = tmp_path / "chelsea.jpg.xmp"
        assert exiftool_keywords(sidecar)["Xmp.digiKam.TagsList"][-1] == "sofa"
        # Nothing changed anywhere: nothing is read again.
        assert sync_file_metadata(lib.db, [str(tmp_path)]).read == 0

        # Meanwhile: digiKam adds a tag to the sidecar, the user adds one in phototagger.
        exiv2_set(sidecar, "set Xmp.digiKam.TagsList Animals/Tabby")
        os.utime(sidecar, (1_800_000_000, 1_800_000_000))
        label_paths(lib.db, [str(path)], add=["indoor"])
        summary = scan(lib, [str(tmp_path)], never_load)  # the photo itself is unchanged
        assert summary.unchanged == 1
        states = tag_states(lib.db, path)
        assert states["Animals/Tabby"] == "file"
        assert states["sofa"] == "added" and states["indoor"] == "added"

        write_keywords(lib.db, [_id(lib, path)], WriteOptions())
        tags_list = exiftool_keywords(sidecar)["Xmp.digiKam.TagsList"]
        assert tags_list[:2] == ["sofa", "Animals/Tabby"]  # theirs kept in place
        assert set(tags_list) >= {"sofa", "Animals/Tabby", "indoor"}


def test_a_rejected_keyword_is_removed_only_when_phototagger_wrote_it(
    engine, tmp_path: Path
) -> None:
    path = real_photo(tmp_path / "chelsea.jpg", "chelsea")
    digikam_tags(path, ["beach"])
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        label_paths(lib.db, [str(path)], add=["dog"])
        write_keywords(lib.db, [_id(lib, path)], WriteOptions(target="embed"))
        assert "dog" in read_metadata(path).keywords
        label_paths(lib.db, [str(path)], reject=["dog", "beach"])
        summary = write_keywords(lib.db, [_id(lib, path)], WriteOptions(target="embed"))
        assert summary.problems == 0
        keywords = read_metadata(path).keywords
        assert "dog" not in keywords and "beach" in keywords
        states = tag_states(lib.db, path)
        assert states["dog"] == "rejected" and states["beach"] == "rejected"
        # The embedded write changed the file's bytes, not its pixels: no re-tagging.
        assert scan(lib, [str(tmp_path)], never_load).unchanged == 1
        assert tag_states(lib.db, path)["beach"] == "rejected"


def test_suggestions_are_written_only_when_asked_under_their_own_root(
    engine, tmp_path: Path
) -> None:
    path = real_photo(tmp_path / "chelsea.jpg", "chelsea")
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        suggested = [n for n, s in tag_states(lib.db, path).items() if s is None]
        assert suggested
        write_keywords(lib.db, [_id(lib, path)], WriteOptions())
        sidecar = tmp_path / "chelsea.jpg.xmp"
        assert not sidecar.exists() or not read_metadata(path).keywords
        write_keywords(lib.db, [_id(lib, path)], WriteOptions(include_suggestions=True))
        hierarchical = exiftool_keywords(sidecar)["Xmp.lr.hierarchicalSubject"]
        assert f"phototagger|auto|{suggested[0]}" in hierarchical
        # Reading the file back does not turn the model's suggestions into the user's tags.
        assert read_metadata(path).keywords == []
        assert sync_file_metadata(lib.db, [str(tmp_path)]).keywords_added == 0


def test_a_cancelled_write_job_stops_between_photos(engine, tmp_path: Path) -> None:
    from phototagger.core.jobs import CancelToken, Progress

    paths = [real_photo(tmp_path / f"{n}.jpg", n) for n in ("chelsea", "coffee", "rocket")]
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        label_paths(lib.db, [str(p) for p in paths], add=["trip"])
        token = CancelToken()
        seen: list[Progress] = []

        def progress(p: Progress) -> None:
            seen.append(p)
            token.cancel()  # the user presses Cancel after the first photo

        summary = write_keywords(
            lib.db, [_id(lib, p) for p in paths], WriteOptions(), progress=progress, cancel=token
        )
        assert summary.cancelled and summary.photos == 1
        assert [(p.phase, p.done, p.total) for p in seen] == [("writing keywords", 1, 3)]
        assert len(list(tmp_path.glob("*.xmp"))) == 1


def test_a_tag_phototagger_wrote_and_the_user_took_out_elsewhere_goes(
    engine, tmp_path: Path
) -> None:
    from tests.keyword_readers import write_sidecar_tags

    path = real_photo(tmp_path / "chelsea.jpg", "chelsea")
    with new_library() as lib:
        run_scan(lib, [tmp_path], engine)
        label_paths(lib.db, [str(path)], add=["sofa", "indoor"], reject=["animal"])
        write_keywords(lib.db, [_id(lib, path)], WriteOptions())
        sidecar = tmp_path / "chelsea.jpg.xmp"
        # In digiKam: "sofa" taken out, "Pets/Chelsea" added (it rewrites the sidecar).
        write_sidecar_tags(sidecar, ["indoor", "Pets/Chelsea"])
        os.utime(sidecar, (1_900_000_000, 1_900_000_000))
        scan(lib, [str(tmp_path)], never_load)
        states = tag_states(lib.db, path)
        assert "sofa" not in states
        assert states["indoor"] == "added" and states["Pets/Chelsea"] == "file"
        assert states["animal"] == "rejected"
        write_keywords(lib.db, [_id(lib, path)], WriteOptions())
        assert exiftool_keywords(sidecar)["Xmp.digiKam.TagsList"] == ["indoor", "Pets/Chelsea"]
