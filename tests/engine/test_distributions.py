"""The distributions' metadata read without importlib.metadata (ipmplint.engine.distributions):
it answers what importlib.metadata would, or says it cannot tell."""

from __future__ import annotations

import sys
import zipfile
from importlib import metadata

import pytest

from ipmplint.engine import distributions, plugins


def dist_info(site, name: str, version: str, entry_points: str | None = None) -> None:
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nA description.\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)


@pytest.mark.parametrize("name", ["attrs", "lark", "pytest", "typing_extensions", "Typing-Extensions"])
def test_versions_are_importlib_metadatas(name):
    assert distributions.version(name) == metadata.version(name)


def test_a_distribution_not_installed_has_no_version():
    assert distributions.version("no-such-distribution-here") is None


def test_the_group_is_declared_as_importlib_metadata_sees_it(monkeypatch, tmp_path):
    assert distributions.declares(plugins.ENTRY_POINT_GROUP) is (
        len(metadata.entry_points(group=plugins.ENTRY_POINT_GROUP)) > 0
    )
    assert distributions.declares("console_scripts") is True  # pytest's, pip's
    dist_info(tmp_path, "acme-ipmp", "1.2", f"[{plugins.ENTRY_POINT_GROUP}]\nacme = acme_ipmp\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert distributions.declares(plugins.ENTRY_POINT_GROUP) is True
    assert distributions.version("acme_ipmp") == "1.2"


def test_the_first_on_the_path_wins(monkeypatch, tmp_path):
    for n, version in enumerate(("2.0", "1.0")):
        dist_info(tmp_path / str(n), "twice", version)
    monkeypatch.syspath_prepend(str(tmp_path / "1"))
    monkeypatch.syspath_prepend(str(tmp_path / "0"))
    assert distributions.version("twice") == metadata.version("twice") == "2.0"


def test_a_zip_on_the_path_is_left_to_importlib_metadata(monkeypatch, tmp_path):
    archive = tmp_path / "site.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
    monkeypatch.syspath_prepend(str(archive))
    assert distributions.declares(plugins.ENTRY_POINT_GROUP) is None
    assert distributions.version("attrs") is None


def test_an_import_hook_with_distributions_is_left_to_importlib_metadata(monkeypatch):
    class Hook:
        def find_spec(self, *args):
            return None

        def find_distributions(self, *args):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Hook()])
    assert distributions.declares(plugins.ENTRY_POINT_GROUP) is None
    assert distributions.version("attrs") is None


def test_no_plugin_means_no_importlib_metadata(monkeypatch):
    """With nothing declaring the group, the plugins are listed without asking it."""
    monkeypatch.setattr(distributions, "declares", lambda group: False)
    monkeypatch.setattr(metadata, "entry_points", None)  # would raise if called
    assert plugins._entry_points() == []
