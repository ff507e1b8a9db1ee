"""Read-only queries the screens show (no textual here): the officer list, the officer file, advisers."""
