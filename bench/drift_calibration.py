"""Calibrate llmqa.drift: false alarms on unchanged days, detection of injected changes.

Simulates one app (two prompt versions with identical behaviour, 2,000 traces a day) with
`llmqa.synthetic`, then for each simulated day compares an unchanged day (A/A) and one day
per injected change against the 7 days before it, at the default DriftConfig. Evaluator
columns are synthesised: refusal passes 98% of traces, groundedness 90%.

An app-day alarms when any row says drift (after Benjamini-Hochberg); a change counts as
detected when a row on one of its features says drift. Ends with one JSON line.

    PYTHONPATH=. python bench/drift_calibration.py --days 25
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import polars as pl

from llmqa.drift import DriftConfig, compare_app_day
from llmqa.synthetic import App, Rates, Version, generate_traces

REFERENCE_DAYS = 7
FAIL_RATES = {"refusal": 0.02, "groundedness": 0.10}
LONGER = " If you have any other questions about your account, just reply to this message."
BASE = App("bench-bot", "support", 1.0, (
    Version("v1", {"gpt-4o-mini": 1.0}), Version("v2", {"gpt-4o-mini": 1.0}),
))  # fmt: skip


def with_evaluators(frame: pl.DataFrame, rng: np.random.Generator, **fail: float) -> pl.DataFrame:
    """Add `<evaluator>_score` and `_passed` columns failing at the given rates."""
    columns = []
    for name, rate in (FAIL_RATES | fail).items():
        passed = rng.random(frame.height) >= rate
        score = np.where(passed, rng.uniform(0.6, 1.0, frame.height), rng.uniform(0.0, 0.5, frame.height))
        columns += [pl.Series(f"{name}_score", score), pl.Series(f"{name}_passed", passed)]
    return frame.with_columns(columns)


def simulate(day: dt.date, seed: int, traces: int, app: App = BASE, days: int = 1) -> pl.DataFrame:
    """Contract-valid synthetic traces (the generator's deliberately malformed rows removed)."""
    frame = generate_traces(day, days=days, traces_per_day=traces, seed=seed, apps=(app,))
    frame = frame.filter(~pl.col("trace_id").str.contains("-bad")).unique("trace_id", keep="first", maintain_order=True)
    return with_evaluators(frame, np.random.default_rng(seed))


def _version_rates(rates: Rates) -> App:
    return replace(BASE, versions=tuple(replace(v, rates=rates) for v in BASE.versions))


@dataclass(frozen=True)
class Change:
    """An injected change: how to make a changed day from an unchanged one, and what it touches."""

    features: tuple[str, ...]
    make: Callable[[pl.DataFrame, dt.date, int, int], pl.DataFrame]


CHANGES: dict[str, Change] = {
    "refusal_rate_+3pt": Change(
        ("refusal_passed", "refusal_score"),
        lambda same, day, seed, n: with_evaluators(same, np.random.default_rng(seed), refusal=0.05)),
    "groundedness_pass_-5pt": Change(
        ("groundedness_passed", "groundedness_score"),
        lambda same, day, seed, n: with_evaluators(same, np.random.default_rng(seed), groundedness=0.15)),
    "latency_p95_+20pct": Change(
        ("latency_ms",), lambda same, day, seed, n: simulate(day, seed, n, _version_rates(Rates(latency_factor=1.2)))),
    "new_topic_10pct": Change(
        ("input",), lambda same, day, seed, n: simulate(day, seed, n, _version_rates(Rates(off_topic=0.1)))),
    "output_length_+25pct_of_answers": Change(
        ("output_length", "output"),
        lambda same, day, seed, n: same.with_columns(
            pl.when(pl.Series(np.random.default_rng(seed).random(same.height) < 0.25))
            .then(pl.col("output") + LONGER).otherwise(pl.col("output")).alias("output"))),
    "model_swap_in_v2": Change(
        ("model",), lambda same, day, seed, n: simulate(day, seed, n, replace(BASE, versions=(
            BASE.versions[0], replace(BASE.versions[1], models={"claude-3-5-haiku": 1.0}))))),
}  # fmt: skip


def drifting(result: pl.DataFrame) -> pl.DataFrame:
    """The rows that say drift."""
    return result.filter(pl.col("verdict") == "drift")


def main() -> None:
    """Run the simulation and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=25, help="simulated days (each: A/A + every change)")
    parser.add_argument("--traces", type=int, default=2000, help="traces per app-day")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    config = DriftConfig()
    first = dt.date(2025, 1, 1)
    started = time.perf_counter()
    series = simulate(first + dt.timedelta(days=args.days + REFERENCE_DAYS - 1), args.seed, args.traces,
                      days=args.days + REFERENCE_DAYS)  # fmt: skip
    day_of = pl.col("ts").dt.date()
    false_alarms, detected = [], {name: [] for name in CHANGES}
    for i in range(args.days):
        day = first + dt.timedelta(days=i + REFERENCE_DAYS)
        reference = series.filter((day_of >= day - dt.timedelta(days=REFERENCE_DAYS)) & (day_of < day))
        same = series.filter(day_of == day)
        alarms = drifting(compare_app_day(day, BASE.app_id, same, reference, config))
        false_alarms.append(alarms.height > 0)
        for row in alarms.iter_rows(named=True):
            print(f"  A/A alarm {day}: {row['prompt_version']} {row['comparison']} {row['feature']} {row['test']} "
                  f"effect={row['effect_size']:.4g} p_adj={row['p_adjusted']}")  # fmt: skip
        for j, (name, change) in enumerate(CHANGES.items()):
            changed = change.make(same, day, args.seed * 1000 + i * 10 + j, args.traces)
            alarms = drifting(compare_app_day(day, BASE.app_id, changed, reference, config))
            detected[name].append(alarms.filter(pl.col("feature").is_in(change.features)).height > 0)
    elapsed = time.perf_counter() - started
    print(f"{args.days} simulated days x {1 + len(CHANGES)} app-days, {args.traces} traces each, "
          f"{elapsed:.0f} s ({elapsed / args.days / (1 + len(CHANGES)):.2f} s per app-day)")  # fmt: skip
    print(f"false alarms (A/A app-days with any drift row): {sum(false_alarms)}/{args.days}")
    for name, hits in detected.items():
        print(f"detected {name}: {sum(hits)}/{args.days}")
    rates = {name: round(sum(hits) / args.days, 4) for name, hits in detected.items()}
    print(json.dumps({"false_alarm_rate": round(sum(false_alarms) / args.days, 4), "detection_rate": rates}))


if __name__ == "__main__":
    main()
