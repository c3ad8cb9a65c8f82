"""tails37, after fixc37: a tag whose only answers left are "no"s on photos in the library that
the scan could not read (a damaged file) was said learned "from answers on photos now out of
the library (their folder removed, or their files gone)": the photo is in the library, its
folder there, its file too. label_index counted only the "yes" answers on never-read photos,
so the tag was unanswered, yet stored; now such a "no" counts as an answer, as a "yes" does:
the tag is answered and kept as the version has it, with nothing said about it."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.paths import default_home
from phototagger.store.embeddings import without_embedding
from tests.cli_helpers import run, scan_with
from tests.gui_helpers import open_window, settle
from tests.store_helpers import DET
from tests.test_train_tag_answers_all_taken_back import head_of


def test_a_no_on_a_photo_the_scan_cannot_read_keeps_the_tag_unsaid(
    engine: object,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    names = sorted(p.stem for p in DET.glob("*.jpg"))[:40]
    pics = tmp_path / "pics"
    pics.mkdir()
    for name in names:
        shutil.copy(DET / f"{name}.jpg", pics)
    damaged = pics / f"{names[20]}.jpg"
    damaged.write_bytes(damaged.read_bytes()[:300])  # cut short: the scan cannot read it
    assert scan_with(engine, pics, monkeypatch, capsys) == 1  # 1 photo could not be read
    with open_library(default_home()) as library:  # in the library, never read
        photo = library.db.execute("SELECT id FROM photos WHERE path = ?", [str(damaged)])
        (photo_id,) = photo.fetchone()
        assert without_embedding(library.db, [photo_id], BACKBONE_NAME) == {photo_id}
    concert = [str(pics / f"{n}.jpg") for n in names[:10]]
    assert run(capsys, "label", *concert, "--add", "concert")[0] == 0
    assert run(capsys, "label", str(damaged), "--reject", "concert")[0] == 0
    assert run(capsys, "train")[0] == 0  # v2 learns concert
    assert run(capsys, "label", *concert, "--remove", "concert")[0] == 0
    brass = [str(pics / f"{n}.jpg") for n in names[10:15]]
    assert run(capsys, "label", *brass, "--add", "brass")[0] == 0

    code, out, err = run(capsys, "train")
    assert code == 0 and "v3 is now active" in out, out + err
    assert "out of the library" not in out, out
    assert "concert" not in out, out
    with open_library(default_home()) as library:
        v2, v3 = head_of(library, "v2"), head_of(library, "v3")
        assert "concert" in v3.tags, "v3 dropped concert"
        i, j = v2.tags.index("concert"), v3.tags.index("concert")
        assert np.array_equal(v2.kernel[:, i], v3.kernel[:, j])

    window = open_window(qtbot, engine, tmp_path)
    window._show_retrain("train")
    settle(qtbot, window)
    said = window.retrain.train_page.summary.text()
    assert "out of the library" not in said, said
    assert "concert" not in said, said
