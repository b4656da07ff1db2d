"""Noise control and delivery on the demo: how many Slack messages a run of days sends, and how fast.

Seeds the demo apps' synthetic traces (with their injected incidents) into a fresh DuckDB file,
runs every day in order with delivery to a local HTTP server that answers like a Slack webhook,
and counts: rule-days that fired (what a message per rule and day would send), alerts notified,
messages sent (one per app and day; repeats suppressed; recoveries included), suppressed alerts,
recoveries, and rules that said "not enough data". Ends with one JSON line.

    PYTHONPATH=. python bench/alert_noise.py --days 14 --traces-per-day 800
    PYTHONPATH=. python bench/alert_noise.py --more-rules --last-message /tmp/message.json

`--more-rules` adds to every app a `drift: any` rule and a refusal-rate regression rule (by 0.02);
`--last-message` writes the last payload posted, to look at.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from llmqa.config import parse_config
from llmqa.pipeline import run_day
from llmqa.seed import seed_warehouse
from llmqa.warehouse import Warehouse

REPO = Path(__file__).resolve().parent.parent
END = dt.date(2026, 11, 22)


class SlackLike(BaseHTTPRequestHandler):
    """Answers every POST with 200 `ok` and counts it."""

    posts = 0
    last = b""

    def do_POST(self) -> None:
        SlackLike.last = self.rfile.read(int(self.headers["Content-Length"]))
        SlackLike.posts += 1
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        """Silence the per-request log."""


def main() -> None:
    """Run the days and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--traces-per-day", type=int, default=800)
    parser.add_argument("--more-rules", action="store_true")
    parser.add_argument("--last-message", type=Path)
    args = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), SlackLike)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = "LLMQA_BENCH_WEBHOOK_URL"
    os.environ[env] = f"http://127.0.0.1:{server.server_address[1]}/hook"
    folder = Path(tempfile.mkdtemp(prefix="llmqa-bench-"))
    data = yaml.safe_load((REPO / "llmqa.yaml").read_text(encoding="utf-8"))
    data["warehouse"] = {"url": f"duckdb:///{folder / 'w.duckdb'}"}
    data["report"]["dir"] = str(folder / "reports")
    data["slack"] |= {"webhook_url_env": env}
    more = [{"drift": "any"}, {"regression": {"metric": "pass_rate.refusal", "by": 0.02}, "min_traces": 100}]
    for app in data["apps"].values():
        app["alerts"] += more if args.more_rules else []
    cfg = parse_config(data)
    wh = Warehouse(cfg.warehouse.resolved_url(), cfg.traces)
    seed_warehouse(wh, END, days=args.days, traces_per_day=args.traces_per_day, seed=7)

    days = [END - dt.timedelta(days=i) for i in reversed(range(args.days))]
    started = time.perf_counter()
    for day in days:
        run_day(cfg, wh, day, list(cfg.apps))
    elapsed = time.perf_counter() - started
    counts = dict(
        wh.read(
            "SELECT kind || ':' || status AS k, COUNT(*) AS n FROM llmqa_alerts GROUP BY 1", {}
        ).iter_rows()
    )
    fired = sum(n for k, n in counts.items() if k.startswith("alert:") and not k.endswith("not_enough_data"))
    figures = {
        "days": args.days, "apps": len(cfg.apps), "more_rules": args.more_rules, "rule_days_fired": fired,
        "alerts_notified": counts.get("alert:sent", 0), "messages_sent": SlackLike.posts,
        "alerts_suppressed": counts.get("alert:suppressed", 0), "recoveries": counts.get("recovery:sent", 0),
        "not_enough_data": counts.get("alert:not_enough_data", 0),
        "still_pending": sum(n for k, n in counts.items() if k.endswith(":pending")),
        "seconds_for_all_days_all_stages": round(elapsed, 1),
    }  # fmt: skip
    for key, value in figures.items():
        print(f"{key:>34}: {value}")
    print(json.dumps(figures))
    if args.last_message:
        args.last_message.write_bytes(SlackLike.last)
    server.shutdown()


if __name__ == "__main__":
    main()
