"""The line grammars (``parsers/lines.py``) are read line by line, without lark's LALR
parser: the tree so built must be the tree lark builds from the same grammar, token
for token (type, text, every position), and a text lark stops on must stop the line
reader on the same line. Checked on every fixture and sample file (each read as every
line grammar, so a file of another format is input nobody wrote for it) and on
generated text."""

from __future__ import annotations

from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree
from lark.exceptions import UnexpectedInput
from testpaths import FIXTURES, SAMPLES

from ipmplint.parsers import base, lines

FILES = sorted(
    p
    for root in (FIXTURES, SAMPLES)
    for p in root.rglob("*")
    if p.is_file() and p.suffix not in (".toml", ".md") and p.stat().st_size < 200_000
)


def _shape(node: object) -> object:
    """A tree as nested tuples, each token with its type, text and every position."""
    if isinstance(node, Tree):
        return (node.data, tuple(_shape(c) for c in node.children))
    assert isinstance(node, Token)
    return (node.type, str(node), node.start_pos, node.line, node.column, node.end_line, node.end_column, node.end_pos)


def _read(read, text: str) -> tuple[Optional[object], Optional[tuple[int, int]]]:
    """The tree's shape, or the line and column the reader stopped at."""
    try:
        return _shape(read(text)), None
    except UnexpectedInput as exc:
        return None, (exc.line, exc.column)


def _same(name: str, text: str) -> None:
    compiled = base.grammar(name)
    lark_way = _read(compiled.parse, text)
    line_way = _read(lambda t: lines.parse(t, name, compiled), text)
    assert line_way == lark_way


@pytest.mark.parametrize("name", sorted(lines.SHAPES))
def test_every_fixture_and_sample_reads_as_lark_reads_it(name):
    assert len(FILES) > 100
    for path in FILES:
        ctx = base.ParseContext(str(path), path.read_bytes().decode("utf-8", errors="replace"), "test")
        _same(name, ctx.text)


#: Lines (some several, as a wrap leaves them) of the formats read line by line, and
#: of others: read as each line grammar, text nobody wrote for it too.
_POOL = {
    "ofmt": [
        "# ipmpstat -g",
        "root@ldg1:~# ipadm show-if",
        "GROUP  GROUPNAME  STATE",
        "IFNAME",
        "ipadm: cannot get address",
        "dladm: bad",
        "ipmp0  ipmp0  ok  --  net0 (net1)",
        "  LINK  MEDIA",
        "$ ipmpstat -P -o -g groupname,fdt,interfaces",
        "itops0:10.00s:subitops0 subitops1",
    ],
    "fields": [
        "# comment",
        "  # indented comment",
        "127.0.0.1 localhost",
        "$ cat /etc/hosts",
        "-host 10.1.1.1 10.1.1.1",
        "persistent: route add -host 10.1.1.1 10.1.1.2",
    ],
    "netstat": [
        "Routing Table: IPv4",
        "IRE Table: IPv6",
        "Routing Table:",
        "  Destination           Gateway           Flags  Ref     Use     Interface",
        "Destination/Mask",
        "-------------------- -------------------- ----- ----- ---------- ---------",
        "---",
        "default              172.16.254.1         UG        2     158463 bge0",
        "bash-3.2$ netstat -rn",
        "Routing Table: IPv4\n  Destination   Gateway   Flags\n----- -----",
    ],
    "ifconfig": [
        "bge0: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 4",
        "lo0:1: flags=2001000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4,VIRTUAL> mtu 8232 index 1",
        "qfe0:1:",
        "flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4>",
        "mtu 1500 index 3",
        "qfe0:1:\nflags=1000843<UP>\nmtu 1500 index 3\n\tinet 10.1.1.1 netmask ffffff00",
        "bge0: flags=1000843<UP> \\\nmtu 1480 index 3",
        "bge0: flags=1000843<UP>\n\nmtu 1480 index 3",
        "qfe0:\n\nflags=1000843<UP>",
        "\tinet 192.168.1.10 netmask ffffff00 broadcast 192.168.1.255",
        "\tinet6 fe80::214:4fff:fef9:8c70/10",
        "\tgroupname ipmp0",
        "\tether 0:14:4f:f9:8c:70",
        "\tzone z1",
        "\tall-zones",
        "\tstandby inactive",
        "groupname testgroup1",
        "index 2 inet 192.168.85.19 netmask ffffff00",
        "# ifconfig -a",
    ],
    "hostname": [
        "/etc/hostname.qfe0",
        "  /etc/hostname6.bge0",
        "/etc/hostname.qfe0\n------------------",
        "/etc/hostname.qfe0\n\n-----",
        "  ----",
        "--- x",
        "# cat /etc/hostname.bge2",
        "10.1.1.1 netmask + broadcast + group ipmp0 up",
        "addif 10.1.1.2 # data",
        "foo#bar  baz\t#",
        "ldg1-data \\",
        "\\",
        " \x0b/etc/hostname.bge1",
        "\x0b",
    ],
    "ldm_long": [
        "NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME",
        "primary          active   -n-cv-  SP      8     16G      0.5%  2d 1h",
        "NAME",
        "ldg3",
        "NETWORK",
        "VSW",
        "    NAME             MAC               NET-DEV   DEVICE    MODE",
        "    vsw0             08:00:20:aa:bb:e0 e1000g0   switch@0  prog,promisc",
        "        PEER                        MAC",
        "------------------------------------------------------------------------------",
        "--------",
        "VCPU\n    VID    PID    UTIL STRAND\n    0      0      0.3%   100%",
        "MEMORY\n    RA               PA               SIZE\n\n    0x8000000        0x8000000        1G",
        "SOFTSTATE\nSolaris running\n    extra",
        "SOFTSTATE\nVSW",
        "SOFTSTATE\nNAME  STATE",
        "primary# ldm list -l",
        "\rvsw0 x",
    ],
}
_OTHER = st.text(alphabet="aZ09 \t:#$%>-/.@~_()[]<=,\\", max_size=20)


@st.composite
def _texts(draw) -> tuple[str, str]:
    """A line grammar and a text: lines of its format mostly, some of another, some
    random; blank lines, and lines of blanks alone (cleaning empties those: lark is
    still the judge of what they are)."""
    name = draw(st.sampled_from(sorted(lines.SHAPES)))
    own = st.sampled_from(_POOL[name])
    line = st.one_of(own, own, own, st.sampled_from([""] + sum(_POOL.values(), [])), _OTHER)
    return name, "".join(part + "\n" for part in draw(st.lists(line, max_size=12)))


@settings(max_examples=600, deadline=None)
@given(_texts())
def test_generated_text_reads_as_lark_reads_it(case):
    _same(*case)


def test_a_line_grammar_has_only_pattern_terminals():
    """lark lexes a plain-string terminal apart from the patterns that also match it
    (its ``unless`` callbacks); the line reader does not, so a line grammar has none."""
    for name in lines.SHAPES:
        kinds = {type(t.pattern).__name__ for t in base.grammar(name).lexer_conf.terminals if t.name != "_NL"}
        assert kinds == {"PatternRE"}, name


def test_a_line_no_terminal_reads_stops_both_readers_at_its_first_column():
    """Cleaning empties blank-only lines, so no capture reaches this: a line of blanks
    alone, which no terminal of the fields grammar reads, stops both readers at its
    first column (the other line grammars read it, as a row, a stray line or nothing)."""
    for text, stop in (("a\n  \n", (2, 1)), ("\t\n", (1, 1)), ("# c\nb\n \t\n", (3, 1))):
        compiled = base.grammar("fields")
        assert _read(lambda t, compiled=compiled: lines.parse(t, "fields", compiled), text) == (None, stop)
        for name in lines.SHAPES:
            _same(name, text)


def test_each_state_of_a_shape_accepts_what_a_state_of_lark_s_parser_accepts():
    """A state's terminals are its scanner's: one too many or too few and a line lexes
    as another token than lark's. Each state's set is one lark's LALR table holds."""
    for name, shape in lines.SHAPES.items():
        table = base.grammar(name).parser.parser.parser.parse_table
        lark_sets = {frozenset(actions) - {"$END"} for actions in table.states.values()}
        for state, steps in shape.states.items():
            assert frozenset(steps) in lark_sets, (name, state)
