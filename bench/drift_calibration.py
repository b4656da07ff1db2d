"""Calibrate llmqa.drift: false alarms on unchanged days, detection of injected changes.

Simulates one app (two prompt versions with identical behaviour, 2,000 traces a day) with
`llmqa.synthetic`, then for each simulated day compares an unchanged day (A/A) and one day
per injected change against the 7 days before it, at the default DriftConfig. Evaluator
columns are synthesised: refusal passes 98% of traces, groundedness 90%.

Injected changes: refusal failures 2% -> 5%; groundedness passes 90% -> 85%; latency x1.2 in
both versions (so p95 +20%); 10% of questions about voice features the knowledge base never
covered (the generator's off_topic); an 82-character sentence appended to 25% of answers;
v2's model swapped from gpt-4o-mini to claude-3-5-haiku.

An app-day alarms when any row says drift (after Benjamini-Hochberg); a change counts as
detected when a row on one of its features says drift. Ends with one JSON line.

    PYTHONPATH=. python bench/drift_calibration.py --days 20
    PYTHONPATH=. python bench/drift_calibration.py --days 100 --aa-only   # false alarms only
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
from llmqa.intervals import wilson_bounds
from llmqa.synthetic import App, Rates, Version, generate_traces

REFERENCE_DAYS = 7
Maker = Callable[[pl.DataFrame, dt.date, int, int], pl.DataFrame]  # (unchanged, day, seed, traces)
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
    frame = frame.filter(~pl.col("trace_id").str.contains("-bad")).unique(
        "trace_id", keep="first", maintain_order=True
    )
    return with_evaluators(frame, np.random.default_rng(seed))


def _generated(app: App) -> Maker:
    """A changed day drawn afresh from the generator with `app`'s changed behaviour."""
    return lambda same, day, seed, traces: simulate(day, seed, traces, app)


def _evaluators(**fail: float) -> Maker:
    """The unchanged day with its evaluator columns redrawn at other failure rates."""
    return lambda same, day, seed, traces: with_evaluators(same, np.random.default_rng(seed), **fail)


def _longer_answers(share: float) -> Maker:
    """The unchanged day with a sentence appended to `share` of its answers."""

    def make(same: pl.DataFrame, day: dt.date, seed: int, traces: int) -> pl.DataFrame:
        chosen = pl.Series(np.random.default_rng(seed).random(same.height) < share)
        return same.with_columns(
            pl.when(chosen).then(pl.col("output") + LONGER).otherwise(pl.col("output")).alias("output")
        )

    return make


def _all_versions(rates: Rates) -> App:
    return replace(BASE, versions=tuple(replace(v, rates=rates) for v in BASE.versions))


@dataclass(frozen=True)
class Change:
    """An injected change: the features it touches, and how a changed day is made."""

    features: tuple[str, ...]
    make: Maker


V1, V2 = BASE.versions
CHANGES: dict[str, Change] = {
    "refusal_rate_+3pt": Change(("refusal_passed", "refusal_score"), _evaluators(refusal=0.05)),
    "groundedness_pass_-5pt": Change(
        ("groundedness_passed", "groundedness_score"), _evaluators(groundedness=0.15)
    ),
    "latency_p95_+20pct": Change(("latency_ms",), _generated(_all_versions(Rates(latency_factor=1.2)))),
    "new_topic_10pct": Change(("input",), _generated(_all_versions(Rates(off_topic=0.1)))),
    "output_length_+sentence_in_25pct": Change(("output_length", "output"), _longer_answers(0.25)),
    "model_swap_in_v2": Change(
        ("model",),
        _generated(replace(BASE, versions=(V1, replace(V2, models={"claude-3-5-haiku": 1.0})))),
    ),
}


def alarms(day: dt.date, current: pl.DataFrame, reference: pl.DataFrame) -> pl.DataFrame:
    """The rows of one app-day that say drift, at the default settings."""
    result = compare_app_day(day, BASE.app_id, current, reference, DriftConfig())
    return result.filter(pl.col("verdict") == "drift")


def run(
    days: int, traces: int, seed: int, changes: dict[str, Change]
) -> tuple[list[bool], dict[str, list[bool]]]:
    """Per simulated day: did the A/A day alarm, and was each change detected on its features."""
    first = dt.date(2025, 1, 1)
    last = first + dt.timedelta(days=days + REFERENCE_DAYS - 1)
    series = simulate(last, seed, traces, days=days + REFERENCE_DAYS)
    day_of = pl.col("ts").dt.date()
    false_alarms, detected = [], {name: [] for name in changes}
    for i in range(days):
        day = first + dt.timedelta(days=i + REFERENCE_DAYS)
        window = (day_of >= day - dt.timedelta(days=REFERENCE_DAYS)) & (day_of < day)
        reference, same = series.filter(window), series.filter(day_of == day)
        found = alarms(day, same, reference)
        false_alarms.append(not found.is_empty())
        for row in found.iter_rows(named=True):
            print(f"  A/A alarm on {day}: {row['prompt_version']} {row['comparison']} "
                  f"{row['feature']} {row['test']} effect={row['effect_size']}")  # fmt: skip
        for j, (name, change) in enumerate(changes.items()):
            changed = change.make(same, day, seed * 1000 + i * 10 + j, traces)
            found = alarms(day, changed, reference)
            detected[name].append(found["feature"].is_in(change.features).any())
    return false_alarms, detected


def main() -> None:
    """Run the simulation and print the figures, then one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=20, help="simulated days (A/A + each change)")
    parser.add_argument("--traces", type=int, default=2000, help="traces per app-day")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--aa-only", action="store_true", help="only unchanged days (false alarms)")
    args = parser.parse_args()
    changes = {} if args.aa_only else CHANGES
    started = time.perf_counter()
    false_alarms, detected = run(args.days, args.traces, args.seed, changes)
    elapsed = time.perf_counter() - started
    app_days = args.days * (1 + len(changes))
    print(f"{app_days} app-days of {args.traces} traces in {elapsed:.0f} s")
    _, upper = wilson_bounds(sum(false_alarms), args.days)
    print(f"false alarms (A/A app-days with any drift row): {sum(false_alarms)}/{args.days}, "
          f"95% upper bound {upper:.3f}")  # fmt: skip
    for name, hits in detected.items():
        print(f"detected {name}: {sum(hits)}/{args.days}")
    rates = {name: round(sum(hits) / args.days, 4) for name, hits in detected.items()}
    false_alarm_rate = round(sum(false_alarms) / args.days, 4)
    print(json.dumps({"false_alarm_rate": false_alarm_rate, "detection_rate": rates}))


if __name__ == "__main__":
    main()
