"""IPMP403: host names of hostname files resolved against /etc/hosts; skip without it."""

from __future__ import annotations

from failure_detection_captures import ldm
from rule_harness import check, found, skipped

FILES = {
    "etc/hostname.qfe0": (
        "host10 netmask + broadcast + group ipmp0 up \\\n"
        "addif host10-test-qfe0 deprecated -failover netmask + broadcast + up\n"
    ),
    "etc/hostname.qfe4": "host10-test-qfe4 deprecated -failover netmask + broadcast + group ipmp0 up\n",
}
HOSTS = "127.0.0.1\tlocalhost\n192.168.85.19\thost10\tloghost\n192.168.85.21\thost10-test-qfe0\n"


def test_unlisted_name_reported_at_its_entry(tmp_path):
    report = check(tmp_path, "IPMP403", {**FILES, "etc/hosts": HOSTS})
    assert found(report) == [("etc/hostname.qfe4", 1, 1, "host10-test-qfe4")]


def test_all_listed_and_skip_without_hosts(tmp_path):
    hosts = HOSTS + "192.168.85.22\thost10-test-qfe4\n"
    assert check(tmp_path / "a", "IPMP403", {**FILES, "etc/hosts": hosts}).findings == ()
    report = check(tmp_path / "b", "IPMP403", FILES)
    assert report.findings == () and skipped(report) == [("host", ("etc/hosts",))]


def test_an_address_with_a_prefix_length_is_no_host_name(tmp_path):
    files = {
        **FILES,
        "etc/hostname.qfe4": "192.168.85.22/24 deprecated -failover broadcast + group ipmp0 up\n",
        "etc/hosts": HOSTS,
    }
    assert check(tmp_path, "IPMP403", files).findings == ()


def test_a_domain_of_addresses_only_does_not_end_the_check_of_the_next(tmp_path):
    """ldg1, judged before primary, writes addresses in its hostname files: primary's
    unlisted name is still reported."""
    files = {
        "ldm-list-l.txt": ldm(linkprop=True),
        "ldg1/etc/hostname.vnet0": "192.168.85.30 netmask + broadcast + group ipmp0 up\n",
        **{f"primary/{name}": text for name, text in FILES.items()},
        "primary/etc/hosts": HOSTS,
    }
    assert found(check(tmp_path, "IPMP403", files)) == [("primary/etc/hostname.qfe4", 1, 1, "host10-test-qfe4")]


def test_a_domain_without_hosts_does_not_end_the_check_of_the_next(tmp_path):
    files = {
        "ldm-list-l.txt": ldm(linkprop=True),
        **{f"ldg1/{name}": text for name, text in FILES.items()},
        **{f"primary/{name}": text for name, text in FILES.items()},
        "primary/etc/hosts": HOSTS,
    }
    report = check(tmp_path, "IPMP403", files)
    assert found(report) == [("primary/etc/hostname.qfe4", 1, 1, "host10-test-qfe4")]
    assert skipped(report) == [("ldg1", ("ldg1/etc/hosts",))]
