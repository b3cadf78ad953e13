"""The code's habits, held by the tools CI runs: ruff (lint and format) and mypy.

They run here, inside the suite, so that the README's test command is all CI runs and a
contributor sees a lint or type error where they see a failing test. Their settings are
in pyproject.toml (``[tool.ruff]``, ``[tool.mypy]``).
"""

from __future__ import annotations

import subprocess
import sys

from testpaths import REPO


def _run(*args: str, tmp_path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "RUFF_CACHE_DIR": str(tmp_path / "ruff"),
            "MYPY_CACHE_DIR": str(tmp_path / "mypy"),
        },
    )


def test_ruff_finds_nothing_to_lint(tmp_path) -> None:
    done = _run("ruff", "check", "--no-fix", ".", tmp_path=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_code_is_formatted_as_ruff_formats_it(tmp_path) -> None:
    done = _run("ruff", "format", "--check", "--diff", ".", tmp_path=tmp_path)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr


def test_mypy_finds_no_type_error(tmp_path) -> None:
    done = _run("mypy", tmp_path=tmp_path)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr
