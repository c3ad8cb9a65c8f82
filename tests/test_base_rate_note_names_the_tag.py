"""polish35's "from Anna" (12 photos said yes, 6 no, nothing visual in common) went onto 390 of
397 photos in the run trained next, and the Train page's verdict warned: "From Anna would be on
390 photos, more than its labels suggest": the summary's part, made a sentence, had the tag's
name at its start capitalised into a name no tag has. It keeps the tag's name now."""

from __future__ import annotations

from phototagger.core.version_diff import TagChange, base_rate_notes
from phototagger.gui.retrain_train import sentence


def test_the_verdict_keeps_a_tag_name_at_its_start() -> None:
    change = TagChange("from Anna", before=29, after=390, added=361)
    (note,) = base_rate_notes([change], {"from Anna": 12}, {"from Anna": 6}, 397)
    said = sentence(note, ["dogs", "from Anna"])
    assert said == (
        "from Anna would be on 390 photos, more than its labels suggest "
        "(at most ~265: 12 yes / 6 no)."
    )
    # Other sentences start as sentences do.
    assert sentence("on 2 tags: right on 17 of 17 answers", ["dogs"]).startswith("On 2 tags")
    assert sentence("dogsled would be on 3 photos", ["dogs"]).startswith("Dogsled")
