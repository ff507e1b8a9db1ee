"""The command line: every core function, for scripting and bulk work."""
