"""The `llmqa` command line: its subcommands and what each one prints."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Sequence

import sqlalchemy as sa

from llmqa.analytics.regression import compare_files, comparison_lines, write_comparison_html
from llmqa.analytics.review_labels import LabelFileError, read_labels, store_labels
from llmqa.config import AppConfig, Config, ConfigError, load_config
from llmqa.connections import open_warehouse
from llmqa.detection_quality import Quality
from llmqa.eval_file import EvalFileError, evaluate_file
from llmqa.pipeline import StageError, run_day
from llmqa.seed import seed_warehouse
from llmqa.source import SourceError


def _yesterday() -> dt.date:
    return dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


DEFAULT_JOBS = min(2, os.cpu_count() or 1)


def _jobs(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"--jobs must be at least 1, got {value}")
    return value


def _progress(started: float) -> Callable[[str], None]:
    def report(message: str) -> None:
        print(f"[{time.monotonic() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    return report


def _apps(cfg: Config, chosen: Sequence[str] | None) -> list[str]:
    for app_id in chosen or ():
        cfg.app(app_id)
    return list(chosen or cfg.apps)


def cmd_seed(args: argparse.Namespace, cfg: Config) -> int:
    """Fill the warehouse with synthetic traces."""
    wh = open_warehouse(cfg)
    end_day = args.end_day or _yesterday()
    count = seed_warehouse(wh, end_day, days=args.days, traces_per_day=args.traces_per_day, seed=args.seed)
    print(f"seeded {count:,} traces for {args.days} days ending {end_day} into {wh.dialect}")
    return 0


def _run_days(cfg: Config, days: list[dt.date], apps: list[str], jobs: int) -> int:
    wh = open_warehouse(cfg)
    progress = _progress(time.monotonic())
    for day in days:
        summaries = run_day(cfg, wh, day, apps, progress, jobs)
        quarantined = sum(s.detail.get("quarantined", 0) for s in summaries)
        alerts = sum(s.n_out for s in summaries if s.stage == "alert")
        print(f"{day}: {len(apps)} apps, {quarantined} rows quarantined, {alerts} alerts; "
              f"report {cfg.report.dir}/{day}/index.html")  # fmt: skip
    return 0


def cmd_run(args: argparse.Namespace, cfg: Config) -> int:
    """Run the day's stages for one day."""
    return _run_days(cfg, [args.day or _yesterday()], _apps(cfg, args.app), args.jobs)


def cmd_backfill(args: argparse.Namespace, cfg: Config) -> int:
    """Run every day in [start, end]."""
    if args.end < args.start:
        raise ConfigError(f"--end {args.end} is before --start {args.start}")
    days = [args.start + dt.timedelta(days=i) for i in range((args.end - args.start).days + 1)]
    return _run_days(cfg, days, _apps(cfg, args.app), args.jobs)


def cmd_demo(args: argparse.Namespace, cfg: Config) -> int:
    """Seed the warehouse with synthetic days ending yesterday and run each, so trends have history."""
    day = _yesterday()
    wh = open_warehouse(cfg)
    print(f"seeding {wh.dialect} with {args.days} days of synthetic traces ending {day} ...", file=sys.stderr)
    seed_warehouse(wh, day, days=args.days)
    days = [day - dt.timedelta(days=i) for i in reversed(range(args.days))]
    return _run_days(cfg, days, list(cfg.apps), args.jobs)


def _app_and_evaluators(args: argparse.Namespace) -> tuple[AppConfig | None, list[str] | None]:
    """The app named by --app (its config read only then) and the names given to --evaluators."""
    app = load_config(args.config).app(args.app) if args.app else None
    names = [n.strip() for n in args.evaluators.split(",")] if args.evaluators else None
    return app, names


def cmd_eval(args: argparse.Namespace, cfg: Config | None) -> int:
    """Score a JSONL, CSV or Parquet file of traces; no warehouse, no config unless --app."""
    app, names = _app_and_evaluators(args)
    try:
        result = evaluate_file(
            args.file, args.out, names, app=app, progress=_progress(time.monotonic()), label=args.label
        )
    except EvalFileError as error:
        print(f"llmqa: {error}", file=sys.stderr)
        return 2
    for tally in result.tallies:
        share = f"{tally.passed / tally.scored:.1%} passed" if tally.scored else "none passed"
        against = "" if tally.quality is None else f"; against {args.label}: {_quality_line(tally.quality)}"
        print(f"{tally.name}: {tally.scored} of {result.rows} rows scored, {share}{against}")
    print(f"wrote {result.rows} rows to {result.out}")
    return 0


def _quality_line(quality: Quality) -> str:
    """'AUROC 0.988, balanced accuracy 0.871 on 701 rows' (n/a where the rows hold one label only)."""
    auroc, accuracy = ("n/a" if v is None else f"{v:.3f}" for v in (quality.auroc, quality.balanced_accuracy))
    return f"AUROC {auroc}, balanced accuracy {accuracy} on {quality.n} rows"


def cmd_evaluators(args: argparse.Namespace, cfg: Config | None) -> int:
    """Print the evaluator catalogue, or one evaluator with its options and how to enable it."""
    from llmqa.evaluators import REGISTRY
    from llmqa.evaluators.listing import catalogue_table, describe_evaluator

    if args.name is None:
        print(catalogue_table())
        return 0
    if args.name not in REGISTRY:
        print(
            f"llmqa: unknown evaluator {args.name!r}; known: {', '.join(sorted(REGISTRY))}", file=sys.stderr
        )
        return 2
    print(describe_evaluator(args.name))
    return 0


def cmd_compare(args: argparse.Namespace, cfg: Config | None) -> int:
    """Test a candidate's outputs against the baseline's on the same ids; exit 1 when significantly worse."""
    app, names = _app_and_evaluators(args)
    try:
        progress = _progress(time.monotonic())
        result = compare_files(
            args.baseline, args.candidate, names, app=app, alpha=args.alpha, progress=progress
        )
    except EvalFileError as error:
        print(f"llmqa: {error}", file=sys.stderr)
        return 2
    print("\n".join(comparison_lines(result)))
    if args.html:
        print(f"wrote {write_comparison_html(result, args.baseline, args.candidate, args.html)}")
    return 1 if result.worse else 0


def cmd_review_import(args: argparse.Namespace, cfg: Config) -> int:
    """Store the labels of a filled-in review CSV; the same file imported twice changes nothing."""
    try:
        labels = read_labels(args.file)
    except LabelFileError as error:
        print(f"llmqa: {error}", file=sys.stderr)
        return 2
    wh = open_warehouse(cfg)
    wh.create_schema()
    count = store_labels(wh, labels)
    passed = int(labels["human_passed"].sum())
    print(f"imported {count} labels ({passed} pass, {count - passed} fail) from {args.file}")
    return 0


def cmd_regression_set(args: argparse.Namespace, cfg: Config) -> int:
    """Curate the regression dataset from one day's production failures; optionally copy it to Parquet."""
    from llmqa.regression_set import curate_days, export_parquet

    wh = open_warehouse(cfg)
    for done in curate_days(cfg, wh, [args.day or _yesterday()], _apps(cfg, args.app)):
        note = "" if done.evaluated else " (day not evaluated yet: negative feedback only)"
        print(f"{done.day} {done.app_id}: {done.failures} failures, {done.added} added, "
              f"{done.duplicates} duplicates, {done.over_cap} over the cap{note}")  # fmt: skip
    path = export_parquet(cfg, wh, args.parquet)
    if path:
        print(f"wrote the regression set to {path}")
    return 0


def cmd_alerts_test(args: argparse.Namespace, cfg: Config) -> int:
    """Send a test message to every configured alert channel."""
    from llmqa.alerts.commands import probe_channels

    results = probe_channels(cfg)
    for name, attempt in results.items():
        print(
            f"{name}: " + ("sent" if attempt.ok else f"FAILED after {attempt.tries} tries: {attempt.error}")
        )
    return 0 if all(attempt.ok for attempt in results.values()) else 1


def cmd_alerts_list(args: argparse.Namespace, cfg: Config) -> int:
    """Show the alert outbox of one day."""
    from llmqa.alerts.commands import outbox_table

    print(outbox_table(open_warehouse(cfg), args.day or _yesterday(), args.app))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="llmqa", description=__doc__)
    parser.add_argument("--config", default="llmqa.yaml", help="config file (default: llmqa.yaml)")
    sub = parser.add_subparsers(dest="command", required=True)

    seed = sub.add_parser("seed", help="fill the warehouse with synthetic traces")
    seed.add_argument("--end-day", type=_day, help="last day to generate (default: yesterday, UTC)")
    seed.add_argument("--days", type=int, default=16)
    seed.add_argument("--traces-per-day", type=int, default=3000)
    seed.add_argument("--seed", type=int, default=7)
    seed.set_defaults(handler=cmd_seed)

    run = sub.add_parser("run", help="evaluate, aggregate, alert and report one day")
    run.add_argument("--day", type=_day, help="the day to evaluate (default: yesterday, UTC)")
    run.add_argument("--app", action="append", help="only this app (repeatable)")
    run.set_defaults(handler=cmd_run)

    backfill = sub.add_parser("backfill", help="run every day from --start to --end inclusive")
    backfill.add_argument("--start", type=_day, required=True)
    backfill.add_argument("--end", type=_day, required=True)
    backfill.add_argument("--app", action="append", help="only this app (repeatable)")
    backfill.set_defaults(handler=cmd_backfill)

    demo = sub.add_parser("demo", help="seed the embedded DuckDB and report on every seeded day")
    demo.add_argument("--days", type=int, default=14, help="days of synthetic history (default: 14)")
    demo.set_defaults(handler=cmd_demo)
    for command in (run, backfill, demo):
        command.add_argument(
            "--jobs", type=_jobs, default=DEFAULT_JOBS,
            help=f"apps run side by side (default: {DEFAULT_JOBS}; each adds its app's memory)",
        )  # fmt: skip

    evaluate = sub.add_parser("eval", help="score a JSONL, CSV or Parquet file of traces")
    evaluate.add_argument("file", help="traces: .jsonl, .csv or .parquet in the trace contract")
    evaluate.add_argument("--out", required=True, help="scores file: .jsonl, .csv or .parquet")
    evaluate.add_argument(
        "--evaluators",
        help="comma-separated names (default: the deterministic ones whose columns hold data)",
    )
    evaluate.add_argument("--app", help="take evaluators, thresholds and options from this app")
    evaluate.add_argument(
        "--label",
        help="a column saying which rows have the failure (1/true, 0/false): print each evaluator's "
        "AUROC and balanced accuracy against it",
    )
    evaluate.set_defaults(handler=cmd_eval, needs_config=False)

    catalogue = sub.add_parser("evaluators", help="list the evaluators, or show one with its options")
    catalogue.add_argument("name", nargs="?", help="an evaluator's name")
    catalogue.set_defaults(handler=cmd_evaluators, needs_config=False)

    compare = sub.add_parser("compare", help="gate a candidate prompt or model on the baseline's inputs")
    compare.add_argument(
        "--baseline", required=True, help="current outputs: .jsonl, .csv or .parquet with id"
    )
    compare.add_argument("--candidate", required=True, help="candidate outputs for the same ids")
    compare.add_argument("--evaluators", help="comma-separated names (default: as for eval)")
    compare.add_argument("--app", help="take evaluators, thresholds and options from this app")
    compare.add_argument("--alpha", type=float, default=0.05, help="significance level (default: 0.05)")
    compare.add_argument("--html", help="also write the verdict as an HTML page here")
    compare.set_defaults(handler=cmd_compare, needs_config=False)

    review = sub.add_parser("review", help="the human review loop")
    review_sub = review.add_subparsers(dest="review_command", required=True)
    labels = review_sub.add_parser("import", help="store the labels of a filled-in review CSV")
    labels.add_argument("file", help="a reports/<day>/review/*.csv with human_passed filled in")
    labels.set_defaults(handler=cmd_review_import)

    regression = sub.add_parser(
        "regression-set", help="curate the regression dataset from a day's failures (after `run`)"
    )
    regression.add_argument("--day", type=_day, help="the day (default: yesterday, UTC)")
    regression.add_argument("--app", action="append", help="only this app (repeatable)")
    regression.add_argument(
        "--parquet", help="also write the whole set here (default: regression_set.parquet)"
    )
    regression.set_defaults(handler=cmd_regression_set)

    alerts = sub.add_parser("alerts", help="alert channels and the outbox").add_subparsers(required=True)
    alerts.add_parser("test", help="send a test message to each configured channel").set_defaults(
        handler=cmd_alerts_test
    )
    listing = alerts.add_parser("list", help="show the outbox of a day")
    listing.add_argument("--day", type=_day, help="the day (default: yesterday, UTC)")
    listing.add_argument("--app", action="append", help="only this app (repeatable)")
    listing.set_defaults(handler=cmd_alerts_list)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `llmqa` command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        cfg = load_config(args.config) if getattr(args, "needs_config", True) else None
        return int(args.handler(args, cfg))
    except ConfigError as error:
        print(f"llmqa: config error: {error}", file=sys.stderr)
        return 2
    except (SourceError, StageError) as error:
        print(f"llmqa: {error}", file=sys.stderr)
        return 1
    except sa.exc.SQLAlchemyError as error:
        print(
            f"llmqa: warehouse error: {error.__class__.__name__}: {getattr(error, 'orig', error)}",
            file=sys.stderr,
        )
        return 1
