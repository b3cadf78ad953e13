"""``ipmplint merge FILE...``: the shards' reports of one fleet (``check --shard K/N``)
joined into the report one run over the whole fleet gives.

Each shard checked a disjoint part of the same fleet with the same paths, rules and
configuration (ipmplint/engine/shard.py), so its report is the whole fleet's report with the
other shards' servers left out: every list in it is a subsequence of the whole run's,
in the same order. Joining is therefore a stable merge of those lists on the key the
reporters sort by — the server's name first (``findings.sorting.order``; servers by name and
path, ``shard.position``) — and the totals counted again. Within one server everything
is in one shard and keeps its order; only servers are interleaved.

The format is recognised from the content and kept: JSON (docs/json-schema.md), SARIF
(one run: results, rule list, notifications, ``automationDetails`` and the
``executionSuccessful`` flag joined), JUnit XML (the servers' test suites, totals
summed), GitLab Code Quality and GitHub workflow commands. The last two name no server,
so their issues are merged on the file path: the same order as the whole run whenever
servers' names sort like their folders (a fleet of one folder per server, named for
it). Fingerprints made unique with ``:2`` suffixes are numbered again over the merged
list. The text and concise formats sum up skipped checks across servers in words and
are not merged: write JSON from the shards and read that.

Shards that disagree on the tool version, the inputs, the rules or the format are
refused: they are not parts of one run. Exit codes: 0 merged; 2 a file that cannot be
read, is no ipmplint report, or does not belong with the others.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from typing import Any, Callable, Optional, Sequence

from ipmplint.engine.shard import position
from ipmplint.findings import Severity
from ipmplint.reporters import junit


class MergeError(Exception):
    """The shards cannot be joined into one report (said with the file at fault)."""


# -- recognising a shard's format ----------------------------------------------------------


def recognise(text: str) -> str:
    """The format of a report's text: json, sarif, gitlab, junit or github."""
    stripped = text.lstrip()
    if stripped.startswith("<?xml") or stripped.startswith("<testsuites"):
        return "junit"
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise MergeError(f"not JSON ({exc})") from None
        if isinstance(data, list):
            return "gitlab"
        if isinstance(data, dict) and data.get("version") == "2.1.0" and isinstance(data.get("runs"), list):
            return "sarif"
        if isinstance(data, dict) and "schema_version" in data and isinstance(data.get("servers"), list):
            return "json"
        raise MergeError("JSON, but neither an ipmplint report, a SARIF log nor a GitLab Code Quality report")
    if not stripped or all(line.startswith("::") for line in text.splitlines() if line):
        return "github"
    raise MergeError(
        "not a machine report (json, sarif, junit, gitlab or github); "
        "the text and concise formats cannot be merged: write --format json from the shards"
    )


def merge(texts: Sequence[tuple[str, str]]) -> str:
    """The merged report of ``texts`` ((name, report text) pairs, all of one format)."""
    if not texts:
        raise MergeError("no report to merge")
    formats = []
    for name, text in texts:
        try:
            formats.append(recognise(text))
        except MergeError as exc:
            raise MergeError(f"{name}: {exc}") from None
    if len(set(formats)) > 1:
        raise MergeError(
            "the shards' reports are of different formats: "
            + ", ".join(f"{name} ({fmt})" for (name, _), fmt in zip(texts, formats))
        )
    return _MERGERS[formats[0]](texts)


# -- JSON ----------------------------------------------------------------------------------


def _finding_key(item: dict) -> tuple:
    """``findings.sorting.order`` of a finding read back from JSON."""
    return (
        item["server"],
        item["file"],
        item["line"],
        item["col"],
        item["rule_id"],
        item["message"],
        -Severity.parse(item["severity"]).rank,
        item["domain"] or "",
        item["group"] or "",
        item["object"] or "",
        tuple(item["nodes"]),
    )


def _skip_key(item: dict) -> tuple:
    return (item["server"], item["rule_id"], item["domain"] or "", item["reason"], tuple(item["missing"]))


def _stale_key(item: dict) -> tuple:  # suppression._entry_key
    return (
        item["server"],
        item["rule_id"],
        item["file"],
        item["domain"] or "",
        item["group"] or "",
        item["object"] or "",
        item["message"],
        item["fingerprint"],
    )


def _same(name: str, what: str, value: Any, first: Any) -> None:
    if value != first:
        raise MergeError(f"{name}: its {what} differ from the first shard's: not a shard of the same run")


def _merge_json(texts: Sequence[tuple[str, str]]) -> str:
    docs = [(name, json.loads(text)) for name, text in texts]
    first = docs[0][1]
    for name, doc in docs[1:]:
        for key in ("schema_version", "tool", "inputs"):
            _same(name, key, doc.get(key), first.get(key))
        _same(name, "baseline", doc["suppression"]["baseline"], first["suppression"]["baseline"])
    servers = sorted((s for _, d in docs for s in d["servers"]), key=lambda s: position(s["name"], s["path"]))
    findings = sorted((f for _, d in docs for f in d["findings"]), key=_finding_key)
    skipped = sorted((k for _, d in docs for k in d["skipped"]), key=_skip_key)
    errors = [e for _, d in docs for e in d["errors"]]
    parse_warnings = sorted((f for _, d in docs for f in d["parse_warnings"]), key=_finding_key)
    summary = dict(first["summary"])
    summary.update(
        findings=len(findings),
        by_severity={level: sum(1 for f in findings if f["severity"] == level) for level in summary["by_severity"]},
        parse_warnings=len(parse_warnings),
        servers=len(servers),
        skipped=len(skipped),
        errors=len(errors),
    )
    merged = dict(first)
    merged.update(
        summary=summary,
        servers=servers,
        findings=findings,
        parse_warnings=parse_warnings,
        skipped=skipped,
        errors=errors,
    )
    suppression = dict(first["suppression"])
    for key in ("hidden_by_baseline", "hidden_by_per_path_ignores"):
        suppression[key] = sum(d["suppression"][key] for _, d in docs)
    suppression["stale_baseline_entries"] = sorted(
        (e for _, d in docs for e in d["suppression"]["stale_baseline_entries"]), key=_stale_key
    )
    merged["suppression"] = suppression
    return json.dumps(merged, indent=2) + "\n"


# -- fingerprints made unique (findings.fingerprint.fingerprints) -------------------------------

_SUFFIX = re.compile(r":[0-9]+$")


def _renumber(items: list, get: Callable[[Any], str], put: Callable[[Any, str], None]) -> None:
    """Number repeated fingerprints again (``:2``, ``:3``) in the merged order, as one run
    numbers them: two servers of one name in two shards may share a fingerprint."""
    seen: dict[str, int] = {}
    for item in items:
        base = _SUFFIX.sub("", get(item))
        seen[base] = seen.get(base, 0) + 1
        put(item, base if seen[base] == 1 else f"{base}:{seen[base]}")


# -- SARIF ---------------------------------------------------------------------------------

_FINGERPRINT = "ipmplint/v2"


def _result_key(result: dict) -> tuple:
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] if result.get("locations") else ""
    return (result.get("properties", {}).get("server", ""), location)


def _where(item: dict) -> tuple:
    """A result's or notification's place and message: a parse warning is both."""
    physical = item["locations"][0]["physicalLocation"]
    region = physical.get("region", {})
    return (
        physical["artifactLocation"]["uri"],
        region.get("startLine"),
        region.get("startColumn"),
        item["message"]["text"],
    )


def _skip_note_key(note: dict) -> tuple:
    """``RULE not checked on SERVER: reason`` → (server, rule, reason), as
    ``reporters.sarif.whole_rule_skips`` sorts them."""
    rule = note["associatedRule"]["id"]
    server, _, reason = note["message"]["text"].removeprefix(f"{rule} not checked on ").partition(": ")
    return (server, rule, reason)


def _merge_sarif(texts: Sequence[tuple[str, str]]) -> str:
    runs = []
    for name, text in texts:
        log = json.loads(text)
        if len(log["runs"]) != 1:
            raise MergeError(f"{name}: {len(log['runs'])} runs; an ipmplint shard writes one")
        runs.append((name, log["runs"][0]))
    first = runs[0][1]
    for name, run in runs[1:]:
        for key in ("tool", "automationDetails", "originalUriBaseIds"):
            _same(name, key, run.get(key), first.get(key))
    results = sorted((r for _, run in runs for r in run["results"]), key=_result_key)
    _renumber(
        results,
        lambda r: r["partialFingerprints"][_FINGERPRINT],
        lambda r, fp: r["partialFingerprints"].__setitem__(_FINGERPRINT, fp),
    )
    notes = [n for _, run in runs for n in run["invocations"][0]["toolExecutionNotifications"]]
    errors = [n for n in notes if "associatedRule" not in n]
    placed = {_where(r): i for i, r in enumerate(results)}
    warnings = sorted(
        (n for n in notes if "associatedRule" in n and n.get("locations")),
        key=lambda n: placed.get(_where(n), len(results)),
    )
    skips = sorted((n for n in notes if "associatedRule" in n and not n.get("locations")), key=_skip_note_key)
    merged = dict(first)
    merged["invocations"] = [
        {
            "executionSuccessful": all(run["invocations"][0]["executionSuccessful"] for _, run in runs),
            "toolExecutionNotifications": errors + warnings + skips,
        }
    ]
    merged["results"] = results
    log = json.loads(texts[0][1])
    log["runs"] = [merged]
    return json.dumps(log, indent=2) + "\n"


# -- GitLab Code Quality, GitHub workflow commands -----------------------------------------


def _parts(path: str) -> tuple[str, ...]:
    """A path's folders and name: ``host1/x`` comes before ``host1-b/x``, as the server
    ``host1`` before ``host1-b``."""
    return tuple(path.split("/"))


def _merge_gitlab(texts: Sequence[tuple[str, str]]) -> str:
    issues = sorted((i for _, text in texts for i in json.loads(text)), key=lambda i: _parts(i["location"]["path"]))
    _renumber(issues, lambda i: i["fingerprint"], lambda i, fp: i.__setitem__("fingerprint", fp))
    return json.dumps(issues, indent=2) + "\n"


_FILE = re.compile(r"^::[a-z]+ file=([^,:]*)")


def _file(line: str) -> str:
    """The file an annotation line names (``::error file=F,...``)."""
    m = _FILE.match(line)
    return m.group(1) if m else ""


def _merge_github(texts: Sequence[tuple[str, str]]) -> str:
    lines = [line for _, text in texts for line in text.splitlines()]
    annotations = sorted((line for line in lines if _FILE.match(line)), key=lambda line: _parts(_file(line)))
    errors = [line for line in lines if not _FILE.match(line)]
    return "".join(line + "\n" for line in annotations + errors)


# -- JUnit ---------------------------------------------------------------------------------


def _merge_junit(texts: Sequence[tuple[str, str]]) -> str:
    suites: list[ET.Element] = []
    errors: list[ET.Element] = []
    for name, text in texts:
        try:
            root = ET.fromstring(text)
        except ET.ParseError as exc:
            raise MergeError(f"{name}: not XML ({exc})") from None
        if root.tag != "testsuites" or root.get("name") != "ipmplint":
            raise MergeError(f"{name}: not an ipmplint JUnit report")
        for suite in root:
            (errors if suite.get("name") == junit.ERRORS_SUITE else suites).append(suite)
    suites.sort(key=lambda suite: suite.get("name", ""))  # stable: one server name in two folders keeps its order
    if errors:
        cases = [case for suite in errors for case in suite]
        suites.append(junit.suite(junit.ERRORS_SUITE, cases))
    return junit.document(suites)


_MERGERS: dict[str, Callable[[Sequence[tuple[str, str]]], str]] = {
    "json": _merge_json,
    "sarif": _merge_sarif,
    "gitlab": _merge_gitlab,
    "github": _merge_github,
    "junit": _merge_junit,
}


def read(paths: Sequence[str]) -> list[tuple[str, str]]:
    """Each report's (path, text); MergeError naming the file that cannot be read."""
    texts = []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as fh:
                texts.append((path, fh.read()))
        except (OSError, UnicodeDecodeError) as exc:
            raise MergeError(f"{path}: {getattr(exc, 'strerror', None) or exc}") from None
    return texts


def main(paths: Sequence[str], output: Optional[str]) -> int:
    """``ipmplint merge``: read, merge, write; errors on stderr with exit 2."""
    try:
        text = merge(read(paths))
    except MergeError as exc:
        print(f"ipmplint: merge: {exc}", file=sys.stderr)
        return 2
    except RecursionError:
        print("ipmplint: merge: a report is nested too deep to be an ipmplint report", file=sys.stderr)
        return 2
    except (KeyError, TypeError, IndexError, ValueError) as exc:
        print(f"ipmplint: merge: a report lacks what an ipmplint report holds ({exc!r})", file=sys.stderr)
        return 2
    if output:
        from ipmplint.engine import atomic

        atomic.check_writable(output)
        atomic.write_text(output, text)
    else:
        sys.stdout.write(text)
    return 0
