"""IPMP403: host names of hostname files resolved against /etc/hosts; skip without it."""

from __future__ import annotations

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
