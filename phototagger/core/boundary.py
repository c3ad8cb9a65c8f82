"""Where the errors of the layers below become domain errors, on their way to a front.

store and ml cannot import core, so they raise their own exceptions (a library newer than this
program, an unknown or damaged model version, a missing GPU, a read-only database). The fronts
run every use case inside `domain_errors()`: an exception that means "the user can act on this"
leaves it as the PhototaggerError kind that says so, with the same one-line message; anything
else passes through untouched, because it is a bug and must be reported as one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from phototagger.core.errors import LibraryUnwritable, PhototaggerError
from phototagger.core.failures import TRANSLATED, explain_world
from phototagger.paths import LibraryHome


def as_domain_error(exc: BaseException, home: LibraryHome) -> PhototaggerError | None:
    """The domain error `exc` stands for (itself if it is one), or None: a bug."""
    if isinstance(exc, PhototaggerError):
        return exc
    for kind, domain in TRANSLATED:
        if isinstance(exc, kind):
            return domain(str(exc))
    # The world's doing, not ours: a full disk, a read-only mount, a failing disk.
    message = explain_world(exc, home)
    return None if message is None else LibraryUnwritable(message)


@contextmanager
def domain_errors(home: LibraryHome) -> Iterator[None]:
    """Run the block; a failure of a lower layer that means something to the user leaves it as
    a domain error (the original chained as its cause, for logs); anything else is re-raised."""
    try:
        yield
    except Exception as exc:
        domain = as_domain_error(exc, home)
        if domain is None or domain is exc:
            raise
        raise domain from exc
