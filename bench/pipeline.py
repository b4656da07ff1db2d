"""The whole day's run on N synthetic traces: seconds and peak memory per stage, against Evidently.

A warehouse (a DuckDB file, or a PostgreSQL database) gets a synthetic day of N traces from
five apps with three prompt versions each (llmqa.synthetic.bulk: outputs of 50-2,000
characters, retrieved contexts for the RAG apps, a few rows that break the contract) and the
7 reference days before it, each of min(N, --reference-n) traces already run through the
evaluate stage, as a warehouse with a week of history would be. Every app enables the whole
deterministic evaluator catalogue. Then, each in a fresh process so peak memory is its own:

1. the day's run, `llmqa.pipeline.run_day` (pull, validate, evaluate, metrics, drift,
   analytics, alert outbox, reports, delivery), one app at a time, timed per stage (wall and
   CPU seconds: on a shared machine CPU seconds are the steadier figure) with its peak
   resident set;
2. the same run again with --jobs apps side by side (default: as `llmqa run`), as the command
   line runs it: its seconds and peak resident set are the headline figures (skipped with
   --jobs 1);
3. Evidently 0.7 on the same rows: TextLength, SentenceCount, WordCount, RegExp, Contains and
   NonLetterCharacterPercentage on the outputs, and DataDriftPreset on the numeric features
   against the reference days.

The prepared warehouse is kept under --workdir and reused by the next run of the same N
(--fresh rebuilds it). Ends with one JSON line. Run:
    python bench/pipeline.py --n 100000 [--warehouse duckdb|postgresql]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import polars as pl
import sqlalchemy as sa

from llmqa.cli import DEFAULT_JOBS
from llmqa.config import Config, parse_config
from llmqa.evaluators.catalogue import deterministic_evaluators
from llmqa.pipeline import evaluate_app_day, run_day
from llmqa.source import day_window
from llmqa.synthetic.bulk import BULK_APPS, bulk_day
from llmqa.timing import StageClock
from llmqa.warehouse import Warehouse

DAY = dt.date(2026, 11, 22)
REFERENCE_DAYS = 7
PG_ADMIN = os.environ.get("LLMQA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
NUMERIC = ["latency_ms", "prompt_tokens", "completion_tokens", "cost_usd", "output_length"]
ALERTS = {
    "support": [{"metric": "pass_rate.groundedness", "op": "<", "value": 0.85, "severity": "critical"}],
    "docs": [{"metric": "latency_p95_ms", "op": ">", "value": 4000, "severity": "warning"}],
    "code": [{"metric": "pass_rate.empty_output", "op": "<", "value": 0.97, "severity": "critical"}],
    "email": [{"metric": "pass_rate.pii", "op": "<", "value": 0.97, "severity": "critical"}],
}
TASKS = {"support": {"resolution_rate": {"metadata_key": "resolved", "equals": True}},
         "code": {"acceptance_rate": {"metadata_key": "accepted", "equals": True}}}  # fmt: skip


def bench_config(url: str, report_dir: Path) -> Config:
    """Five apps, each with every deterministic evaluator, an alert rule or two, and drift alerts."""
    evaluators = sorted(deterministic_evaluators())
    apps = {
        app.app_id: {
            "evaluators": evaluators,
            "alerts": [*ALERTS[app.kind], {"metric": "error_rate", "op": ">", "value": 0.05},
                       {"drift": "any", "severity": "warning"}],
            "task_metrics": TASKS.get(app.kind, {}),
        }
        for app in BULK_APPS
    }  # fmt: skip
    return parse_config(
        {"warehouse": {"url": url}, "report": {"dir": str(report_dir)}, "apps": apps}, source="bench"
    )


def warehouse_url(kind: str, n: int, workdir: Path) -> str:
    """The bench's warehouse for N traces: a DuckDB file under `workdir` or a PostgreSQL database."""
    if kind == "duckdb":
        return f"duckdb:///{workdir / 'warehouse.duckdb'}"
    return PG_ADMIN.rsplit("/", 1)[0] + f"/llmqa_bench_{n}"


def _fresh_postgres(url: str) -> None:
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = url.rsplit("/", 1)[1]
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()


def prepare(url: str, n: int, reference_n: int, report_dir: Path) -> None:
    """Load the reference days and the day, and run the evaluate stage on the reference days."""
    wh = Warehouse(url)
    wh.create_traces_table()
    wh.create_schema()
    cfg = bench_config(url, report_dir)
    for back in range(REFERENCE_DAYS, -1, -1):
        day = DAY - dt.timedelta(days=back)
        if back and not reference_n:
            continue
        started = time.perf_counter()
        traces = bulk_day(day, n if back == 0 else reference_n)
        with wh.begin() as conn:
            wh.write(conn, wh.traces.table, traces)
        print(
            f"loaded {day}: {traces.height:,} traces in {time.perf_counter() - started:.1f}s", file=sys.stderr
        )
        del traces
        if back:
            for app in BULK_APPS:
                evaluate_app_day(cfg, wh, day, app.app_id)


def run(url: str, report_dir: Path, jobs: int) -> dict[str, Any]:
    """The timed day's run in this process, `jobs` apps at a time: seconds, CPU seconds and peak RSS,
    and per stage (only with jobs = 1: side by side, stages' CPU seconds overlap)."""
    cfg = bench_config(url, report_dir)
    wh = Warehouse(url)
    started, cpu = time.perf_counter(), time.process_time()

    def progress(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr)

    with StageClock() as clock:
        run_day(cfg, wh, DAY, [app.app_id for app in BULK_APPS], progress, jobs)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "stages": {name: round(spent.wall, 2) for name, spent in clock.spent.items()},
        "stages_cpu": {name: round(spent.cpu, 2) for name, spent in clock.spent.items()},
    }


def _read(wh: Warehouse, first: dt.date, last: dt.date) -> pl.DataFrame:
    start, end = day_window(first)[0], day_window(last)[1]
    sql = (f"SELECT output, latency_ms, prompt_tokens, completion_tokens, cost_usd FROM {wh.quote(wh.traces.table)} "
           "WHERE ts >= :start AND ts < :end")  # fmt: skip
    frame = wh.read(sql, {"start": start, "end": end})
    return frame.with_columns(pl.col("output").str.len_chars().alias("output_length"))


def evidently(url: str) -> dict[str, Any]:
    """Evidently 0.7's six text descriptors on the day's outputs (as bench/evaluators.py runs them)
    and DataDriftPreset on its numeric features against the reference days, timed (the reading
    from the warehouse is not)."""
    from evaluators import run_evidently  # bench/evaluators.py, beside this file
    from evidently import DataDefinition, Dataset, Report
    from evidently.presets import DataDriftPreset

    wh = Warehouse(url)
    current = _read(wh, DAY, DAY)
    reference = _read(wh, DAY - dt.timedelta(days=REFERENCE_DAYS), DAY - dt.timedelta(days=1))
    descriptors, descriptors_cpu = run_evidently(current)
    started, cpu = time.perf_counter(), time.process_time()
    definition = DataDefinition(numerical_columns=NUMERIC)
    if reference.height:  # a day without history (--reference-n 0) has nothing to drift from
        Report([DataDriftPreset(columns=NUMERIC)]).run(
            Dataset.from_pandas(current.select(NUMERIC).to_pandas(), data_definition=definition),
            Dataset.from_pandas(reference.select(NUMERIC).to_pandas(), data_definition=definition),
        )
    return {
        "evidently_seconds": descriptors + time.perf_counter() - started,
        "evidently_cpu_seconds": descriptors_cpu + time.process_time() - cpu,
    }


def _phase(phase: str, args: argparse.Namespace, jobs: int = 1) -> dict[str, Any]:
    """Run one phase in a fresh interpreter; its last stdout line is its JSON result."""
    command = [sys.executable, __file__, "--phase", phase, "--n", str(args.n), "--warehouse", args.warehouse,
               "--reference-n", str(args.reference_n), "--workdir", str(args.workdir), "--jobs", str(jobs)]  # fmt: skip
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else {}


def main(argv: list[str] | None = None) -> int:
    """Prepare the warehouse if needed, time the day's run and Evidently, print the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="traces on the day that is run")
    parser.add_argument("--warehouse", choices=["duckdb", "postgresql"], default="duckdb")
    parser.add_argument(
        "--reference-n",
        type=int,
        default=100_000,
        help="at most this many traces per reference day (0: no history)",
    )
    parser.add_argument("--workdir", type=Path, help="where the warehouse and reports go (kept between runs)")
    parser.add_argument("--fresh", action="store_true", help="rebuild the warehouse even if one is there")
    parser.add_argument("--no-evidently", action="store_true")
    parser.add_argument(
        "--jobs",
        type=int,
        default=DEFAULT_JOBS,
        help=f"apps side by side in the headline run (default: {DEFAULT_JOBS})",
    )
    parser.add_argument("--phase", choices=["prepare", "run", "evidently"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.reference_n = min(args.n, args.reference_n)
    args.workdir = args.workdir or Path("/tmp/llmqa-bench") / f"{args.warehouse}-{args.n}"
    url, reports = warehouse_url(args.warehouse, args.n, args.workdir), args.workdir / "reports"
    if args.phase == "prepare":
        prepare(url, args.n, args.reference_n, reports)
    elif args.phase == "run":
        print(json.dumps(run(url, reports, args.jobs)))
    elif args.phase == "evidently":
        print(json.dumps(evidently(url)))
    else:
        ready = args.workdir / "prepared"
        if args.fresh or not ready.exists():
            args.workdir.mkdir(parents=True, exist_ok=True)
            ready.unlink(missing_ok=True)
            (args.workdir / "warehouse.duckdb").unlink(missing_ok=True)
            if args.warehouse == "postgresql":
                _fresh_postgres(url)
            _phase("prepare", args)
            ready.write_text(json.dumps({"n": args.n, "reference_n": args.reference_n}))
        staged = _phase("run", args)
        headline = _phase("run", args, args.jobs) if args.jobs > 1 else staged
        result = {**headline, "jobs": args.jobs, "stages": staged["stages"], "stages_cpu": staged["stages_cpu"],
                  "one_app_at_a_time": {k: staged[k] for k in ("seconds", "cpu_seconds", "peak_rss_mb")}}  # fmt: skip
        ev = {} if args.no_evidently else _phase("evidently", args)
        ratio = ev["evidently_seconds"] / result["seconds"] if ev else None
        print(
            json.dumps(
                {"n": args.n, "warehouse": args.warehouse, **result, **ev, "ratio_vs_evidently": ratio}
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
