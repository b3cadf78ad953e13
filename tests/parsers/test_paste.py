"""Pastes are normal input: prompts, echoed commands, output glued to its command,
other commands' lines, elisions, a byte-order mark — in every parser alike.

Each case takes a clean capture of every kind from the fixtures, pastes it the way
people do, and asks for the same model, the same warnings plus exactly the one the
paste deserves, and each pasted line's fate in the accounting.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from testpaths import FIXTURES

from ipmplint.capture import filenames, kinds, loader
from ipmplint.model import LineStatus
from ipmplint.parsers import base, ifconfig, ipmpstat, ldm_long, paste

PROMPTS = (
    "#",
    "# ",
    "$",
    "root@host:~# ",
    "[root@localhost:~]#",
    "[root@localhost ~]# ",
    "primary# ",
    "bash-3.2# ",
    "-bash-4.1$",
    "host:~ #",
    "root@solaris11-1:~# ",
)


def _samples() -> dict[str, Path]:
    """One fixture file of each parser (the first by name), keyed by kind."""
    found: dict[str, Path] = {}
    seen: set[str] = set()
    for path in sorted(FIXTURES.rglob("*")):
        kind = filenames.kind_of(path.name) if path.is_file() else None
        if kind is None or kind == "hostname" or kinds.BY_NAME[kind].parser in seen:
            continue
        seen.add(kinds.BY_NAME[kind].parser)
        found[kind] = path
    return found


SAMPLES = _samples()


def parse(kind: str, text: str):
    return loader.parser_of(kinds.BY_NAME[kind])(text, "f.txt")


def shape(result) -> str:
    """The model and warnings without positions: what was read, wherever it stood."""
    return re.sub(r"line=\d+, col=\d+", "", repr((result.value, [(w.message) for w in result.warnings])))


def status(result, kind: str, text: str, line: int) -> LineStatus:
    """The fate of one line, read back from the accounting of the file with and without it."""
    ctx = base.ParseContext("f.txt", text, kind)
    return ctx.status[line - 1]


def test_the_samples_cover_the_parsers_fixtures_hold():
    assert set(SAMPLES) >= {
        "dladm-show-phys",
        "eeprom",
        "hosts",
        "ifconfig-a",
        "ipadm-show-addr",
        "ipmpstat-g",
        "ldm-V",
        "ldm-list-l",
        "ldm-list-p",
        "mpathd",
        "netmasks",
        "netstat-rn",
        "routeadm",
        "static-routes",
        "svcprop-ipmp",
    }


@pytest.mark.parametrize("prompt", PROMPTS)
@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_a_trailing_prompt_is_a_skipped_line(kind, prompt):
    text = SAMPLES[kind].read_text()
    clean, pasted = parse(kind, text), parse(kind, text + prompt + "\n")
    assert shape(pasted) == shape(clean)
    assert pasted.account.skipped == clean.account.skipped + 1
    assert pasted.account.total == clean.account.total + 1


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_another_commands_line_is_skipped_wherever_it_stands(kind):
    lines = SAMPLES[kind].read_text().split("\n")
    clean = parse(kind, "\n".join(lines))
    for at in (0, 1, len(lines) - 1):
        text = "\n".join(lines[:at] + ["root@ldg1:~# if_mpadm -d vnic0"] + lines[at:])
        pasted = parse(kind, text)
        assert shape(pasted) == shape(clean), at
        assert pasted.account.skipped == clean.account.skipped + 1


@pytest.mark.parametrize("indent", ("", "    ", "\t"))
@pytest.mark.parametrize("mark", ("...", "…", "[...]", "<snip>"))
@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_an_elision_is_warned_once_at_its_column(kind, mark, indent):
    text = SAMPLES[kind].read_text()
    clean, pasted = parse(kind, text), parse(kind, text + indent + mark + "\n")
    extra = [w for w in pasted.warnings if w.source.line == clean.account.total + 1]
    assert [(w.source.col, w.message) for w in extra] == [(len(indent) + 1, paste.ELIDED)]
    assert pasted.account.warned == clean.account.warned + 1
    assert shape(parse(kind, text + "\n")) == shape(clean)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_a_byte_order_mark_changes_nothing(kind):
    text = SAMPLES[kind].read_text()
    assert repr(parse(kind, "\ufeff" + text)) == repr(parse(kind, text))
    assert kinds.sniff("\ufeff" + text) == kinds.sniff(text)


# -- output glued to its command ------------------------------------------------------

GLUED = {
    "ifconfig-a": "# ifconfig -a ",
    "ldm-list-l": "primary# ldm list -l ",
    "netstat-rn": "root@ldg1:~# netstat -rn ",
    "ipmpstat-g": "$ ipmpstat -g ",
    "ipadm-show-addr": "root@s11:~# ipadm show-addr ",
    "dladm-show-phys": "root@s11:~# dladm show-phys ",
}


@pytest.mark.parametrize("kind", sorted(GLUED))
def test_output_glued_to_its_command_is_read_at_its_columns(kind):
    path = next(p for p in sorted(FIXTURES.rglob("*")) if p.is_file() and filenames.kind_of(p.name) == kind)
    lines = path.read_text().split("\n")
    first = next(i for i, line in enumerate(lines) if line and paste.echo(line) is None)
    lines = [line for line in lines[first:]]
    clean = parse(kind, "\n".join(lines))
    command = GLUED[kind]
    glued = parse(kind, "\n".join([command + lines[0]] + lines[1:]))
    assert shape(glued) == shape(clean)
    assert glued.account == clean.account
    assert kinds.sniff("\n".join([command + lines[0]] + lines[1:])) in {
        k.name for k in kinds.KINDS if k.parser == kinds.BY_NAME[kind].parser
    }


def test_a_glued_ifconfig_stanza_is_read_and_its_columns_point_at_the_file():
    text = (
        "# ifconfig hme0 hme0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n"
        "        inet 192.168.1.10 netmask ffffff00 broadcast 192.168.1.255\n"
        "        groupname ipmp0\n"
        "        ether 8:0:20:a1:b2:c3\n"
        "# \n"
    )
    result = ifconfig.parse(text, "i.txt")
    (hme0,) = result.value.interfaces
    assert hme0.name == "hme0" and hme0.source.line == 1 and hme0.source.col == 17
    assert result.warnings == ()
    assert (result.account.consumed, result.account.skipped) == (4, 1)


def test_a_glued_ldm_list_bindings_excerpt_with_elisions_is_recognised_and_read():
    text = (
        "primary# ldm list-bindings ldg1\n"
        "...\n"
        "NETWORK\n"
        "    NAME             SERVICE                     ID   DEVICE     MAC               MODE   PVID VID\n"
        "    vnet0            primary-vsw0@primary        0    network@0  00:14:4f:fa:b1:56        1\n"
        "    ...\n"
    )
    assert kinds.sniff(text) == "ldm-list-bindings"
    assert kinds.sniff(text.split("\n", 1)[1]) == "ldm-list-bindings"
    result = ldm_long.parse(text, "b.txt")
    assert [(w.source.line, w.source.col, w.message) for w in result.warnings][-2:] == [
        (2, 1, paste.ELIDED),
        (6, 5, paste.ELIDED),
    ]


def test_a_prompt_holding_a_colon_is_not_parseable_output():
    text = (
        "root@ldg1:~# ipmpstat -g\n"
        "GROUP       GROUPNAME   STATE     FDT       INTERFACES\n"
        "ipmp0       ipmp0       ok        10.00s    net1 net0\n"
        "root@ldg1:~# \n"
    )
    result = ipmpstat.parse(text, "g.txt")
    assert result.warnings == () and len(result.value.groups) == 1
    assert (result.account.consumed, result.account.skipped) == (1, 3)


def test_a_comment_is_not_a_prompt():
    assert paste.echo("# Internet host table") is None
    assert paste.echo("127.0.0.1 #") is None
    assert paste.echo("vnet0: flags=1000843<UP,IPv4> mtu 1500 index 2") is None


@pytest.mark.parametrize(
    "line, command, program, output",
    [
        ("[root@localhost ~]# ipmpstat -g", 20, "ipmpstat", None),
        ("host:~ # ifconfig -a", 9, "ifconfig", None),
        ("-bash-4.1$ sudo /usr/sbin/ldm ls", 11, "ldm", None),
        ("# cat /etc/hostname.bge0 192.168.1.1 netmask + up", 2, "cat", 25),
        ("# netstat -rn Routing Table: IPv4", 2, "netstat", 14),
    ],
)
def test_echo_tells_prompt_command_and_glued_output(line, command, program, output):
    echo = paste.echo(line)
    assert (echo.command, echo.program, echo.output) == (command, program, output)


@settings(max_examples=200, deadline=None)
@given(
    prompt=st.sampled_from(PROMPTS),
    kind=st.sampled_from(sorted(SAMPLES)),
    at=st.integers(min_value=0, max_value=200),
    mark=st.sampled_from(["...", "  ...", "\t[...]"]),
)
def test_prompts_and_elisions_anywhere_cost_their_own_line_only(prompt, kind, at, mark):
    lines = SAMPLES[kind].read_text().split("\n")
    at = at % len(lines)
    text = "\n".join(lines[:at] + [prompt, mark] + lines[at:])
    result = parse(kind, text)
    assert result.account.balanced and result.value is not None
    assert status(result, kind, text, at + 1) is LineStatus.SKIPPED
    assert [w.message for w in result.warnings if w.source.line == at + 2] == [paste.ELIDED]


def test_words_after_a_column_gap_that_start_no_output_are_warned_at_their_column():
    text = "# ipmpstat -g ipmp0       ipmp0       ok        10.00s    net1 net0\n"
    result = ipmpstat.parse(text, "g.txt")
    assert [(w.source.line, w.source.col, w.message) for w in result.warnings] == [(1, 27, paste.UNREAD)]
    assert result.account.warned == 1
    assert paste.echo("# ipmpstat  -g").unread is None  # a doubled blank among options is typing


@pytest.mark.parametrize(
    "line",
    ["...", "   ...", "\t…", "[...]", "(...)", "<snip>", "[ snip ]", "-- snip --", "[output truncated]", "......"],
)
def test_elision_shapes(line):
    assert paste.elision(line)


@pytest.mark.parametrize("line", ["..", "... more", "ipmp0 ...", "[x]", "--", "<UP>"])
def test_not_elisions(line):
    assert not paste.elision(line)


@pytest.mark.parametrize(
    "kind, text",
    [
        ("virtinfo", "    Domain role: LDoms guest\n    Domain name: ldg1\n"),
        ("ldm-list-p", "  VERSION 1.6\n  DOMAIN|name=primary|state=active|flags=-n-cv-\n"),
        ("ldm-list-bindings", "\ufeff    VSW\r\n        NAME     MAC    NET-DEV\r\n"),
    ],
)
def test_indented_or_transported_excerpts_are_recognised(kind, text):
    assert kinds.sniff(text) == kind


# -- one line costs one line --------------------------------------------------------


def test_a_line_that_trips_a_transformer_costs_that_line_only(monkeypatch):
    text = SAMPLES["ifconfig-a"].read_text()
    clean = ifconfig.parse(text, "f.txt")

    def broken(self, tok, words):
        raise IndexError("boom")

    monkeypatch.setattr(ifconfig.IfconfigTransformer, "_ether", broken)
    result = ifconfig.parse(text, "f.txt")
    ether = [n for n, line in enumerate(text.split("\n"), start=1) if line.strip().startswith("ether ")]
    bugs = [w for w in result.warnings if "internal error IndexError: boom" in w.message]
    assert ether and [w.source.line for w in bugs] == ether
    assert all(w.message.endswith("this line is not read, the rest of the file is") for w in bugs)
    assert [i.name for i in result.value.interfaces] == [i.name for i in clean.value.interfaces]
    assert result.account.warned == len(ether) and result.account.balanced


def test_a_line_the_grammar_cannot_take_costs_that_line_only(monkeypatch):
    text = "NAME             STATE    FLAGS   CONS\nprimary          active   -n-cv-  UART\n"
    calls = []
    real = base.tree

    def picky(text, name):
        calls.append(text)
        if "active" in text:
            from lark.exceptions import UnexpectedCharacters

            raise UnexpectedCharacters(text, text.index("active"), text.count("\n", 0, text.index("active")) + 1, 8)
        return real(text, name)

    monkeypatch.setattr(base, "tree", picky)
    result = ldm_long.parse(text, "l.txt")
    assert result.value is not None
    dropped = [w for w in result.warnings if w.message.endswith("the rest of the file is")]
    assert [(w.source.line, w.source.col) for w in dropped] == [(2, 8)] and len(calls) == 2
    assert result.account.warned == 2  # the row, and the header left without a row


def test_a_failure_of_the_whole_file_is_not_retried_line_by_line(monkeypatch):
    def broken(self, *args):
        raise TypeError("boom")

    monkeypatch.setattr(ifconfig.IfconfigTransformer, "start", broken)
    result = ifconfig.parse(SAMPLES["ifconfig-a"].read_text(), "f.txt")
    assert result.value is None and result.account.balanced
    assert [w.source.line for w in result.warnings if "internal error TypeError" in w.message] == [1]


_JUNK = st.text(alphabet="abcXYZ019 \t:|=#-/.,<>@[]()\\\"'\x0b\x0c\x85\u2028…*$%", min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(sorted(SAMPLES)),
    at=st.integers(min_value=0, max_value=500),
    junk=_JUNK,
    echo_words=st.booleans(),
    lead=st.sampled_from(["", "  ", "\t", "    "]),
)
def test_any_inserted_line_leaves_the_file_read(kind, at, junk, echo_words, lead):
    lines = SAMPLES[kind].read_text().split("\n")
    at = at % (len(lines) + 1)
    if echo_words:  # another line's words, shuffled by the paste: the shapes a parser half-knows
        words = lines[(at * 7) % len(lines)].split() or ["x"]
        junk = junk[:1].join(reversed(words)) if junk[:1].isspace() else " ".join(words[1:] + words[:1])
    result = parse(kind, "\n".join(lines[:at] + [lead + junk] + lines[at:]))
    assert result.value is not None and result.account.balanced
    assert all("internal error" not in w.message or w.source.line == at + 1 for w in result.warnings)


@pytest.mark.parametrize(
    "line, kind",
    [
        ("ipmpstat -g", "ipmpstat-g"),
        ("ldm list -l", "ldm-list-l"),
        ("  netstat -rn", "netstat-rn"),
        ("ifconfig -a", "ifconfig-a"),
    ],
)
def test_a_command_shown_without_a_prompt_is_an_echo(line, kind):
    echo = paste.echo(line)
    assert echo.kind == kind and echo.command == len(line) - len(line.lstrip())


@pytest.mark.parametrize("line", ["", "   ", "default 10.0.0.1 UG 1 0 vnet0", "ls -l", "vnet0 ipmp0", "hostname ldg1"])
def test_a_line_of_output_is_no_echo(line):
    assert paste.echo(line) is None


@given(st.text(alphabet=" \t#$%>:~@[]/-.abcxyz019", max_size=40))
def test_echo_and_elision_take_any_line(line):
    found = paste.echo(line)
    assert found is None or 0 <= found.command <= len(line)
    assert found is None or found.output is None or found.command < found.output <= len(line)
    paste.elision(line)


def test_a_header_glued_to_its_command_is_told_apart_by_that_command():
    from ipmplint.parsers import dladm

    text = "root@s11:~# dladm show-phys LINK        STATE\nnet0        up\n"
    result = dladm.parse(text, "d.txt")
    assert not [w for w in result.warnings if "fits several tables" in w.message]
    unglued = dladm.parse("LINK        STATE\nnet0        up\n", "d.txt")
    assert [w for w in unglued.warnings if "fits several tables" in w.message]


def test_reading_again_is_bounded_by_the_characters_it_costs(monkeypatch):
    from ipmplint.capture import limits

    def broken(self, tok, words):
        raise IndexError("boom")

    monkeypatch.setattr(ifconfig.IfconfigTransformer, "_ether", broken)
    text = SAMPLES["ifconfig-a"].read_text()
    ether = [n for n, line in enumerate(text.split("\n"), start=1) if line.strip().startswith("ether ")]
    more = text + "".join(
        f"vnet{9 + n}: flags=1000843<UP,IPv4> mtu 1500 index {9 + n}\n        ether 0:1:2:3:4:{n}\n" for n in range(3)
    )
    monkeypatch.setattr(limits, "MAX_RETRY_CHARS", len(more) * len(ether))
    given_up = ifconfig.parse(more, "f.txt")
    assert given_up.value is None and given_up.account.balanced
    monkeypatch.setattr(limits, "MAX_RETRY_CHARS", len(more) * (len(ether) + 3))
    assert ifconfig.parse(more, "f.txt").value is not None


@pytest.mark.parametrize("line", ["0.6%", "100%", "12.5 %", "42#"])
def test_a_number_with_a_sign_is_no_prompt(line):
    assert paste.echo(line) is None


def test_a_parseable_services_listing_with_a_bom_is_still_parseable():
    text = "VERSION 1.6\nVSW|name=primary-vsw0|mac=00:14:4f:fb:54:f2|net-dev=e1000g0|dev=switch@0|mode=\n"
    with_bom = ldm_long.parse_services("\ufeff" + text, "s.txt")
    assert repr(with_bom) == repr(ldm_long.parse_services(text, "s.txt"))
