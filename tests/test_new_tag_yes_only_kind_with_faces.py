"""A tag taught with yes answers only on photos of one kind of thing, most of them with a face,
learns the kind, not the faces. The lead's walk: "brass" said yes on det-photos' 5 trombones in a
library of 40 (5 each of violin, trumpet, trombone, zebra, washer, toaster, tiger, strawberry).
4 of the 5 show their player's face against the library's 17 %, which the yes-only face measure
(core/face_concepts.yes_only_face_concept) priced above the class set 'trombone' (0.80 against
-0.15): the tag was learned "like detected faces" and went on 4 violins (their players' faces),
5 -> 11 photos. The tagger is sure the 4 with a face show one kind ('brass': 3 trombones and a
French horn), so the faces explain no answer the kind does not, and the class set keeps the tag."""

from __future__ import annotations

from pathlib import Path

import pytest

from phototagger.core.face_concepts import FACES_LABEL
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.cli_helpers import det_photos_scanned, run
from tests.store_helpers import DET

pytestmark = pytest.mark.model  # runs the real network: full tier only

KINDS = ["violin", "trumpet", "trombone", "zebra", "washer", "toaster", "tiger", "strawberry"]


def test_brass_taught_on_trombones_with_faces_stays_off_the_violins(
    tmp_path: Path,
    engine: object,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = [p.stem for kind in KINDS for p in sorted(DET.glob(f"n*_{kind}.jpg"))]
    assert len(names) == 40  # 5 of each kind
    pics = det_photos_scanned(engine, tmp_path / "pics", names, monkeypatch, capsys)
    trombones = sorted(str(p) for p in pics.glob("n*_trombone.jpg"))
    with open_library(default_home()) as lib:
        with_face = lib.db.execute(
            "SELECT DISTINCT p.path FROM faces f JOIN photos p ON p.id = f.photo_id"
        ).fetchall()
    assert len({p for (p,) in with_face} & set(trombones)) == 4  # the case: most show a face

    assert run(capsys, "label", *trombones, "--add", "brass")[0] == 0
    code, out, err = run(capsys, "train")
    assert code == 0, err
    assert f"brass: {FACES_LABEL}" not in out, out
    assert "brass: like 'trombone'" in out, out
    code, out, _ = run(capsys, "search", "brass")
    found = [line for line in out.splitlines() if line.endswith(".jpg")]
    assert set(trombones) <= set(found), found
    wrong = [p for p in found if not p.endswith(("_trombone.jpg", "_trumpet.jpg"))]
    assert wrong == [], wrong
