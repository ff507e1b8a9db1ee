"""Exports: spreadsheets, CSV and JSON of what the register holds."""
