"""Drift and A/B results on a page: shown when the drift stage wrote rows, said plainly when it did not."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polars as pl
import sqlalchemy as sa

from llmqa.config import Config
from llmqa.drift import DRIFT_SCHEMA
from llmqa.pipeline import run_day
from llmqa.report import render_app_pages, render_day_index
from llmqa.report.render import page_name
from llmqa.warehouse import Warehouse
from tests.conftest import DAY


def _drift_rows(version: str) -> pl.DataFrame:
    rows = [
        {"prompt_version": version, "comparison": "reference", "feature": "input_length", "test": "ks",
         "statistic": 0.31, "p_value": 1e-9, "p_adjusted": 4e-9, "effect_size": 0.31, "threshold": 0.1,
         "verdict": "drift", "n_reference": 4000, "n_current": 560,
         "detail": json.dumps({"top_terms": ["<b>refund</b>", "cancel plan"]})},
        {"prompt_version": version, "comparison": "reference", "feature": "latency_ms", "test": "psi",
         "statistic": 0.02, "p_value": None, "p_adjusted": None, "effect_size": 0.02, "threshold": 0.2,
         "verdict": "no_drift", "n_reference": 4000, "n_current": 560, "detail": "{}"},
    ]  # fmt: skip
    return pl.DataFrame(rows, schema=DRIFT_SCHEMA).with_columns(day=pl.lit(DAY), app_id=pl.lit("sales-email"))


def _replace_drift(wh: Warehouse, rows: pl.DataFrame) -> None:
    """Put exactly `rows` in llmqa_drift for sales-email on DAY, whatever the drift stage wrote."""
    with wh.begin() as conn:
        wh.replace_partition(conn, "llmqa_drift", DAY, "sales-email", rows)


def _page(config: Config) -> str:
    return (Path(config.report.dir) / DAY.isoformat() / page_name("sales-email", "v1")).read_text()


def test_without_drift_rows_the_page_says_so(config: Config, seeded: Warehouse) -> None:
    run_day(config, seeded, DAY, ["sales-email"])
    _replace_drift(seeded, _drift_rows("v1").clear())
    render_app_pages(config, seeded, DAY, "sales-email")
    assert "No drift results for this day." in _page(config)


def test_drift_rows_show_what_moved_with_p_values_effects_and_escaped_terms(
    config: Config, seeded: Warehouse
) -> None:
    run_day(config, seeded, DAY, ["sales-email"])
    _replace_drift(seeded, _drift_rows("v1"))
    render_app_pages(config, seeded, DAY, "sales-email")
    html = _page(config)
    moved = html[html.index('id="drift"') : html.index("<details>", html.index('id="drift"'))]
    assert "1 moved" in moved and "input_length" in moved and "latency_ms" not in moved
    assert "4e-09" in moved and "0.31" in moved
    assert "&lt;b&gt;refund&lt;/b&gt;" in moved and "cancel plan" in moved


def test_drift_without_a_fired_rule_puts_the_version_on_watch(config: Config, seeded: Warehouse) -> None:
    run_day(config, seeded, DAY, ["sales-email"])
    _replace_drift(seeded, _drift_rows("v1"))
    with seeded.begin() as conn:
        conn.execute(sa.text("DELETE FROM llmqa_alerts WHERE app_id = 'sales-email'"))
    index = Path(render_day_index(config, seeded, DAY)).read_text()
    row = next(r for r in re.findall(r"<tr>.*?</tr>", index, re.S) if "sales-email" in r)
    assert "verdict watch" in row and "drift in input_length" in row
