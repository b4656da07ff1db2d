"""The hostile corpus through the whole day's run, on DuckDB and PostgreSQL.

For every case: the run completes, each pulled row is evaluated or quarantined with its reason,
and the day's index and the app's pages show pulled = evaluated + quarantined.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import sqlalchemy as sa
from markupsafe import escape

from llmqa.config import Config, load_config
from llmqa.contract import TRACE_SCHEMA
from llmqa.evaluators.catalogue import deterministic_evaluators
from llmqa.pipeline import StageSummary, run_day
from llmqa.report.render import page_name
from llmqa.warehouse import Warehouse
from tests.conftest import DAY, _drop_postgres, _postgres_url, config_dict, write_config
from tests.hostile.cases import EVALUATED, NOT_PULLED, ROW_CASES, TABLE_CASES, RowCase, TableCase

IDS = [case.name for case in ROW_CASES]


def evaluators() -> list[str]:
    """Every deterministic evaluator that runs with its default options."""
    names = []
    for name, evaluator in sorted(deterministic_evaluators().items()):
        try:
            evaluator.options.model_validate({})
        except ValueError:
            continue
        names.append(name)
    return names


def hostile_config(url: str, folder: Path, apps: list[str]) -> Config:
    """The demo config on `url` with `apps`, each running every deterministic evaluator, no alert rules."""
    data = config_dict(url, folder / "reports")
    data["apps"] = {app: {"evaluators": evaluators()} for app in apps}
    return load_config(write_config(folder / "llmqa.yaml", data))


@dataclass(frozen=True)
class Run:
    """A finished day's run over the corpus."""

    config: Config
    wh: Warehouse
    summaries: list[StageSummary]

    def summary(self, app_id: str) -> StageSummary:
        """The evaluate stage's summary of one app."""
        return next(s for s in self.summaries if s.stage == "evaluate" and s.app_id == app_id)

    def scored_ids(self, app_id: str) -> set[str]:
        """The trace ids that reached evaluation."""
        sql = "SELECT DISTINCT trace_id FROM llmqa_scores WHERE app_id = :app"
        return set(self.wh.read(sql, {"app": app_id})["trace_id"].to_list())

    def quarantined(self, app_id: str) -> list[tuple[str | None, str]]:
        """(trace_id, reason) of the rows set aside, sorted."""
        sql = "SELECT trace_id, reason FROM llmqa_quarantine WHERE app_id = :app"
        return sorted(self.wh.read(sql, {"app": app_id}).iter_rows(), key=str)

    def folder(self) -> Path:
        """The day's report folder."""
        return Path(self.config.report.dir) / DAY.isoformat()


@pytest.fixture(scope="module", params=["duckdb", "postgresql"])
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    """One day's run over every row case (one app each) on a fresh warehouse."""
    folder = tmp_path_factory.mktemp(f"hostile-{request.param}")
    url = f"duckdb:///{folder / 'warehouse.duckdb'}" if request.param == "duckdb" else _postgres_url()
    apps = [case.app for case in ROW_CASES]
    cfg = hostile_config(url, folder, apps)
    wh = Warehouse(url, cfg.traces)
    wh.create_traces_table()
    rows = [r | {"app_id": case.app} for case in ROW_CASES for r, _ in case.rows]
    with wh.begin() as conn:
        wh.write(conn, wh.traces.table, pl.DataFrame(rows, schema=TRACE_SCHEMA))
    yield Run(cfg, wh, run_day(cfg, wh, DAY, apps))
    wh.engine.dispose()
    if request.param == "postgresql":
        _drop_postgres(url)


def shown_counts(html: str, app_id: str) -> dict[str, int]:
    """The pulled / evaluated / quarantined figures an index or app page shows for an app."""
    row = re.search(rf'<tr data-app="{re.escape(str(escape(app_id)))}">(.*?)</tr>', html, re.S)
    scope = row.group(1) if row else re.search(r'<p class="intake">(.*?)</p>', html, re.S).group(1)  # type: ignore[union-attr]
    found = re.findall(r'data-count="(\w+)">([\d,]+)<', scope)
    return {name: int(value.replace(",", "")) for name, value in found}


def assert_outcomes(run: Run, app_id: str, rows: Any, pulled: int) -> None:
    """Each pulled row evaluated or quarantined as its case says, and the counts adding up."""
    evaluated = {r["trace_id"] for r, outcome in rows if outcome == EVALUATED}
    quarantined = sorted(((r["trace_id"], o) for r, o in rows if o not in (EVALUATED, NOT_PULLED)), key=str)
    summary = run.summary(app_id)
    assert summary.n_in == pulled
    assert run.scored_ids(app_id) == evaluated
    assert run.quarantined(app_id) == quarantined
    assert summary.n_in == summary.n_out + summary.detail["quarantined"]
    drift = next(s for s in run.summaries if s.stage == "drift" and s.app_id == app_id)
    assert drift.n_in == summary.n_out, "the drift stage did not see every evaluated trace"
    counts = {"pulled": pulled, "evaluated": summary.n_out, "quarantined": len(quarantined)}
    assert shown_counts((run.folder() / "index.html").read_text(encoding="utf-8"), app_id) == counts
    versions = {r["prompt_version"] for r, outcome in rows if outcome == EVALUATED}
    for version in versions:
        page = (run.folder() / page_name(app_id, str(version))).read_text(encoding="utf-8")
        assert shown_counts(page, app_id) == counts, version


@pytest.mark.parametrize("case", ROW_CASES, ids=IDS)
def test_each_row_is_evaluated_or_quarantined_and_the_report_adds_up(corpus: Run, case: RowCase) -> None:
    assert_outcomes(corpus, case.app, case.rows, case.pulled())


def test_sql_in_an_app_id_or_prompt_version_changes_nothing(corpus: Run) -> None:
    traces = corpus.wh.read("SELECT COUNT(*) AS n FROM llm_traces", {})["n"][0]
    assert traces == sum(len(case.rows) for case in ROW_CASES)
    assert corpus.wh.read("SELECT COUNT(*) AS n FROM llmqa_scores", {})["n"][0] > 0


@pytest.fixture(params=TABLE_CASES, ids=[case.name for case in TABLE_CASES])
def shaped(request: pytest.FixtureRequest, warehouse_url: str, tmp_path: Path) -> tuple[TableCase, Run]:
    """A day's run over a traces table of another shape."""
    case: TableCase = request.param
    cfg = hostile_config(warehouse_url, tmp_path, ["shaped"])
    wh = Warehouse(warehouse_url, cfg.traces)
    types = {
        c: case.postgres_types.get(t, t) if wh.dialect == "postgresql" else t for c, t in case.columns.items()
    }
    columns = ", ".join(f"{wh.quote(c)} {t}" for c, t in types.items())
    with wh.begin() as conn:
        conn.exec_driver_sql(f"CREATE TABLE llm_traces ({columns})")
        for values, _ in case.rows:
            names = ", ".join(wh.quote(c) for c in values)
            binds = ", ".join(f":{c}" for c in values)
            conn.execute(sa.text(f"INSERT INTO llm_traces ({names}) VALUES ({binds})"), values)
    return case, Run(cfg, wh, run_day(cfg, wh, DAY, ["shaped"]))


def test_a_table_of_another_shape_is_conformed_or_quarantined(shaped: tuple[TableCase, Run]) -> None:
    case, run = shaped
    assert_outcomes(run, "shaped", case.rows, sum(o != NOT_PULLED for _, o in case.rows))
