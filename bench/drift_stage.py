"""CPU seconds of the drift stage, per app, on a warehouse `bench/pipeline.py` already filled.

Runs `drift_app_day` for each of the five bulk apps on the bench day (its reference window
already evaluated) and prints CPU seconds (time.process_time, steadier than wall time on a
shared machine) and wall seconds per app, and the process's peak RSS; ends with one JSON line.
scipy and scikit-learn are imported first, so their one-time import is not counted against the
first app.

    PYTHONPATH=. python bench/drift_stage.py --warehouse /tmp/bench/warehouse.duckdb
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from pipeline import DAY, bench_config  # bench/pipeline.py: the script's own directory is on sys.path

from llmqa.pipeline import drift_app_day
from llmqa.synthetic.bulk import BULK_APPS
from llmqa.warehouse import Warehouse


def main() -> None:
    """Time the drift stage of every bulk app once and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, required=True, help="a bench DuckDB file")
    parser.add_argument("--reports", type=Path, default=Path("/tmp/llmqa-drift-stage-reports"))
    args = parser.parse_args()
    url = f"duckdb:///{args.warehouse}"
    cfg, wh = bench_config(url, args.reports), Warehouse(url)
    import scipy.stats  # noqa: F401
    import sklearn.linear_model  # noqa: F401

    cpu: dict[str, float] = {}
    for app in BULK_APPS:
        started, wall = time.process_time(), time.perf_counter()
        summary = drift_app_day(cfg, wh, DAY, app.app_id)
        cpu[app.app_id] = round(time.process_time() - started, 2)
        print(f"{app.app_id:15s} cpu {cpu[app.app_id]:6.2f} s  wall {time.perf_counter() - wall:6.2f} s"
              f"  tests {summary.detail['tests']}  drift rows {summary.n_out}")  # fmt: skip
    peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(f"peak RSS {peak} MB (the largest app's drift task, plus scipy and scikit-learn)")
    print(
        json.dumps(
            {"cpu_seconds": cpu, "total_cpu_seconds": round(sum(cpu.values()), 2), "peak_rss_mb": peak}
        )
    )


if __name__ == "__main__":
    main()
