"""The runs a new training replaces: trained before from the same version and never made active.

Each training saved a version, and one neither applied nor discarded stayed: `train` three times
without `models use` (or Train three times without Apply) left v2, v3, v4, each "never made
active", each ready to be made active, none asked for. Once a run is trained, those trained
before from the same version and never made active go. Nothing is lost: such a run never tagged
the library and is no version to roll back to; the active version, any version active once (and
so v1) and any version another was trained from stay. Called only once the new run is trained:
a run that fails or is cancelled leaves the one before. The Train page and `phototagger train`
both call it, and say the same sentence.
"""

from __future__ import annotations

from phototagger.core.errors import PhototaggerError
from phototagger.core.library import Library
from phototagger.core.model.activation import discard_version
from phototagger.core.model.active import active_version
from phototagger.core.model.listing import list_versions


def discard_replaced(library: Library, version: str, parent: str) -> list[str]:
    """Discard the runs `version` (just trained from `parent`) replaces; their names, in order.
    One that cannot be discarded is kept, listed, and not named."""
    active = active_version(library.db)
    gone: list[str] = []
    for info in list_versions(library):
        # never_active: not the active one, not one active once, not one trained from.
        if info.never_active and info.parent == parent and info.version not in (version, active):
            try:
                discard_version(library, info.version)
            except (PhototaggerError, OSError):
                continue  # kept, and listed: nothing said of it as gone
            gone.append(info.version)
    return gone


def replaced_words(versions: list[str], parent: str) -> str:
    """What the new run's result says of the runs it replaced; "" when none."""
    if not versions:
        return ""
    which = f"model{'s' if versions[1:] else ''} {', '.join(versions)}"
    return f"It replaces {which}, trained before from {parent} and never applied."
