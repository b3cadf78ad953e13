"""A helper of the site rules, not a rule: its name starts with ``_``."""

STANDARD = "Example site network standard, section 4: probe targets"
