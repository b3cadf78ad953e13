"""One server's answers, computed once: the memo the analysis questions share while the
runner checks that server.

Several rules ask the same question of the same model object: the probing of a group
(IPMP107, 202, 206, 208, 209, 210, 211 each ask it), the placement of a group's members
on the topology (IPMP101-109, 201), the Solaris release of a domain (ten rules). Every
answer depends only on the objects asked about, which are frozen, so the first answer
is the answer. The runner opens a memo for one server (``per_server``) and closes it
when the server's report is made: nothing is kept between servers, between runs or
between workers, and a question asked outside a run (a test, the simulation, a
drawing) is simply computed.

The memo is keyed on the identity of the objects asked about, never on their value:
hashing a frozen model object walks every field under it, which would cost more than
many answers. So a memoized question takes model objects (a domain, a group, the
topology), not names: two equal strings are two objects, and would be two questions.
Each entry keeps its arguments alive, so an identity stays unique while the memo lives.
An answer is shared by every rule that asks, so it must be immutable (tuples, frozen
attrs) or never changed by its askers (a dict they only read).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from typing import Any, Callable, Iterator, Optional, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

#: The open memo of the server being checked, or None outside a check.
_OPEN: contextvars.ContextVar[Optional[dict]] = contextvars.ContextVar("ipmplint_analysis_memo", default=None)


@contextlib.contextmanager
def per_server() -> Iterator[None]:
    """A memo for the questions asked while one server is checked, dropped on exit
    (an exception included). Nested, the inner one is fresh and the outer one comes back."""
    token = _OPEN.set({})
    try:
        yield
    finally:
        _OPEN.reset(token)


def once_per_server(function: F) -> F:
    """``function`` answered once per server and arguments (model objects, positional)
    while a memo is open; called as it is otherwise."""

    @functools.wraps(function)
    def asked(*args: Any) -> Any:
        memo = _OPEN.get()
        if memo is None:
            return function(*args)
        key = (function, *map(id, args))
        found = memo.get(key)
        if found is None:
            found = memo[key] = (function(*args), args)  # the arguments keep their ids unique
        return found[0]

    return asked  # type: ignore[return-value]
