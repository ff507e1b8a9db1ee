"""The terminal application: screens over the same core functions the command line calls."""
