"""The day's run at 10k, 100k and 1M traces, as one table (each size by bench/pipeline.py).

Each size runs in its own processes (see bench/pipeline.py); the table shows wall and CPU
seconds of the whole day and its peak resident memory with apps side by side (as `llmqa run`
runs them) and one app at a time, the stages that cost most CPU (one app at a time), and
Evidently's seconds on the same rows. On a shared machine read the CPU column: wall time waits
for others. Run:
    python bench/table.py [--sizes 10000 100000 1000000] [--warehouse duckdb|postgresql]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

PIPELINE = Path(__file__).resolve().parent / "pipeline.py"


def measure(n: int, warehouse: str, extra: list[str]) -> dict[str, Any]:
    """bench/pipeline.py's JSON line for N traces."""
    command = [sys.executable, str(PIPELINE), "--n", str(n), "--warehouse", warehouse, *extra]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _top(stages: dict[str, float], count: int = 3) -> str:
    ranked = sorted(stages.items(), key=lambda item: -item[1])[:count]
    return ", ".join(f"{name} {seconds:.0f}" for name, seconds in ranked)


def table(results: list[dict[str, Any]]) -> str:
    """A Markdown table: one row per size."""
    lines = [
        "| traces | apps side by side | wall s | CPU s | peak RSS MB | one app at a time: wall s, CPU s, peak MB "
        "| most CPU s (stage) | Evidently wall s | Evidently ÷ llmqa (wall) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        one = r["one_app_at_a_time"]
        evidently = r.get("evidently_seconds")
        ratio = r.get("ratio_vs_evidently")
        lines.append(
            f"| {r['n']:,} | {r['jobs']} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | {r['peak_rss_mb']:.0f} "
            f"| {one['seconds']:.1f}, {one['cpu_seconds']:.1f}, {one['peak_rss_mb']:.0f} | {_top(r['stages_cpu'])} "
            f"| {'-' if evidently is None else f'{evidently:.1f}'} | {'-' if ratio is None else f'{ratio:.2f}'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run every size, print the table and every size's JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--warehouse", choices=["duckdb", "postgresql"], default="duckdb")
    parser.add_argument("--no-evidently", action="store_true")
    args = parser.parse_args(argv)
    extra = ["--no-evidently"] if args.no_evidently else []
    results = [measure(n, args.warehouse, extra) for n in args.sizes]
    print(table(results))
    for result in results:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
