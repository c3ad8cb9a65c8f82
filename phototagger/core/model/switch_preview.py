"""What making a version active would change now, before Make Active (Model ▸ Versions, `models
diff`): per tag, the photos it would put the tag on and take it off, against the active version.

Counted as the Train page counts a new version (core/version_diff.library_changes: both
versions' scores from the cached embeddings, the user's own decisions left out), so a version
trained and never applied, one to roll back to and one rolled away from read as that page and
the switch's own words do ("pets: 5 photos fewer"). A deep version reads photos through a CNN
top of its own: its scores are not at hand without decoding every photo again, and it says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from phototagger.core import switch_scores
from phototagger.core.library import Library
from phototagger.core.model.activation import moved_words
from phototagger.core.model.active import active_version
from phototagger.core.model.changed_tags import trained_form
from phototagger.core.model.tagger import backbone_for, load_head
from phototagger.core.version_diff import TagChange, library_changes
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.trained_head import TrainedHead

DEEP = "this version reads the photos again"
ACTIVE_DEEP = "the active version reads the photos with a CNN of its own"


@dataclass(frozen=True)
class SwitchPreview:
    version: str  # the version that would be made active
    active: str  # the version active when it was counted
    # The tags whose photos would change, the most photos first (as moved_words ranks them).
    changes: list[TagChange] = field(default_factory=list)
    not_counted: str = ""  # why it was not counted ('' where it was): DEEP, ACTIVE_DEEP

    def not_counted_words(self, apply: str) -> str:
        """Why it is not counted, `apply` being how a front makes it active ("Make Active")."""
        return f"shown after {apply}: {self.not_counted}"

    @property
    def moves(self) -> dict[str, tuple[int, int]]:
        """Per tag, (photos it would go on, photos it would come off): activate_version's
        `moves`, for moved_words."""
        return {c.tag: (c.added, c.removed) for c in self.changes}

    @property
    def photos(self) -> int:
        """The photos whose tags as shown would change (activate_version's `changed`)."""
        return len({p for c in self.changes for p in (*c.added_ids, *c.removed_ids)})

    def would_change_words(self, shown: int) -> str:
        """ "would change 3 photos' tags (pets: 3 photos more)", after "made active now, v2 ",
        `shown` tags named (moved_words), as the switch's own words then say what it did."""
        if not self.changes:
            return "would change no photo's tags"
        photos = "1 photo's tags" if self.photos == 1 else f"{self.photos:,} photos' tags"
        return f"would change {photos} ({moved_words(self.moves, shown=shown)})"


def switch_preview(library: Library, version: str) -> SwitchPreview:
    """What making `version` active would change now (nothing for the active version)."""
    active = active_version(library.db)
    if version == active:
        return SwitchPreview(version, active)
    if backbone_for(library, version) != BACKBONE_NAME:
        return SwitchPreview(version, active, not_counted=DEEP)
    if backbone_for(library, active) != BACKBONE_NAME:
        return SwitchPreview(version, active, not_counted=ACTIVE_DEEP)
    default = load_default_head()
    new, old = load_head(library, version, default), load_head(library, active, default)
    # Only v1 is not a trained head, and one of the two is not v1: the other in its form.
    like = new if isinstance(new, TrainedHead) else old
    assert isinstance(like, TrainedHead)
    candidate = trained_form(library, version, like, new)
    now = trained_form(library, active, like, old)
    if candidate is None or now is None:  # a head of another kind: none but v1 is
        return SwitchPreview(version, active, not_counted="it cannot be compared")
    counted, _ = library_changes(library, now, candidate, BACKBONE_NAME)
    if candidate is not new:
        # The scores it kept for the switch (core/switch_scores.py) are a trained version's:
        # a switch to v1 re-tags in full, and would never read nor delete them.
        switch_scores.discard(library, version)
    moved = [c for c in counted if c.added or c.removed]
    moved.sort(key=lambda c: (-(c.added + c.removed), c.tag.casefold()))
    return SwitchPreview(version, active, moved)
