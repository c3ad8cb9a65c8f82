"""phototagger: tags your own photos with a CNN that learns from your corrections."""

__version__ = "0.1.0"
