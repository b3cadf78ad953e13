"""Rules from outside the repository (ipmplint.engine.plugins): installed plugins (entry points
in the group ``ipmplint.rules``) and rule paths, as docs/writing-a-rule.md describes them.

Most tests install a plugin the way pip leaves one — a package and a ``.dist-info``
with ``entry_points.txt`` on ``sys.path`` — and run in this process; one builds the
guide's own example package with its pyproject.toml and pip, in a virtual environment of
its own, and runs that environment's ``ipmplint check``. tests/plugin_data/site-rules
is a rule path with a rule and a helper.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import jsonschema
import pytest

from ipmplint import cli
from ipmplint.capture import discovery, loader
from ipmplint.cli import docgen
from ipmplint.engine import plugins, runner
from ipmplint.rules import builtin

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "writing-a-rule.md"
SITE_RULES = "tests/plugin_data/site-rules"
FIG_7_4 = "fixtures/fig-7-4-vsw-in-two-service-domains"
SARIF_SCHEMA = REPO / "tests" / "data" / "schemas" / "sarif-2.1.0.json"
GUIDE_MODULE = "acme_ipmp/acme101_group_name_convention.py"

#: Top-level packages the tests install; dropped from sys.modules after each test.
PLUGIN_PACKAGES = ("acme_ipmp", "bolt_ipmp", "broken_ipmp", "coyote_ipmp", plugins._RULE_PATH_PACKAGE)


@pytest.fixture(autouse=True)
def in_repo(monkeypatch):
    """From the repository root, relative paths as a user gives them; no plugin
    module left behind for the next test."""
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield
    for name in [n for n in sys.modules if n.split(".")[0].startswith(PLUGIN_PACKAGES)]:
        del sys.modules[name]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def rule_module(rule_id: str, name: str, body: str = "    return iter(())", **extra: str) -> str:
    """The text of a minimal rule module; ``extra`` adds or replaces attributes."""
    attributes = {
        "ID": repr(rule_id),
        "NAME": repr(name),
        "SEVERITY": "Severity.WARNING",
        "SOURCE": repr("a test"),
        **extra,
    }
    lines = [
        f'"""Rule {rule_id} of a test.\n\n## What it checks\nNothing much.\n"""',
        "",
        "from ipmplint.rule import Problem, Severity",
        "",
    ]
    lines += [f"{key} = {value}" for key, value in attributes.items()]
    lines += ["", "", "def check(ctx):", body, ""]
    return "\n".join(lines)


FIRES = """    for dc in ctx.server.domains:
        for group in dc.groups:
            yield Problem(f"group {group.name} seen", group.source, domain=dc.name, group=group.name)"""


def write(folder: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def install(
    monkeypatch, tmp_path: Path, dist: str, version: str, entry_points: dict[str, str], files: dict[str, str]
) -> Path:
    """A plugin as pip installs one: its files, and ``<dist>-<version>.dist-info`` with
    METADATA and entry_points.txt, in a folder put on sys.path."""
    site = tmp_path / f"site-{dist}"
    write(site, files)
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    lines = [f"{name} = {value}" for name, value in entry_points.items()]
    write(
        info,
        {
            "METADATA": f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n",
            "entry_points.txt": f"[{plugins.ENTRY_POINT_GROUP}]\n" + "\n".join(lines) + "\n",
        },
    )
    monkeypatch.syspath_prepend(str(site))
    return site


def guide_files() -> dict[str, str]:
    """The files docs/writing-a-rule.md gives in full: its code blocks with a ``title``."""
    files: dict[str, str] = {}
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        head = re.match(r'^(`{3,})\w*\s+title="([^"]+)"\s*$', lines[i])
        if head:
            end = lines.index(head.group(1), i + 1)
            files[head.group(2)] = "\n".join(lines[i + 1 : end]) + "\n"
            i = end
        i += 1
    return files


def acme_plugin(monkeypatch, tmp_path: Path) -> Path:
    """The guide's example plugin, installed in this process."""
    files = {
        path.removeprefix("acme-ipmp/"): text
        for path, text in guide_files().items()
        if not path.endswith("pyproject.toml")
    }
    return install(monkeypatch, tmp_path, "acme-ipmp", "1.0.0", {"acme": "acme_ipmp"}, files)


def check_json(capsys, *argv: str) -> tuple[int, dict, str]:
    code, out, err = run(capsys, "check", "--format", "json", *argv)
    return code, json.loads(out), err


# ------------------------------------------------------------------- the guide


def test_the_guide_gives_a_whole_plugin_with_the_documented_entry_point():
    files = guide_files()
    assert set(files) == {"acme-ipmp/pyproject.toml", "acme-ipmp/acme_ipmp/__init__.py", f"acme-ipmp/{GUIDE_MODULE}"}
    project = tomllib.loads(files["acme-ipmp/pyproject.toml"])
    assert project["project"]["entry-points"] == {plugins.ENTRY_POINT_GROUP: {"acme": "acme_ipmp"}}


def test_the_guides_plugin_installed_in_a_virtual_environment_fires(tmp_path):
    """Exactly the guide: its three files, pip install, then that environment's
    ``ipmplint check``. Offline: the environment borrows this one's dependencies
    (everything but ipmplint, which is installed into it from a copy of the source)."""
    plugin = write(tmp_path, guide_files()) / "acme-ipmp"
    source = tmp_path / "ipmplint-src"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "tests",
            "fixtures",
            "docs",
            "collect",
            "build",
            "dist",
            "*.egg-info",
            "__pycache__",
            ".pytest_cache",
            ".hypothesis",
        ),
    )
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # This environment's packages (pip and setuptools too), but not its ipmplint.
    deps = tmp_path / "deps"
    deps.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not entry.name.startswith(("ipmplint", "__editable__", "__pycache__")) and entry.suffix != ".pth":
            (deps / entry.name).symlink_to(entry)
    Path(purelib, "_borrowed.pth").write_text(f"{deps}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_CONFIG_FILE=os.devnull, PYTHONNOUSERSITE="1")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", str(source), str(plugin)],
        check=True,
        env=env,
        cwd=tmp_path,
    )

    ipmplint = venv / "bin" / "ipmplint"
    done = subprocess.run(
        [str(ipmplint), "check", "--format", "json", FIG_7_4], capture_output=True, text=True, env=env, cwd=REPO
    )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert [(f["rule_id"], f["domain"], f["group"]) for f in report["findings"] if f["rule_id"].startswith("ACME")] == [
        ("ACME101", "ldg1", "ipmp0")
    ]
    assert report["errors"] == []
    listed = subprocess.run([str(ipmplint), "rules"], capture_output=True, text=True, env=env, check=True)
    assert re.search(
        r"^ACME101 +warning +group-name-convention +\(from plugin acme-ipmp "
        r"\(acme_ipmp\.acme101_group_name_convention\)\)$",
        listed.stdout,
        re.M,
    )


# ------------------------------------------------------------------ loading


def test_without_plugins_the_rules_are_the_builtins():
    loaded = plugins.load_rules(entry_points=False)
    assert loaded.rules == builtin() and loaded.errors == () and loaded.collisions == ()
    assert all(r.origin == "builtin" and r.info.plugin is None for r in loaded.rules)


def test_an_entry_point_naming_a_package_loads_each_of_its_modules(monkeypatch, tmp_path):
    acme_plugin(monkeypatch, tmp_path)
    loaded = plugins.load_rules()
    assert loaded.errors == () and loaded.collisions == ()
    (acme,) = [r for r in loaded.rules if r.id == "ACME101"]
    assert acme.origin == "plugin acme-ipmp (acme_ipmp.acme101_group_name_convention)"
    assert (acme.info.plugin, acme.info.plugin_version) == ("acme-ipmp", "1.0.0")
    assert [r.id for r in loaded.rules] == sorted(r.id for r in loaded.rules)
    assert len(loaded.rules) == len(builtin()) + 1


def test_an_entry_point_naming_one_module_loads_that_module(monkeypatch, tmp_path):
    install(
        monkeypatch,
        tmp_path,
        "bolt-ipmp",
        "2.1",
        {"one": "bolt_ipmp.bolt101"},
        {
            "bolt_ipmp/__init__.py": "",
            "bolt_ipmp/bolt101.py": rule_module("BOLT101", "bolt-one"),
            "bolt_ipmp/bolt102.py": rule_module("BOLT102", "bolt-two"),
        },
    )
    loaded = plugins.load_rules()
    assert [r.id for r in loaded.rules if r.id.startswith("BOLT")] == ["BOLT101"]
    assert loaded.errors == ()


def test_helpers_and_one_module_named_twice_are_not_rules_or_collisions(monkeypatch, tmp_path):
    install(
        monkeypatch,
        tmp_path,
        "bolt-ipmp",
        "2.1",
        {"all": "bolt_ipmp", "again": "bolt_ipmp.bolt101"},
        {
            "bolt_ipmp/__init__.py": "",
            "bolt_ipmp/_helpers.py": "X = 1\n",
            "bolt_ipmp/sub/__init__.py": "",
            "bolt_ipmp/bolt101.py": rule_module("BOLT101", "bolt-one"),
        },
    )
    loaded = plugins.load_rules()
    assert [r.id for r in loaded.rules if r.id.startswith("BOLT")] == ["BOLT101"]
    assert loaded.errors == () and loaded.collisions == ()


def test_a_rule_path_loads_its_rules_and_their_relative_helpers():
    loaded = plugins.load_rules([SITE_RULES], entry_points=False)
    assert loaded.errors == () and loaded.collisions == ()
    (site,) = [r for r in loaded.rules if r.id == "SITE001"]
    assert site.origin == f"rule-path {SITE_RULES}/site001_too_few_probe_targets.py"
    assert site.info.plugin == SITE_RULES and site.info.source.startswith("Example site network standard")
    assert site.options == {"minimum": 3}


def test_a_plugin_rule_runs_with_the_same_context_and_options_as_a_builtin():
    (root,) = discovery.discover([FIG_7_4]).roots
    server = loader.load(root)
    loaded = plugins.load_rules([SITE_RULES], entry_points=False)
    (site,) = [r for r in loaded.rules if r.id == "SITE001"]
    report = runner.check_server(server, [site])
    assert [(f.rule_id, f.domain, f.group) for f in report.findings] == [("SITE001", "ldg1", "ipmp0")]
    assert "has 2 probe target(s)" in report.findings[0].message
    relaxed = runner.check_server(server, [site], runner.RunSettings(options={"SITE001": {"minimum": 2}}))
    assert relaxed.findings == ()


def test_the_guides_module_dropped_in_a_rule_path_fires_and_takes_its_option(tmp_path):
    folder = write(tmp_path / "site-rules", {Path(GUIDE_MODULE).name: guide_files()[f"acme-ipmp/{GUIDE_MODULE}"]})
    loaded = plugins.load_rules([str(folder)], entry_points=False)
    (acme,) = [r for r in loaded.rules if r.id == "ACME101"]
    (root,) = discovery.discover([FIG_7_4]).roots
    server = loader.load(root)
    assert [f.message for f in runner.check_server(server, [acme]).findings] == [
        "group ipmp0 in ldg1 is not named like ldg1_ipmp[0-9]+ (ACME NET-7); rename it after its domain"
    ]
    settings = runner.RunSettings(options={"ACME101": {"pattern": "ipmp[0-9]+"}})
    assert runner.check_server(server, [acme], settings).findings == ()


# --------------------------------------------------------------- collisions


def test_a_plugin_id_that_is_a_builtin_id_is_a_collision_naming_both(monkeypatch, tmp_path, capsys):
    install(
        monkeypatch,
        tmp_path,
        "acme-ipmp",
        "1.0.0",
        {"naming": "acme_ipmp.naming"},
        {
            "acme_ipmp/__init__.py": "",
            "acme_ipmp/naming.py": rule_module("IPMP101", "acme-naming"),
        },
    )
    loaded = plugins.load_rules()
    assert loaded.collisions == (
        "rule IPMP101 of plugin acme-ipmp (acme_ipmp.naming) collides with the built-in IPMP101",
    )
    (kept,) = [r for r in loaded.rules if r.id == "IPMP101"]
    assert kept.origin == "builtin"
    code, out, err = run(capsys, "check", FIG_7_4)
    assert code == 2 and out == ""
    assert "ipmplint: rule IPMP101 of plugin acme-ipmp (acme_ipmp.naming) collides with the built-in IPMP101" in err


def test_two_plugins_with_one_id_collide_and_the_first_by_name_keeps_it(monkeypatch, tmp_path):
    for dist, package in (("coyote-ipmp", "coyote_ipmp"), ("bolt-ipmp", "bolt_ipmp")):
        install(
            monkeypatch,
            tmp_path,
            dist,
            "1",
            {"rules": package},
            {
                f"{package}/__init__.py": "",
                f"{package}/same.py": rule_module("ROAD101", f"{dist}-rule"),
            },
        )
    loaded = plugins.load_rules()
    assert loaded.collisions == (
        "rule ROAD101 of plugin coyote-ipmp (coyote_ipmp.same) collides with "
        "rule ROAD101 of plugin bolt-ipmp (bolt_ipmp.same)",
    )
    assert [r.origin for r in loaded.rules if r.id == "ROAD101"] == ["plugin bolt-ipmp (bolt_ipmp.same)"]


def test_rule_paths_collide_with_builtins_with_each_other_and_by_name(tmp_path, capsys):
    first = write(tmp_path / "first", {"site900.py": rule_module("SITE900", "site-nine-hundred")})
    second = write(
        tmp_path / "second",
        {
            "ipmp102_again.py": rule_module("IPMP102", "my-service-domains"),
            "site900_again.py": rule_module("SITE900", "another-name"),
            "site901.py": rule_module("SITE901", "vnets-share-vswitch"),
        },
    )
    loaded = plugins.load_rules([str(first), str(second)], entry_points=False)
    assert loaded.collisions == (
        f"rule IPMP102 of rule-path {second.as_posix()}/ipmp102_again.py collides with the built-in IPMP102",
        f"rule SITE900 of rule-path {second.as_posix()}/site900_again.py collides with "
        f"rule SITE900 of rule-path {first.as_posix()}/site900.py",
        f"rule SITE901 of rule-path {second.as_posix()}/site901.py is named vnets-share-vswitch, "
        f"like the built-in IPMP101",
    )
    assert [r.id for r in loaded.rules if r.id.startswith("SITE")] == ["SITE900"]
    for argv in (["check", FIG_7_4], ["graph", FIG_7_4], ["rules"]):
        code, _, err = run(capsys, *argv, "--rule-path", str(first), "--rule-path", str(second))
        assert code == 2 and err.count("ipmplint: rule ") == 3, argv


# ------------------------------------------------------------- broken plugins


def test_a_broken_rule_path_is_reported_by_name_and_the_other_rules_still_run(tmp_path, capsys):
    broken = write(
        tmp_path / "broken",
        {
            "site101.py": "import ipmplint_no_such_module\n",
            "site102.py": rule_module("SITE102", "Not Kebab"),
            "site103.py": rule_module("SITE103", "unknown-kind", REQUIRES='("ldm-list-L",)'),
            "site104.py": rule_module("SITE104", "tags-a-string", TAGS='"naming"'),
            "site105.py": "def check(ctx):\n    return iter(())\n",
            "site106.py": rule_module("SITE106", "raises", body="    raise RuntimeError('boom')"),
        },
    )
    path = broken.as_posix()
    code, report, err = check_json(capsys, "--rule-path", str(broken), "--rule-path", SITE_RULES, FIG_7_4)
    assert code == 2
    errors = report["errors"]
    assert len(errors) == 5
    assert errors[0].startswith(
        f"rule-path {path}/site101.py: cannot import: ModuleNotFoundError: "
        f"No module named 'ipmplint_no_such_module' at {path}/site101.py:1"
    )
    assert errors[1] == f"rule-path {path}/site102.py: NAME 'Not Kebab' is not kebab-case"
    assert errors[2].startswith(f"rule-path {path}/site103.py: REQUIRES names unknown fact(s) ldm-list-L")
    assert errors[3] == f"rule-path {path}/site104.py: TAGS must be a tuple of strings, not 'naming'"
    assert errors[4] == f"rule-path {path}/site105.py: lacks ID"
    for error in errors:
        assert f"ipmplint: {error}" in err
    ids = [f["rule_id"] for f in report["findings"]]
    assert "SITE001" in ids and "SITE106" in ids  # the others ran, the raising one is contained
    (failed,) = [f for f in report["findings"] if f["rule_id"] == "SITE106"]
    assert failed["severity"] == "error"
    assert failed["message"].startswith(f"rule SITE106 (rule-path {path}/site106.py) failed: RuntimeError: boom")


def test_a_rule_path_that_is_not_a_folder_is_an_error(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    code, report, err = check_json(capsys, "--rule-path", str(missing), FIG_7_4)
    assert code == 2 and report["errors"] == [f"rule-path {missing}: not a folder"]
    assert report["summary"]["servers"] == 1  # the check itself ran


def test_a_plugin_that_cannot_be_imported_is_named_and_the_run_goes_on(monkeypatch, tmp_path, capsys):
    install(
        monkeypatch,
        tmp_path,
        "broken-ipmp",
        "0.1",
        {"rules": "broken_ipmp"},
        {
            "broken_ipmp/__init__.py": "raise ImportError('half installed')\n",
        },
    )
    acme_plugin(monkeypatch, tmp_path)
    code, report, err = check_json(capsys, FIG_7_4)
    assert code == 2
    (error,) = report["errors"]
    assert error.startswith(
        "plugin broken-ipmp (entry point rules = broken_ipmp): cannot import broken_ipmp: "
        "ImportError: half installed at "
    )
    assert error in err
    assert "ACME101" in [f["rule_id"] for f in report["findings"]]


def test_a_plugin_module_that_fails_leaves_its_siblings_loaded(monkeypatch, tmp_path):
    install(
        monkeypatch,
        tmp_path,
        "bolt-ipmp",
        "2.1",
        {"all": "bolt_ipmp", "thing": "bolt_ipmp:THING"},
        {
            "bolt_ipmp/__init__.py": "THING = 42\n",
            "bolt_ipmp/bolt101.py": rule_module("BOLT101", "bolt-one"),
            "bolt_ipmp/bolt102.py": "1 / 0\n",
        },
    )
    loaded = plugins.load_rules()
    assert [r.id for r in loaded.rules if r.id.startswith("BOLT")] == ["BOLT101"]
    assert loaded.errors == (
        "plugin bolt-ipmp (entry point all = bolt_ipmp): cannot import bolt_ipmp.bolt102: "
        f"ZeroDivisionError: division by zero at {tmp_path / 'site-bolt-ipmp' / 'bolt_ipmp' / 'bolt102.py'}:1",
        "plugin bolt-ipmp (entry point thing = bolt_ipmp:THING): names a int, not a rule module "
        "or a package of rule modules",
    )


def test_a_package_without_rule_modules_is_an_error(monkeypatch, tmp_path):
    install(
        monkeypatch,
        tmp_path,
        "bolt-ipmp",
        "2.1",
        {"all": "bolt_ipmp"},
        {
            "bolt_ipmp/__init__.py": "",
            "bolt_ipmp/_helpers.py": "",
        },
    )
    assert plugins.load_rules().errors == (
        "plugin bolt-ipmp (entry point all = bolt_ipmp): package bolt_ipmp has no rule module",
    )


def test_an_exception_in_a_plugins_check_names_the_plugin(monkeypatch, tmp_path, capsys):
    install(
        monkeypatch,
        tmp_path,
        "bolt-ipmp",
        "2.1",
        {"all": "bolt_ipmp"},
        {
            "bolt_ipmp/__init__.py": "",
            "bolt_ipmp/bolt101.py": rule_module("BOLT101", "bolt-one", body="    return {}['missing']"),
        },
    )
    code, report, _ = check_json(capsys, "--select", "BOLT", FIG_7_4)
    assert code == 1 and report["errors"] == []
    (finding,) = report["findings"]
    assert finding["message"].startswith(
        "rule BOLT101 (plugin bolt-ipmp (bolt_ipmp.bolt101)) failed: KeyError: 'missing' at "
    )


def test_builtin_rules_pass_the_checks_plugin_rules_get():
    import importlib

    for rule in builtin():
        plugins._check_metadata(importlib.import_module(rule.check.__module__))


# --------------------------------------------------------- the command line


def test_plugin_rules_are_selected_by_id_prefix_and_name(monkeypatch, tmp_path, capsys):
    acme_plugin(monkeypatch, tmp_path)
    site = ("--rule-path", SITE_RULES)
    for selector, expected in (
        ("ACME", ["ACME101"]),
        ("ACME101", ["ACME101"]),
        ("too-few-probe-targets", ["SITE001"]),
        ("SITE,ACME", ["ACME101", "SITE001"]),
    ):
        code, report, _ = check_json(capsys, *site, "--select", selector, FIG_7_4)
        assert code == 1 and sorted({f["rule_id"] for f in report["findings"]}) == expected, selector
    code, report, _ = check_json(capsys, *site, "--select", "SITE,ACME", "--ignore", "group-name-convention", FIG_7_4)
    assert {f["rule_id"] for f in report["findings"]} == {"SITE001"}
    # a usage error, as for a built-in
    assert cli.main(["check", *site, "--select", "SITE002", FIG_7_4]) == 2
    assert "unknown rule or prefix 'SITE002' (did you mean SITE001?)" in capsys.readouterr().err


def test_rules_lists_plugin_rules_with_their_origin(monkeypatch, tmp_path, capsys):
    acme_plugin(monkeypatch, tmp_path)
    code, out, err = run(capsys, "rules", "--rule-path", SITE_RULES)
    assert code == 0 and err == ""
    summary = r"\s+".join(
        map(re.escape, "An IPMP group is not named after its domain, as ACME's convention wants.".split())
    )
    assert re.search(
        r"^ACME101 +warning +group-name-convention +\(from plugin acme-ipmp "
        r"\(acme_ipmp\.acme101_group_name_convention\)\)\n +" + summary + "$",
        out,
        re.M,
    )
    assert re.search(
        rf"^SITE001 +warning +too-few-probe-targets +\(from rule-path {SITE_RULES}/"
        rf"site001_too_few_probe_targets\.py\)$",
        out,
        re.M,
    )
    assert re.search(r"^IPMP101 +error +vnets-share-vswitch$", out, re.M)  # a built-in names no origin


def test_rule_shows_a_plugin_rules_doc_and_origin(monkeypatch, tmp_path, capsys):
    acme_plugin(monkeypatch, tmp_path)
    for key in ("ACME101", "acme101", "group-name-convention"):
        code, out, _ = run(capsys, "rule", key)
        assert code == 0
        head, doc = out.split("\n\n", 1)
        assert head == (
            "ACME101 group-name-convention (warning), from plugin acme-ipmp (acme_ipmp.acme101_group_name_convention)"
        )
        assert doc.startswith("An IPMP group is not named after its domain") and "## Source" in doc
    code, out, _ = run(capsys, "rule", "SITE001", "--rule-path", SITE_RULES)
    assert code == 0 and out.startswith(f"SITE001 too-few-probe-targets (warning), from rule-path {SITE_RULES}/")


def test_graph_marks_plugin_findings(capsys):
    code, out, _ = run(capsys, "graph", "--rule-path", SITE_RULES, "--select", "SITE", FIG_7_4)
    assert code == 0 and "SITE001" in out


def test_docs_rules_md_is_built_ins_only(monkeypatch, tmp_path):
    acme_plugin(monkeypatch, tmp_path)
    page = docgen.render()
    assert "ACME101" not in page and page == docgen.render(builtin())


# ------------------------------------------------------------------- SARIF


def test_sarif_describes_each_plugin_as_a_tool_extension(monkeypatch, tmp_path, capsys):
    acme_plugin(monkeypatch, tmp_path)
    code, out, _ = run(capsys, "check", "--format", "sarif", "--rule-path", SITE_RULES, FIG_7_4)
    assert code == 1
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    (sarif_run,) = log["runs"]
    tool = sarif_run["tool"]
    assert all(not r["id"].startswith(("ACME", "SITE")) for r in tool["driver"]["rules"])
    assert [(e["name"], e.get("version"), [r["id"] for r in e["rules"]]) for e in tool["extensions"]] == [
        ("acme-ipmp", "1.0.0", ["ACME101"]),
        (SITE_RULES, None, ["SITE001"]),
    ]
    for extension in tool["extensions"]:
        for descriptor in extension["rules"]:
            assert "helpUri" not in descriptor and descriptor["help"]["markdown"].startswith(
                descriptor["shortDescription"]["text"]
            )
    plugin_results = [r for r in sarif_run["results"] if r["ruleId"].startswith(("ACME", "SITE"))]
    assert sorted(r["ruleId"] for r in plugin_results) == ["ACME101", "SITE001"]
    for result in plugin_results:
        reference = result["rule"]
        component = tool["extensions"][reference["toolComponent"]["index"]]
        assert reference["toolComponent"]["name"] == component["name"]
        assert component["rules"][reference["index"]]["id"] == result["ruleId"] == reference["id"]
        assert result["ruleIndex"] == reference["index"]
    for result in sarif_run["results"]:
        if "rule" not in result:
            assert tool["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_without_plugins_has_no_extensions(capsys):
    code, out, _ = run(capsys, "check", "--format", "sarif", FIG_7_4)
    assert "extensions" not in json.loads(out)["runs"][0]["tool"]


def test_sarif_reports_load_errors_as_tool_notifications(tmp_path, capsys):
    broken = write(tmp_path / "broken", {"site101.py": "import ipmplint_no_such_module\n"})
    code, out, _ = run(capsys, "check", "--format", "sarif", "--rule-path", str(broken), FIG_7_4)
    assert code == 2
    (invocation,) = json.loads(out)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert any("site101.py: cannot import" in n["message"]["text"] for n in invocation["toolExecutionNotifications"])
