"""Time to render one day's report pages (queries, plots, templates) from an already-run warehouse.

Usage: PYTHONPATH=. python bench/report_render.py [--config llmqa.yaml] [--day 2026-11-22] [--repeat 3]
Run `llmqa demo` first; prints the best of --repeat renders of every app's pages and the day's index.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from llmqa.config import load_config
from llmqa.connections import open_warehouse
from llmqa.report import render_app_pages, render_day_index


def main() -> None:
    """Render the day `--repeat` times and print the best time per page."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", default="llmqa.yaml")
    parser.add_argument(
        "--day", type=dt.date.fromisoformat, default=dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cfg = load_config(args.config)
    wh = open_warehouse(cfg)
    render_app_pages(cfg, wh, args.day, next(iter(cfg.apps)))  # imports and caches, not timed
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        pages = [page for app_id in cfg.apps for page in render_app_pages(cfg, wh, args.day, app_id)]
        render_day_index(cfg, wh, args.day)
        timings.append(time.perf_counter() - started)
    best = min(timings)
    print(f"{args.day}: {len(pages)} app pages + index in {best:.2f} s (best of {args.repeat}); "
          f"{best / len(pages):.3f} s per page")  # fmt: skip


if __name__ == "__main__":
    main()
