"""How big a mapped task is: one app segment's stages at a given size, as one Airflow worker runs them.

For each size (traces in the app-day; default 20k and 100k) a subprocess seeds a DuckDB
warehouse with that many `support-bot` traces on the day and on the day before (the reference
window, evaluated there and not timed); then a fresh subprocess, like a task process, runs the
stages that llmqa_daily maps per app (evaluate, drift, analyse, alert, report) for the day,
one after the other, and reports each stage's wall and CPU seconds, traces per worker-minute
over the whole segment, and the process's peak RSS after each stage (memory to give a mapped
task): only what the stages take, not the seeding.
Synthetic texts are tiled with fresh trace ids. Ends with one JSON line. Run:
    PYTHONPATH=. python bench/task_sizing.py [--sizes 20000 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl
import yaml

from llmqa.config import load_config
from llmqa.pipeline import STAGES, evaluate_app_day
from llmqa.synthetic import generate_traces
from llmqa.warehouse import Warehouse

APP = "support-bot"
DAY = dt.date(2026, 11, 22)
REPO = Path(__file__).resolve().parent.parent


def segment(rows: int) -> pl.DataFrame:
    """`rows` traces of APP on DAY and on the day before: one generated sample per day, tiled, fresh ids."""
    sample = generate_traces(DAY, days=2, traces_per_day=8_000, seed=23).filter(pl.col("app_id") == APP)
    days = []
    for day, part in sample.group_by(pl.col("ts").dt.date(), maintain_order=True):
        copies = -(-rows // part.height)
        tiled = pl.concat([part] * copies).head(rows)
        days.append(
            tiled.with_columns(
                pl.format("{}-{}", pl.lit(str(day[0])), pl.int_range(pl.len())).alias("trace_id")
            )
        )
    return pl.concat(days)


def prepare(rows: int) -> Path:
    """A folder with a config and a DuckDB warehouse holding the segment, its reference day evaluated."""
    folder = Path(tempfile.mkdtemp(prefix="llmqa-sizing-"))
    data = yaml.safe_load((REPO / "llmqa.yaml").read_text(encoding="utf-8"))
    data["warehouse"] = {"url": f"duckdb:///{folder / 'warehouse.duckdb'}"}
    data["report"]["dir"] = str(folder / "reports")
    data["apps"] = {APP: data["apps"][APP]}
    (folder / "llmqa.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    cfg = load_config(folder / "llmqa.yaml")
    wh = Warehouse(cfg.warehouse.resolved_url(), cfg.traces)
    wh.create_traces_table()
    wh.create_schema()
    with wh.begin() as conn:
        wh.write(conn, cfg.traces.table, segment(rows))
    evaluate_app_day(cfg, wh, DAY - dt.timedelta(days=1), APP)
    return folder


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(folder: Path, rows: int) -> dict[str, float]:
    """Figures for one prepared size, measured in this process (call it in a fresh subprocess, as a task runs)."""
    cfg = load_config(folder / "llmqa.yaml")
    wh = Warehouse(cfg.warehouse.resolved_url(), cfg.traces)
    figures: dict[str, float] = {"rows": rows}
    for name, run in STAGES:
        start, cpu = time.perf_counter(), time.process_time()
        run(cfg, wh, DAY, APP)
        figures[f"{name}_s"] = time.perf_counter() - start
        figures[f"{name}_cpu_s"] = time.process_time() - cpu
        figures[f"{name}_peak_mb"] = _peak_mb()
    total = sum(figures[f"{name}_s"] for name, _ in STAGES)
    figures["segment_s"] = total
    figures["segment_cpu_s"] = sum(figures[f"{name}_cpu_s"] for name, _ in STAGES)
    figures["traces_per_worker_minute"] = rows / total * 60
    figures["peak_rss_mb"] = _peak_mb()
    return figures


def _last_line(*args: str) -> str:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> int:
    """Measure each size in its own subprocess, print a table and the closing JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--prepare", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:
        print(prepare(args.prepare))
        return 0
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), int(args.measure[1]))))
        return 0
    results = []
    for rows in args.sizes:
        folder = _last_line("--prepare", str(rows))
        results.append(json.loads(_last_line("--measure", folder, str(rows))))
    stages = [name for name, _ in STAGES]
    print(f"{'traces':>8} " + " ".join(f"{s + ' s':>11}" for s in stages) + f" {'segment s':>10} {'(cpu s)':>8} "
          f"{'traces/worker-min':>17} {'peak RSS MB':>11}")  # fmt: skip
    for r in results:
        print(f"{r['rows']:8d} " + " ".join(f"{r[s + '_s']:11.1f}" for s in stages) + f" {r['segment_s']:10.1f} "
              f"{r['segment_cpu_s']:8.1f} {r['traces_per_worker_minute']:17,.0f} {r['peak_rss_mb']:11.0f}")  # fmt: skip
    print("peak RSS MB after each stage:")
    for r in results:
        print(f"{r['rows']:8d} " + " ".join(f"{r[s + '_peak_mb']:11.0f}" for s in stages))
    print(json.dumps({str(r["rows"]): {k: round(v, 2) for k, v in r.items()} for r in results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
