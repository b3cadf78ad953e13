"""collect/ipmplint-collect, run for real under dash, busybox sh, posh and ksh.

Each test builds a fake Solaris in a temporary folder: a PATH that holds only links
to ``stubs/stub`` (one per Solaris command the scenario has: ``ldm``, ``ifconfig``,
``ipmpstat``, ...) and to the few real utilities the collector uses (``sed``, ``tar``,
...), canned command output taken from the fixtures and the shared samples, and a fake
root for ``/etc`` (``IPMPLINT_COLLECT_ROOT``). Then it checks the capture folder, the
MANIFEST, the tar, and that ``ipmplint check`` reads every file the collector wrote.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tarfile
import textwrap
from pathlib import Path
from typing import Optional

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SCRIPT = REPO / "collect" / "ipmplint-collect"
STUB = HERE / "stubs" / "stub"
OUTPUT = HERE / "stubs" / "output"
ETC = HERE / "stubs" / "etc"
SAMPLES = REPO / "tests" / "data" / "samples"
FIXTURES = REPO / "fixtures"
IPMPLINT = REPO / ".venv" / "bin" / "ipmplint"

#: The shells the collector must run in, as command lines.
SHELLS = {"dash": ("dash",), "busybox": ("busybox", "sh"), "posh": ("posh",), "ksh": ("ksh",)}

#: The real utilities the collector (and the stub) may call; everything else on the
#: fake PATH is a stub, so a Solaris command the scenario lacks is really missing.
TOOLS = (
    "awk",
    "basename",
    "cat",
    "cmp",
    "cp",
    "date",
    "dirname",
    "expr",
    "gzip",
    "ln",
    "mkdir",
    "mv",
    "rm",
    "sed",
    "tar",
    "tr",
    "printf",
    "test",
    "[",
)

#: A prompt and command line at the top of a pasted sample ("primary# ldm -V",
#: "$ ipmpstat -i", "# ipadm"): not part of what the command printed.
_PROMPT = re.compile(r"^\s*(?:\S*[#$%>]\s+)(?:ldm|ipmpstat|ipadm|dladm|routeadm)\b")

#: The Solaris 11 commands the collector runs (and only there), by output file.
S11_FILES = (
    "ipadm-show-if.txt",
    "ipadm-show-addr.txt",
    "ipadm-show-prop.txt",
    "ipmpstat-g.txt",
    "ipmpstat-i.txt",
    "ipmpstat-t.txt",
    "ipmpstat-a.txt",
    "dladm-show-phys.txt",
    "dladm-show-link.txt",
    "dladm-show-vnic.txt",
    "dladm-show-vlan.txt",
    "dladm-show-aggr.txt",
    "svcprop-ipmp.txt",
    "route-p-show.txt",
)


def shell_or_skip(shell: str) -> tuple[str, ...]:
    """The shell's command line, its program as an absolute path (the collector runs
    with a PATH of stubs only); skips the test when the shell is not installed."""
    argv = SHELLS[shell]
    program = shutil.which(argv[0])
    if program is None:
        pytest.skip(f"{argv[0]} is not installed (Debian package: {argv[0]})")
    return (program, *argv[1:])


def command_output(path: Path) -> str:
    """What the command printed, from a pasted capture: without the prompt line that
    names the command, and without the indentation a web page added to every line."""
    lines = path.read_text().splitlines(keepends=True)
    if lines and _PROMPT.match(lines[0]):
        lines = lines[1:]
    text = textwrap.dedent("".join(lines))
    return text if text.endswith("\n") else text + "\n"


class World:
    """A fake Solaris domain: stub commands, canned output, a fake root."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.bin = tmp / "bin"
        self.data = tmp / "stubdata"
        self.root = tmp / "root"
        self.out = tmp / "out"
        self.log = tmp / "stub.log"
        for d in (self.bin, self.data, self.root, self.out):
            d.mkdir(parents=True)
        self.log.touch()
        self.printed: dict[str, str] = {}
        for tool in TOOLS:
            real = shutil.which(tool)
            assert real, f"{tool} is needed to run the collector tests"
            (self.bin / tool).symlink_to(os.path.realpath(real))

    def command(
        self, cmdline: str, output: Optional[str] = None, rc: Optional[int] = None, err: Optional[str] = None
    ) -> None:
        """Make ``cmdline`` ("ldm list -l") print ``output`` (and ``err`` on stderr) and
        exit with ``rc``."""
        name = cmdline.split()[0]
        link = self.bin / name
        if not link.exists():
            link.symlink_to(STUB)
        key = cmdline.replace(" ", "_").replace("/", "@")
        if output is not None:
            (self.data / key).write_text(output)
            self.printed[cmdline] = output
        if rc is not None:
            (self.data / f"{key}.rc").write_text(f"{rc}\n")
        if err is not None:
            (self.data / f"{key}.err").write_text(err)

    def uname(self, nodename: str, release: str, version: str) -> None:
        self.command("uname -n", nodename + "\n")
        self.command("uname -r", release + "\n")
        self.command("uname -a", f"SunOS {nodename} {release} {version} sun4v sparc sun4v\n")

    def etc(self, relpath: str, text: str) -> None:
        path = self.root / "etc" / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    def run(self, shell: tuple[str, ...], *args: str, cwd: Optional[Path] = None) -> subprocess.CompletedProcess:
        env = {
            "PATH": str(self.bin),
            "IPMPLINT_COLLECT_ROOT": str(self.root),
            "STUB_DATA": str(self.data),
            "STUB_LOG": str(self.log),
            "LC_ALL": "C",
        }
        return subprocess.run(
            [*shell, str(SCRIPT), *args], cwd=cwd or self.out, env=env, capture_output=True, text=True, timeout=60
        )

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines()


def control_domain(world: World) -> None:
    """The control domain of Figure 7-5 (fixture), Solaris 10, root."""
    fx = FIXTURES / "fig-7-5-ipmp-in-service-domain"
    world.uname("t5220-a", "5.10", "Generic_150400-59")
    world.command("id", "uid=0(root) gid=0(root)\n")
    ldm_l = command_output(fx / "ldm-list-l.txt")
    world.command("ldm list -l", ldm_l)
    world.command("ldm list -p", (OUTPUT / "ldm-list-p.txt").read_text())
    world.command("ldm list-bindings", ldm_l)
    world.command("ldm list-services", (OUTPUT / "ldm-list-services.txt").read_text())
    world.command("ldm -V", command_output(SAMPLES / "other" / "oracle-ldoms12-821-0424-ja__ldm-V.txt"))
    world.command("ifconfig -a", (fx / "primary" / "ifconfig-a.txt").read_text())
    world.command("netstat -rn", (fx / "primary" / "netstat-rn.txt").read_text())
    world.command("routeadm", (OUTPUT / "routeadm.txt").read_text())
    world.command("eeprom", (OUTPUT / "eeprom.txt").read_text())
    world.command(
        "virtinfo -ap", (SAMPLES / "other" / "puppetlabs-facter__virtinfo-ap-ldom-v1-primary.txt").read_text()
    )
    for f in sorted((fx / "primary" / "etc").iterdir()):
        world.etc(f.name, f.read_text())
    world.etc("default/mpathd", (SAMPLES / "mpathd" / "illumos-gate__default-mpathd-dfl.txt").read_text())
    world.etc("inet/hosts", (ETC / "hosts").read_text())
    world.etc("hosts", (ETC / "hosts").read_text())  # the usual link to inet/hosts: same content
    world.etc("inet/netmasks", (ETC / "netmasks").read_text())
    world.etc("defaultrouter", (ETC / "defaultrouter").read_text())


def guest_domain(world: World) -> None:
    """The guest ldg1 of Figure 7-5, Solaris 10; no routeadm, no virtinfo, and an
    eeprom that fails."""
    fx = FIXTURES / "fig-7-5-ipmp-in-service-domain" / "ldg1"
    world.uname("ldg1-host", "5.10", "Generic_150400-59")
    world.command("id", "uid=0(root) gid=0(root)\n")
    world.command("ifconfig -a", (fx / "ifconfig-a.txt").read_text())
    world.command("netstat -rn", (fx / "netstat-rn.txt").read_text())
    world.command("eeprom", rc=1, err="eeprom: /dev/openprom: No such device or address\n")
    world.etc("hostname.vnet0", (fx / "etc" / "hostname.vnet0").read_text())


def solaris11_domain(world: World) -> None:
    """A Solaris 11 guest with IPMP over ipadm; svcprop is missing."""
    s11 = SAMPLES / "solaris11"
    world.uname("sol11-host", "5.11", "11.3")
    world.command("id", "uid=0(root) gid=0(root)\n")
    world.command(
        "ifconfig -a", (SAMPLES / "ifconfig" / "puppetlabs-facter__ifconfig-a-solaris11-net0-dhcp.txt").read_text()
    )
    world.command(
        "netstat -rn", (SAMPLES / "routes" / "puppetlabs-facter__netstat-rn-opensolaris-b132.txt").read_text()
    )
    world.command("routeadm", (OUTPUT / "routeadm.txt").read_text())
    world.command("eeprom", (OUTPUT / "eeprom.txt").read_text())
    world.command("virtinfo -ap", (SAMPLES / "other" / "puppetlabs-facter__virtinfo-ap-guest-sol11.txt").read_text())
    world.command("ipadm show-if", (OUTPUT / "ipadm-show-if.txt").read_text())
    world.command("ipadm show-addr", (OUTPUT / "ipadm-show-addr.txt").read_text())
    world.command("ipadm show-prop -p forwarding ipv4", (OUTPUT / "ipadm-show-prop.txt").read_text())
    world.command("ipmpstat -g", command_output(s11 / "oracle-819-6990__ipmpstat-g.txt"))
    world.command("ipmpstat -i", command_output(s11 / "oracle-819-6990__ipmpstat-i.txt"))
    world.command("ipmpstat -nt", command_output(s11 / "oracle-819-6990__ipmpstat-nt.txt"))
    world.command("ipmpstat -na", (OUTPUT / "ipmpstat-a.txt").read_text())
    world.command("ipmpstat -p", "probe output that never ends\n")  # must never be run
    world.command("dladm show-phys", command_output(s11 / "oracle-E59668-quad10gb__dladm-show-phys.txt"))
    world.command("dladm show-link", (OUTPUT / "dladm-show-link.txt").read_text())
    world.command("dladm show-vnic", (OUTPUT / "dladm-show-vnic.txt").read_text())
    world.command("dladm show-vlan", (OUTPUT / "dladm-show-vlan.txt").read_text())
    world.command("dladm show-aggr -x", (OUTPUT / "dladm-show-aggr.txt").read_text())
    world.command("route -p show", (OUTPUT / "route-p-show.txt").read_text())
    world.etc("default/mpathd", (SAMPLES / "mpathd" / "illumos-gate__default-mpathd-dfl.txt").read_text())
    world.etc("inet/hosts", (ETC / "hosts").read_text())


def files_under(path: Path) -> set[str]:
    return {p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file()}


def manifest(capdir: Path) -> tuple[dict[str, str], list[list[str]]]:
    """The MANIFEST's header (key → value) and its command lines (status, command,
    file), each command line followed by its stderr lines as ["", "stderr: ..."]."""
    header: dict[str, str] = {}
    rows: list[list[str]] = []
    for line in (capdir / "MANIFEST").read_text().splitlines():
        if line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) == 2 and fields[0]:
            header[fields[0]] = fields[1]
        else:
            rows.append(fields)
    return header, rows


def row_for(rows: list[list[str]], command: str) -> list[str]:
    """The MANIFEST line whose command is ``command`` (run from any directory)."""
    for row in rows:
        if len(row) == 3 and (row[1] == command or row[1].endswith("/" + command)):
            return row
    raise AssertionError(f"no MANIFEST line for {command!r} in {rows!r}")


# -- static checks -------------------------------------------------------------------------


@pytest.mark.parametrize("shell", sorted(SHELLS))
def test_syntax_under_each_shell(shell):
    argv = shell_or_skip(shell)
    result = subprocess.run([*argv, "-n", str(SCRIPT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_checkbashisms():
    if shutil.which("checkbashisms") is None:
        pytest.skip("checkbashisms is not installed (Debian package: devscripts)")
    result = subprocess.run(["checkbashisms", "--posix", str(SCRIPT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


#: What Solaris 10's /bin/sh (a Bourne shell) does not know, though POSIX shells do.
BOURNE_MISSING = {
    r"\$\(": "$(...) command substitution: use backquotes",
    r"\$\(\(": "$((...)) arithmetic: use expr",
    r"\[\[": "[[ ... ]]: use test",
    r"\$\{[#]?\w+(?:#|%)": "${var#...} / ${var%...} / ${#var}",
    r"\$\{#": "${#var}",
    r"(?:^|[;&|]\s*|\bthen\s+|\bdo\s+)local\s": "local",
    r"(?:^|\s)function\s+\w": "function keyword",
    r"(?:^|[;&|(]\s*|\bif\s+|\bwhile\s+|\bthen\s+)!\s": "! before a command",
    r"\becho\s+-[neE]": "echo with flags: use printf",
    r"\bread\s+-": "read with flags",
    r"(?:test|\[)\s+-e\s": "test -e: use -f / -d",
    r"\bsource\s": "source: use .",
    r"\bmktemp\b": "mktemp",
    r"(?:\btest|\[)\s[^;]*==": "test a == b: use =",
    r"<<<": "here-string",
    r"&>": "&>",
    r"\bexport\s+\w+=": "export VAR=value: assign, then export",
    r"\btrap\b[^\n]*\b(?:EXIT|INT|TERM|HUP)\b": "trap with signal names",
}


def test_no_constructs_the_bourne_shell_lacks():
    """Solaris 10's /bin/sh cannot be run here: refuse what it would not understand."""
    problems = []
    for number, line in enumerate(SCRIPT.read_text().splitlines(), 1):
        code = re.sub(r"(?:^|\s)#.*$", "", line)  # comments say what is avoided
        for pattern, what in BOURNE_MISSING.items():
            if re.search(pattern, code):
                problems.append(f"line {number}: {what}: {line.strip()}")
    assert not problems, "\n".join(problems)


def test_script_is_executable_with_a_posix_shebang():
    assert os.access(SCRIPT, os.X_OK)
    assert SCRIPT.read_text().splitlines()[0] == "#!/bin/sh"


# -- the control domain --------------------------------------------------------------------


@pytest.mark.parametrize("shell", sorted(SHELLS))
def test_control_domain(shell, tmp_path):
    argv = shell_or_skip(shell)
    world = World(tmp_path)
    control_domain(world)
    result = world.run(argv)
    assert result.returncode == 0, result.stderr
    capdir = world.out / "t5220-a"
    assert files_under(capdir) == {
        "MANIFEST",
        "ldm-list-l.txt",
        "ldm-list-p.txt",
        "ldm-list-bindings.txt",
        "ldm-list-services.txt",
        "ldm-V.txt",
        "primary/ifconfig-a.txt",
        "primary/netstat-rn.txt",
        "primary/routeadm.txt",
        "primary/eeprom.txt",
        "primary/virtinfo-ap.txt",
        "primary/etc/hostname.e1000g0",
        "primary/etc/hostname.e1000g1",
        "primary/etc/hostname.vsw0",
        "primary/etc/default/mpathd",
        "primary/etc/inet/hosts",
        "primary/etc/inet/netmasks",
        "primary/etc/defaultrouter",
    }
    # Exactly what each command printed, and each /etc file byte for byte.
    for cmdline, file in (
        ("ldm list -l", "ldm-list-l.txt"),
        ("ldm list -p", "ldm-list-p.txt"),
        ("ldm -V", "ldm-V.txt"),
        ("ifconfig -a", "primary/ifconfig-a.txt"),
        ("netstat -rn", "primary/netstat-rn.txt"),
        ("routeadm", "primary/routeadm.txt"),
        ("eeprom", "primary/eeprom.txt"),
        ("virtinfo -ap", "primary/virtinfo-ap.txt"),
    ):
        assert (capdir / file).read_text() == world.printed[cmdline], file
    for rel in ("hostname.e1000g0", "default/mpathd", "inet/hosts", "defaultrouter"):
        assert (capdir / "primary" / "etc" / rel).read_bytes() == (world.root / "etc" / rel).read_bytes()

    header, rows = manifest(capdir)
    assert header["collector"].startswith("ipmplint-collect ")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", header["date"])
    assert header["uname"] == "SunOS t5220-a 5.10 Generic_150400-59 sun4v sparc sun4v"
    assert header["server"] == "t5220-a"
    assert header["domain"].split()[0] == "primary"
    assert "flag c" in header["domain"]
    assert row_for(rows, "ldm list -l")[0::2] == ["ok", "ldm-list-l.txt"]
    assert row_for(rows, "ifconfig -a")[0::2] == ["ok", "primary/ifconfig-a.txt"]
    assert row_for(rows, "cp /etc/inet/hosts")[0::2] == ["ok", "primary/etc/inet/hosts"]
    assert ["same", "/etc/hosts", "primary/etc/inet/hosts"] in rows
    assert ["absent", "/etc/inet/static_routes", "-"] in rows
    # Solaris 10: none of the Solaris 11 commands is tried.
    assert not any(call.split()[0] in ("ipadm", "ipmpstat", "dladm", "svcprop", "route") for call in world.calls())

    # The tar (gzipped: gzip is on the PATH) holds the folder as it is.
    archive = world.out / "t5220-a.tar.gz"
    assert archive.is_file() and not (world.out / "t5220-a.tar").exists()
    with tarfile.open(archive) as tar:
        names = {m.name.rstrip("/") for m in tar.getmembers() if m.isfile()}
    assert names == {f"t5220-a/{f}" for f in files_under(capdir)}
    assert sorted(p.name for p in world.out.iterdir()) == ["t5220-a", "t5220-a.tar.gz"]


def test_control_domain_found_in_opt_SUNWldm(tmp_path):
    """ldm lives in /opt/SUNWldm/bin on old releases, often not on root's PATH."""
    world = World(tmp_path)
    control_domain(world)
    opt = world.root / "opt" / "SUNWldm" / "bin"
    opt.mkdir(parents=True)
    (world.bin / "ldm").rename(opt / "ldm")
    result = world.run(shell_or_skip("dash"), "-n")
    assert result.returncode == 0, result.stderr
    _, rows = manifest(world.out / "t5220-a")
    row = row_for(rows, "ldm list -l")
    assert row[0] == "ok" and row[1] == f"{opt}/ldm list -l"
    assert (world.out / "t5220-a" / "primary" / "ifconfig-a.txt").is_file()


@pytest.mark.parametrize("case", ["ldm-list-l-fails", "no-name-anywhere"])
def test_control_domain_name_fallbacks(tmp_path, case):
    """The control domain's folder: flag c in ldm list -l, else in ldm list, else
    virtinfo's DOMAINNAME, else primary."""
    world = World(tmp_path)
    control_domain(world)
    world.command("ldm list -l", rc=1, err="Authorization failed\n")
    (world.data / "ldm_list_-l").unlink()
    if case == "no-name-anywhere":
        world.command("virtinfo -ap", rc=1, err="virtinfo: not supported\n")
        (world.data / "virtinfo_-ap").unlink()
    else:
        world.command("ldm list", command_output(SAMPLES / "ldm" / "oracle-ldoms12-821-0424-ja__ldm-list-short.txt"))
    result = world.run(shell_or_skip("dash"), "-n")
    assert result.returncode == 0, result.stderr
    capdir = world.out / "t5220-a"
    header, rows = manifest(capdir)
    assert header["domain"].split()[0] == "primary"
    assert ("flag c in ldm list)" in header["domain"]) == (case == "ldm-list-l-fails")
    assert ("assumed" in header["domain"]) == (case == "no-name-anywhere")
    failed = row_for(rows, "ldm list -l")
    assert failed[0::2] == ["exit 1", "-"]
    assert rows[rows.index(failed) + 1] == ["", "stderr: Authorization failed"]
    assert not (capdir / "ldm-list-l.txt").exists()
    assert (capdir / "primary" / "netstat-rn.txt").is_file()


# -- a guest, with -d --------------------------------------------------------------------


@pytest.mark.parametrize("shell", sorted(SHELLS))
def test_guest_with_domain_option(shell, tmp_path):
    argv = shell_or_skip(shell)
    world = World(tmp_path)
    guest_domain(world)
    result = world.run(argv, "-d", "ldg1")
    assert result.returncode == 0, result.stderr
    capdir = world.out / "ldg1"
    assert files_under(capdir) == {"MANIFEST", "ifconfig-a.txt", "netstat-rn.txt", "etc/hostname.vnet0"}
    header, rows = manifest(capdir)
    assert header["domain"] == "ldg1 (given with -d)"
    assert ["missing", "routeadm", "-"] in rows
    assert ["missing", "virtinfo -ap", "-"] in rows
    eeprom = row_for(rows, "eeprom")
    assert eeprom[0::2] == ["exit 1", "-"]
    assert rows[rows.index(eeprom) + 1] == ["", "stderr: eeprom: /dev/openprom: No such device or address"]
    assert ["absent", "/etc/default/mpathd", "-"] in rows
    # With -d, no ldm command even where ldm exists.
    assert not any(call.startswith("ldm") for call in world.calls())
    assert (world.out / "ldg1.tar.gz").is_file()


def test_stderr_goes_to_the_manifest_not_the_capture(tmp_path):
    world = World(tmp_path)
    guest_domain(world)
    world.command("netstat -rn", err="netstat: warning: something odd\n")
    result = world.run(shell_or_skip("dash"), "-d", "ldg1", "-n")
    assert result.returncode == 0, result.stderr
    capdir = world.out / "ldg1"
    assert (capdir / "netstat-rn.txt").read_text() == world.printed["netstat -rn"]
    _, rows = manifest(capdir)
    row = row_for(rows, "netstat -rn")
    assert row[0::2] == ["ok", "netstat-rn.txt"]
    assert rows[rows.index(row) + 1] == ["", "stderr: netstat: warning: something odd"]
    assert not [p for p in capdir.rglob(".*")], "temporary files left behind"


def test_failed_command_with_output_keeps_it(tmp_path):
    world = World(tmp_path)
    guest_domain(world)
    world.command("ifconfig -a", rc=3)
    result = world.run(shell_or_skip("dash"), "-d", "ldg1", "-n")
    assert result.returncode == 0, result.stderr
    _, rows = manifest(world.out / "ldg1")
    assert row_for(rows, "ifconfig -a")[0::2] == ["exit 3", "ifconfig-a.txt"]
    assert (world.out / "ldg1" / "ifconfig-a.txt").read_text() == world.printed["ifconfig -a"]


# -- Solaris 11 -----------------------------------------------------------------------------


@pytest.mark.parametrize("shell", sorted(SHELLS))
def test_solaris11_host(shell, tmp_path):
    argv = shell_or_skip(shell)
    world = World(tmp_path)
    solaris11_domain(world)
    result = world.run(argv, "-s", "server9")
    assert result.returncode == 0, result.stderr
    capdir = world.out / "server9"
    domain = "sol11-11"  # virtinfo -ap's DOMAINNAME
    expected = {"MANIFEST"} | {
        f"{domain}/{f}"
        for f in (
            "ifconfig-a.txt",
            "netstat-rn.txt",
            "routeadm.txt",
            "eeprom.txt",
            "virtinfo-ap.txt",
            "etc/default/mpathd",
            "etc/inet/hosts",
            *S11_FILES,
        )
    }
    expected.discard(f"{domain}/svcprop-ipmp.txt")
    assert files_under(capdir) == expected
    header, rows = manifest(capdir)
    assert header["server"] == "server9"
    assert header["domain"] == "sol11-11 (from virtinfo -ap)"
    assert ["missing", "svcprop network/ipmp", "-"] in rows
    assert ["absent", "/etc/hostname.* /etc/hostname6.*", "-"] in rows
    assert ["absent", "/etc/hosts", "-"] in rows
    for cmdline, file in (
        ("ipmpstat -nt", "ipmpstat-t.txt"),
        ("ipmpstat -na", "ipmpstat-a.txt"),
        ("ipadm show-prop -p forwarding ipv4", "ipadm-show-prop.txt"),
        ("route -p show", "route-p-show.txt"),
        ("dladm show-phys", "dladm-show-phys.txt"),
        ("dladm show-vnic", "dladm-show-vnic.txt"),
        ("dladm show-vlan", "dladm-show-vlan.txt"),
        ("dladm show-aggr -x", "dladm-show-aggr.txt"),
    ):
        assert (capdir / domain / file).read_text() == world.printed[cmdline]
        assert row_for(rows, cmdline)[0::2] == ["ok", f"{domain}/{file}"]
    assert "ipmpstat -p" not in world.calls()
    assert not any(call.startswith("ldm") for call in world.calls())


# -- options, refusals, and writing nowhere else -------------------------------------------


def test_no_tar_option(tmp_path):
    world = World(tmp_path)
    guest_domain(world)
    result = world.run(shell_or_skip("dash"), "-n", "-d", "ldg1")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in world.out.iterdir()) == ["ldg1"]


def test_plain_tar_without_gzip(tmp_path):
    world = World(tmp_path)
    guest_domain(world)
    (world.bin / "gzip").unlink()
    result = world.run(shell_or_skip("dash"), "-d", "ldg1")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in world.out.iterdir()) == ["ldg1", "ldg1.tar"]
    with tarfile.open(world.out / "ldg1.tar") as tar:
        assert "ldg1/ifconfig-a.txt" in tar.getnames()


def test_output_directory_option(tmp_path):
    world = World(tmp_path)
    guest_domain(world)
    elsewhere = tmp_path / "elsewhere dir"
    elsewhere.mkdir()
    result = world.run(shell_or_skip("dash"), "-o", str(elsewhere), "-d", "ldg1")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == ["ldg1", "ldg1.tar.gz"]
    assert list(world.out.iterdir()) == []


@pytest.mark.parametrize("existing", ["t5220-a", "t5220-a.tar.gz", "t5220-a.tar"])
def test_refuses_to_reuse_an_existing_capture(tmp_path, existing):
    world = World(tmp_path)
    control_domain(world)
    target = world.out / existing
    if existing == "t5220-a":
        target.mkdir()
        (target / "keep.txt").write_text("mine\n")
    else:
        target.write_text("mine\n")
    before = files_under(world.out)
    result = world.run(shell_or_skip("dash"))
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert files_under(world.out) == before
    assert world.calls() == [] or all(c.startswith("uname") for c in world.calls())


@pytest.mark.parametrize(
    "args, status, text",
    [
        (["-h"], 0, "Usage: ipmplint-collect"),
        (["-V"], 0, "ipmplint-collect "),
        (["-x"], 2, "Usage:"),
        (["extra"], 2, "Usage:"),
        (["-o", "/nonexistent/place"], 2, "does not exist"),
        (["-d", "../ldg1"], 2, "cannot be used as a folder name"),
        (["-s", ".."], 2, "cannot be used as a folder name"),
    ],
)
def test_usage(tmp_path, args, status, text):
    world = World(tmp_path)
    guest_domain(world)
    result = world.run(shell_or_skip("dash"), *args)
    assert result.returncode == status, result.stderr
    assert text in result.stdout + result.stderr
    assert list(world.out.iterdir()) == []


def test_writes_nothing_outside_its_output_directory(tmp_path):
    world = World(tmp_path)
    control_domain(world)

    def snapshot() -> dict[str, bytes]:
        return {
            p.relative_to(tmp_path).as_posix(): p.read_bytes()
            for p in tmp_path.rglob("*")
            if p.is_file() and not p.is_symlink() and world.out not in p.parents and p != world.log
        }

    before = snapshot()
    result = world.run(shell_or_skip("dash"))
    assert result.returncode == 0, result.stderr
    assert snapshot() == before


def test_capture_is_private_to_root(tmp_path):
    """umask 077: the capture holds every address and the hosts file."""
    world = World(tmp_path)
    guest_domain(world)
    result = world.run(shell_or_skip("dash"), "-d", "ldg1")
    assert result.returncode == 0, result.stderr
    for path in [world.out / "ldg1", *(world.out / "ldg1").rglob("*"), world.out / "ldg1.tar.gz"]:
        assert path.stat().st_mode & 0o077 == 0, path


def test_leaves_no_work_folder_behind(tmp_path):
    world = World(tmp_path)
    guest_domain(world)
    assert world.run(shell_or_skip("dash"), "-d", "ldg1").returncode == 0
    assert sorted(p.name for p in world.out.iterdir()) == ["ldg1", "ldg1.tar.gz"]


@pytest.mark.parametrize("name", ["ldg1", "ldg1.tar.gz", "ldg1.tar"])
def test_refuses_a_symlinked_target_and_writes_nothing_through_it(tmp_path, name):
    """A link planted under the capture's name (in /tmp, by another user) is never
    followed: the run stops, and the file it points at is untouched."""
    world = World(tmp_path)
    guest_domain(world)
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    (world.out / name).symlink_to(victim)
    result = world.run(shell_or_skip("dash"), "-d", "ldg1")
    assert result.returncode == 1 and "already exists" in result.stderr
    assert victim.read_text() == "precious\n"
    assert sorted(p.name for p in world.out.iterdir()) == [name]  # no work folder left either


def test_a_name_taken_while_collecting_is_not_overwritten(tmp_path):
    """The archive is put in place by a hard link, which fails on a name that appeared
    meanwhile (a link to another file included) instead of writing through it."""
    world = World(tmp_path)
    guest_domain(world)
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    # The stub for ifconfig plants the link mid-run, as a racing attacker would.
    (world.data / "ifconfig_-a.pre").write_text(f"ln -s {victim} {world.out / 'ldg1.tar.gz'}\n")
    result = world.run(shell_or_skip("dash"), "-d", "ldg1")
    assert result.returncode == 0, result.stderr
    assert (world.out / "ldg1.tar.gz").is_symlink()  # the attacker's link, left as it was
    assert victim.read_text() == "precious\n"
    assert "appeared while collecting" in result.stderr
    assert (world.out / "ldg1" / "ifconfig-a.txt").is_file()  # the capture is still there, as a folder


def test_system_folders_come_before_path(tmp_path):
    """A "." or writable folder early in root's PATH cannot stand in for ifconfig."""
    world = World(tmp_path)
    guest_domain(world)
    sbin = world.root / "usr" / "sbin"
    sbin.mkdir(parents=True)
    real = sbin / "ifconfig"
    real.write_text("#!/bin/sh\necho 'lo0: flags=2001000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4,VIRTUAL> mtu 8232'\n")
    real.chmod(0o755)
    result = world.run(shell_or_skip("dash"), "-n", "-d", "ldg1")
    assert result.returncode == 0, result.stderr
    assert (world.out / "ldg1" / "ifconfig-a.txt").read_text().startswith("lo0: flags=2001000849")
    assert "ifconfig -a" not in world.calls()  # the PATH stub was never run


def test_warns_when_not_root(tmp_path):
    world = World(tmp_path)
    guest_domain(world)
    world.command("id", "uid=100(admin) gid=10(staff)\n")
    result = world.run(shell_or_skip("dash"), "-d", "ldg1", "-n")
    assert result.returncode == 0
    assert "not run as root" in result.stderr
    header, _ = manifest(world.out / "ldg1")
    assert header["user"] == "uid=100(admin) gid=10(staff)"


# -- ipmplint reads what the collector writes --------------------------------------------


def untar(archive: Path, into: Path) -> None:
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(into, filter="data")
        else:  # Python 3.11 before 3.11.4
            tar.extractall(into)


def ipmplint_json(path: Path) -> dict:
    exe = str(IPMPLINT) if IPMPLINT.exists() else shutil.which("ipmplint")
    assert exe, "the ipmplint console script is not installed"
    result = subprocess.run([exe, "check", "--format", "json", str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), f"exit {result.returncode}: {result.stderr}"
    return json.loads(result.stdout)


def assert_read_cleanly(report: dict) -> None:
    unread = [
        f"{f['rule_id']} {f['file']}:{f['line']}: {f['message']}"
        for f in report["findings"]
        if f["rule_id"] in ("CAP001", "CAP002")
    ]
    assert not unread, "\n".join(unread)
    assert report["errors"] == []


def test_ipmplint_reads_a_collected_server(tmp_path):
    """The control domain's capture, with the guest's folder put into it the way the
    README says (untar the guest's tar inside the server's folder)."""
    control = World(tmp_path / "control")
    control_domain(control)
    assert control.run(shell_or_skip("dash")).returncode == 0
    guest = World(tmp_path / "guest")
    guest_domain(guest)
    assert guest.run(shell_or_skip("dash"), "-d", "ldg1").returncode == 0
    server = tmp_path / "captures" / "t5220-a"
    server.parent.mkdir()
    untar(control.out / "t5220-a.tar.gz", server.parent)
    untar(guest.out / "ldg1.tar.gz", server)
    assert (server / "ldg1" / "ifconfig-a.txt").is_file()

    report = ipmplint_json(server)
    assert [s["name"] for s in report["servers"]] == ["t5220-a"]
    read = {Path(a["file"]).relative_to(server).as_posix() for a in report["servers"][0]["line_accounting"]}
    assert {"ldm-list-l.txt", "primary/ifconfig-a.txt", "ldg1/ifconfig-a.txt", "ldg1/etc/hostname.vnet0"} <= read
    assert_read_cleanly(report)


def test_ipmplint_reads_a_collected_solaris11_host(tmp_path):
    world = World(tmp_path)
    solaris11_domain(world)
    assert world.run(shell_or_skip("dash"), "-n", "-s", "server9").returncode == 0
    report = ipmplint_json(world.out / "server9")
    assert len(report["servers"]) == 1
    assert_read_cleanly(report)
