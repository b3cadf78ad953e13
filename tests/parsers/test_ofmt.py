"""What ipadm, ipmpstat and dladm share (``ipmplint.parsers.ofmt``): reading the echoed
command, splitting parseable lines, and the header libofmt repeats every 24 rows."""

from __future__ import annotations

import pytest
from dladm_render import render_dladm
from parse_checks import counts

from ipmplint.model import Datalink, DladmCapture, Source
from ipmplint.parsers import dladm
from ipmplint.parsers.ofmt import Cell, Syntax, read_command, split_parseable

IPADM = {"show-prop": Syntax("op", "c"), "show-if": Syntax("o", "p"), "show-addr": Syntax("o", "p")}
IPMPSTAT = {"": Syntax("o", "P")}


@pytest.mark.parametrize(
    "line, program, syntax, expected",
    [
        ("root@solaris11-1:~# ipadm show-if", "ipadm", IPADM, ("show-if", None, False)),
        # the 819-6990 guide's order: -o gets no value, the fields are the operand after -g
        (
            "$ ipmpstat -P -o -g groupname,fdt,interfaces",
            "ipmpstat",
            IPMPSTAT,
            ("", ("GROUPNAME", "FDT", "INTERFACES"), True),
        ),
        # ipmpstat(1M) example: flags run together
        ("# ipmpstat -gP -o group,fdt", "ipmpstat", IPMPSTAT, ("", ("GROUP", "FDT"), True)),
        ("# ipmpstat -o all -i", "ipmpstat", IPMPSTAT, ("", None, False)),
        ("# ipmpstat -Pogroup,state -g", "ipmpstat", IPMPSTAT, ("", ("GROUP", "STATE"), True)),
        # show-prop: -p names the property, -c asks for parseable output
        (
            "# ipadm show-prop -c -o proto,current -p forwarding ipv4",
            "ipadm",
            IPADM,
            ("show-prop", ("PROTO", "CURRENT"), True),
        ),
        ("# ipadm show-prop -p forwarding ipv4", "ipadm", IPADM, ("show-prop", None, False)),
        (
            "# ipadm show-addr --parsable --output=addrobj,addr",
            "ipadm",
            IPADM,
            ("show-addr", ("ADDROBJ", "ADDR"), True),
        ),
        ("# ipadm show-addr --output addrobj -p", "ipadm", IPADM, ("show-addr", ("ADDROBJ",), True)),
        ("primary# /usr/sbin/dladm show-link | grep vsw", "dladm", {}, ("show-link", None, False)),
        ("# pfexec ipadm 2>&1", "ipadm", IPADM, ("", None, False)),
    ],
)
def test_read_command(line, program, syntax, expected):
    command = read_command(line, program, syntax)
    assert command is not None and command.program == program
    assert (command.subcommand, command.fields, command.parseable) == expected


def test_read_command_other_programs_and_file_names():
    assert read_command("# cat /tmp/ipadm.out", "ipadm", IPADM) is None
    assert read_command("# more ipadm-show-if.txt", "ipadm", IPADM) is None
    assert read_command("# ipmpstat -g", "ipadm", IPADM) is None


def test_fields_column_points_at_the_field_list():
    line = "$ ipmpstat -P -o -g groupname,fdt,interfaces"
    assert read_command(line, "ipmpstat", IPMPSTAT).fields_col == line.index("groupname") + 1
    line = "# ipadm show-addr --output=addrobj,addr"
    assert read_command(line, "ipadm", IPADM).fields_col == line.index("addrobj") + 1


def test_split_parseable_undoes_escapes():
    assert split_parseable("fe80\\:\\:1:a\\\\b::last", 1, 4) == [
        Cell("fe80::1", 1),
        Cell("a\\b", 11),
        Cell("", 16),
        Cell("last", 17),
    ]
    # one field: printed as is, nothing escaped
    assert split_parseable("fe80::1", 5, 1) == [Cell("fe80::1", 5)]


def test_header_repeated_every_24_rows_is_read_as_one_table():
    links = tuple(
        Datalink(f"net{n}", Source("x"), media="Ethernet", state="up", speed="1000", duplex="full", device=f"igb{n}")
        for n in range(30)
    )
    text = render_dladm(DladmCapture(Source("x"), links))
    assert text.count("LINK ") == 2
    result = dladm.parse(text, "x")
    assert result.warnings == ()
    assert [link.link for link in result.value.links] == [link.link for link in links]
    assert counts(result) == (33, 30, 3, 0, 0)
