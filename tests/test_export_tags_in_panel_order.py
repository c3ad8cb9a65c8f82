"""`export` listed each photo's tags in the store's order (every decision first, by the model's
score, then the suggestions), while `tags`, the details panel and the grid's caption list them
in catalog.tag_order (the tags the user gave first, by name, then the model's by confidence, an
accepted or rejected one in its place): a model's tag accepted on a photo came before the tags
the user added there in `export --json`, after them in `tags`. `export` (--json, text, CSV) now
lists them as `tags` does. A real det-photo scanned by the real model into a real library."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli_helpers import run

DET = Path("/work/shared/data/det-photos")
DOG = "n02084071_77_dog.jpg"


def test_export_lists_a_photos_tags_as_tags_does(
    scans_with_engine: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    photo = Path(shutil.copy(DET / DOG, pics / "rex.jpg"))
    assert run(capsys, "scan", "--quiet", str(pics))[0] == 0
    [record] = json.loads(run(capsys, "export", "--json")[1])
    suggested = [t["name"] for t in record["tags"] if t["source"] == "model"]
    assert len(suggested) >= 2, record  # the model sees a dog, an animal at least
    # The model's last tag accepted, its first rejected, two tags of the user's own added.
    accepted, rejected = suggested[-1], suggested[0]
    code, _, err = run(
        capsys, "label", str(photo), "--add", "Zoo", "--add", "africa", "--add", accepted
    )
    assert code == 0, err
    assert run(capsys, "label", str(photo), "--reject", rejected)[0] == 0

    code, out, err = run(capsys, "tags", "--json", str(photo))
    assert code == 0, err
    order = [t["name"] for t in json.loads(out)["tags"]]
    assert order[:2] == ["africa", "Zoo"]  # the user's own first, by name
    assert order.index(rejected) < order.index(accepted)  # the model's by confidence

    [record] = json.loads(run(capsys, "export", "--json")[1])
    assert [t["name"] for t in record["tags"]] == order

    code, out, err = run(capsys, "export")
    assert code == 0, err
    words = out.rstrip("\n").split("\t")[1].split(", ")
    assert [w.split(" (")[0] for w in words] == order

    csv_file = tmp_path / "tags.csv"
    assert run(capsys, "export", "-o", str(csv_file))[0] == 0
    row = csv_file.read_text("utf-8-sig").splitlines()[1]
    assert [w.split(" (")[0] for w in row.split(",", 1)[1].strip('"').split(", ")] == order
