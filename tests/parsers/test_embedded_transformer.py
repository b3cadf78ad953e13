"""The fast path of ``parsers.base.run``: each Transformer applied while lark parses
(no tree is built) gives exactly what transforming the tree afterwards gives — the
same model, warnings and line accounting — for every parser in kinds.py, on every
fixture and sample, on lines of every format mixed at random, and when a transformer
fails half-way."""

from __future__ import annotations

import contextlib
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ipmplint.capture import discovery, kinds, loader
from ipmplint.parsers import base, hosts, ifconfig

from testpaths import FIXTURES, SAMPLES

PARSERS = sorted({k.parser for k in kinds.KINDS})


@contextlib.contextmanager
def embedded(on: bool):
    before = base.EMBED_TRANSFORMER
    base.EMBED_TRANSFORMER = on
    try:
        yield
    finally:
        base.EMBED_TRANSFORMER = before


def parse_with(parser: str, text: str, path: str, on: bool):
    kind = next(k for k in kinds.KINDS if k.parser == parser)
    parse = loader.parser_of(kind)
    hints = {"interface": "vnet0", "family": "inet"} if kind.name == "hostname" else {}
    with embedded(on):
        return parse(text, path, **hints)


def assert_same(parser: str, text: str, path: str = "f") -> None:
    tree = parse_with(parser, text, path, False)
    fast = parse_with(parser, text, path, True)
    assert fast == tree, f"{parser} differs on {path}"


def _corpus() -> list[tuple[str, str, str]]:
    """(kind, display, text) of every capture file under fixtures/ and the samples."""
    out = []
    for top in (FIXTURES, SAMPLES):
        for root in discovery.discover([str(top)]).roots:
            for cf in [*root.files, *(f for d in root.domains for f in d.files)]:
                if cf.kind is not None and cf.path.is_file():
                    out.append((cf.kind, cf.display, cf.path.read_bytes().decode("utf-8", "replace")))
    return out


#: Kinds no fixture or sample holds, in the shapes the parsers' own tests read: every
#: parser of kinds.py has at least one real-shaped text here.
EXTRA = [
    ("defaultrouter", "etc/defaultrouter",
     "# default router for the data network\n192.168.10.1   # the vsw\n\nrouter-b\n"),
    ("ipadm-show-prop", "ipadm-show-prop.txt",
     "PROTO PROPERTY              PERM CURRENT      PERSISTENT   DEFAULT      POSSIBLE\n"
     "ipv4  forwarding            rw   on           on           off          on,off\n"
     "ipv6  forwarding            rw   off          --           off          on,off\n"),
    ("ldm-list-services", "ldm-list-services.txt",
     "VSW\n"
     "    NAME             LDOM             MAC               NET-DEV   ID   DEVICE     MODE\n"
     "    primary-vsw0     primary          00:14:4f:fb:54:f2 net0      0    switch@0\n"
     "    alternate-vsw0   alternate        00:14:4f:fb:60:01           0    switch@0\n"),
]
CORPUS = _corpus() + EXTRA
LINES = sorted({line for _, _, text in CORPUS for line in text.split("\n")})


def test_the_corpus_holds_every_parser():
    covered = {kinds.BY_NAME[kind].parser for kind, _, _ in CORPUS}
    assert covered == set(PARSERS)


@pytest.mark.parametrize("kind,display,text", CORPUS, ids=[d for _, d, _ in CORPUS])
def test_every_capture_parses_the_same_either_way(kind, display, text):
    assert_same(kinds.BY_NAME[kind].parser, text, display)


@pytest.mark.parametrize("parser", PARSERS)
def test_every_parser_reads_other_formats_the_same_either_way(parser):
    rng = random.Random(parser)
    for _, display, text in rng.sample(CORPUS, min(25, len(CORPUS))):
        assert_same(parser, text, display)


@pytest.mark.parametrize("parser", PARSERS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.one_of(st.sampled_from(LINES), st.text(max_size=40)), max_size=40), end=st.booleans())
def test_mixed_lines_parse_the_same_either_way(parser, lines, end):
    assert_same(parser, "\n".join(lines) + ("\n" if end else ""))


class _Boom(ifconfig.IfconfigTransformer):
    """Fails on the second stanza, after the first has been consumed."""

    def stanza(self, children):
        self.ctx.consume(1)
        if getattr(self, "seen", 0):
            raise RuntimeError("boom")
        self.seen = 1
        return super().stanza(children)


def _run_boom(text: str, on: bool):
    with embedded(on):
        ctx = base.ParseContext("f", text, ifconfig.KIND)
        return base.run(ctx, "ifconfig", _Boom(ctx))


def test_a_transformer_that_fails_half_way_ends_as_it_always_did():
    text = ("bge0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n"
            "\tinet 10.1.1.5 netmask ffffff00 broadcast 10.1.1.255\n"
            "bge1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3\n")
    tree, fast = _run_boom(text, False), _run_boom(text, True)
    assert fast == tree
    # the failing stanza is one line: that line is dropped, the file read without it
    assert [i.name for i in fast.value.interfaces] == ["bge0"]
    (warning,) = fast.warnings
    assert warning.source.line == 3 and "internal error RuntimeError: boom" in warning.message


class _SameClassInside(hosts.HostsTransformer):
    """Parses another file with the same grammar and transformer class while parsing:
    the inner parse cannot borrow the busy compiled parser and takes the tree way."""

    def start(self, items):
        if not getattr(self, "depth", 0):
            inner_ctx = base.ParseContext("inner", "10.0.0.1 a\n", "hosts")
            inner = _SameClassInside(inner_ctx)
            inner.depth = 1
            self.inner = base.run(inner_ctx, "fields", inner)
        return super().start(items)


def _run_nested(on: bool):
    with embedded(on):
        ctx = base.ParseContext("f", "10.0.0.2 b\n10.0.0.3\n", "hosts")
        outer = _SameClassInside(ctx)
        return base.run(ctx, "fields", outer), outer.inner


def test_a_parse_of_the_same_transformer_class_inside_a_parse():
    result, inner = _run_nested(True)
    assert (result, inner) == _run_nested(False)
    assert inner.value.entries[0].names == ("a",) and len(result.warnings) == 1


def test_threads_parsing_at_once_get_what_one_thread_gets():
    from concurrent.futures import ThreadPoolExecutor

    texts = [text for kind, _, text in CORPUS if kind == "ifconfig-a"] * 4
    expected = [ifconfig.parse(t, "f") for t in texts]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda t: ifconfig.parse(t, "f"), texts)) == expected


def test_a_method_replaced_after_the_grammar_was_compiled_is_the_one_called(monkeypatch):
    text = "bge0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n"
    ifconfig.parse(text, "f")  # compiled with the real methods
    monkeypatch.setattr(ifconfig.IfconfigTransformer, "start", lambda self, items: "replaced")
    assert ifconfig.parse(text, "f").value == "replaced"
    monkeypatch.undo()
    assert ifconfig.parse(text, "f").value.interfaces[0].name == "bge0"


class _Shadowed(hosts.HostsTransformer):
    def __init__(self, ctx):
        super().__init__(ctx)
        self.comment = "an attribute named like a rule"


def test_an_attribute_named_like_a_rule_takes_the_tree_way():
    def parse(on):
        with embedded(on):
            ctx = base.ParseContext("f", "# c\n10.0.0.1 a\n", "hosts")
            return base.run(ctx, "fields", _Shadowed(ctx))

    assert parse(True) == parse(False)


@pytest.mark.parametrize("parser", ["ipmplint.parsers.ifconfig:parse", "ipmplint.parsers.netstat:parse",
                                    "ipmplint.parsers.ldm_long:parse", "ipmplint.parsers.ipmpstat:parse"])
def test_the_big_formats_take_the_fast_path(parser, monkeypatch):
    calls = []
    real = base._while_parsing

    def spy(ctx, name, transformer):
        result = real(ctx, name, transformer)
        calls.append(result is not base._FALLBACK)
        return result

    monkeypatch.setattr(base, "_while_parsing", spy)
    for kind, display, text in CORPUS:
        if kinds.BY_NAME[kind].parser == parser:
            parse_with(parser, text, display, True)
    assert calls and all(calls)
