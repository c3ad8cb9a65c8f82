"""phototagger.gui."""
