"""Evaluator plugins: an installed package's entry point adds an evaluator apps enable by name."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from llmqa.evaluators import REGISTRY
from llmqa.evaluators.plugins import PluginError, plugin_evaluators
from llmqa.warehouse import Warehouse
from tests.conftest import config_dict, write_config

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_block(first_line: str) -> str:
    """The README's code from the line `first_line` to the end of its block: the example a user copies."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n{first_line}\n") + 1
    return text[start : text.index("```", start)]


TICKET_CHECK = readme_block("# acme_checks/ticket.py")
DECLARED = tomllib.loads(readme_block('[project.entry-points."llmqa.evaluators"]'))
ENTRY_POINT = "\n".join(
    f"{name} = {value}" for name, value in DECLARED["project"]["entry-points"]["llmqa.evaluators"].items()
)


def install_plugin(site: Path, package: str, module_source: str, entry_points: str) -> Path:
    """`package` with one module, `ticket`, and `llmqa.evaluators` entry points, laid out on `site` as pip does."""
    (site / package).mkdir(parents=True)
    (site / package / "__init__.py").write_text("", encoding="utf-8")
    (site / package / "ticket.py").write_text(module_source, encoding="utf-8")
    info = site / f"{package}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {package}\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(f"[llmqa.evaluators]\n{entry_points}\n", encoding="utf-8")
    return site


def run_llmqa(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m llmqa ARGS` in a fresh interpreter that has the packages on `site` installed."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "llmqa", *args], capture_output=True, text=True, env=env, check=False
    )


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on this interpreter's path to install plugins on; their modules are forgotten after."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    yield folder
    for name, module in list(sys.modules.items()):
        if str(getattr(module, "__file__", None) or "").startswith(str(folder)):
            del sys.modules[name]


def test_an_installed_plugin_is_scored_by_llmqa_eval_like_a_built_in(tmp_path: Path) -> None:
    site = install_plugin(tmp_path / "site", "acme_checks", TICKET_CHECK, ENTRY_POINT)
    traces = tmp_path / "traces.jsonl"
    rows = [{"id": "a", "output": "Fixed in ACME-1234."}, {"id": "b", "output": "It is fixed."}]
    traces.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    config = tmp_path / "llmqa.yaml"
    config.write_text(
        "apps:\n  support:\n    evaluators: [ticket_reference, empty_output]\n", encoding="utf-8"
    )
    scored = tmp_path / "scores.jsonl"
    run = run_llmqa(
        site, "--config", str(config), "eval", str(traces), "--out", str(scored), "--app", "support"
    )
    assert run.returncode == 0, run.stderr
    scores = pl.read_ndjson(scored)
    assert scores["ticket_reference_passed"].to_list() == [True, False]
    assert scores["ticket_reference_reason"].to_list() == [None, "no ticket cited"]


def test_the_days_run_scores_alerts_and_reports_on_an_installed_plugin(tmp_path: Path) -> None:
    site = install_plugin(tmp_path / "site", "acme_checks", TICKET_CHECK, ENTRY_POINT)
    config = config_dict(f"duckdb:///{tmp_path / 'warehouse.duckdb'}", tmp_path / "reports")
    app = config["apps"]["support-bot"]
    app["evaluators"]["ticket_reference"] = {}
    app["alerts"].append(
        {"metric": "pass_rate.ticket_reference", "op": "<", "value": 0.5, "severity": "warning"}
    )
    config["apps"] = {"support-bot": app}
    path = str(write_config(tmp_path / "llmqa.yaml", config))
    seeded = run_llmqa(site, "--config", path, "seed", "--end-day", "2024-11-30", "--days", "1",
                       "--traces-per-day", "300")  # fmt: skip
    assert seeded.returncode == 0, seeded.stderr
    ran = run_llmqa(site, "--config", path, "run", "--day", "2024-11-30")
    assert ran.returncode == 0, ran.stderr
    wh = Warehouse(config["warehouse"]["url"])  # this interpreter has no plugin, so no config of it
    fired = wh.read(
        "SELECT metric FROM llmqa_alerts WHERE status <> :skipped", {"skipped": "not_enough_data"}
    )
    assert "pass_rate.ticket_reference" in fired["metric"].to_list()
    assert (
        "ticket_reference: no ticket cited"
        in (tmp_path / "reports/2024-11-30/support-bot--v2.html").read_text()
    )


def test_an_installed_plugin_is_in_the_catalogue_llmqa_evaluators_prints(tmp_path: Path) -> None:
    site = install_plugin(tmp_path / "site", "acme_checks", TICKET_CHECK, ENTRY_POINT)
    listed = run_llmqa(site, "evaluators")
    assert listed.returncode == 0, listed.stderr
    (line,) = [line for line in listed.stdout.splitlines() if line.startswith("ticket_reference ")]
    assert line.split()[1:4] == ["text", "1", "output"]
    assert line.endswith("Flags support answers that cite no ticket. (plugin acme_checks.ticket)")


def test_a_plugin_evaluator_is_loaded_under_its_name(site: Path) -> None:
    install_plugin(site, "acme_checks", TICKET_CHECK, ENTRY_POINT)
    found = plugin_evaluators(REGISTRY)
    assert list(found) == ["ticket_reference"]
    assert found["ticket_reference"].summary == "Flags support answers that cite no ticket."


def test_a_plugin_that_cannot_be_imported_stops_llmqa_naming_it(site: Path) -> None:
    install_plugin(
        site, "broken_checks", "import not_installed_anywhere\n", "tone = broken_checks.ticket:EVALUATOR"
    )
    with pytest.raises(PluginError, match=r"plugin 'tone' \(broken_checks.ticket:EVALUATOR\) of package 'broken_checks'.*"
                       r"ModuleNotFoundError"):  # fmt: skip
        plugin_evaluators(REGISTRY)


def test_a_plugin_that_is_no_evaluator_is_refused(site: Path) -> None:
    install_plugin(
        site, "odd_checks", "EVALUATOR = lambda batch: batch\n", "tone = odd_checks.ticket:EVALUATOR"
    )
    with pytest.raises(PluginError, match="is a function, not an llmqa Evaluator"):
        plugin_evaluators(REGISTRY)


def test_a_plugin_may_not_take_a_built_in_name(site: Path) -> None:
    shadowing = TICKET_CHECK.replace('name="ticket_reference"', 'name="refusal"')
    install_plugin(site, "acme_checks", shadowing, "refusal = acme_checks.ticket:EVALUATOR")
    with pytest.raises(PluginError, match="'refusal' is already taken"):
        plugin_evaluators(REGISTRY)


def test_a_plugin_is_named_like_its_entry_point(site: Path) -> None:
    install_plugin(site, "acme_checks", TICKET_CHECK, "tickets = acme_checks.ticket:EVALUATOR")
    with pytest.raises(PluginError, match="named 'ticket_reference'; name both alike"):
        plugin_evaluators(REGISTRY)
