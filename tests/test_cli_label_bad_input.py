"""`label` given what a new user gives it: paths outside the library, a folder, a typo, the same
photo twice, a photo that failed to decode, and a tag both added and rejected. Each mistake is
one clear line; nothing the user asked for by mistake is half done."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phototagger.cli import main
from tests.cli_helpers import run, scan_with
from tests.photo_factory import real_photo, truncated_jpeg


@pytest.fixture
def pics(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    folder = tmp_path / "Pictures"
    real_photo(folder / "cat one.jpg", "chelsea")
    real_photo(folder / "café ✓.jpg", "coffee")
    truncated_jpeg(folder / "broken.jpg")
    assert scan_with(engine, folder, monkeypatch, capsys) == 1  # the broken one is a problem
    return folder


def _states(capsys: pytest.CaptureFixture[str], photo: Path) -> dict[str, tuple[str, str]]:
    assert main(["tags", "--json", str(photo)]) == 0
    tags = json.loads(capsys.readouterr().out)["tags"]
    return {t["name"]: (t["source"], t["state"]) for t in tags}


def test_no_lookalike_note_when_no_photo_was_labelled(
    pics: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = real_photo(tmp_path / "elsewhere" / "cat.jpg", "chelsea")
    code, out, err = run(capsys, "label", str(outside), "--add", "cats")
    assert code == 3 and out == ""  # the error alone, no "labelled 0 photos" above it
    assert err.splitlines() == [
        f"phototagger: {outside} is not in the library (scan its folder first)"
    ]
    # Labelled for real, the note comes: 'cats' is new and looks like 'cat'.
    code, _, err = run(capsys, "label", str(pics / "cat one.jpg"), "--add", "cats")
    assert code == 0 and "'cats' is a new tag, but 'cat' exists" in err


def test_a_folder_labels_its_photos_and_a_typo_says_what_is_wrong(
    pics: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder names every photo of the library below it, as `metadata write` takes one: the
    file that never could be read is no photo and gets no label."""
    (tmp_path / "empty").mkdir()
    code, out, err = run(
        capsys, "label", "--json", str(pics), str(pics / "cat-one.jpg"), str(tmp_path / "empty"),
        "--add", "pets",
    )  # fmt: skip
    assert code == 1
    assert sorted(json.loads(out)["labelled"]) == [
        str(pics / "café ✓.jpg"),
        str(pics / "cat one.jpg"),
    ]
    assert err.splitlines() == [
        f"phototagger: {pics / 'cat-one.jpg'} is not in the library (there is no such file)",
        f"phototagger: no photos in {tmp_path / 'empty'}",
    ]
    assert _states(capsys, pics / "cat one.jpg")["pets"] == ("user", "added")
    code, out, _ = run(capsys, "label", str(pics), str(pics / "cat one.jpg"), "--reject", "dog")
    assert code == 0 and out == "recorded 'no' for 'dog' on 2 photos\n"  # named twice: once


def test_a_folder_with_no_photo_in_it_is_not_sent_to_a_scan(
    pics: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder of the library's none said "FOLDER holds no photo of the library (scan it
    first)", empty or with no photo in it at all, where a scan would find nothing. Said apart
    from a folder whose photos were never scanned (one below, in a subfolder, counts)."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes" / "old").mkdir(parents=True)
    (tmp_path / "notes" / "list.txt").write_text("to print\n")
    (tmp_path / "notes" / "old" / "README.md").write_text("# trip\n")
    real_photo(tmp_path / "new" / "2026" / "cat.jpg", "chelsea")
    folders = [str(tmp_path / name) for name in ("empty", "notes", "new")]
    code, out, err = run(capsys, "label", *folders, "--add", "pets")
    assert (code, out) == (3, "")
    assert err.splitlines() == [
        f"phototagger: no photos in {tmp_path / 'empty'}",
        f"phototagger: no photos in {tmp_path / 'notes'}",
        f"phototagger: {tmp_path / 'new'} holds no photo of the library (scan it first)",
    ]
    # `metadata write` says the same of the folder with none.
    code, _, err = run(capsys, "metadata", "write", "--quiet", *folders[1:])
    assert code == 3
    assert err.splitlines() == [
        f"phototagger: no photos in {tmp_path / 'notes'}",
        f"phototagger: {tmp_path / 'new'}: no photo of the library there (scan it first)",
    ]


def test_the_same_photo_named_twice_is_one_photo(
    pics: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(pics)
    code, out, _ = run(
        capsys, "label", "--json", "café ✓.jpg", "./café ✓.jpg", str(pics / "café ✓.jpg"),
        "--add", "morning",
    )  # fmt: skip
    assert code == 0
    assert json.loads(out) == {
        "labelled": [str(pics / "café ✓.jpg")],
        "errors": [],
        "unchanged": [],
        "unreadable": [],
        "removed": {},
        "took_back": {},
    }
    assert _states(capsys, pics / "café ✓.jpg")["morning"] == ("user", "added")


def test_adding_and_rejecting_one_tag_is_refused_and_changes_nothing(
    pics: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cat = pics / "cat one.jpg"
    before = _states(capsys, cat)
    code, out, err = run(capsys, "label", str(cat), "--add", "Garden", "--reject", "garden ")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "phototagger: 'garden' cannot be both added and rejected in one command: "
        "nothing was labelled"
    ]
    code, _, err = run(capsys, "label", str(cat), "--add", "cat", "--remove", "cat")
    assert code == 2 and "both added and removed" in err
    assert _states(capsys, cat) == before


def test_a_file_the_scan_could_not_read_keeps_the_label_given_and_says_so(
    engine,
    pics: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Labelled without a word, a file the scan could not read (a JPEG cut short) silently
    became one of the photos, 'cannot be read'. The label is kept, since the user said it; the
    file is still no readable photo, and label says so, with what happens when it is fixed."""
    broken = pics / "broken.jpg"
    code, out, err = run(capsys, "label", str(broken), str(pics / "cat one.jpg"), "--add", "mine")
    assert code == 0 and out == "labelled 2 photos\n"
    assert err == (
        f"phototagger: note: {broken}: the scan could not read this file ('phototagger "
        "problems' says why); your label is kept with it, so it is now counted among your "
        "photos, as one that cannot be read. Once the file is fixed or copied again, the next "
        "scan reads it and the label stays\n"
    )
    code, out, err = run(capsys, "label", "--json", str(broken), "--reject", "cat")
    assert json.loads(out)["unreadable"] == []  # read as labelled now: said once
    assert err == ""
    assert _states(capsys, broken) == {"mine": ("user", "added"), "cat": ("user", "rejected")}
    # Fixed (copied again from the camera) and scanned: a photo, the labels as they were.
    real_photo(broken, "chelsea")
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    states = _states(capsys, broken)
    assert (states["mine"], states["cat"]) == (("user", "added"), ("user", "rejected"))
    _, out, _ = run(capsys, "tags", str(broken))
    assert "cannot be read" not in out


def test_a_tag_name_that_cannot_be_one_is_refused(
    pics: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cat = pics / "cat one.jpg"
    before = _states(capsys, cat)
    control = "a tag name cannot hold a line break, tab or other control character: "
    for name, says in (
        ("two\nlines", control + "'two\\nlines'"),
        ("tab\tbed", control + "'tab\\tbed'"),
        ("animals//dog", "'animals//dog' is not a tag name (an empty part around '/')"),
        (" /dog", "'/dog' is not a tag name (an empty part around '/')"),
    ):
        code, out, err = run(capsys, "label", str(cat), "--add", "fine", "--reject", name)
        assert (code, out) == (2, "")
        assert err.splitlines() == [f"phototagger: {says}"]
    assert _states(capsys, cat) == before  # not even the fine one
    # Spaces around a name are trimmed; a family emoji (joined by zero-width joiners) is fine,
    # and so is a tag filed under another.
    code, _, _ = run(
        capsys, "label", str(cat), "--add", " holiday \n", "--add", "👨‍👩‍👧 family",
        "--add", "animals/cat",
    )  # fmt: skip
    assert code == 0
    assert {"holiday", "👨‍👩‍👧 family", "animals/cat"} <= set(_states(capsys, cat))


def test_a_photo_named_through_a_link_to_its_folder_is_found(
    pics: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "home-link"
    link.symlink_to(pics, target_is_directory=True)  # as /home linking to /var/home
    via_link, real = link / "café ✓.jpg", pics / "café ✓.jpg"
    code, out, err = run(capsys, "label", "--json", str(via_link), str(real), "--add", "cup")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "labelled": [str(real)],
        "errors": [],
        "unchanged": [],
        "unreadable": [],
        "removed": {},
        "took_back": {},
    }
    code, out, _ = run(capsys, "tags", str(via_link))
    assert code == 0 and out.splitlines()[0] == str(real)


def test_removing_a_tag_that_does_not_exist_says_so(
    pics: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo in --remove ('dgo') took nothing off, yet said 'labelled 1 photo' and exited 0."""
    photo = str(pics / "cat one.jpg")
    before = _states(capsys, photo=pics / "cat one.jpg")
    code, out, err = run(capsys, "label", photo, "--remove", "dgo")
    # Nothing done: 3, as `review dgo` (it was 1, "done, but some files had problems").
    assert code == 3 and out == ""  # the error alone: "labelled 0 photos" stood above it
    assert err.splitlines() == ["phototagger: there is no tag called 'dgo': nothing removed"]
    code, out, err = run(capsys, "label", str(pics), "--remove", "nosuch")  # a folder, the same
    assert code == 3 and out == ""
    assert err.splitlines() == ["phototagger: there is no tag called 'nosuch': nothing removed"]
    # With another edit, that one is made and the typo still reported.
    code, out, err = run(capsys, "label", photo, "--remove", "dgo", "--add", "pets")
    assert code == 1 and "labelled 1 photo" in out and "'dgo'" in err
    assert _states(capsys, pics / "cat one.jpg") == {**before, "pets": ("user", "added")}


def test_a_photo_not_in_the_library_exits_as_tags_and_similar_do(
    pics: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Named alone, a photo the library does not hold is 'it could not be done' (3) for every
    command that takes one, `label` and `metadata write` too (they exited 1, "done, but some
    files had problems", with nothing done); among photos of the library it is 1, the others
    being done. `--json` keeps its object, with the same status."""
    outside = real_photo(tmp_path / "elsewhere" / "cat.jpg", "chelsea")
    said = f"phototagger: {outside} is not in the library (scan its folder first)\n"
    for argv in (["tags", str(outside)], ["similar", str(outside)]):
        assert run(capsys, *argv) == (3, "", said)
    code, out, err = run(capsys, "label", str(outside), "--add", "pets")
    assert (code, out, err) == (3, "", said)
    code, out, err = run(capsys, "label", "--json", str(outside), "--add", "pets")
    assert code == 3 and err == said
    assert json.loads(out) == {
        "labelled": [],
        "errors": [said.removeprefix("phototagger: ").strip()],
        "unchanged": [],
        "unreadable": [],
        "removed": {},
        "took_back": {},
    }
    code, out, err = run(capsys, "label", str(outside), str(pics / "cat one.jpg"), "--add", "pets")
    assert (code, out, err) == (1, "labelled 1 photo\n", said)

    code, out, err = run(capsys, "metadata", "write", "--json", "--quiet", str(outside))
    assert code == 3 and json.loads(out)["photos"] == 0
    assert "no photo of the library there" in err
    code, out, _ = run(
        capsys, "metadata", "write", "--json", "--quiet", str(outside), str(pics / "cat one.jpg")
    )
    assert code == 1 and json.loads(out)["photos"] == 1
