"""The README's two commands are the ones CI and users run."""

from __future__ import annotations

import re

from tests.conftest import REPO


def _commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(python3 -m venv[^\n]+)\n```", readme)


def test_the_readme_opens_with_a_run_command_and_a_test_command() -> None:
    run, test = _commands()[:2]
    assert run.endswith("llmqa demo")
    assert test.endswith("python -m pytest")


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1] in ci.splitlines()
