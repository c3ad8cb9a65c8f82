"""`python -m phototagger.gui [--home DIR]`: the same as `phototagger gui`."""

from __future__ import annotations

import sys

from phototagger.cli import main

if __name__ == "__main__":
    sys.exit(main(["gui", *sys.argv[1:]]))
