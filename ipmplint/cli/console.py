"""What the command line says to the user, and how wide and colourful it may say it.

Everything said on stderr goes through ``say``: escaped (ipmplint.escaping),
because file names and capture text are not the user's to trust.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional

from ipmplint import escaping
from ipmplint.cli.exits import EXIT_ERROR


def say(message: object) -> None:
    """One message on stderr: ``ipmplint: `` and the message, as one escaped line (a
    newline in a file name it quotes is shown as ``\\x0a``, not obeyed)."""
    sys.stderr.write(escaping.line(f"ipmplint: {message}") + "\n")


def usage_error(message: str) -> int:
    """A wrong argument value found after parsing (an unknown rule): one line, exit 2."""
    say(f"error: {message}")
    return EXIT_ERROR


def use_color(args: argparse.Namespace) -> bool:
    """``--color``, else the conventions: NO_COLOR (no-color.org) and TERM=dumb turn it
    off, FORCE_COLOR (force-color.org) on; otherwise only on a terminal."""
    if args.color == "always":
        return True
    if args.color == "never" or args.output or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def width(args: argparse.Namespace) -> Optional[int]:
    """The columns the text report fits: the terminal's, or ``COLUMNS``; None (no
    wrapping) for a file or a pipe with no ``COLUMNS``."""
    if args.output:
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size().columns
    return None


def terminal_columns() -> int:
    import shutil

    return shutil.get_terminal_size((80, 24)).columns
