"""phototagger.store."""
