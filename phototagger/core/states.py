"""The named states the fronts see: a photo's status, a tag row's state and source, a tag's origin.

Defined in `phototagger.store.states`, because the store writes and checks them and may not
import core; the GUI and the CLI import them from here, since core is their one door.
"""

from phototagger.store.states import (
    POSITIVE_STATES,
    PhotoStatus,
    TagOrigin,
    TagSource,
    TagState,
)

__all__ = ["POSITIVE_STATES", "PhotoStatus", "TagOrigin", "TagSource", "TagState"]
