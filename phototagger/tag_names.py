"""When two tag names are the same tag: the one rule every layer compares tag names by.

The tags table's name is UNIQUE COLLATE NOCASE, and SQLite's NOCASE folds the 26 ASCII letters
only: 'Dog' and 'dog' are one tag, 'Äpfel' and 'äpfel' are two (search and counts keep them
apart). Whatever matches tag names in Python (the tag tree, training's labels, a saved model's
columns, keywords written to files) folds with name_key, never str.casefold or str.lower, which
would make one tag of what the library holds as two. It lives here, outside the layers, because
the store (the database's rule) and ml (a saved model's tag list) both need it and may not import
each other.
"""

from __future__ import annotations

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def name_key(name: str) -> str:
    """`name` folded as the database tells tag names apart (NOCASE: ASCII letters only)."""
    return name.translate(_ASCII_LOWER)
