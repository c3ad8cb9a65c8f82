"""phototagger.core."""
