"""SARIF 2.1.0, for GitHub code scanning and every other SARIF viewer.

The shape follows what GitHub reads (docs.github.com, "SARIF support for code
scanning"): the rules' ``shortDescription``/``fullDescription`` head an alert, ``help``
is shown beside it, ``properties.tags`` and ``precision`` classify it, and
``partialFingerprints`` let an alert survive from one upload to the next. Because
captures are re-taken and lines move, the fingerprint is the finding's identity (rule,
server, domain, group, object; without an object, its file within the capture root and
its message) and never its line number; findings of one identity in
one report (the same parse warning on two lines) get ``:2``, ``:3`` … appended so that
each is its own alert. The GitLab report uses the same fingerprints.

Every rule's ``help`` is its one docstring (RuleInfo.doc), the same text as
``ipmplint rule ID`` and docs/rules.md: as Markdown, and as plain text for viewers that
do not render Markdown. Locations are relative to ``%SRCROOT%`` (the folder ipmplint
ran in) so the log is portable and GitHub can place the annotation in the repository
that holds the captures. A finding about a whole file (line 0) is placed on line 1:
GitHub code scanning shows a result only where a region with a ``startLine`` says.

Parse warnings (CAP001) are results like every other finding, and are also listed as
the invocation's ``toolExecutionNotifications`` (with their location and the rule they
belong to), beside the inputs that could not be read at all: a SARIF viewer that shows
the tool's own problems then tells a clean verdict from a verdict on a half-read capture.
A rule the captures of a server could not decide at all (a skipped check: ``no vnet/vsw
bindings: capture ...``) is a ``note`` notification there too, naming what was missing.

Rules of plugins (ipmplint.engine.plugins: an installed distribution, or a rule-path folder)
are not ipmplint's: each plugin is a ``tool.extensions`` toolComponent with its name,
version and rules (SARIF 2.1.0 §3.18.3), as the CodeQL CLI describes query packs, and a
result of one of its rules carries a ``rule`` reference whose ``toolComponent`` names
that extension (§3.27.7, §3.52.7), its ``ruleIndex`` counting in the extension's rules.
The driver keeps describing ipmplint alone, at its own version, and its rules' helpUri
into docs/rules.md stays true (a plugin rule has none there: its ``help`` is its doc).

Output is deterministic (fixed key order, sorted results, indent 2, trailing newline):
the same captures give the same bytes. Nothing is filtered and no severity decided here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

from ipmplint.findings import Finding, Report, RuleInfo, Severity, SkippedCheck
from ipmplint.findings.fingerprint import FINGERPRINT_KEY, capture_roots, fingerprints
from ipmplint.findings.paths import input_name, relative_path
from ipmplint.findings.sorting import order
from ipmplint.reporters import jsontext
from ipmplint.reporters.json import PARSE_WARNING_RULE

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/ipmplint/ipmplint"
RULES_DOC_URI = "https://github.com/ipmplint/ipmplint/blob/main/docs/rules.md"
SRCROOT = "%SRCROOT%"

#: SARIF has no "info": its lowest level that is still a result is "note".
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def render(report: Report, *, srcroot: Optional[str] = None, color: bool = False, width: Optional[int] = None) -> str:
    """The report as a SARIF 2.1.0 log with one run.

    ``srcroot`` is the folder relative paths are resolved against (the CLI passes the
    working directory); when given it is recorded as ``%SRCROOT%`` and absolute capture
    paths under it are made relative to it.
    """
    return jsontext.dumps(to_dict(report, srcroot=srcroot)) + "\n"


def to_dict(report: Report, *, srcroot: Optional[str] = None) -> dict[str, Any]:
    """The SARIF log as plain JSON-able data, keys in a fixed order."""
    rules = [rule for rule in _unique_rules(report.rules) if rule.plugin is None]
    extensions = plugin_components(report.rules)
    index = {rule.id: i for i, rule in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "ipmplint",
                "version": report.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(rule) for rule in rules],
            }
        },
        "automationDetails": {"id": automation_id(report.inputs, srcroot, report.category)},
    }
    if extensions:
        run["tool"]["extensions"] = [_extension(plugin, found) for plugin, found in extensions]
    if srcroot is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": _directory_uri(srcroot)}}
    findings = sorted(report.findings, key=order)
    notifications = [{"level": "error", "message": {"text": error}} for error in report.problems]
    notifications += [
        _notification(f, index.get(f.rule_id), srcroot) for f in findings if f.rule_id == PARSE_WARNING_RULE
    ]
    notifications += [_skip_notification(k, index.get(k.rule_id)) for k in whole_rule_skips(report)]
    run["invocations"] = [
        {
            "executionSuccessful": not report.problems,
            "toolExecutionNotifications": notifications,
        }
    ]
    run["columnKind"] = "unicodeCodePoints"
    run["results"] = [
        _result(f, index.get(f.rule_id), srcroot, fp)
        for f, fp in zip(findings, fingerprints(findings, capture_roots(report)))
    ]
    _refer_to_extensions(run["results"], extensions)
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


# ------------------------------------------------------------------------ rules


def _unique_rules(rules: tuple[RuleInfo, ...]) -> list[RuleInfo]:
    """The report's rules in its order, each id once (SARIF requires unique descriptors)."""
    seen: set[str] = set()
    unique = []
    for rule in rules:
        if rule.id not in seen:
            seen.add(rule.id)
            unique.append(rule)
    return unique


def _rule(rule: RuleInfo) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full_description(rule)},
        "help": {"text": plain_text(rule.doc), "markdown": rule.doc},
        **({} if rule.plugin else {"helpUri": f"{RULES_DOC_URI}#{rule.id.lower()}"}),
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": list(dict.fromkeys(rule.tags)), "precision": "high"},
    }


# ---------------------------------------------------------------------- plugins


def plugin_components(rules: tuple[RuleInfo, ...]) -> list[tuple[str, list[RuleInfo]]]:
    """The plugins of the report's rules, by name, each with its rules (``RuleInfo.plugin``)."""
    by_plugin: dict[str, list[RuleInfo]] = {}
    for rule in _unique_rules(rules):
        if rule.plugin is not None:
            by_plugin.setdefault(rule.plugin, []).append(rule)
    return sorted(by_plugin.items())


def _extension(plugin: str, rules: list[RuleInfo]) -> dict[str, Any]:
    """A plugin as a toolComponent of ``tool.extensions`` (SARIF 2.1.0 §3.18.3, §3.19)."""
    component: dict[str, Any] = {"name": plugin}
    if rules[0].plugin_version:
        component["version"] = rules[0].plugin_version
    component["rules"] = [_rule(rule) for rule in rules]
    return component


def _refer_to_extensions(results: list[dict[str, Any]], extensions: list[tuple[str, list[RuleInfo]]]) -> None:
    """Point each result of a plugin rule at its descriptor in ``tool.extensions``: a
    ``rule`` reference whose ``toolComponent`` names the extension (§3.27.7, §3.52.7:
    without it a consumer looks in the driver), and ``ruleIndex`` into its rules."""
    where = {rule.id: (e, name, i) for e, (name, found) in enumerate(extensions) for i, rule in enumerate(found)}
    for n, result in enumerate(results):
        if result["ruleId"] not in where:
            continue
        e, name, i = where[result["ruleId"]]
        rest = {k: v for k, v in result.items() if k not in ("ruleId", "ruleIndex")}
        reference = {"id": result["ruleId"], "index": i, "toolComponent": {"name": name, "index": e}}
        results[n] = {"ruleId": result["ruleId"], "ruleIndex": i, "rule": reference, **rest}


def full_description(rule: RuleInfo) -> str:
    """The doc's "What it checks" section as plain paragraphs, else the summary.

    GitHub shows fullDescription at the top of an alert, so it should say what the rule
    checks in a few lines; the whole doc (why, example, fix) is in ``help``.
    """
    lines = rule.doc.splitlines()
    body: list[str] = []
    inside = False
    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            if inside:
                break
            inside = heading.group(1).strip().lower() == "what it checks"
            continue
        if inside:
            body.append(line)
    paragraphs = [" ".join(p.split()) for p in "\n".join(body).split("\n\n")]
    text = "\n\n".join(p for p in paragraphs if p)
    return text or rule.summary


def plain_text(doc: str) -> str:
    """A rule doc (Markdown) as plain text: headings without their ``#``, code fences
    dropped (their lines kept, indented), inline code without backticks, links as
    ``text (url)``. Line breaks and paragraphs stay where the doc has them."""
    out: list[str] = []
    fenced = False
    for line in doc.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            out.append("    " + line if line.strip() else "")
            continue
        heading = _HEADING.match(line)
        if heading:
            out.append(heading.group(1))
            continue
        out.append(_LINK.sub(r"\1 (\2)", line).replace("`", ""))
    return "\n".join(out).strip("\n")


# ---------------------------------------------------------------------- results


def _result(finding: Finding, rule_index: Optional[int], srcroot: Optional[str], fp: str) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.rule_id}
    if rule_index is not None:  # a finding of a rule the report does not describe
        result["ruleIndex"] = rule_index
    result["level"] = LEVEL[finding.severity]
    result["message"] = {"text": finding.message}
    result["locations"] = [_location(finding, srcroot)]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fp}
    properties = {"server": finding.server}
    for key in ("domain", "group", "object"):
        value = getattr(finding, key)
        if value is not None:
            properties[key] = value
    result["properties"] = properties
    return result


def _location(finding: Finding, srcroot: Optional[str]) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(finding.location.file, srcroot)}
    # Line 0 (the whole file) would be "no region" in SARIF, but GitHub code scanning
    # places a result only by region.startLine: the whole file is shown at its line 1.
    region = {"startLine": max(finding.location.line, 1)}
    if finding.location.line >= 1 and finding.location.col >= 1:
        region["startColumn"] = finding.location.col
    physical["region"] = region
    return {"physicalLocation": physical}


def _notification(finding: Finding, rule_index: Optional[int], srcroot: Optional[str]) -> dict[str, Any]:
    """A parse warning as a toolExecutionNotification: where ipmplint could not read."""
    rule: dict[str, Any] = {"id": finding.rule_id}
    if rule_index is not None:
        rule["index"] = rule_index
    return {
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(finding, srcroot)],
        "associatedRule": rule,
    }


def whole_rule_skips(report: Report) -> list[SkippedCheck]:
    """The checks a server's captures could not decide at all (not those of one domain),
    in a deterministic order."""
    return sorted((k for k in report.skipped if k.domain is None), key=lambda k: (k.server, k.rule_id, k.reason))


def _skip_notification(skip: SkippedCheck, rule_index: Optional[int]) -> dict[str, Any]:
    """A rule that did not run on a server, as a note: a viewer that shows the tool's
    notifications then tells "no alert" from "not checked" (``no vnet/vsw bindings:
    capture ...``)."""
    rule: dict[str, Any] = {"id": skip.rule_id}
    if rule_index is not None:
        rule["index"] = rule_index
    return {
        "level": "note",
        "message": {"text": f"{skip.rule_id} not checked on {skip.server}: {skip.reason}"},
        "associatedRule": rule,
    }


def automation_id(inputs: tuple[str, ...], srcroot: Optional[str] = None, category: Optional[str] = None) -> str:
    """``ipmplint/<category>/``: GitHub's category, the same for the same fleet.

    ``category`` when the user named one (``--category``); otherwise the inputs, each
    as ``paths.input_name`` writes it (relative to srcroot when under it, so
    ``check .``, ``check fleet/`` and the absolute path of the same folder are one
    category; the source root itself is ``.``), sorted, so the order they were typed in
    does not open a second set of alerts.
    """
    if category:
        return f"ipmplint/{category.strip('/')}/"
    names = sorted({input_name(i, srcroot) for i in inputs})
    return f"ipmplint/{','.join(names)}/"


# -------------------------------------------------------------------- locations


def artifact_location(file: str, srcroot: Optional[str]) -> dict[str, Any]:
    """``{"uri", "uriBaseId"}`` for a capture file: relative to %SRCROOT% when it can be.

    A path outside srcroot (or an absolute one with no srcroot) cannot be relative to
    it, and SARIF forbids a uriBaseId on an absolute URI, so it becomes a ``file:`` URI.
    """
    relative = relative_path(file, srcroot)
    if relative is None:
        base = os.getcwd() if srcroot is None else os.path.abspath(srcroot)
        return {"uri": Path(os.path.normpath(os.path.join(base, file))).as_uri()}
    # Percent-encode everything but "/" (":" too, so a first segment is never a scheme).
    # A name's bytes that are not UTF-8 are percent-encoded as those bytes (%FF).
    return {"uri": quote(relative.encode("utf-8", "surrogateescape"), safe="/"), "uriBaseId": SRCROOT}


def _directory_uri(path: str) -> str:
    """A ``file:`` URI of a directory, ending in "/" as SARIF requires of a base URI."""
    uri = Path(os.path.abspath(path)).as_uri()
    return uri if uri.endswith("/") else uri + "/"
