"""The human review loop: a stratified, repeatable sample; labels parsed; agreement and its drop measured."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from llmqa.analytics.review_agreement import review_agreement
from llmqa.analytics.review_labels import LabelFileError, read_labels
from llmqa.analytics.review_sample import review_sample, strata
from llmqa.analytics.settings import ReviewConfig
from tests.conftest import DAY


def _scored(n: int = 1000, seed: int = 1) -> pl.DataFrame:
    """n traces with their verdicts; about 10% fail groundedness and 3% refusal, independently."""
    rng = np.random.default_rng(seed)
    return pl.DataFrame({
        "trace_id": [f"t{i:04d}" for i in range(n)], "prompt_version": "v1", "model": "m",
        "groundedness_passed": rng.random(n) > 0.10, "refusal_passed": rng.random(n) > 0.03,
    })  # fmt: skip


def test_the_sample_takes_failures_per_evaluator_and_a_slice_of_passes() -> None:
    traces = _scored()
    sample = review_sample(
        DAY, "bot", traces, strata(traces), ReviewConfig(failing_per_evaluator=20, passing=30)
    )
    sizes = dict(sample.group_by("stratum").len().iter_rows())
    assert sizes == {"fail:groundedness": 20, "fail:refusal": 20, "pass": 30}
    failing = set(traces.filter(~pl.col("groundedness_passed") | ~pl.col("refusal_passed"))["trace_id"])
    assert set(sample.filter(pl.col("stratum") != "pass")["trace_id"]) <= failing
    assert not set(sample.filter(pl.col("stratum") == "pass")["trace_id"]) & failing


def test_weights_scale_each_stratum_back_to_the_day() -> None:
    traces = _scored()
    sample = review_sample(
        DAY, "bot", traces, strata(traces), ReviewConfig(failing_per_evaluator=20, passing=30)
    )
    assert sample["weight"].sum() == pytest.approx(traces.height)
    passing = sample.filter(pl.col("stratum") == "pass").row(0, named=True)
    assert passing["weight"] == pytest.approx(passing["stratum_size"] / 30)


def test_the_sample_is_the_same_whatever_the_row_order() -> None:
    traces = _scored()
    cfg = ReviewConfig()
    first = review_sample(DAY, "bot", traces, strata(traces), cfg)
    shuffled = traces.sample(fraction=1.0, shuffle=True, seed=4)
    again = review_sample(DAY, "bot", traces.reverse(), strata(shuffled), cfg)
    assert first.equals(again)


def _labelled(
    evaluator: str, day: dt.date, tp: int, fp: int, fn: int, tn: int, weight: float = 1.0
) -> pl.DataFrame:
    """Labels with a given confusion table; positive = fail (passed False)."""
    cells = [(False, False, tp), (False, True, fp), (True, False, fn), (True, True, tn)]
    rows = [(day, evaluator, passed, human, weight) for passed, human, k in cells for _ in range(k)]
    return pl.DataFrame(rows, schema=["day", "evaluator", "passed", "human_passed", "weight"], orient="row")


def test_precision_recall_and_kappa_match_the_confusion_table() -> None:
    labelled = _labelled("judge_groundedness", DAY, tp=40, fp=10, fn=5, tn=45)
    row = review_agreement(DAY, "bot", labelled, ReviewConfig()).row(0, named=True)
    assert row["precision"] == pytest.approx(0.8) and row["recall"] == pytest.approx(40 / 45)
    # observed 0.85; chance (50 * 45 + 50 * 55) / 100^2 = 0.5; kappa (0.85 - 0.5) / 0.5
    assert row["kappa"] == pytest.approx(0.7) and row["agreement"] == pytest.approx(0.85)


def test_kappa_is_for_llm_judges_only() -> None:
    row = review_agreement(DAY, "bot", _labelled("refusal", DAY, 5, 1, 1, 5), ReviewConfig()).row(
        0, named=True
    )
    assert row["kappa"] is None and row["precision"] is not None


def test_sampling_weights_correct_recall_for_the_under_sampled_passes() -> None:
    # failures missed by the evaluator sit in the pass stratum, sampled at 1 in 10
    labelled = pl.concat(
        [_labelled("refusal", DAY, 30, 0, 0, 0), _labelled("refusal", DAY, 0, 0, 3, 27, weight=10.0)]
    )
    row = review_agreement(DAY, "bot", labelled, ReviewConfig()).row(0, named=True)
    assert row["recall"] == pytest.approx(30 / (30 + 30))


def test_an_evaluator_made_to_disagree_this_week_is_flagged_and_a_steady_one_is_not() -> None:
    weeks = [DAY - dt.timedelta(days=7 * k + 2) for k in range(4)]
    steady = pl.concat([_labelled("refusal", d, 20, 1, 1, 38) for d in weeks])
    slipping = pl.concat([_labelled("judge_groundedness", d, 20, 1, 1, 38) for d in weeks[1:]]
                         + [_labelled("judge_groundedness", weeks[0], 12, 9, 9, 30)])  # fmt: skip
    result = review_agreement(DAY, "bot", pl.concat([steady, slipping]), ReviewConfig())
    flagged = result.filter("flagged")
    assert flagged["evaluator"].to_list() == ["judge_groundedness"]
    assert flagged["period_end"][0] == DAY and "fell from 97% to 70%" in flagged["note"][0]
    assert result.filter(pl.col("evaluator") == "refusal").height == 4


def _csv(tmp_path: Path, answers: list[str]) -> Path:
    path = tmp_path / "labels.csv"
    rows = [{"day": str(DAY), "app_id": "bot", "trace_id": f"t{i}", "evaluator": "refusal", "weight": "2.5",
             "stratum": "pass", "human_passed": a, "reviewer": "ana", "note": ""} for i, a in enumerate(answers)]  # fmt: skip
    pl.DataFrame(rows).write_csv(path)
    return path


def test_labels_accept_the_usual_spellings_and_skip_blank_rows(tmp_path: Path) -> None:
    labels = read_labels(_csv(tmp_path, ["pass", "FAIL", " yes ", "0", "", "1"]))
    assert labels["human_passed"].to_list() == [True, False, True, False, True]
    assert labels["weight"][0] == 2.5 and labels["day"][0] == DAY


def test_an_unreadable_label_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(LabelFileError, match="line 3"):
        read_labels(_csv(tmp_path, ["pass", "maybe"]))
