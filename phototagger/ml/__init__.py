"""phototagger.ml."""
