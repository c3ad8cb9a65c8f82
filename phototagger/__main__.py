"""`python -m phototagger ARGS`: the command line, as the `phototagger` script runs it."""

from phototagger.cli import script

raise SystemExit(script())
