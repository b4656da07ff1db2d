"""The code base's own checks: ruff (with Airflow's AIR rules) and mypy pass."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=REPO)


def test_ruff_finds_nothing() -> None:
    folders = [name for name in ("llmqa", "dags", "tests", "bench") if (REPO / name).is_dir()]
    result = _run("ruff", "check", *folders)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
