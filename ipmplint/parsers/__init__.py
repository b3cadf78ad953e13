"""Capture parsers: one module per format, each turning text into model objects."""
