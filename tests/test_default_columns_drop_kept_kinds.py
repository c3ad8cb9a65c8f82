"""A stock tag whose learned answers are all taken back is scored as the default head scores it
(ml/trained_head.as_default_columns): its kept rejections' lookalikes and rejected kinds were
dropped, but not the kinds held under its cut as unshown (sloth41, core/concepts.unshown_kinds),
so a photo of such a kind would still be held one logit under the default cut (read41's
finding). No stock tag is given a WordNet set today, so no photo shows it yet; the head must not
keep what it no longer learned."""

from __future__ import annotations

import dataclasses

import numpy as np

from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import as_default_columns, from_default


def test_a_stock_tag_set_back_to_default_keeps_no_kind_under_its_cut() -> None:
    default = load_default_head()
    base = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    stock, other = 3, 5
    head = dataclasses.replace(
        base,
        kinds=np.array([10, 11, 12]),
        kind_tags=np.array([stock, stock, other]),
        unshown=np.array([20, 21, 22]),
        unshown_tags=np.array([stock, other, stock]),
    )
    back = as_default_columns(head, [stock])
    assert back.column_kinds(stock).tolist() == []
    assert back.column_unshown(stock).tolist() == []
    # The other tag keeps what it learned.
    assert back.column_kinds(other).tolist() == [12]
    assert back.column_unshown(other).tolist() == [21]
