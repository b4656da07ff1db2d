"""Page sizes and render times of the reports for one large synthetic day (pages must stay under 2 MB).

Usage: PYTHONPATH=. python bench/report_size.py [--traces 1000000] [--folder /tmp/llmqa-bench]
Seeds a DuckDB file with a week of ordinary days and one large day, runs the whole day, then
renders the pages again on their own and prints each page's size and the render time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

import yaml

from llmqa.config import load_config
from llmqa.pipeline import run_day
from llmqa.report import render_app_pages, render_day_index
from llmqa.seed import seed_warehouse
from llmqa.warehouse import Warehouse

REPO = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 11, 22)
LIMIT = 2 * 1024 * 1024


def main() -> None:
    """Seed, run, re-render and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--traces", type=int, default=1_000_000, help="traces on the large day")
    parser.add_argument("--folder", type=Path, default=Path(tempfile.mkdtemp(prefix="llmqa-bench-")))
    args = parser.parse_args()
    data = yaml.safe_load((REPO / "llmqa.yaml").read_text(encoding="utf-8"))
    data["warehouse"] = {"url": f"duckdb:///{args.folder / 'bench.duckdb'}"}
    data["report"]["dir"] = str(args.folder / "reports")
    config_path = args.folder / "llmqa.yaml"
    config_path.write_text(yaml.safe_dump(data), encoding="utf-8")
    cfg = load_config(config_path)
    wh = Warehouse(cfg.warehouse.resolved_url(), cfg.traces)
    seed_warehouse(wh, DAY - dt.timedelta(days=1), days=7, traces_per_day=3000, seed=1)
    seed_warehouse(wh, DAY, days=1, traces_per_day=args.traces, seed=2)
    wh.create_schema()
    for back in range(7, -1, -1):
        started = time.perf_counter()
        run_day(cfg, wh, DAY - dt.timedelta(days=back), list(cfg.apps))
        print(f"run_day {DAY - dt.timedelta(days=back)}: {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    pages = [page for app_id in cfg.apps for page in render_app_pages(cfg, wh, DAY, app_id)]
    pages.append(render_day_index(cfg, wh, DAY))
    elapsed = time.perf_counter() - started
    print(f"\n{args.traces:,} traces on {DAY}: rendered {len(pages)} pages in {elapsed:.2f} s "
          f"({elapsed / len(pages):.3f} s per page, queries included)")  # fmt: skip
    for page in sorted(pages):
        size = Path(page).stat().st_size
        print(f"{size / 1024:8.1f} KiB  {'OK  ' if size < LIMIT else 'OVER'}  {Path(page).name}")


if __name__ == "__main__":
    main()
