"""Issue 15, costs: no input costs far more than its size. Each case is a minimal input
and the bounded behaviour expected of it (counts, not seconds: the time bounds are
rows of benchmarks/bench.py's hostile-input section)."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from testpaths import REPO

from ipmplint import cli
from ipmplint.capture import archive, limits
from ipmplint.parsers import base, ifconfig, routeadm

sys.path.insert(0, str(REPO / "benchmarks"))
from hostile_inputs import tar_of  # noqa: E402  (the benchmark's and the fuzzer's inputs too)

# -- warnings per file ----------------------------------------------------------------------------


def test_warnings_per_file_are_capped_and_the_rest_counted_in_one():
    lines = 3 * limits.MAX_WARNINGS_PER_FILE
    result = ifconfig.parse("x\n" * lines, "ifconfig-a.txt")
    assert result.account.warned == lines  # every line still accounted for
    assert len(result.warnings) == limits.MAX_WARNINGS_PER_FILE + 1
    assert f"and {lines - limits.MAX_WARNINGS_PER_FILE} more warnings" in result.warnings[-1].message


def test_a_file_just_under_the_cap_has_no_summary_line():
    result = ifconfig.parse("x\n" * limits.MAX_WARNINGS_PER_FILE, "ifconfig-a.txt")
    assert len(result.warnings) == limits.MAX_WARNINGS_PER_FILE
    assert not any("more warnings" in w.message for w in result.warnings)


# -- text cleaning --------------------------------------------------------------------------------


def test_an_html_tag_never_spans_a_less_than_sign():
    """What keeps cleaning linear: a tag's scan stops at the next ``<``, so a line of
    ``<b<b<b…`` without ``>`` is read once, not once per ``<``."""
    assert base._HTML_TAG.search("<b<b>").span() == (2, 5)
    assert base.clean_line("<b" * 1000) == "<b" * 1000  # no tag in it: kept as it is
    assert base.clean_line("x<b>y</b>") == "x   y"


def _cleaning_steps(text: str) -> int:
    """How many characters the tag pattern can scan from each ``<``, summed: the work of
    cleaning one line, counted rather than timed."""
    steps = 0
    for start in range(len(text)):
        if text[start] == "<":
            end = text.find("<", start + 1)
            gt = text.find(">", start + 1)
            stop = min(p for p in (end, gt, len(text)) if p >= 0)
            steps += stop - start
    return steps


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="<b>&x ;", min_size=1, max_size=40))
def test_cleaning_work_per_byte_stays_flat_as_input_grows(unit):
    """The tag pattern scans at most up to the next ``<`` or ``>``; summed over a line
    that is at most a constant per byte, whatever is repeated and however often."""
    small, large = unit * 10, unit * 80
    per_byte_small = _cleaning_steps(small) / len(small)
    per_byte_large = _cleaning_steps(large) / len(large)
    assert per_byte_large <= per_byte_small + len(unit) + 1
    assert base.clean_line(large).count("\n") == 0


def test_a_routeadm_paste_of_unclosed_tags_is_one_warning():
    result = routeadm.parse("<b" * 5000 + "\n", "routeadm.txt")
    assert result.account.total == 1 and len(result.warnings) == 1


# -- archives -------------------------------------------------------------------------------------


def test_listing_a_folder_costs_its_own_entries(tmp_path, monkeypatch):
    """Listing each of n domain folders visits n entries in all, not n²."""
    n = 300
    path = tar_of(
        tmp_path / "s.tar.gz",
        [(f"s/ldg{i}/ifconfig-a.txt", b"x\n") for i in range(n)],
        tuple(f"s/ldg{i}" for i in range(n)),
    )
    top, problems = archive.open_archive(path, "s.tar.gz", 1 << 20)
    assert top is not None and not problems
    visited = []
    real_sorted = sorted

    def counting_sorted(items, *args, **kwargs):
        items = list(items)
        visited.append(len(items))
        return real_sorted(items, *args, **kwargs)

    monkeypatch.setattr(archive, "sorted", counting_sorted, raising=False)
    server = top / "s"
    names = server.listdir()
    for name in names:
        (server / name).listdir()
        list((server / name).walk_files())
    assert len(names) == n and sum(visited) <= 4 * n


def test_an_oversized_member_counts_as_unpacked(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_TOTAL", 1000)
    path = tar_of(
        tmp_path / "s.tar.gz", [("s/big.txt", b"x" * 800), ("s/ifconfig-a.txt", b"y" * 300), ("s/later.txt", b"z")]
    )
    top, problems = archive.open_archive(path, "s.tar.gz", 500)  # big.txt: over the file size limit
    assert any("more than 1000 bytes unpacked" in p for p in problems)
    assert (top / "s" / "big.txt").is_file() and not (top / "s" / "later.txt").exists()


def test_one_memory_budget_for_all_the_archives_of_a_run(tmp_path):
    paths = [tar_of(tmp_path / f"s{i}.tar.gz", [(f"s{i}/ifconfig-a.txt", b"x" * 600)]) for i in range(3)]
    with archive.run_budget(1000):
        results = [archive.open_archive(p, p.name, 1 << 20) for p in paths]
    assert [bool(problems) for _, problems in results] == [False, True, True]
    assert "archives of this run hold more than 1000 bytes" in results[1][1][0]
    # outside a run: each archive on its own
    assert not archive.open_archive(paths[2], "s2.tar.gz", 1 << 20)[1]


def test_the_command_line_gives_the_run_one_budget(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(limits, "MAX_RUN_ARCHIVE_BYTES", 1000)
    for i in range(2):
        tar_of(tmp_path / f"s{i}.tar.gz", [(f"s{i}/ifconfig-a.txt", b"lo0: flags=1 mtu 1\n" + b" " * 600)])
    code = cli.main(["check", "--no-cache", str(tmp_path / "s0.tar.gz"), str(tmp_path / "s1.tar.gz")])
    assert "archives of this run hold more than 1000 bytes" in capsys.readouterr().err
    assert code in (1, 2)


# -- work per byte, counted ----------------------------------------------------------------------


def _calls(parse, text: str) -> int:
    """Python function calls made while parsing ``text``: lark, the transformers and
    the cleaning are Python, so a cost that grows faster than the input shows here."""
    import sys

    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        parse(text, "f")
    finally:
        sys.setprofile(None)
    return count


LINES = st.text(alphabet=st.sampled_from(list("abx0:.<>&; \t=/-") + ["\u00a0", "\ufeff"]), min_size=1, max_size=30)


@pytest.mark.parametrize("module", [ifconfig, routeadm], ids=["ifconfig", "routeadm"])
@settings(max_examples=12, deadline=None)
@given(unit=st.lists(LINES, min_size=1, max_size=4).map(lambda ls: "\n".join(ls) + "\n"))
def test_parse_work_per_byte_stays_flat_as_input_grows(module, unit):
    """The same lines 20 and 160 times: the calls per byte of the larger input stay
    within a constant of the smaller's (linear, with the per-file cost amortised)."""
    module.parse(unit, "warm-up")  # the grammar is compiled once, outside the count
    small, large = unit * 20, unit * 160
    per_byte_small = _calls(module.parse, small) / len(small)
    per_byte_large = _calls(module.parse, large) / len(large)
    assert per_byte_large <= per_byte_small * 1.25 + 1
