"""The app's quotes: a name it quotes reads “gig”, as the app's own sentences say it ('Added
“gig” to 10 photos'). The core's messages, which the command line prints as they are, quote a
name as Python writes it ('gig', or "rock n' roll" where it holds a quote): shown as they were,
the Review tab said "The model has not learned 'gig' yet" under a status bar that said
“gig” (walk48). The command line keeps the straight quotes: they are what a shell takes back."""

from __future__ import annotations

import ast
import re

# A name as repr() writes it, not inside a word: 'gig', "rock n' roll", 'a\\b'. A quote after a
# letter is an apostrophe ("folder's"), never one that opens a name.
_QUOTED = re.compile(r"""(?<!\w)('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")(?!\w)""")


def quoted(name: str) -> str:
    """`name` in the app's quotes: “gig”."""
    return f"“{name}”"


def curly_quotes(text: str) -> str:
    """`text` (a core message, plain) with the names it quotes as repr() does in the app's
    quotes: "the model has not learned 'gig' yet" reads "… learned “gig” yet"."""

    def curly(found: re.Match[str]) -> str:
        try:
            name = ast.literal_eval(found[1])
        except (SyntaxError, ValueError):
            return found[0]
        return quoted(name) if isinstance(name, str) else found[0]

    return _QUOTED.sub(curly, text)
