"""The cache (``ipmplint.engine.cache``, used by ``ipmplint.engine.fleet``): it changes no output, it
never trusts an entry it cannot vouch for, it never writes where the captures are, and
a cache folder that cannot be written is no cache at all."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from testpaths import FIXTURES, REPO, snapshot

from ipmplint import cli
from ipmplint.engine import cache, root_cache
from ipmplint.parsers import base, ifconfig

FIG_7_3 = FIXTURES / "fig-7-3-two-vsw-one-service-domain"


def run(capsys, *args: str) -> tuple[int, str]:
    code = cli.main(list(args))
    return code, capsys.readouterr().out


def entries(top: Path) -> list[Path]:
    return sorted(p for p in (top / "roots").iterdir() if not p.name.startswith("."))


@pytest.fixture
def server(tmp_path) -> Path:
    """A copy of the Figure 7-3 capture this test may change."""
    return Path(shutil.copytree(FIG_7_3, tmp_path / "server1"))


# -- where --------------------------------------------------------------------------------


def test_the_folder_is_the_override_else_xdg_else_home(monkeypatch, tmp_path):
    monkeypatch.setenv("IPMPLINT_CACHE_DIR", str(tmp_path / "x"))
    assert cache.directory() == tmp_path / "x"
    monkeypatch.delenv("IPMPLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.directory() == tmp_path / "xdg" / "ipmplint"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.directory() == tmp_path / "home" / ".cache" / "ipmplint"


def test_a_folder_that_cannot_be_made_is_no_cache(monkeypatch, tmp_path):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("IPMPLINT_CACHE_DIR", str(tmp_path / "file" / "sub"))
    assert cache.folder("roots") is None and cache.grammar_file("ifconfig") is False


# -- one cache file ---------------------------------------------------------------------


def test_a_written_entry_reads_back_only_under_its_own_key(tmp_path):
    path = tmp_path / "e"
    assert cache.write(path, "k1", {"a": (1, 2)})
    assert cache.read(path, "k1") == {"a": (1, 2)}
    assert cache.read(path, "k2") is None  # foreign
    assert cache.read(tmp_path / "missing", "k1") is None
    assert [p.name for p in tmp_path.iterdir()] == ["e"]  # no temporary file left behind


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "no magic", "a folder"])
def test_a_damaged_entry_is_not_trusted(tmp_path, damage):
    path = tmp_path / "e"
    cache.write(path, "k", list(range(1000)))
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(data[:30] + os.urandom(200))
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "no magic":
        path.write_bytes(data.replace(cache.MAGIC, b"other-tool 1\n", 1))
    else:
        path.unlink()
        path.mkdir()
    assert cache.read(path, "k") is None


def test_an_entry_that_cannot_be_written_is_skipped(tmp_path):
    (tmp_path / "file").write_text("")
    assert cache.write(tmp_path / "file" / "e", "k", 1) is False
    assert cache.write(tmp_path / "e", "k", lambda: 1) is False  # cannot be pickled
    assert not (tmp_path / "e").exists()


# -- a run: the same bytes with and without the cache ---------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_the_cache_changes_no_output(capsys, fmt, private_cache):
    without = run(capsys, "check", "--no-cache", "--format", fmt, str(FIXTURES))
    assert not (private_cache / "roots").exists() or not entries(private_cache)
    cold = run(capsys, "check", "--format", fmt, str(FIXTURES))
    assert entries(private_cache)
    warm = run(capsys, "check", "--format", fmt, "--jobs", "1", str(FIXTURES))
    assert without == cold == warm


def test_the_cache_never_writes_into_a_capture(capsys, server, private_cache):
    before = snapshot(server.parent)
    run(capsys, "check", str(server))
    run(capsys, "check", str(server))
    assert snapshot(server.parent) == before
    assert entries(private_cache)


def test_an_unwritable_cache_folder_is_skipped_in_silence(capsys, monkeypatch, tmp_path, server):
    expected = run(capsys, "check", "--no-cache", str(server))
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("IPMPLINT_CACHE_DIR", str(tmp_path / "file" / "cache"))
    for _ in range(2):
        code = cli.main(["check", str(server)])
        out, err = capsys.readouterr()
        assert (code, out) == expected and err == ""


@pytest.mark.parametrize("damage", ["truncated", "garbage", "foreign", "a folder"])
def test_damaged_cache_files_are_rebuilt_and_change_nothing(capsys, private_cache, tmp_path, damage):
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(FIG_7_3, one)
    shutil.copytree(FIXTURES / "fig-7-4-vsw-in-two-service-domains", two)
    expected = run(capsys, "check", "--no-cache", str(one), str(two))
    assert run(capsys, "check", str(one), str(two)) == expected
    files = entries(private_cache)
    assert len(files) == 4  # an index and a pack of parse results per root
    mine = [p for p in files if p.name.startswith(files[0].stem)]
    other = [p for p in files if p not in mine]
    for path in mine:
        data = path.read_bytes()
        if damage == "truncated":
            path.write_bytes(data[: len(data) // 3])
        elif damage == "garbage":
            path.write_bytes(os.urandom(len(data)))
        elif damage == "foreign":  # another root's file of the same kind in its place
            path.write_bytes(next(p for p in other if p.suffix == path.suffix).read_bytes())
        else:
            path.unlink()
            path.mkdir()
    # The index says nothing usable: the root is read and parsed again.
    assert run(capsys, "check", "--jobs", "1", str(one), str(two)) == expected
    assert run(capsys, "check", str(one), str(two)) == expected
    if damage != "a folder":  # rewritten, and sound again
        for path in mine:
            assert cache.read(path, root_cache.INDEX_FORMAT if path.suffix == ".index" else root_cache.PARSES_FORMAT)


def test_a_changed_capture_is_read_again(capsys, server, monkeypatch):
    monkeypatch.setattr(root_cache, "RACY_NS", 0)  # trust signatures at once: only the stat can tell
    ifcfg = server / "ldg1" / "ifconfig-a.txt"
    st = ifcfg.stat()
    run(capsys, "check", str(server))
    text = ifcfg.read_text()
    changed = text.replace("groupname ipmp0", "groupname ipmp9")
    assert len(changed) == len(text) and changed != text
    ifcfg.write_text(changed)
    os.utime(ifcfg, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same mtime: the ctime differs
    assert run(capsys, "check", str(server)) == run(capsys, "check", "--no-cache", str(server))
    assert "ipmp9" in run(capsys, "check", "--format", "json", str(server))[1]


def test_a_file_changed_within_a_clock_tick_is_not_trusted(tmp_path):
    index = root_cache.RootIndex({}, {})
    path = tmp_path / "f"
    path.write_text("x")
    st = path.stat()
    index.record("f", st, "key", now_ns=max(st.st_mtime_ns, st.st_ctime_ns))
    assert index.trusted("f", st) is None  # recorded within the racy window: read it again
    index.record("f", st, "key", now_ns=max(st.st_mtime_ns, st.st_ctime_ns) + root_cache.RACY_NS)
    assert index.trusted("f", st) == "key"


def test_other_rules_or_settings_get_a_report_of_their_own(capsys, server):
    full = run(capsys, "check", "--no-cache", str(server))
    some = run(capsys, "check", "--no-cache", "--select", "IPMP2", str(server))
    assert full != some
    assert run(capsys, "check", "--select", "IPMP2", str(server)) == some
    assert run(capsys, "check", str(server)) == full
    assert run(capsys, "check", "--select", "IPMP2", str(server)) == some


class _Counting:
    def __init__(self, monkeypatch):
        self.calls = 0
        real = ifconfig.run

        def counting(*args, **kwargs):
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(ifconfig, "run", counting)


def test_parse_results_are_reused_until_the_parser_changes(capsys, server, monkeypatch):
    parses = _Counting(monkeypatch)
    run(capsys, "check", "--jobs", "1", str(server))
    first = parses.calls
    assert first == 2  # primary and ldg1
    run(capsys, "check", "--jobs", "1", "--select", "IPMP1", str(server))  # a new report, the same parses
    assert parses.calls == first
    monkeypatch.setattr(cache, "parser_version", lambda: "another parser")
    run(capsys, "check", "--jobs", "1", "--select", "IPMP2", str(server))
    assert parses.calls == 2 * first


def test_a_new_ipmplint_does_not_reuse_old_reports(capsys, server, monkeypatch):
    parses = _Counting(monkeypatch)
    expected = run(capsys, "check", "--jobs", "1", str(server))
    monkeypatch.setattr(cache, "engine_version", lambda: "another ipmplint")
    assert run(capsys, "check", "--jobs", "1", str(server)) == expected
    assert parses.calls == 2  # the report was made again, from the cached parse results


def test_archives_are_checked_afresh(capsys, tmp_path, private_cache):
    import tarfile

    archive = tmp_path / "server1.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(FIG_7_3, arcname="server1")
    first = run(capsys, "check", str(archive))
    assert run(capsys, "check", str(archive)) == first
    assert not (private_cache / "roots").exists() or not entries(private_cache)


# -- the compiled grammars ----------------------------------------------------------------------


def _parse_in_a_child(env: dict) -> subprocess.CompletedProcess:
    code = "from ipmplint.parsers import ifconfig; print(ifconfig.parse('lo0: flags=1 mtu 1\\n', 'f').account.total)"
    clean = {k: v for k, v in os.environ.items() if k not in ("IPMPLINT_CACHE_DIR", "XDG_CACHE_HOME")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env={**clean, **env})


def test_compiled_grammars_live_in_the_cache_folder_not_in_the_shared_tmp(tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = _parse_in_a_child({"IPMPLINT_CACHE_DIR": str(tmp_path / "c"), "TMPDIR": str(tmp)})
    assert proc.stdout.strip() == "1", proc.stderr
    assert (
        sorted(p.name.split("-")[0] for p in (tmp_path / "c" / "grammars").iterdir()) == ["ifconfig"] * 2
    )  # and its signature
    assert list(tmp.iterdir()) == []


def test_a_read_only_home_does_not_break_parsing(tmp_path):
    (tmp_path / "home").write_text("")  # a HOME nothing can be created in
    proc = _parse_in_a_child({"HOME": str(tmp_path / "home")})
    assert proc.returncode == 0 and proc.stdout.strip() == "1", proc.stderr
    assert proc.stderr == ""


def test_the_grammar_cache_hits(tmp_path):
    env = {"IPMPLINT_CACHE_DIR": str(tmp_path / "c")}
    _parse_in_a_child(env)
    (grammar,) = (tmp_path / "c" / "grammars").glob("*.lark")
    before = grammar.stat().st_mtime_ns
    probe = (
        "import logging, lark; from lark.utils import logger; logger.setLevel(logging.DEBUG); "
        "logging.basicConfig(); from ipmplint.parsers import ifconfig; ifconfig.parse('x\\n', 'f')"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, env={**os.environ, **env}
    )
    assert "Loading grammar from cache" in proc.stderr and "Saving grammar" not in proc.stderr, proc.stderr
    assert grammar.stat().st_mtime_ns == before


def test_one_compiled_grammar_serves_every_transformer_of_it():
    assert base.grammar("fields") is base.grammar("fields")


@pytest.mark.parametrize(
    "helper, module",
    [("_words.py", "._words"), ("_lib/words.py", "._lib.words")],
    ids=["beside-the-rule", "in-a-sub-package"],
)
def test_a_changed_helper_of_a_site_rule_gets_a_new_report(capsys, server, tmp_path, helper, module):
    from ipmplint.engine import plugins

    site = tmp_path / "site-rules"
    (site / helper).parent.mkdir(parents=True, exist_ok=True)
    if "/" in helper:
        (site / helper).with_name("__init__.py").write_text("")
    (site / helper).write_text('MESSAGE = "first words"\n')
    (site / "site100_says.py").write_text(
        '"""Says something about each group.\n\n## What it checks\nNothing.\n"""\n\n'
        f"from ipmplint.rule import Problem, Severity\n\nfrom {module} import MESSAGE\n\n"
        'ID = "SITE100"\nNAME = "says"\nSEVERITY = Severity.WARNING\nSOURCE = "a test"\n\n\n'
        "def check(ctx):\n    for dc in ctx.server.domains:\n        for group in dc.groups:\n"
        "            yield Problem(MESSAGE, group.source, domain=dc.name, group=group.name)\n"
    )

    def check() -> str:
        for name in [n for n in sys.modules if n.startswith(plugins._RULE_PATH_PACKAGE)]:
            del sys.modules[name]  # as a new process would import them
        return run(capsys, "check", "--jobs", "1", "--rule-path", str(site), str(server))[1]

    assert "first words" in check() and "first words" in check()
    (site / helper).write_text('MESSAGE = "other words"\n')
    assert "other words" in check()


# -- a cache that cannot execute ------------------------------------------------------------------


class _Payload:
    """What an attacker pickles: unpickling it calls ``os.system``."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command,))


def test_a_signed_entry_that_would_run_code_is_refused(tmp_path):
    marker = tmp_path / "ran"
    path = tmp_path / "e"
    assert cache.write(path, "k", [_Payload(f"touch {marker}")])  # even with the user's own key
    assert cache.read(path, "k") is None and not marker.exists()


def test_an_entry_signed_with_another_key_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "e"
    monkeypatch.setenv(cache.KEY_ENV, "the attacker's key")
    assert cache.write(path, "k", {"a": 1}) and cache.read(path, "k") == {"a": 1}
    monkeypatch.setenv(cache.KEY_ENV, "the user's key")
    assert cache.read(path, "k") is None
    monkeypatch.delenv(cache.KEY_ENV)
    assert cache.read(path, "k") is None  # the key file's key is another still


def test_the_key_lives_outside_the_cache_and_only_its_user_reads_it(private_cache):
    cache.secret()
    key = cache.key_file()
    assert key is not None and key.is_file() and private_cache not in key.parents
    assert key.stat().st_mode & 0o077 == 0
    key.chmod(0o644)  # readable by others: not a secret any more, no cache
    assert cache.secret() is None and cache.folder("roots") is None


def test_a_cache_folder_others_may_write_is_not_used(private_cache):
    (private_cache / "roots").mkdir(exist_ok=True)
    (private_cache / "roots").chmod(0o777)
    assert cache.folder("roots") is None
    (private_cache / "roots").chmod(0o700)
    assert cache.folder("roots") == private_cache / "roots"


def test_a_planted_compiled_grammar_is_never_loaded(tmp_path):
    import pickle

    marker = tmp_path / "ran"
    env = {"IPMPLINT_CACHE_DIR": str(tmp_path / "c")}
    _parse_in_a_child(env)
    (grammar,) = (tmp_path / "c" / "grammars").glob("*.lark")
    first_line = grammar.read_bytes().split(b"\n", 1)[0]  # lark's own hash: the file would be loaded
    grammar.write_bytes(first_line + b"\n" + pickle.dumps(_Payload(f"touch {marker}"), protocol=2))
    proc = _parse_in_a_child(env)
    assert proc.stdout.strip() == "1", proc.stderr
    assert not marker.exists()
    assert _signed_in_env(grammar, env)  # compiled again, and signed


def _signed_in_env(grammar: Path, env: dict) -> bool:
    code = (
        f"from pathlib import Path; from ipmplint.engine import cache; "
        f"print(cache._grammar_signed(Path({str(grammar)!r})))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env={**os.environ, **env}
    )
    return proc.stdout.strip() == "True"


def test_cache_info_and_clean_touch_only_what_ipmplint_wrote(capsys, server, private_cache):
    run(capsys, "check", str(server))
    (private_cache / "roots" / "not-ours.txt").write_text("the user's")
    code, out = run(capsys, "cache", "info")
    facts = dict(line.split(": ", 1) for line in out.splitlines())
    assert code == 0 and facts["folder"] == str(private_cache) and int(facts["files"]) >= 2
    assert int(facts["bytes"]) > 0 and int(facts["max_bytes"]) == cache.MAX_BYTES
    code, out = run(capsys, "cache", "clean")
    assert code == 0 and out.startswith("removed ")
    assert [p.name for p in (private_cache / "roots").iterdir()] == ["not-ours.txt"]
    assert "files: 0" in run(capsys, "cache", "info")[1]


def test_the_cache_is_kept_under_its_size_bound(capsys, tmp_path, private_cache, monkeypatch):
    for name in ("s1", "s2", "s3"):
        shutil.copytree(FIG_7_3, tmp_path / "fleet" / name)
    run(capsys, "check", "--jobs", "1", str(tmp_path / "fleet"))
    sizes = [p.stat().st_size for p in entries(private_cache)]
    assert len(sizes) == 6
    monkeypatch.setenv(cache.MAX_ENV, str(sum(sizes) // 2))
    (private_cache / "grammars").unlink()  # the session's shared grammars are not this test's
    run(capsys, "check", "--jobs", "1", str(tmp_path / "fleet" / "s1"))
    assert sum(p.stat().st_size for p in entries(private_cache)) <= sum(sizes) // 2
    assert cache.info()["bytes"] <= sum(sizes) // 2


def _sources_hashed(version) -> set[Path]:
    """The files a version function (``cache.parser_version``, ``engine_version``) hashes."""
    captured: list[Path] = []
    real = cache._hash_files

    def recording(paths, *extra):
        paths = list(paths)
        captured.extend(paths)
        return real(paths, *extra)

    version.cache_clear()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(cache, "_hash_files", recording)
            version()
    finally:
        version.cache_clear()
    return {p.resolve() for p in captured}


def test_the_parser_version_covers_the_parsers_grammars_and_model():
    """Every source a parse result depends on is in its key (a moved module once left
    them all out: a changed parser would have reused old results)."""
    from ipmplint import model
    from ipmplint.capture import kinds

    names = _sources_hashed(cache.parser_version)
    assert Path(ifconfig.__file__).resolve() in names and Path(base.__file__).resolve() in names
    assert Path(model.__file__).resolve() in names and Path(kinds.__file__).resolve() in names
    assert any(p.suffix == ".lark" for p in names) and all(p.is_file() for p in names)


def test_the_engine_version_covers_every_ipmplint_source():
    from ipmplint.analysis import groups
    from ipmplint.topology import __file__ as topology

    names = _sources_hashed(cache.engine_version)
    assert {Path(groups.__file__).resolve(), Path(topology).resolve(), Path(ifconfig.__file__).resolve()} <= names
