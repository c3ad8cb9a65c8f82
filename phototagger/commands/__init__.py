"""The command-line commands, one module per group; phototagger.cli assembles them."""
