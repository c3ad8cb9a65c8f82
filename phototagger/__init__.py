"""phototagger: tags your own photos with a CNN that learns from your corrections."""

__version__ = "0.1.0"

from phototagger import lean_imports

lean_imports.install()
