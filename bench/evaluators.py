"""Throughput of the whole deterministic evaluator catalogue against Evidently's text descriptors.

For each size (100k and 1M traces) a fresh subprocess builds the frame (a generated day of
synthetic traces tiled with new trace ids), scores it with every deterministic evaluator with
default options through `evaluate_batch` (as the evaluate stage does: derived columns shared,
slices of rows side by side, scores in long form), then Evidently 0.7's TextLength,
SentenceCount, WordCount, RegExp, Contains and NonLetterCharacterPercentage on the same
outputs, and reports wall and CPU seconds and peak RSS (and, for the last size, each
evaluator's wall seconds, in a second pass: one evaluator after another on one thread). On a
shared machine compare the two sides of one run: both suffer the same load. No text is
deduplicated, so the templated synthetic texts do not flatter the figures. Ends with one JSON
line. Run:
    PYTHONPATH=. python bench/evaluators.py [--sizes 100000 1000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from typing import Any

import polars as pl

from llmqa.config import AppConfig
from llmqa.evaluate import evaluate_batch
from llmqa.evaluators.catalogue import deterministic_evaluators
from llmqa.evaluators.shared import sharing
from llmqa.synthetic import generate_traces

SKIP_EVIDENTLY_ABOVE = 10_000_000


def traces(rows: int) -> pl.DataFrame:
    """`rows` synthetic traces: one generated sample, tiled, each copy with fresh trace ids."""
    sample = generate_traces(dt.date(2024, 11, 30), days=2, traces_per_day=10_000, seed=11)
    copies = -(-rows // sample.height)
    tiled = pl.concat([sample] * copies).head(rows)
    return tiled.with_columns(pl.format("t{}", pl.int_range(pl.len())).alias("trace_id"))


def run_catalogue(frame: pl.DataFrame) -> tuple[float, float]:
    """Wall and CPU seconds of `evaluate_batch` with every deterministic evaluator, as the evaluate
    stage runs them: sharing derived columns, on slices of rows side by side, scores in long form."""
    app = AppConfig(evaluators={name: {} for name in deterministic_evaluators()})
    start, cpu = time.perf_counter(), time.process_time()
    evaluate_batch(frame, app)
    return time.perf_counter() - start, time.process_time() - cpu


def per_evaluator(frame: pl.DataFrame) -> dict[str, float]:
    """Each evaluator's wall seconds, one after another on one thread inside one `sharing()` block;
    a shared derived column (a text column's tokens) is charged to the first evaluator that reads it."""
    each = {}
    with sharing():
        for name, evaluator in deterministic_evaluators().items():
            began = time.perf_counter()
            evaluator.compute(frame, evaluator.options())
            each[name] = time.perf_counter() - began
    return each


def run_evidently(frame: pl.DataFrame) -> tuple[float, float]:
    """Wall and CPU seconds for Evidently to compute six text descriptors on the outputs of `frame`."""
    from evidently import DataDefinition, Dataset
    from evidently.descriptors import (
        Contains,
        NonLetterCharacterPercentage,
        RegExp,
        SentenceCount,
        TextLength,
        WordCount,
    )

    # Evidently divides by the length, so empty and missing outputs become one space
    data = frame.select(pl.col("output").fill_null(" ").replace("", " ")).to_pandas()
    start, cpu = time.perf_counter(), time.process_time()
    Dataset.from_pandas(
        data,
        data_definition=DataDefinition(text_columns=["output"]),
        descriptors=[
            TextLength("output", alias="length"),
            SentenceCount("output", alias="sentences"),
            WordCount("output", alias="words"),
            RegExp("output", reg_exp=r"\d+", alias="digits"),
            Contains("output", items=["sorry", "cannot"], alias="contains"),
            NonLetterCharacterPercentage("output", alias="non_letters"),
        ],
    )
    return time.perf_counter() - start, time.process_time() - cpu


def measure(rows: int, with_evidently: bool) -> dict[str, Any]:
    """Figures for one size, measured in this process (call it in a fresh subprocess)."""
    frame = traces(rows)
    catalogue, catalogue_cpu = run_catalogue(frame)
    peak_catalogue = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    each = per_evaluator(frame)
    evidently, evidently_cpu = run_evidently(frame) if with_evidently else (float("nan"), float("nan"))
    return {
        "rows": rows,
        "evaluators": len(deterministic_evaluators()),
        "catalogue_s": catalogue,
        "catalogue_cpu_s": catalogue_cpu,
        "traces_per_s": rows / catalogue,
        "peak_rss_mb": peak_catalogue,
        "evidently_s": evidently,
        "evidently_cpu_s": evidently_cpu,
        "evidently_traces_per_s": rows / evidently,
        "evaluator_s": each,
    }


def main(argv: list[str] | None = None) -> int:
    """Measure each size in its own subprocess, print a table and the closing JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--no-evidently", action="store_true")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, not args.no_evidently)))
        return 0
    results = []
    for rows in args.sizes:
        command = [sys.executable, __file__, "--one", str(rows)] + (
            ["--no-evidently"] if args.no_evidently else []
        )
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(
        f"{'rows':>9} {'evaluators':>10} {'catalogue s':>11} {'(cpu s)':>8} {'traces/s':>10} {'peak RSS MB':>11} "
        f"{'evidently s':>11} {'(cpu s)':>8} {'ev traces/s':>11} {'speed-up':>8} {'(cpu)':>6}"
    )
    for r in results:
        print(
            f"{r['rows']:9d} {r['evaluators']:10d} {r['catalogue_s']:11.2f} {r['catalogue_cpu_s']:8.2f} "
            f"{r['traces_per_s']:10.0f} {r['peak_rss_mb']:11.0f} {r['evidently_s']:11.2f} "
            f"{r['evidently_cpu_s']:8.2f} {r['evidently_traces_per_s']:11.0f} {r['evidently_s'] / r['catalogue_s']:8.2f} "
            f"{r['evidently_cpu_s'] / r['catalogue_cpu_s']:6.2f}"
        )
    last = results[-1]
    one_thread = sum(last["evaluator_s"].values())
    print(
        f"\nper evaluator at {last['rows']} rows, one after another on one thread ({one_thread:.2f} s in all):"
    )
    for name, seconds in sorted(last["evaluator_s"].items(), key=lambda item: -item[1]):
        print(f"  {name:20s} {seconds:8.2f} {seconds / one_thread:6.1%}")
    print(json.dumps({
        "traces_per_s_1m": last["traces_per_s"],
        "peak_rss_mb_1m": last["peak_rss_mb"],
        "ratio_vs_evidently": last["evidently_s"] / last["catalogue_s"],
    }))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
