"""A Transformer walk that finds each rule's callback once per class, not once per node.

lark's ``Transformer.transform`` looks a node's callback up with ``getattr`` on every
node. A method decorated ``@v_args(inline=True)`` is a ``_VArgsWrapper`` whose
``__get__`` builds a new wrapper, with ``functools.update_wrapper``, on every lookup; on
a file of a few lines that lookup costs as much as the callback's own work. Here the
lookup is done once per class and rule name: what lark would end up calling (the plain
function under the wrapper) and how it passes the children (lark's four calling
conventions: the list, inline, meta and list, meta and inline; and the whole tree). The
walk is lark's: depth first, children left to right, a ``Discard`` result dropped, a
callback's exception wrapped in ``VisitError`` naming the node, so whoever reads the
error (``base._attempt`` finds the failing line in it) sees lark's error.

Anything else lark allows (a callback that is no plain function, a ``wrapper=`` of
one's own, a missing callback handled by ``__default__``, an instance attribute of the
rule's name, tokens visited) is handed to lark's own ``_call_userfunc`` (or, for token
visiting, lark's whole ``transform``), so it behaves as lark has it.
``tests/parsers/test_transform.py`` holds the two walks equal on every parser's input.
"""

from __future__ import annotations

import abc
import types
from typing import Any, Callable, Optional

from lark import Transformer, Tree, visitors
from lark.exceptions import GrammarError, VisitError
from lark.visitors import Discard

#: How a callback takes its node (lark's ``v_args`` conventions, and the plain list).
LIST, INLINE, META, META_INLINE, TREE = range(5)

#: lark's ``v_args`` wrapper class and its calling conventions: private names of lark
#: (``lark/visitors.py``), so looked up softly. Under a lark without them nothing is
#: resolved here and every node takes lark's own lookup: slower, never different.
_WRAPPER: Any = getattr(visitors, "_VArgsWrapper", ())
_CONVENTIONS: dict[Any, int] = {
    getattr(visitors, name): convention
    for name, convention in (
        ("_vargs_inline", INLINE),
        ("_vargs_meta", META),
        ("_vargs_meta_inline", META_INLINE),
        ("_vargs_tree", TREE),
    )
    if hasattr(visitors, name)
}

#: A resolved callback: the plain function and its convention, or None where lark's own
#: lookup must decide (missing, no plain function, a wrapper of one's own).
Callback = Optional[tuple[Callable[..., Any], int]]


class _ResolvingMeta(abc.ABCMeta):
    """Forgets a class's resolved callbacks when one of its attributes changes (lark's
    class-level ``v_args`` does so after the class is made; a test may patch one in)."""

    def __setattr__(cls, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        _forget()

    def __delattr__(cls, name: str) -> None:
        super().__delattr__(name)
        _forget()


#: (class, rule name) → its callback; emptied whenever a transformer class changes.
_RESOLVED: dict[tuple[type, str], Callback] = {}


def _forget() -> None:
    _RESOLVED.clear()


def resolve(cls: type, name: str) -> Callback:
    """What ``getattr(instance, name)`` would call for a node, found on the class: the
    function under a ``@v_args`` wrapper or a plain method, with its convention."""
    for klass in cls.__mro__:
        if name in klass.__dict__:
            attr = klass.__dict__[name]
            break
    else:
        return None
    if isinstance(attr, _WRAPPER):
        convention = _CONVENTIONS.get(attr.visit_wrapper)
        if convention is not None and type(attr.base_func) is types.FunctionType:
            return attr.base_func, convention
        return None
    if type(attr) is types.FunctionType and getattr(attr, "visit_wrapper", None) is None:
        return attr, LIST
    return None


class DirectTransformer(Transformer, metaclass=_ResolvingMeta):
    """A lark ``Transformer`` whose ``transform`` calls each callback directly."""

    def transform(self, tree: Tree) -> Any:
        if self.__visit_tokens__:  # tokens have callbacks too: lark's walk does that
            return Transformer.transform(self, tree)
        if not isinstance(tree, Tree):
            return tree
        value = self._node(tree)
        return None if value is Discard else value

    def _node(self, tree: Tree) -> Any:
        children = []
        for child in tree.children:
            if isinstance(child, Tree):
                child = self._node(child)
                if child is Discard:
                    continue
            children.append(child)
        name = tree.data
        key = (type(self), name)
        try:
            found = _RESOLVED[key]
        except KeyError:
            found = _RESOLVED[key] = resolve(type(self), name)
        if found is None or name in self.__dict__:
            return self._call_userfunc(tree, children)
        func, convention = found
        try:
            if convention == INLINE:
                return func(self, *children)
            if convention == LIST:
                return func(self, children)
            if convention == META_INLINE:
                return func(self, tree.meta, *children)
            if convention == META:
                return func(self, tree.meta, children)
            return func(self, Tree(name, children, tree.meta))
        except GrammarError:
            raise
        except Exception as exc:
            raise VisitError(name, tree, exc)  # noqa: B904 (lark chains it implicitly too)
