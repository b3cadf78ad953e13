"""The rule registry (filled in below)."""
