"""`python -m phototagger ARGS`: the command line, as the `phototagger` script runs it."""

from phototagger.cli import main

raise SystemExit(main())
