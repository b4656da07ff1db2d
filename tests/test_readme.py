"""The README's two commands are the ones CI and users run, and the docs render as written."""

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


def test_every_code_block_in_the_docs_is_closed() -> None:
    for page in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        inside = False
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("```"):
                # a fence with a language opens a block; inside one, only a bare fence closes it
                assert not (inside and line.strip() != "```"), (
                    f"{page.name}:{number} opens a block inside one"
                )
                inside = not inside
        assert not inside, f"{page.name} ends inside a code block"
