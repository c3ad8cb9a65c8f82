"""Similar photos and duplicates from the stored embeddings, in core and on the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from phototagger.cli import main
from phototagger.core.library import open_library
from phototagger.core.similar import (
    build_index,
    duplicate_pairs,
    find_duplicates,
    group_pairs,
    likeness_words,
)
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.gui_helpers import four_photos
from tests.scan_helpers import run_scan


def library_with_copies(folder: Path, engine) -> dict[str, Path]:
    """The four real photos plus a half-size copy, a recompressed copy and an exact copy of the
    cat, scanned with the real engine."""
    four_photos(folder)
    cat = folder / "chelsea.jpg"
    with Image.open(cat) as img:
        img.resize((img.width // 2, img.height // 2)).save(folder / "chelsea-small.jpg", quality=90)
        img.save(folder / "chelsea-q35.jpg", quality=35)
    (folder / "copies").mkdir()
    shutil.copy(cat, folder / "copies" / "chelsea.jpg")
    with open_library(default_home()) as library:
        run_scan(library, [folder], engine)
    return {p.name if p.parent == folder else f"copies/{p.name}": p for p in folder.rglob("*.jpg")}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_similar_and_duplicates_on_real_photos(tmp_path: Path, engine, capsys) -> None:
    files = library_with_copies(tmp_path / "pics", engine)
    cat_copies = {
        str(files[n]) for n in ("chelsea-small.jpg", "chelsea-q35.jpg", "copies/chelsea.jpg")
    }

    code, out, _ = run(capsys, "similar", "--json", str(files["chelsea.jpg"]))
    ranked = json.loads(out)
    assert code == 0 and len(ranked) == 6
    assert {r["path"] for r in ranked[:3]} == cat_copies  # the copies first
    assert str(files["chelsea.jpg"]) not in {r["path"] for r in ranked}
    scores = [r["score"] for r in ranked]
    assert scores == sorted(scores, reverse=True) and scores[2] > scores[3]

    code, out, _ = run(capsys, "similar", "--limit", "2", str(files["coffee.jpg"]))
    assert code == 0 and len(out.splitlines()) == 2

    code, out, _ = run(capsys, "duplicates", "--json")
    groups = json.loads(out)
    assert code == 0 and len(groups) == 1
    assert set(groups[0]["paths"]) == cat_copies | {str(files["chelsea.jpg"])}
    # The one to keep comes first: the most pixels (full size), then the largest file.
    assert groups[0]["paths"][0] in {str(files["chelsea.jpg"]), str(files["copies/chelsea.jpg"])}

    code, out, err = run(capsys, "similar", str(tmp_path / "nowhere.jpg"))
    assert code == 3 and "is not in the library" in err


def test_the_duplicates_command_says_which_copy_is_kept_why_and_how_alike_the_others_are(
    tmp_path: Path, engine, capsys
) -> None:
    """`duplicates` ordered the copies as Find Duplicates does but said neither why the first is
    kept nor how alike each other copy is: a resized copy could not be told from a byte copy."""
    files = library_with_copies(tmp_path / "pics", engine)
    code, out, _ = run(capsys, "duplicates", "--json")
    [group] = json.loads(out)
    assert code == 0 and group["keep"] == group["paths"][0] and group["exact"] is False
    originals = {str(files["chelsea.jpg"]), str(files["copies/chelsea.jpg"])}
    assert group["keep"] in originals
    copies = {Path(c["path"]).name: c for c in group["copies"]}
    assert [c["path"] for c in group["copies"]] == group["paths"][1:]
    twin = next(c for c in group["copies"] if c["path"] in originals)
    assert (twin["likeness"], twin["percent"]) == ("Identical file", 100)
    assert group["why"] == twin["why"]  # the runner-up is the byte copy: what decided
    assert group["why"] in {"it is the older file", "its folder comes first"}
    small, q35 = copies["chelsea-small.jpg"], copies["chelsea-q35.jpg"]
    assert small["why"] == "it has more pixels"  # q35 has the pixels: another rule decided
    assert q35["why"] not in {"", small["why"]}
    for copy in (small, q35):
        assert 50 <= copy["percent"] < 100 and copy["likeness"] == likeness_words(copy["percent"])

    code, out, _ = run(capsys, "duplicates")
    heading, kept, *others = out.splitlines()
    assert code == 0 and len(others) == 3
    assert heading == (f"near-duplicates · keeping {Path(group['keep']).name}: {group['why']}:")
    assert kept.split() == ["keep", group["keep"]]
    for line, copy in zip(others, group["copies"], strict=True):
        shown = (
            copy["likeness"]
            if copy["percent"] == 100
            else (f"{copy['likeness']} ({copy['percent']} %)")
        )
        assert line.split(maxsplit=len(shown.split())) == [*shown.split(), copy["path"]]


def test_exact_copies_group_whatever_the_threshold(tmp_path: Path, engine) -> None:
    files = library_with_copies(tmp_path / "pics", engine)
    with open_library(default_home()) as library:
        groups = find_duplicates(library.db, threshold=1.0)
        ids = {
            get_photo_by_path(library.db, str(files[n])).id  # type: ignore[union-attr]
            for n in ("chelsea.jpg", "copies/chelsea.jpg")
        }
    assert [set(g.photo_ids) for g in groups] == [ids] and groups[0].exact


def test_duplicate_search_is_exact_for_what_it_finds() -> None:
    """Block by block, on the cheap axes first: every pair above the threshold, nothing else."""
    rng = np.random.default_rng(0)
    base = rng.normal(0, 1, (300, 1280)).astype(np.float32)
    near = base[:40] + rng.normal(0, 0.05, (40, 1280)).astype(np.float32)
    index = build_index(range(340), np.concatenate([base, near]))
    threshold = 0.9
    found = {(a, b) for a, b, _ in duplicate_pairs(index, threshold)}
    vectors = index.vectors.astype(np.float32)
    full = vectors @ vectors.T
    expected = {(a, b) for a, b in zip(*np.nonzero(full >= threshold), strict=True) if a < b}
    assert found == expected and {(i, 300 + i) for i in range(40)} <= found
    # Sorted into clusters of like photos first (as above 20,000 photos): the planted copies
    # are still found, and nothing that is not a pair above the threshold.
    clustered = {(a, b) for a, b, _ in duplicate_pairs(index, threshold, exhaustive_up_to=0)}
    assert {(i, 300 + i) for i in range(40)} <= clustered <= expected
    groups = group_pairs(sorted(found), extra=[[5, 7]])
    assert [0, 300] in groups and [5, 7, 305, 307] in groups


def test_similar_ranks_by_cosine() -> None:
    vectors = np.eye(4, 8, dtype=np.float32) + 0.01
    vectors[1] = vectors[0] * 0.9 + vectors[1] * 0.1
    index = build_index([10, 11, 12, 13], vectors)
    ranked = index.similar(10)
    assert [pid for pid, _ in ranked][0] == 11 and len(ranked) == 3
    assert index.similar(99) == []
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    assert ranked[0][1] == pytest.approx(float(unit[0] @ unit[1]), abs=1e-3)


def test_duplicate_search_reports_progress_and_stops_when_cancelled(monkeypatch) -> None:
    """Between blocks (or clusters) the search reports its step and checks the token."""
    from phototagger.core import similar
    from phototagger.core.jobs import Cancelled, CancelToken, Progress

    # Blocks of 128 rows: four blocks from 460 photos, as 2,048-row blocks from 8,000 (the
    # block size does not change what is reported or when the token is checked).
    monkeypatch.setattr(similar, "_BLOCK", 128)
    rng = np.random.default_rng(1)
    base = rng.normal(0, 1, (430, 1280)).astype(np.float32)
    near = base[:30] + rng.normal(0, 0.05, (30, 1280)).astype(np.float32)
    index = build_index(range(460), np.concatenate([base, near]))
    for exhaustive in (10**9, 0):  # every pair; clusters
        reports: list[Progress] = []
        pairs = duplicate_pairs(index, 0.9, progress=reports.append, exhaustive_up_to=exhaustive)
        assert {(i, 430 + i) for i in range(30)} <= {(a, b) for a, b, _ in pairs}
        assert len(reports) > 2 and reports[-1].done == reports[-1].total
        assert [r.done for r in reports] == list(range(1, len(reports) + 1))

        token = CancelToken()
        seen: list[Progress] = []

        def cancel_after_first(
            report: Progress, token: CancelToken = token, seen: list[Progress] = seen
        ) -> None:
            seen.append(report)
            token.cancel()

        with pytest.raises(Cancelled):
            duplicate_pairs(
                index, 0.9, progress=cancel_after_first, cancel=token, exhaustive_up_to=exhaustive
            )
        assert len(seen) == 1  # stopped at the next block, not at the end
