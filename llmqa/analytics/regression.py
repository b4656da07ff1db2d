"""`llmqa compare`: a candidate prompt or model against the current one on the same inputs, as a CI gate.

Rows of the two files (as `llmqa eval` reads them) are paired on `id`; the candidate takes
input, context and reference from the baseline where it lacks them. Per evaluator, pass/fail
pairs get McNemar's exact test and score pairs the Wilcoxon signed-rank test, Holm-adjusted
over all tests. An evaluator is "worse" when an adjusted p-value is below alpha and the
candidate is lower; the comparison fails the gate when any evaluator is worse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from llmqa.analytics import stats
from llmqa.analytics.pages import render
from llmqa.config import AppConfig
from llmqa.eval_file import EvalFileError, chosen_evaluators, read_traces, score_wide
from llmqa.report.destination import write_atomically

SHARED_INPUTS = ("input", "context", "reference")


@dataclass(frozen=True)
class EvaluatorComparison:
    """One evaluator's paired verdicts: pass rates, discordant pairs, mean scores, Holm-adjusted p, verdict."""

    name: str
    pairs: int
    baseline_pass_rate: float | None
    candidate_pass_rate: float | None
    baseline_only: int
    candidate_only: int
    baseline_mean_score: float | None
    candidate_mean_score: float | None
    mcnemar_p: float
    wilcoxon_p: float
    verdict: str


@dataclass(frozen=True)
class Comparison:
    """The whole comparison: how many rows paired, each evaluator's result, and the gate."""

    paired: int
    unmatched_baseline: int
    unmatched_candidate: int
    evaluators: tuple[EvaluatorComparison, ...]
    alpha: float

    @property
    def worse(self) -> bool:
        """Whether the candidate is significantly worse on any evaluator."""
        return any(e.verdict == "worse" for e in self.evaluators)


def _paired_batches(baseline: Path, candidate: Path) -> tuple[pl.DataFrame, pl.DataFrame, int, int]:
    base, base_ids = read_traces(baseline)
    cand, cand_ids = read_traces(candidate)
    base, cand = base.with_columns(base_ids), cand.with_columns(cand_ids)
    paired = base.join(cand, on="id", how="inner", suffix="_candidate", maintain_order="left")
    if paired.height == 0:
        raise EvalFileError(f"no row of {candidate} shares an id with {baseline}")
    columns = [c for c in base.columns if c != "id"]
    cand_paired = paired.select(
        *[pl.coalesce(f"{c}_candidate", c).alias(c) if c in SHARED_INPUTS else pl.col(f"{c}_candidate").alias(c)
          for c in columns]
    )  # fmt: skip
    return paired.select(columns), cand_paired, base.height - paired.height, cand.height - paired.height


def _prefixed(progress: Callable[[str], None] | None, side: str) -> Callable[[str], None] | None:
    return None if progress is None else lambda message: progress(f"{side}: {message}")


def _mean(values: pl.Series) -> float | None:
    return float(values.cast(pl.Float64).mean()) if len(values) else None  # type: ignore[arg-type]


def _compare_one(name: str, base: pl.DataFrame, cand: pl.DataFrame) -> dict:
    both = pl.concat(
        [base.select(score_a=f"{name}_score", passed_a=f"{name}_passed"),
         cand.select(score_b=f"{name}_score", passed_b=f"{name}_passed")],
        how="horizontal",
    ).drop_nulls()  # fmt: skip
    a_only = int((both["passed_a"] & ~both["passed_b"]).sum())
    b_only = int((~both["passed_a"] & both["passed_b"]).sum())
    return {"name": name, "pairs": both.height, "baseline_pass_rate": _mean(both["passed_a"]),
            "candidate_pass_rate": _mean(both["passed_b"]), "baseline_only": a_only, "candidate_only": b_only,
            "baseline_mean_score": _mean(both["score_a"]), "candidate_mean_score": _mean(both["score_b"]),
            "tests": [(stats.mcnemar(a_only, b_only).p_value, b_only - a_only),
                      (stats.wilcoxon_paired(both["score_a"].to_numpy(), both["score_b"].to_numpy()).p_value,
                       _mean(both["score_b"] - both["score_a"]) or 0.0)]}  # fmt: skip


def compare_files(
    baseline: str | Path,
    candidate: str | Path,
    evaluators: Sequence[str] | None = None,
    *,
    app: AppConfig | None = None,
    alpha: float = 0.05,
    progress: Callable[[str], None] | None = None,
) -> Comparison:
    """Evaluate both files' outputs on their shared ids and test the candidate against the baseline.

    Each side is scored as `llmqa eval` scores a file; `progress` hears of each chunk.
    """
    base, cand, only_base, only_cand = _paired_batches(Path(baseline), Path(candidate))
    names = chosen_evaluators(base, evaluators, app)
    base_scores = score_wide(base, names, app, _prefixed(progress, "baseline"))
    cand_scores = score_wide(cand, names, app, _prefixed(progress, "candidate"))
    results = [_compare_one(n, base_scores, cand_scores) for n in names]
    adjusted = iter(stats.holm([p for r in results for p, _ in r["tests"]]))
    rows = []
    for result in results:
        tests = [(next(adjusted), direction) for _, direction in result.pop("tests")]
        significant = [direction for p, direction in tests if p < alpha and direction != 0]
        verdict = ("worse" if any(d < 0 for d in significant) else "better" if significant
                   else "no significant difference")  # fmt: skip
        rows.append(
            EvaluatorComparison(**result, mcnemar_p=tests[0][0], wilcoxon_p=tests[1][0], verdict=verdict)
        )
    return Comparison(base.height, only_base, only_cand, tuple(rows), alpha)


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def comparison_lines(result: Comparison) -> list[str]:
    """The comparison as lines for a terminal or a CI log, the gate's verdict last."""
    lines = [f"{result.paired} paired rows ({result.unmatched_baseline} baseline-only, "
             f"{result.unmatched_candidate} candidate-only ids left out)"]  # fmt: skip
    for e in result.evaluators:
        lines.append(
            f"{e.name}: pass {_rate(e.baseline_pass_rate)} -> {_rate(e.candidate_pass_rate)} on {e.pairs} pairs "
            f"({e.baseline_only} lost, {e.candidate_only} gained; McNemar p = {e.mcnemar_p:.3g}, "
            f"Wilcoxon p = {e.wilcoxon_p:.3g}): {e.verdict}"
        )
    worse = [e.name for e in result.evaluators if e.verdict == "worse"]
    lines.append(f"candidate is significantly worse on {', '.join(worse)}" if worse
                 else f"candidate is not significantly worse on any evaluator (alpha {result.alpha:g})")  # fmt: skip
    return lines


def write_comparison_html(
    result: Comparison, baseline: str | Path, candidate: str | Path, out: str | Path
) -> Path:
    """Render the side-by-side verdict per evaluator as a self-contained page."""
    html = render("compare.html.j2", result=result, baseline=str(baseline), candidate=str(candidate),
                  lines=comparison_lines(result))  # fmt: skip
    path = Path(out)
    write_atomically(path, html)
    return path
