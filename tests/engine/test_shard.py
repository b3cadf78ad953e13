"""``check --shard K/N`` and ``ipmplint merge``: a fleet split over N CI jobs, joined
back into exactly the report of one run over the whole fleet."""

from __future__ import annotations

import hashlib
import json

import pytest
from testpaths import REPO

from ipmplint import cli
from ipmplint.capture import discovery
from ipmplint.engine import shard
from ipmplint.reporters import merge

#: The formats a CI job writes for a machine to read.
MACHINE_FORMATS = ("json", "sarif", "junit", "gitlab", "github")


def _run(tmp_path, name: str, *args: str) -> str:
    out = tmp_path / name
    cli.main(["check", "fixtures", "-j", "1", "-o", str(out), *args])
    return str(out)


@pytest.mark.parametrize("count", [1, 2, 7])
def test_merged_shards_are_byte_identical_to_one_run(count, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    for fmt in MACHINE_FORMATS:
        whole = _run(tmp_path, f"whole.{fmt}", "--format", fmt)
        parts = [
            _run(tmp_path, f"{k}-of-{count}.{fmt}", "--format", fmt, "--shard", f"{k}/{count}")
            for k in range(1, count + 1)
        ]
        merged = tmp_path / f"merged.{fmt}"
        assert cli.main(["merge", "-o", str(merged), *parts]) == 0
        assert merged.read_bytes() == open(whole, "rb").read(), fmt
    capsys.readouterr()


def test_shards_split_the_fleet_exactly(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    parts = [
        json.loads(open(_run(tmp_path, f"{k}.json", "--format", "json", "--shard", f"{k}/7")).read())
        for k in range(1, 8)
    ]
    whole = json.loads(open(_run(tmp_path, "whole.json", "--format", "json")).read())
    capsys.readouterr()
    names = [s["path"] for p in parts for s in p["servers"]]
    assert sorted(names) == sorted(s["path"] for s in whole["servers"])  # each server in exactly one shard
    assert len(names) == len(set(names))
    assert sum(1 for p in parts if p["servers"]) > 1  # not everything landed in one shard


def test_a_server_belongs_to_the_shard_of_its_relative_path_sha256(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    relative = "fixtures/ipmp101-vnets-share-vswitch"
    digest = hashlib.sha256(relative.encode()).digest()
    expected = 1 + int.from_bytes(digest[:8], "big") % 5
    assert shard.owner(relative, 5) == expected
    assert shard.owner(str(REPO / relative), 5) == expected  # absolute or relative, one shard


def test_every_root_is_in_exactly_one_shard(monkeypatch):
    monkeypatch.chdir(REPO)
    roots = discovery.discover(["fixtures"]).roots
    for count in (1, 2, 3, 7, 100):
        picked = [r.path for k in range(1, count + 1) for r in shard.select(roots, shard.Shard(k, count))]
        assert sorted(picked) == sorted(r.path for r in roots)


@pytest.mark.parametrize("text", ["0/3", "4/3", "1/0", "1", "a/b", "2/", "-1/3"])
def test_a_bad_shard_is_a_usage_error(text, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["check", "--shard", text, "fixtures"])
    assert exit_.value.code == 2
    assert "shard" in capsys.readouterr().err


def test_unreadable_paths_are_reported_by_shard_one_only(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    missing = "no-such-folder"
    reports = []
    for k in (1, 2):
        out = tmp_path / f"{k}.json"
        assert (
            cli.main(
                [
                    "check",
                    "fixtures/ipmp101-vnets-share-vswitch",
                    missing,
                    "--format",
                    "json",
                    "--shard",
                    f"{k}/2",
                    "-o",
                    str(out),
                ]
            )
            == 2
        )
        reports.append(json.loads(out.read_text()))
    capsys.readouterr()
    assert [len(r["errors"]) for r in reports] == [1, 0]
    whole = tmp_path / "whole.json"
    cli.main(["check", "fixtures/ipmp101-vnets-share-vswitch", missing, "--format", "json", "-o", str(whole)])
    merged = tmp_path / "merged.json"
    assert cli.main(["merge", str(tmp_path / "1.json"), str(tmp_path / "2.json"), "-o", str(merged)]) == 0
    assert merged.read_text() == whole.read_text()


def test_an_empty_shard_is_an_empty_clean_report(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    root = "fixtures/ipmp101-vnets-share-vswitch"
    other = next(k for k in (1, 2) if k != shard.owner(root, 2))
    out = tmp_path / "empty.json"
    assert cli.main(["check", root, "--format", "json", "--shard", f"{other}/2", "-o", str(out)]) == 0
    assert json.loads(out.read_text())["servers"] == []


def test_merge_refuses_reports_of_different_formats_or_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    sarif = _run(tmp_path, "a.sarif", "--format", "sarif", "--shard", "1/2")
    as_json = _run(tmp_path, "a.json", "--format", "json", "--shard", "2/2")
    assert cli.main(["merge", sarif, as_json]) == 2
    assert "different formats" in capsys.readouterr().err
    other = tmp_path / "other.json"
    cli.main(["check", "fixtures/ipmp101-vnets-share-vswitch", "--format", "json", "-o", str(other)])
    assert cli.main(["merge", as_json, str(other)]) == 2
    assert "not a shard of the same run" in capsys.readouterr().err


@pytest.mark.parametrize("content", ["hello\n", '{"a": 1}\n', "<?xml version='1.0'?><other/>\n", "{nope"])
def test_merge_refuses_what_is_no_report(content, tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text(content)
    assert cli.main(["merge", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ipmplint: merge: ") and "Traceback" not in err


def test_merge_of_a_missing_file_says_which(tmp_path, capsys):
    assert cli.main(["merge", str(tmp_path / "none.json")]) == 2
    assert "none.json" in capsys.readouterr().err


def test_text_formats_are_not_merged_and_say_what_to_do(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    concise = _run(tmp_path, "a.txt", "--format", "concise", "--shard", "1/2")
    capsys.readouterr()
    assert cli.main(["merge", concise]) == 2
    assert "--format json" in capsys.readouterr().err


def test_recognise_names_each_machine_format():
    assert merge.recognise('{"version": "2.1.0", "runs": []}') == "sarif"
    assert merge.recognise('{"schema_version": 1, "servers": []}') == "json"
    assert merge.recognise("[]\n") == "gitlab"
    assert merge.recognise('<?xml version="1.0"?>\n<testsuites name="ipmplint"/>') == "junit"
    assert merge.recognise("::error title=ipmplint::x\n") == "github"


def test_a_shard_walks_no_other_shards_servers(monkeypatch):
    """Each job walks the fleet to find its servers, but below another shard's server's
    own files (its domains, its etc/) it reads nothing."""
    from ipmplint.capture import discovery
    from ipmplint.capture.walking import Walk

    walked: list[str] = []
    below = Walk.files_below

    def noting(self, path, display, sniff=True):
        walked.append(display)
        return below(self, path, display, sniff)

    monkeypatch.setattr(Walk, "files_below", noting)
    whole = discovery.discover(["fixtures"]).roots
    servers = [r.display for r in whole if r.layout == "server"]
    everything = list(walked)
    for k in (1, 2, 3):
        walked.clear()
        found = discovery.stream(["fixtures"], wanted=shard.wanted(shard.Shard(k, 3)))
        mine = [r.display for r in shard.owned(found, shard.Shard(k, 3))]
        assert mine == [r.display for r in shard.select(whole, shard.Shard(k, 3))]
        for display in walked:
            server = [s for s in servers if display.startswith(s + "/")]
            assert not server or server[0] in mine, display
        assert len(walked) < len(everything)
