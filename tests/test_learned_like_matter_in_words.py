"""A tag taught as 'things to eat' on det-photos was explained as learned "like 'matter' and
your examples" (`train`, the Train page, Versions): WordNet's top levels ('matter', 'entity',
'object', 'whole', 'artifact', 'abstraction'...) are no words a photographer uses. A set holding
such a group is said by the classes it holds that the yes answers show most ("like 'mushroom',
'burrito', 'strawberry' and your examples"); the record's label, which --json shows, keeps
its exact words, and its classes_named says which classes stood for which group. Nor is such a
group a concept the user means: 'matter' also holds face powder and toilet tissue, which were
tagged with the foods. The class-set search no longer chooses one (core/concepts.fit_concept)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from phototagger.core.concepts import (
    ConceptFit,
    classes_named,
    load_concepts,
    wide_nodes,
)
from phototagger.core.learned_words import how_in_words, plain_learned
from phototagger.gui.retrain_changes import learned_words_tip
from tests.cli_helpers import run, scan_with
from tests.store_helpers import DET

YES = (
    "n07720875_9783_bell_pepper n07873807_12105_pizza n07734744_5655_mushroom "
    "n07615774_13205_popsicle n07714571_9118_head_cabbage n07747607_11507_orange "
    "n07745940_1997_strawberry n07734744_4530_mushroom n07880968_2944_burrito "
    "n07718472_20689_cucumber"
).split()
NO = (
    "n03400231_5440_frying_pan n02992211_14789_cello n03790512_5722_motorcycle "
    "n02454379_4660_armadillo n03483316_17231_hair_dryer n02274259_3025_butterfly "
    "n02799071_7869_baseball n02274259_379_butterfly n04270147_7710_spatula n02118333_27_fox "
    "n03908714_4340_pencil_sharpener n04392985_4128_tape_player n02764044_34355_axe "
    "n03633091_10052_ladle n04118776_12941_ruler n04442312_6578_toaster "
    "n03814639_2265_neck_brace n02324045_13467_rabbit n02840245_7410_binder "
    "n02121808_2226_domestic_cat n04252077_2529_snowmobile n01990800_353_isopod "
    "n04554684_16469_washer n04070727_10616_refrigerator n02883205_623_bow_tie "
    "n03394916_39514_french_horn n03720891_3349_maraca n02121808_5315_domestic_cat "
    "n02970849_4696_cart n03207941_8862_dishwasher"
).split()


def _wide_names() -> set[str]:
    index = load_concepts()
    return {
        name for wnid, name in zip(index.wnids, index.names, strict=True) if wnid in wide_nodes()
    }


def test_wordnet_s_top_levels_are_told_apart_by_depth_and_breadth() -> None:
    """By a rule on the shipped closure (fewer than 4 hypernyms above the node, or over half of
    the 1,000 classes below it), not by a list of words."""
    index = load_concepts()
    every = set(index.names)
    wide = _wide_names()
    top = {"entity", "physical entity", "object", "matter", "whole", "artifact", "abstraction"}
    assert top & every <= wide and {"matter", "artifact", "whole"} <= wide
    named = {
        "food (nutrient)",
        "food (solid food)",
        "produce",
        "animal",
        "dog",
        "reptile",
        "vehicle",
        "bird",
        "container",
    }
    assert named <= every and not named & wide


def test_a_group_too_wide_to_name_is_said_by_the_classes_the_yes_answers_show() -> None:
    index = load_concepts()
    k = index.names.index("matter")
    fit = ConceptFit(
        (index.wnids[k],), ("matter",), index.members[:, k].copy(), 1.0, 1.0, own=5, weighted=True
    )
    rng = np.random.default_rng(0)
    positives = rng.dirichlet(np.full(1000, 0.05), size=6).astype(np.float32) * 0.1
    classes = {name: i for i, name in enumerate(_class_names())}
    for row, name in enumerate(["pizza", "pizza", "banana", "bagel", "pizza", "banana"]):
        positives[row, classes[name]] += 0.9
    named = classes_named(fit, positives)
    assert named == {"matter": ["pizza", "banana", "bagel"]}
    said = plain_learned(fit.label, named)
    assert said == "like 'pizza', 'banana', 'bagel' and your examples"
    # A record made before (no classes_named) says what it said; a group one can name is kept.
    assert plain_learned(fit.label) == "like 'matter' and your examples"
    assert plain_learned("like WordNet 'reptile'", named) == "like 'reptile'"
    # The Train page's tooltip: the plain words, then the record's own, in the app's quotes.
    tip = learned_words_tip(fit.label, named)
    assert tip.startswith(
        "like “pizza”, “banana”, “bagel” and your examples\n\nIn the model's terms: "
    )


def _class_names() -> list[str]:
    from phototagger import paths

    data = json.loads((paths.models_data_dir() / "imagenet_classes.json").read_text())
    return [c["name"] for c in data]


# Photos no one answered: face powder, which WordNet files under 'matter' beside the foods, and
# foods of kinds the yes answers did not show.
FACE_POWDER = (
    "n03314780_153_face_powder n03314780_2604_face_powder n03314780_6531_face_powder "
    "n03314780_8148_face_powder n03314780_8491_face_powder"
).split()
MORE_FOOD = (
    "n07753592_1896_banana n07749582_16107_lemon n07695742_10673_pretzel "
    "n07697537_13949_hotdog n07693725_10869_bagel"
).split()


@pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")
def test_things_to_eat_is_not_learned_like_matter(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """10 photos of food said yes, 30 others no (benchmarks/new_tags.py's 'things to eat',
    seed 0's picks), on a library of these 40 det-photos, 5 of face powder and 5 foods of
    other kinds. The class set was WordNet's 'matter' (the smallest node over dishes and
    fruit), which holds face powder and toilet tissue too: said "like 'mushroom', 'burrito',
    'strawberry'", and the face powder tagged. No top level of WordNet (wide_nodes) is a
    concept a user means: the foods are a union of narrower nodes."""
    pics = tmp_path / "pics"
    pics.mkdir()
    for name in YES + NO + FACE_POWDER + MORE_FOOD:
        shutil.copy(DET / f"{name}.jpg", pics)
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    assert (
        run(capsys, "label", *(str(pics / f"{n}.jpg") for n in YES), "--add", "things to eat")[0]
        == 0
    )
    assert (
        run(capsys, "label", *(str(pics / f"{n}.jpg") for n in NO), "--reject", "things to eat")[0]
        == 0
    )

    code, out, _ = run(capsys, "train", "--no-activate")
    assert code == 0
    said = next(
        line.strip() for line in out.splitlines() if line.startswith("  things to eat: like")
    )
    code, out, _ = run(capsys, "train", "--json")
    assert code == 0
    how = json.loads(out)["counts"]["learned"]["things to eat"]
    # The record names WordNet groups below the top levels, and train says them as they are.
    assert how["label"].startswith("like WordNet '") and how["synsets"], how
    assert not set(how["synsets"]) & wide_nodes() and not how.get("classes_named"), how
    assert said == f"things to eat: {how_in_words(how)}" and "matter" not in said, (said, how)

    code, out, _ = run(capsys, "export", "--json")
    assert code == 0
    tagged = {
        Path(r["path"]).stem
        for r in json.loads(out)
        if any(t["name"] == "things to eat" and t["state"] != "rejected" for t in r["tags"])
    }
    assert not tagged & set(FACE_POWDER), sorted(tagged)
    assert len(tagged & set(MORE_FOOD)) >= 4, sorted(tagged)
