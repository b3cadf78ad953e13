"""The parsers' transformers walk their trees with ``transform.DirectTransformer``, which
finds each callback once per class instead of through lark's per-node ``getattr``. Its
answer must be lark's: for every fixture and sample file, read by its own parser and by
every other, the ``ParseResult`` (model, warnings, accounting) with the direct walk
equals the one with lark's ``Transformer.transform``; and each calling convention lark
offers, a ``Discard``, a missing callback, a failing one, behaves as lark has it."""

from __future__ import annotations

import contextlib
from typing import Any, Callable, Iterator

import pytest
from lark import Token, Transformer, Tree, v_args
from lark.exceptions import VisitError
from lark.visitors import Discard
from testpaths import FIXTURES, SAMPLES

from ipmplint.capture import filenames, kinds, loader
from ipmplint.parsers import transform
from ipmplint.parsers.transform import DirectTransformer

FILES = sorted(
    p
    for root in (FIXTURES, SAMPLES)
    for p in root.rglob("*")
    if p.is_file() and p.suffix not in (".toml", ".md") and p.stat().st_size < 200_000
)

#: Each parser once (several kinds share one), with the hints hostname files need.
PARSERS = sorted({k.parser for k in kinds.KINDS})


@contextlib.contextmanager
def lark_walk() -> Iterator[None]:
    """Every transformer walks with lark's own ``Transformer.transform`` meanwhile."""
    own = DirectTransformer.__dict__["transform"]
    DirectTransformer.transform = Transformer.transform  # type: ignore[method-assign]
    try:
        yield
    finally:
        DirectTransformer.transform = own  # type: ignore[method-assign]


def _parse(parser: str, path) -> Callable[[], Any]:
    parse = loader.parser_of(kinds.Kind("", "", parser, "", ""))
    text = path.read_bytes().decode("utf-8", errors="replace")
    named = filenames.hostname_interface(path.name) or ("bge0", "inet")
    hints = {"interface": named[0], "family": named[1]} if parser.endswith("hostname:parse") else {}
    return lambda: parse(text, str(path), **hints)


def _same(parser: str, path) -> None:
    read = _parse(parser, path)
    direct = read()
    with lark_walk():
        lark_way = read()
    assert direct == lark_way, (parser, path)


def test_the_switch_reaches_the_parsers():
    """``lark_walk`` does take the direct walk away (else the tests below prove nothing)."""
    calls = []
    real = transform.DirectTransformer._node

    def counted(self, tree):
        calls.append(tree.data)
        return real(self, tree)

    path = FIXTURES / "ovm34-link-based-two-service-domains" / "ldg1" / "ifconfig-a.txt"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(transform.DirectTransformer, "_node", counted)
        _parse("ipmplint.parsers.ifconfig:parse", path)()
        assert calls
        calls.clear()
        with lark_walk():
            _parse("ipmplint.parsers.ifconfig:parse", path)()
        assert not calls


def test_every_file_read_by_its_own_parser_is_read_as_lark_reads_it():
    seen = set()
    for path in FILES:
        kind = filenames.kind_of(path.name) or kinds.sniff(path.read_bytes()[:4096].decode(errors="replace"))
        if kind is not None:
            seen.add(kind)
            _same(kinds.BY_NAME[kind].parser, path)
    assert len(seen) > 15


@pytest.mark.parametrize("parser", PARSERS)
def test_every_file_read_by_every_parser_is_read_as_lark_reads_it(parser):
    """A file of another format is text nobody wrote for the parser: strays, warnings
    and the retries of a line that trips a callback, all through the walk."""
    for path in FILES:
        if path.stat().st_size < 6_000:
            _same(parser, path)


def test_a_line_that_trips_a_callback_costs_that_line_either_way(monkeypatch):
    """``base.run`` finds the failing line in the ``VisitError``: the same line, and the
    same retry without it, with either walk."""
    from ipmplint.parsers import netstat

    real = netstat.NetstatTransformer.__dict__["row"]

    def fussy(self, children):
        if "10.9.9.9" in children[0]:
            raise ValueError("boom")
        return real(self, children)

    monkeypatch.setattr(netstat.NetstatTransformer, "row", fussy)
    text = "Routing Table: IPv4\ndefault 10.0.0.1 UG 1 0 bge0\n10.9.9.9 10.0.0.1 UG 1 0 bge0\n"
    direct = netstat.parse(text, "n.txt")
    with lark_walk():
        assert netstat.parse(text, "n.txt") == direct
    assert [w.source.line for w in direct.warnings] == [3] and "boom" in direct.warnings[0].message
    assert direct.value is not None and len(direct.value.routes) == 1


# -- lark's calling conventions, one by one ----------------------------------------------


def _tree() -> Tree:
    a, b = Token("A", "a", line=1, column=1), Token("B", "b", line=2, column=3)
    return Tree("start", [Tree("pair", [a, b]), Tree("gone", [a]), Tree("meta_one", [b]), Tree("unknown", [a])])


class _Conventions:
    """Callbacks of every convention; mixed into a lark and a direct transformer."""

    @v_args(inline=True)
    def pair(self, a, b):
        return ("pair", str(a), str(b))

    def gone(self, children):
        return Discard

    @v_args(meta=True)
    def meta_one(self, meta, children):
        return ("meta", type(meta).__name__, [str(c) for c in children])

    @v_args(tree=True)
    def start(self, tree):
        return ("start", tree.data, tree.children)


class _LarkWay(_Conventions, Transformer):
    pass


class _DirectWay(_Conventions, DirectTransformer):
    pass


def test_each_convention_discard_and_default_are_lark_s():
    assert _DirectWay(visit_tokens=False).transform(_tree()) == _LarkWay(visit_tokens=False).transform(_tree())


def test_class_level_v_args_and_inline_meta_are_lark_s():
    @v_args(inline=True)
    class Direct(DirectTransformer):
        def pair(self, a, b):
            return (b, a)

        @v_args(meta=True, inline=True)
        def start(self, meta, *items):
            return items

    @v_args(inline=True)
    class Lark(Transformer):
        pair = Direct.__dict__["pair"]
        start = Direct.__dict__["start"]

    tree = Tree("start", [Tree("pair", ["x", "y"]), Tree("pair", ["z", "w"])])
    assert (
        Direct(visit_tokens=False).transform(tree)
        == Lark(visit_tokens=False).transform(tree)
        == (("y", "x"), ("w", "z"))
    )


def test_a_failing_callback_is_a_visit_error_on_its_node_as_lark_s():
    class Direct(DirectTransformer):
        def pair(self, children):
            raise ValueError("bad")

        def start(self, children):
            return children

    class Lark(Transformer):
        pair = Direct.__dict__["pair"]
        start = Direct.__dict__["start"]

    errors = []
    for walker in (Direct(visit_tokens=False), Lark(visit_tokens=False)):
        with pytest.raises(VisitError) as caught:
            walker.transform(_tree())
        errors.append((caught.value.rule, caught.value.obj, repr(caught.value.orig_exc), caught.value.__cause__))
    assert errors[0] == errors[1]
    assert errors[0][1] is not None and errors[0][1].data == "pair"


def test_an_instance_attribute_and_a_patched_method_win_as_with_lark():
    class Direct(DirectTransformer):
        def pair(self, children):
            return "class"

        def start(self, children):
            return children

    tree = Tree("start", [Tree("pair", [])])
    walker = Direct(visit_tokens=False)
    assert walker.transform(tree) == ["class"]
    walker.pair = lambda children: "instance"  # type: ignore[method-assign]
    assert walker.transform(tree) == ["instance"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Direct, "pair", lambda self, children: "patched")
        assert Direct(visit_tokens=False).transform(tree) == ["patched"]
    assert Direct(visit_tokens=False).transform(tree) == ["class"]


def test_visited_tokens_take_lark_s_walk():
    class Direct(DirectTransformer):
        def A(self, tok):
            return "token"

        def start(self, children):
            return children

    tree = Tree("start", [Token("A", "a")])
    assert Direct().transform(tree) == ["token"]
    assert Direct(visit_tokens=False).transform(tree) == [Token("A", "a")]
