"""What fan-out per prompt version buys: one app-day evaluated whole, then per prompt version in parallel.

Seeds a PostgreSQL warehouse (the one whose locks let versions run side by side) with N
`support-bot` traces on one day, tiled from the synthetic generator over its three prompt
versions, then times the evaluate stage as llmqa_daily runs it: (a) one task for the whole app,
then `summarise`; (b) `fan_out`, one task per prompt version with `--workers` of them at a time
(like worker slots), then `summarise`. Each task is a fresh process, as under Airflow; the script
prints each task's wall and CPU seconds (of the task process; PostgreSQL's own work is not in
them) and peak RSS, and both sides' wall time. On one machine the version tasks share its cores
with each other and with PostgreSQL, so the wall-time gain needs worker slots on other machines:
the largest version task's seconds are what the stage then takes. Ends with one JSON line. Run:
    PYTHONPATH=. python bench/fan_out.py [--n 100000] [--workers 2] [--url postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlalchemy as sa
import yaml

from bench.task_sizing import APP, DAY, REPO, segment
from llmqa.config import load_config
from llmqa.orchestration import evaluation_segments, plan_segments
from llmqa.warehouse import Warehouse

ADMIN_URL = os.environ.get("LLMQA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TASK = """
import json, resource, sys, time
from llmqa.orchestration import run_stage
start, cpu = time.perf_counter(), time.process_time()
summary = run_stage(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]))
print(json.dumps({"segment": json.loads(sys.argv[3]).get("prompt_version", "*"), "n_in": summary["n_in"],
                  "seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_task(config: str, stage: str, seg: dict[str, object]) -> dict[str, float]:
    """One mapped task: a fresh process running one stage on one segment."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", TASK, config, stage, json.dumps(seg)],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def config_for(url: str, folder: Path, fan_out: str) -> str:
    """The demo config reduced to APP on `url`, with the given fan_out."""
    data = yaml.safe_load((REPO / "llmqa.yaml").read_text(encoding="utf-8"))
    data["warehouse"] = {"url": url}
    data["report"]["dir"] = str(folder / "reports")
    data["apps"] = {APP: data["apps"][APP] | {"fan_out": fan_out}}
    path = folder / f"{fan_out}.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return str(path)


def side(config: str, workers: int) -> dict[str, object]:
    """Plan, evaluate every segment with `workers` tasks at a time, summarise; timed end to end."""
    start = time.perf_counter()
    apps = plan_segments(config, DAY, [APP])
    segments = evaluation_segments(config, apps)
    with ThreadPoolExecutor(workers) as pool:
        tasks = list(pool.map(lambda seg: run_task(config, "evaluate", seg), segments))
    summarised = run_task(config, "summarise", apps[0])
    return {"wall_s": time.perf_counter() - start, "tasks": tasks, "summarise": summarised}


def main(argv: list[str] | None = None) -> int:
    """Seed, run both sides, print a table and the closing JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--url", help="an empty PostgreSQL database (default: a throwaway one)")
    args = parser.parse_args(argv)
    url, name = args.url, None
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    if url is None:
        name = f"llmqa_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
        url = ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    try:
        folder = Path(tempfile.mkdtemp(prefix="llmqa-fan-out-"))
        whole_config, fanned_config = (
            config_for(url, folder, "app"),
            config_for(url, folder, "prompt_version"),
        )
        wh = Warehouse(url, load_config(whole_config).traces)
        wh.create_traces_table()
        rows = segment(args.n)
        with wh.begin() as conn:
            wh.write(conn, wh.traces.table, rows.filter(rows["ts"].dt.date() == DAY))
        wh.engine.dispose()
        results = {
            "whole app": side(whole_config, args.workers),
            "per prompt version": side(fanned_config, args.workers),
        }
    finally:
        if name:
            with admin.connect() as conn:
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()
    print(f"{args.n:,} {APP} traces on PostgreSQL, {args.workers} worker slots")
    print(f"{'side':<20} {'task':<12} {'traces':>8} {'wall s':>8} {'CPU s':>8} {'peak RSS MB':>12}")
    for label, result in results.items():
        for task in [*result["tasks"], result["summarise"] | {"segment": "summarise"}]:
            print(
                f"{label:<20} {task['segment']!s:<12} {task['n_in']:8d} {task['seconds']:8.1f} {task['cpu_seconds']:8.1f} {task['peak_rss_mb']:12.0f}"
            )
        print(f"{label:<20} {'all':<12} {'':>8} {result['wall_s']:8.1f}")
    ratio = results["whole app"]["wall_s"] / results["per prompt version"]["wall_s"]
    print(f"fan-out speed-up on the evaluate stage: {ratio:.2f}x")
    print(
        json.dumps(
            {
                "n": args.n,
                "workers": args.workers,
                "speedup": round(ratio, 2),
                **{label.replace(" ", "_") + "_s": round(r["wall_s"], 1) for label, r in results.items()},
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
