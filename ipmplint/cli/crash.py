"""What ipmplint was doing when something it did not foresee went wrong, and how the
run stops when it is told to.

An unexpected exception is a bug in ipmplint, not a finding: the command line turns it
into one line on stderr naming the input being checked and exit code 3, never a
traceback that a CI log would show as a failed check (exit 1). ``working_on`` marks the
exception with the input (a capture root, a file) so that line can name it, and with
its traceback text, so that ``--debug`` can show it even when it happened in a worker
process and reached this one pickled.

SIGTERM is turned into ``Terminated`` (exit 143), as SIGINT is into
``KeyboardInterrupt`` (exit 130), so that ``finally`` blocks run: worker processes
are stopped and no output file is left half written. Workers themselves ignore SIGINT
(the parent decides), take the default SIGTERM, and on Linux ask the kernel to send
them SIGTERM when the parent dies, even by SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import Iterator, Optional

#: The attributes ``working_on`` sets on an exception that passes through it.
INPUT_ATTR = "ipmplint_input"
TRACEBACK_ATTR = "ipmplint_traceback"

#: PR_SET_PDEATHSIG, from <linux/prctl.h>.
_PR_SET_PDEATHSIG = 1


class Terminated(BaseException):
    """SIGTERM arrived: stop as Ctrl-C would (a BaseException, so no ``except
    Exception`` swallows it)."""


@contextlib.contextmanager
def working_on(what: str) -> Iterator[None]:
    """Mark any exception raised inside with ``what`` (the innermost mark wins) and its
    traceback text."""
    try:
        yield
    except Exception as exc:
        if getattr(exc, INPUT_ATTR, None) is None:
            import traceback  # deferred: start-up (a run without a crash never needs it)

            try:
                setattr(exc, INPUT_ATTR, what)
                setattr(exc, TRACEBACK_ATTR, traceback.format_exc())
            except (AttributeError, TypeError):  # an exception type without a __dict__
                pass
        raise


def input_of(exc: BaseException) -> Optional[str]:
    return getattr(exc, INPUT_ATTR, None)


def traceback_of(exc: BaseException) -> str:
    """The traceback where the exception was raised (in a worker, if it was), else here."""
    import traceback  # deferred: start-up

    recorded = getattr(exc, TRACEBACK_ATTR, None)
    here = "".join(traceback.format_exception(exc))
    return f"{recorded}\n(re-raised in the main process)\n{here}" if recorded and recorded not in here else here


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """While inside, SIGTERM raises ``Terminated`` (in the main thread only)."""
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def worker_started(parent: int) -> None:
    """In a worker process, first thing: Ctrl-C is the parent's to handle, SIGTERM
    ends the worker at once, and the worker dies with its parent (process id
    ``parent``: one that died before the kernel was asked is caught too)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
            pass
    if os.getppid() != parent:
        os._exit(128 + int(signal.SIGTERM))
