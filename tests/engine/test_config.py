"""The configuration (ipmplint.engine.config): where it is found, what it may say, how loudly a
mistake is refused, and how the command line overrides it; per-path ignores."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ipmplint import cli
from ipmplint.engine import config, resolution, suppression
from ipmplint.findings import Severity
from ipmplint.rules import builtin

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"
FIG_7_3 = FIXTURES / "fig-7-3-two-vsw-one-service-domain"  # IPMP102 (warning)
BAD = FIXTURES / "ipmp101-vnets-share-vswitch"  # IPMP101 (error)


@pytest.fixture
def fleet(tmp_path, monkeypatch):
    """A repository of captures: fleet/fig73 (IPMP102) and fleet/bad (IPMP101); run
    from its top."""
    shutil.copytree(FIG_7_3, tmp_path / "fleet" / "fig73")
    shutil.copytree(BAD, tmp_path / "fleet" / "bad")
    (tmp_path / ".git").mkdir()  # the repository's top: where the configuration search stops
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def findings(capsys, *argv: str) -> tuple[int, list[tuple[str, str]]]:
    code, out, _ = run(capsys, "check", "--format", "json", *argv)
    return code, [(f["rule_id"], f["severity"]) for f in json.loads(out)["findings"]]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ finding it


def test_found_from_the_current_directory_upward(tmp_path):
    (tmp_path / ".git").mkdir()
    top = write(tmp_path / ".ipmplint.toml", "")
    assert config.find(tmp_path / "a" / "b") == top
    nearer = write(tmp_path / "a" / "pyproject.toml", "[tool.ipmplint]\n")
    assert config.find(tmp_path / "a" / "b") == nearer


def test_pyproject_without_the_table_is_passed_by(tmp_path):
    (tmp_path / ".git").mkdir()
    top = write(tmp_path / "pyproject.toml", "[tool.ipmplint]\nfail-on = 'error'\n")
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    assert config.find(tmp_path / "sub") == top


def test_dotfile_wins_over_pyproject_in_one_folder(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.ipmplint]\nfail-on = 'info'\n")
    dotfile = write(tmp_path / ".ipmplint.toml", "fail-on = 'error'\n")
    assert config.find(tmp_path) == dotfile
    assert config.for_run(start=tmp_path).fail_on is Severity.ERROR


def test_none_found_gives_the_defaults(tmp_path):
    cfg = config.for_run(start=tmp_path)
    assert cfg == config.Config() and cfg.path is None


def test_config_flag_overrides_the_found_file_and_isolated_reads_none(fleet, capsys):
    write(fleet / ".ipmplint.toml", "ignore = ['IPMP102']\n")
    write(fleet / "other.toml", "ignore = ['IPMP101']\n")
    assert findings(capsys, "fleet")[1] == [("IPMP101", "error")]
    assert findings(capsys, "--config", "other.toml", "fleet")[1] == [("IPMP102", "warning")]
    assert sorted(findings(capsys, "--isolated", "fleet")[1]) == [("IPMP101", "error"), ("IPMP102", "warning")]


def test_config_and_isolated_together_is_a_usage_error(fleet, capsys):
    write(fleet / "other.toml", "")
    with pytest.raises(SystemExit) as exc:
        cli.main(["check", "--config", "other.toml", "--isolated", "fleet"])
    assert exc.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_named_pyproject_needs_the_table(fleet, capsys):
    write(fleet / "pyproject.toml", "[project]\nname = 'x'\n")
    code, _, err = run(capsys, "check", "--config", "pyproject.toml", "fleet")
    assert code == 2 and "has no [tool.ipmplint] table" in err


def test_missing_config_file(fleet, capsys):
    code, _, err = run(capsys, "check", "--config", "nope.toml", "fleet")
    assert (code, err) == (2, "ipmplint: nope.toml: no such configuration file\n")


def test_tool_table_in_the_dotfile_is_explained(tmp_path):
    path = write(tmp_path / ".ipmplint.toml", "[tool.ipmplint]\nselect = ['IPMP1']\n")
    with pytest.raises(config.ConfigError, match="top level of this file"):
        config.load(path)


def test_invalid_toml_is_exit_2(fleet, capsys):
    write(fleet / ".ipmplint.toml", "select = [\n")
    code, out, err = run(capsys, "check", "fleet")
    assert code == 2 and out == ""
    assert err.startswith(f"ipmplint: {fleet / '.ipmplint.toml'}: not valid TOML")


# ------------------------------------------------------------ unknown things


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("selct = ['IPMP1']\n", "unknown key 'selct' (did you mean 'select'?)"),
        ("per_path_ignores = {}\n", "unknown key 'per_path_ignores' (did you mean 'per-path-ignores'?)"),
        ("select = ['IPMP1022']\n", "select: unknown rule or prefix 'IPMP1022' (did you mean IPMP102?)"),
        (
            "ignore = ['vnets-share-vswitc']\n",
            "ignore: unknown rule or prefix 'vnets-share-vswitc' (did you mean vnets-share-vswitch?)",
        ),
        ("extend-select = ['XYZ']\n", "extend-select: unknown rule or prefix 'XYZ'"),
        ("[severity]\nIPMP1022 = 'error'\n", "[severity]: IPMP1022: unknown rule or prefix 'IPMP1022' (did you mean"),
        (
            "[severity]\nIPMP102 = 'errror'\n",
            '[severity]: IPMP102 = "errror" is not one of error, warning, info (did you mean "error"?)',
        ),
        ("[severity]\nIPMP102 = 2\n", "IPMP102 = 2 is not one of error, warning, info"),
        ("fail-on = 'warn'\n", 'fail-on = "warn" is not one of error, warning, info (did you mean "warning"?)'),
        (
            "[per-path-ignores]\n'fleet/**' = ['IPMP9']\n",
            "[per-path-ignores]: fleet/**: unknown rule or prefix 'IPMP9'",
        ),
        ("[per-path-ignores]\n'fleet/**' = 3\n", "fleet/** must be a list of rule ids, prefixes or names"),
        ("select = ['IPMP1']\nignore = [1]\n", "ignore must be a list of rule ids"),
        (
            "[options.IPMP2077]\nceiling-ms = 1\n",
            "[options]: IPMP2077: unknown rule or prefix 'IPMP2077' (did you mean",
        ),
        ("[options.IPMP2]\nceiling-ms = 1\n", "'IPMP2' is a prefix, not a rule"),
        ("[options.IPMP101]\nx = 1\n", "[options.IPMP101]: IPMP101 (vnets-share-vswitch) has no options"),
        (
            "[options.IPMP207]\nceiling_ms = 1\n",
            "IPMP207 has no option 'ceiling_ms' (did you mean 'ceiling-ms'?); its options: ceiling-ms, floor-ms",
        ),
        (
            "[options.IPMP207]\nmax-failure-detection-time = 30000\n",
            "IPMP207 has no option 'max-failure-detection-time'",
        ),
        (
            "[options.IPMP207]\nceiling-ms = '20000'\n",
            '[options.IPMP207]: ceiling-ms must be an integer, not a string ("20000")',
        ),
        ("[options.IPMP207]\nceiling-ms = true\n", "ceiling-ms must be an integer, not a boolean (true)"),
        ("[options.IPMP207]\nceiling-ms = 2.5\n", "ceiling-ms must be an integer, not a float (2.5)"),
        ("[options.IPMP301]\nsimilar-name-ratio = 'high'\n", "similar-name-ratio must be a number, not a string"),
        ("options = 3\n", "options must be a table of tables"),
        ("[options]\nIPMP207 = 3\n", "IPMP207 must be a table of the rule's options"),
        ("rule-paths = 'site'\n", "rule-paths must be a list of folders of rule modules (strings)"),
        ("baseline = 1\n", "baseline must be the path of a baseline file, not an integer (1)"),
        ("fail-on-stale-baseline = 'yes'\n", "fail-on-stale-baseline must be true or false, not a string"),
    ],
)
def test_mistakes_are_exit_2_with_a_clear_message(fleet, capsys, text, message):
    write(fleet / ".ipmplint.toml", text)
    code, out, err = run(capsys, "check", "fleet")
    assert code == 2 and out == "", err
    assert err.startswith(f"ipmplint: {fleet / '.ipmplint.toml'}"), err
    assert message in err, err


def test_pyproject_messages_name_the_tool_table(fleet, capsys):
    write(fleet / "pyproject.toml", "[tool.ipmplint.severity]\nIPMP1022 = 'error'\n")
    code, _, err = run(capsys, "check", "fleet")
    assert code == 2 and "pyproject.toml [tool.ipmplint.severity]: IPMP1022" in err


def test_a_bad_configuration_fails_the_other_commands_too(fleet, capsys):
    write(fleet / ".ipmplint.toml", "selct = []\n")
    assert run(capsys, "rules")[0] == 2
    assert run(capsys, "graph", "fleet/bad")[0] == 2
    assert run(capsys, "rules", "--isolated")[0] == 0


# ----------------------------------------------------------- what it decides


def test_severity_by_id_prefix_and_name_most_specific_wins(fleet, capsys):
    write(
        fleet / ".ipmplint.toml",
        "[severity]\nALL = 'info'\nIPMP1 = 'warning'\nvswitches-share-service-domain = 'error'\n",
    )
    code, found = findings(capsys, "fleet")
    assert sorted(found) == [("IPMP101", "warning"), ("IPMP102", "error")]
    assert code == 1


def test_severities_resolve_to_rule_ids(fleet):
    cfg = config.load(write(fleet / ".ipmplint.toml", "[severity]\nIPMP = 'info'\nIPMP102 = 'error'\n"))
    severity = resolution.resolve(cfg, builtin()).run.severity
    assert severity["IPMP102"] is Severity.ERROR and severity["IPMP101"] is Severity.INFO
    assert "CAP001" not in severity


def test_fail_on_from_the_file_and_the_command_line_over_it(fleet, capsys):
    write(fleet / ".ipmplint.toml", "fail-on = 'error'\nselect = ['IPMP102']\n")
    assert findings(capsys, "fleet")[0] == 0  # IPMP102 is a warning
    assert findings(capsys, "--fail-on", "warning", "fleet")[0] == 1


def test_selection_layers_like_ruff(fleet, capsys):
    write(fleet / ".ipmplint.toml", "ignore = ['IPMP102']\n")
    assert findings(capsys, "fleet")[1] == [("IPMP101", "error")]
    # --select starts afresh: the file's ignore does not apply
    assert findings(capsys, "--select", "IPMP102", "fleet")[1] == [("IPMP102", "warning")]
    # --ignore adds to the file's
    assert findings(capsys, "--ignore", "IPMP101", "fleet")[1] == []
    write(fleet / ".ipmplint.toml", "select = ['IPMP101']\n")
    assert sorted(findings(capsys, "--extend-select", "IPMP102", "fleet")[1]) == [
        ("IPMP101", "error"),
        ("IPMP102", "warning"),
    ]
    write(fleet / ".ipmplint.toml", "select = ['IPMP101']\nextend-select = ['IPMP102']\nignore = ['IPMP101']\n")
    assert findings(capsys, "fleet")[1] == [("IPMP102", "warning")]


def test_command_line_selectors_are_still_usage_errors(fleet, capsys):
    assert cli.main(["check", "--extend-select", "IPMP1022", "fleet"]) == 2
    err = capsys.readouterr().err
    assert "did you mean IPMP102?" in err and "usage:" not in err  # one line, not the whole usage


def test_options_checked_converted_and_given_to_the_rule(fleet):
    cfg = config.load(
        write(
            fleet / ".ipmplint.toml",
            "[options.IPMP207]\nceiling-ms = 20000\n[options.single-member-group]\nsimilar-name-ratio = 1\n",
        )
    )
    options = resolution.resolve(cfg, builtin()).run.options
    assert options == {"IPMP207": {"ceiling-ms": 20000}, "IPMP301": {"similar-name-ratio": 1.0}}
    assert isinstance(options["IPMP301"]["similar-name-ratio"], float)


def test_an_option_reaches_the_rule(fleet, capsys):
    """IPMP207 with a ceiling below the fixture's failure detection time reports it."""
    shutil.copytree(FIXTURES / "ipmp207-fixed-default-fdt", fleet / "fleet" / "fdt")
    assert findings(capsys, "--select", "IPMP207", "fleet/fdt")[1] == []
    write(fleet / ".ipmplint.toml", "[options.IPMP207]\nceiling-ms = 1000\n")
    assert [r for r, _ in findings(capsys, "--select", "IPMP207", "fleet/fdt")[1]] == ["IPMP207"]


def test_an_option_of_a_rule_twice_is_refused(fleet):
    cfg = config.load(
        write(
            fleet / ".ipmplint.toml",
            "[options.IPMP207]\nceiling-ms = 1\n[options.failure-detection-time]\nfloor-ms = 1\n",
        )
    )
    with pytest.raises(config.ConfigError, match="configured twice"):
        resolution.resolve(cfg, builtin())


def test_paths_are_relative_to_the_configuration_file(fleet, monkeypatch):
    write(fleet / ".ipmplint.toml", "rule-paths = ['site-rules']\nbaseline = 'known.json'\n")
    sub = fleet / "fleet"
    monkeypatch.chdir(sub)
    cfg = config.for_run()
    assert cfg.path == fleet / ".ipmplint.toml"
    assert cfg.rule_paths == (str(fleet / "site-rules"),)
    assert cfg.baseline == str(fleet / "known.json")
    # shown relative to the current folder when under it, else absolute
    assert resolution.resolve(cfg, builtin()).baseline == str(fleet / "known.json")
    monkeypatch.chdir(fleet)
    assert resolution.resolve(cfg, builtin()).baseline == "known.json"


def test_rule_paths_reach_the_plugin_loader(fleet, capsys, monkeypatch):
    """--rule-path first, then the configuration's rule-paths; one folder once."""
    from ipmplint.engine import plugins

    seen = []

    def stand_in(rule_paths=(), entry_points=True):
        seen.append(list(rule_paths))
        return plugins.LoadedRules(rules=builtin(), errors=(), collisions=())

    monkeypatch.setattr(plugins, "load_rules", stand_in)
    monkeypatch.setenv(config.TRUST_ENV, "1")
    write(fleet / ".ipmplint.toml", "rule-paths = ['site', 'more']\n")
    assert run(capsys, "check", "--rule-path", "cli-rules", "--rule-path", "site", "fleet/bad")[0] == 1
    assert seen == [["cli-rules", "site", str(fleet / "more")]]


SITE_RULE = '''"""Every server is fine, says the site (a test rule).

## What it checks
Nothing.
"""
from ipmplint.rule import Problem, Severity
from ipmplint.model import Source

ID = "SITE001"
NAME = "site-says-hello"
SEVERITY = Severity.INFO
SOURCE = "tests"
OPTIONS = {"greeting": "hello"}


def check(ctx):
    yield Problem(message=ctx.options["greeting"], source=Source(ctx.server.path))
'''


def test_a_rule_from_rule_paths_can_be_configured(fleet, capsys, monkeypatch):
    monkeypatch.setenv(config.TRUST_ENV, "1")
    write(fleet / "site" / "site001_hello.py", SITE_RULE)
    write(
        fleet / ".ipmplint.toml",
        "rule-paths = ['site']\nselect = ['SITE']\n[severity]\nSITE001 = 'error'\n"
        "[options.SITE001]\ngreeting = 'bonjour'\n",
    )
    code, out, err = run(capsys, "check", "--format", "json", "fleet/bad")
    assert code == 1, err
    (finding,) = json.loads(out)["findings"]
    assert (finding["rule_id"], finding["severity"], finding["message"]) == ("SITE001", "error", "bonjour")
    assert "SITE001" in run(capsys, "rules")[1]


def test_graph_reads_the_configuration(fleet, capsys):
    write(fleet / ".ipmplint.toml", "ignore = ['IPMP101']\n")
    code, out, _ = run(capsys, "graph", "fleet/bad")
    assert code == 0 and "IPMP101" not in out
    code, out, _ = run(capsys, "graph", "--isolated", "fleet/bad")
    assert code == 0 and "IPMP101" in out


def test_verbose_names_the_configuration(fleet, capsys):
    write(fleet / ".ipmplint.toml", "")
    assert f"configuration: {fleet / '.ipmplint.toml'}" in run(capsys, "check", "-v", "fleet/bad")[2]
    assert "configuration: none" in run(capsys, "check", "-v", "--isolated", "fleet/bad")[2]


# ------------------------------------------------------------ per-path ignores


@pytest.mark.parametrize(
    ("pattern", "path", "hit"),
    [
        ("fleet/bad/**", "fleet/bad/ldm-list-l.txt", True),
        ("fleet/bad", "fleet/bad/ldg1/ifconfig-a.txt", True),  # a folder covers what is in it
        ("fleet/ba", "fleet/bad/ldm-list-l.txt", False),
        ("fleet/b*", "fleet/bad/ldm-list-l.txt", True),
        ("fleet/*/ldg1", "fleet/bad/ldg1/ifconfig-a.txt", True),
        ("fleet/*", "old/fleet/bad/x.txt", False),  # anchored at the configuration's folder
        ("/fleet/bad", "fleet/bad/x.txt", True),
        ("ldg1", "fleet/bad/ldg1/ifconfig-a.txt", True),  # no "/": any depth
        ("ifconfig-a.txt", "fleet/bad/ldg1/ifconfig-a.txt", True),
        ("*.txt", "fleet/bad/ldg1/etc/hostname.vnet0", False),
        ("**/etc/hostname.*", "fleet/bad/ldg1/etc/hostname.vnet0", True),
        ("fleet/**/netstat-rn.txt", "fleet/bad/primary/netstat-rn.txt", True),
        ("fleet/**/netstat-rn.txt", "fleet/netstat-rn.txt", True),
        ("ldg?", "fleet/bad/ldg1/x", True),
        ("ldg[23]", "fleet/bad/ldg1/x", False),
        ("ldg[!23]", "fleet/bad/ldg1/x", True),
        ("ldg1/", "fleet/bad/ldg1/x", True),  # a trailing "/": folders only
        ("x/", "fleet/bad/ldg1/x", False),
        ("a[b", "a[b/x", True),  # an unclosed "[" is itself
        ("fleet/bad.d", "fleet/badxd/x", False),  # "." is not a wildcard
    ],
)
def test_glob(pattern, path, hit):
    assert suppression.glob_matches(pattern, path) is hit


def test_per_path_ignores_hide_and_are_counted(fleet, capsys):
    write(fleet / ".ipmplint.toml", "[per-path-ignores]\n'fleet/bad/**' = ['IPMP1']\n'fig73' = ['CAP']\n")
    code, out, _ = run(capsys, "check", "fleet")
    assert code == 1  # IPMP102 of fleet/fig73 is still there
    assert "IPMP101" not in out
    assert out.splitlines()[-1] == (
        "1 finding (0 errors, 1 warning, 0 info) in 2 servers; 6 checks skipped; 1 finding hidden by per-path ignores"
    )
    data = json.loads(run(capsys, "check", "--format", "json", "fleet")[1])
    assert [f["rule_id"] for f in data["findings"]] == ["IPMP102"]
    assert data["suppression"]["hidden_by_per_path_ignores"] == 1
    assert data["suppression"]["baseline"] is None


def test_per_path_globs_are_relative_to_the_configuration_not_the_current_folder(fleet, capsys, monkeypatch):
    write(fleet / ".ipmplint.toml", "[per-path-ignores]\n'fleet/bad' = ['vnets-share-vswitch']\n")
    monkeypatch.chdir(fleet / "fleet")
    assert findings(capsys, "bad")[0] == 0
    monkeypatch.chdir(fleet / "fleet" / "bad")
    assert findings(capsys, ".")[0] == 0
    assert findings(capsys, "--isolated", ".")[0] == 1


def test_per_path_ignore_of_another_rule_hides_nothing(fleet, capsys):
    write(fleet / ".ipmplint.toml", "[per-path-ignores]\n'fleet/bad' = ['IPMP102']\n")
    assert findings(capsys, "fleet/bad")[1] == [("IPMP101", "error")]


def test_a_selector_string_is_a_wrong_type_not_a_list_of_one(fleet):
    """The docs say a value of the wrong type stops the run: a string where a list
    belongs included (with the list it most likely meant)."""
    for key in ("select", "ignore", "extend-select"):
        with pytest.raises(
            config.ConfigError,
            match=rf"{key} must be a list .* not a string "
            rf'\(did you mean {key} = \["IPMP1"\]\?\)',
        ):
            config.load(write(fleet / ".ipmplint.toml", f'{key} = "IPMP1"\n'))
    with pytest.raises(config.ConfigError, match="not a string"):
        config.load(write(fleet / ".ipmplint.toml", '[per-path-ignores]\n"lab-*" = "IPMP3"\n'))


def test_every_builtin_option_is_kebab_case():
    names = [(r.id, name) for r in builtin() for name in r.options]
    assert names and all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", name) for _, name in names), names


def test_an_old_option_name_is_read_with_a_note_naming_the_new_one(fleet, capsys):
    cfg = config.load(write(fleet / ".ipmplint.toml", "[options.IPMP108]\nmax_vnets = 64\n"))
    settings = resolution.resolve(cfg, builtin())
    assert settings.run.options == {"IPMP108": {"max-vnets": 64}}
    assert len(settings.notes) == 1 and "'max_vnets' is now 'max-vnets'" in settings.notes[0]
    code, _, err = run(capsys, "check", "--select", "IPMP108", "fleet/fig73")
    assert code == 0 and err.count("'max_vnets' is now 'max-vnets'") == 1  # said once, on stderr
    write(fleet / ".ipmplint.toml", "[options.IPMP108]\nmax-vnets = 64\n")
    assert resolution.resolve(config.load(fleet / ".ipmplint.toml"), builtin()).notes == ()
