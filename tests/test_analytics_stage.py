"""The analyse stage on a real warehouse: its tables, task metrics in alerts, reruns, the review round trip."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from llmqa.analytics.stage import FINDINGS_SCHEMA, DayAnalytics, analyse_day
from llmqa.cli import main
from llmqa.config import Config
from llmqa.pipeline import STAGES, run_day, run_stage
from llmqa.report.render import page_name
from llmqa.warehouse import Warehouse
from tests.conftest import DAY

TABLES = ("llmqa_ab_tests", "llmqa_cost", "llmqa_repeats", "llmqa_routing", "llmqa_context",
          "llmqa_review_sample", "llmqa_findings")  # fmt: skip


def _rows(wh: Warehouse, table: str) -> pl.DataFrame:
    frame = wh.read(f"SELECT * FROM {table}", {})
    return frame.sort(frame.columns, nulls_last=True) if frame.height else frame


def test_analyse_runs_after_evaluate_and_before_alert() -> None:
    names = [name for name, _ in STAGES]
    assert names.index("evaluate") < names.index("analyse") < names.index("alert")


def test_the_stage_stores_every_analysis_and_finds_the_incident(config: Config, seeded: Warehouse) -> None:
    run_day(config, seeded, DAY, ["support-bot"])
    for table in TABLES:
        assert _rows(seeded, table).height > 0, table
    task = seeded.read("SELECT * FROM llmqa_daily_metrics WHERE metric LIKE 'task.%'", {})
    assert set(task["metric"]) == {"task.resolution_rate", "task.escalation_rate"}
    # on DAY, v3 of support-bot hallucinates 30% of the time by construction, so it resolves less than v2
    ab = seeded.read("SELECT * FROM llmqa_ab_tests WHERE metric = 'task.resolution_rate'", {}).row(
        0, named=True
    )
    assert (ab["version_a"], ab["version_b"], ab["verdict"]) == ("v2", "v3", "v3 lower")
    findings = seeded.read("SELECT * FROM llmqa_findings", {}, FINDINGS_SCHEMA)
    assert any(f.startswith("v3 vs v2: resolution_rate") for f in findings["finding"])


def test_rerunning_evaluate_alone_keeps_the_task_metrics_of_analyse(
    config: Config, seeded: Warehouse
) -> None:
    run_day(config, seeded, DAY, ["support-bot"])
    query = "SELECT metric, value FROM llmqa_daily_metrics WHERE metric LIKE 'task.%' ORDER BY metric, value"
    before = seeded.read(query, {})
    run_stage("evaluate", config, seeded, DAY, "support-bot")
    assert before.height > 0 and seeded.read(query, {}).equals(before)


def test_an_alert_rule_on_a_task_metric_fires(config: Config, seeded: Warehouse) -> None:
    run_day(config, seeded, DAY, ["support-bot"])
    alerts = seeded.read("SELECT * FROM llmqa_alerts WHERE metric = 'task.resolution_rate'", {})
    assert alerts.filter(pl.col("status") == "pending")["prompt_version"].to_list() == ["v3"]


def test_a_rerun_leaves_the_same_rows(config: Config, seeded: Warehouse) -> None:
    run_day(config, seeded, DAY, ["docs-qa"])
    once = {t: _rows(seeded, t) for t in (*TABLES, "llmqa_daily_metrics")}
    run_day(config, seeded, DAY, ["docs-qa"])
    assert all(once[t].equals(_rows(seeded, t)) for t in once)


def _analysed(config: Config, chunk_rows: int) -> DayAnalytics:
    traces = config.traces.model_copy(update={"chunk_rows": chunk_rows})
    return analyse_day(config, Warehouse(config.warehouse.resolved_url(), traces), DAY, "docs-qa")


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(frame.columns, nulls_last=True)


def test_analysing_in_small_chunks_gives_what_one_chunk_gives(config: Config, seeded: Warehouse) -> None:
    run_stage("evaluate", config, seeded, DAY, "docs-qa")
    small, whole = _analysed(config, 17), _analysed(config, 50_000)
    assert small.traces == whole.traces > 17 and small.review.height > 0
    assert small.counts() == whole.counts()
    for table in whole.tables:  # sums over other chunks may differ in the last bits
        assert_frame_equal(_sorted(small.tables[table]), _sorted(whole.tables[table]), check_exact=False)
    assert_frame_equal(_sorted(small.task_metrics), _sorted(whole.task_metrics), check_exact=False)
    assert small.review.equals(whole.review)


def _fill_in(csv: Path, wh: Warehouse, flip: str) -> Path:
    """Answer every row as the evaluator did, except the opposite for evaluator `flip`."""
    verdicts = wh.read("SELECT trace_id, evaluator, passed FROM llmqa_scores", {})
    rows = (
        pl.read_csv(csv, infer_schema=False).drop("human_passed").join(verdicts, on=["trace_id", "evaluator"])
    )
    human = pl.when(pl.col("evaluator") == flip).then(~pl.col("passed")).otherwise(pl.col("passed"))
    filled = csv.with_name("filled.csv")
    rows.with_columns(human.replace_strict({True: "pass", False: "fail"}).alias("human_passed")).drop(
        "passed"
    ).write_csv(filled)
    return filled


def test_review_labels_come_back_and_show_agreement_on_the_report(
    config: Config, config_path: Path, seeded: Warehouse, capsys: pytest.CaptureFixture[str]
) -> None:
    run_day(config, seeded, DAY, ["support-bot"])
    review = Path(config.report.dir) / DAY.isoformat() / "review" / page_name("support-bot", "review")
    assert "Human review" in review.read_text()
    filled = _fill_in(review.with_suffix(".csv"), seeded, flip="refusal")
    for _ in range(2):  # importing the same file twice changes nothing
        assert main(["--config", str(config_path), "review", "import", str(filled)]) == 0
    assert (
        seeded.read("SELECT COUNT(*) AS n FROM llmqa_review_labels", {})["n"][0] == pl.read_csv(filled).height
    )
    assert "imported" in capsys.readouterr().out

    run_day(config, seeded, DAY, ["support-bot"])
    agreement = seeded.read("SELECT * FROM llmqa_review_agreement", {})
    by_evaluator = {r["evaluator"]: r for r in agreement.iter_rows(named=True)}
    assert by_evaluator["groundedness"]["agreement"] == pytest.approx(1.0)
    assert by_evaluator["refusal"]["agreement"] == pytest.approx(0.0)
    page = (Path(config.report.dir) / DAY.isoformat() / page_name("support-bot", "v3")).read_text()
    assert "Human review" in page and "groundedness" in page and "100.0%" in page
