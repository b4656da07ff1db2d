"""Writing the review sample for people: a CSV to fill in and an HTML page to read it from.

Reviewers judge blind: the files show the trace and the criterion of each evaluator, not
the evaluator's verdict. They fill `human_passed` (pass/fail, yes/no, 1/0) per row, and
`llmqa review import FILE` brings the labels back. Texts are redacted of PII.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from llmqa.analytics.outcomes import judged_by
from llmqa.analytics.pages import render
from llmqa.drift.features import PASSED_SUFFIX
from llmqa.evaluators import REGISTRY
from llmqa.redact import excerpt_expr
from llmqa.report.destination import Destination
from llmqa.report.render import page_name

TEXT_LIMIT = 3000
LABEL_COLUMNS = ("human_passed", "reviewer", "note")


def review_rows(sample: pl.DataFrame, traces: pl.DataFrame) -> pl.DataFrame:
    """One row per sampled trace × evaluator that gave it a verdict, with blank label columns;
    `traces` holds at least the sampled ones, with their texts and `<evaluator>_passed` columns."""
    criteria = pl.DataFrame(
        {"evaluator": list(REGISTRY), "criterion": [e.summary for e in REGISTRY.values()]}
    )
    verdicts = [f"{e}{PASSED_SUFFIX}" for e in judged_by(traces.columns)]
    judged = (
        traces.join(sample, on="trace_id", how="semi")
        .unpivot(verdicts, index="trace_id", variable_name="evaluator", value_name="passed")
        .filter(pl.col("passed").is_not_null())
        .select("trace_id", pl.col("evaluator").str.strip_suffix(PASSED_SUFFIX))
    )
    # redact once per sampled trace, not once per evaluator that judged it
    texts = traces.join(sample, on="trace_id", how="semi").select(
        "trace_id", *[excerpt_expr(pl.col(c), TEXT_LIMIT).alias(c) for c in ("input", "output", "context")]
    )
    return (
        sample.join(judged, on="trace_id")
        .join(criteria, on="evaluator", how="left")
        .join(texts, on="trace_id")
        .select(
            "day", "app_id", "trace_id", "prompt_version", "model", "stratum", "weight", "evaluator", "criterion",
            "input", "output", "context", *[pl.lit("").alias(c) for c in LABEL_COLUMNS],
        )
        .sort("stratum", "trace_id", "evaluator")
    )  # fmt: skip


def export_review(report_dir: str, day: dt.date, app_id: str, rows: pl.DataFrame) -> tuple[str, str]:
    """Write <report dir>/<day>/review/<app>--review.csv and .html; returns where they went."""
    destination, html_name = Destination(report_dir), page_name(app_id, "review")
    csv_name = html_name.removesuffix(".html") + ".csv"
    csv_path = destination.write(f"{day.isoformat()}/review/{csv_name}", rows.write_csv())
    traces = rows.group_by("trace_id", maintain_order=True).agg(pl.all().first(), pl.col("evaluator").alias("evaluators"),
                                                                pl.col("criterion").alias("criteria"))  # fmt: skip
    html = render("review.html.j2", day=day, app_id=app_id, csv_name=csv_name, traces=traces.to_dicts())
    return csv_path, destination.write(f"{day.isoformat()}/review/{html_name}", html)
