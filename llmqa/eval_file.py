"""`llmqa eval FILE`: score a JSONL, CSV or Parquet file of traces with no warehouse at all.

Rows follow the trace contract (`id` or `trace_id`, `input`, `output`, `context`,
`reference`, ...); contract columns the file lacks are read as null, other columns are
ignored. The result has one row per input row: `id`, then `<name>_score`, `<name>_passed`
and `<name>_reason` per evaluator. With a label column (1 or true where the trace has the
failure) each evaluator's AUROC and balanced accuracy against it are tallied too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl
from pydantic import ValidationError

from llmqa.config import AppConfig
from llmqa.contract import TRACE_SCHEMA
from llmqa.detection_quality import Quality, quality
from llmqa.evaluate import evaluate_batch
from llmqa.evaluators import REGISTRY, json_valid, judges, pattern, semantic_similarity
from llmqa.evaluators.catalogue import deterministic_evaluators

CHUNK_ROWS = 50_000  # rows scored at once: bounds memory on large files
ON_REQUEST = frozenset(
    e.name
    for e in (
        judges.JUDGE_GROUNDEDNESS,
        judges.JUDGE_CORRECTNESS,
        judges.JUDGE_HELPFULNESS,
        semantic_similarity.EVALUATOR,
        json_valid.EVALUATOR,
        pattern.EVALUATOR,
    )
)  # run only when named: judges cost money, embeddings need an extra, JSON and patterns are an app's rules
READERS: dict[str, Callable[[Path], pl.DataFrame]] = {
    ".jsonl": lambda p: pl.read_ndjson(p, infer_schema_length=None),
    ".ndjson": lambda p: pl.read_ndjson(p, infer_schema_length=None),
    ".csv": lambda p: pl.read_csv(p, infer_schema=False),
    ".parquet": pl.read_parquet,
}
WRITERS: dict[str, Callable[[pl.DataFrame, Path], None]] = {
    ".jsonl": lambda f, p: f.write_ndjson(p),
    ".ndjson": lambda f, p: f.write_ndjson(p),
    ".csv": lambda f, p: f.write_csv(p),
    ".parquet": lambda f, p: f.write_parquet(p),
}
FAILURE_LABELS = {"1": 1, "1.0": 1, "true": 1, "0": 0, "0.0": 0, "false": 0}


class EvalFileError(ValueError):
    """The file, its columns, or the evaluators asked for cannot be used; the message says which."""


@dataclass(frozen=True)
class EvaluatorTally:
    """How many rows an evaluator could score, how many of those passed, and (given labels) how
    well its scores separate the labeled failures."""

    name: str
    scored: int
    passed: int
    quality: Quality | None = None


@dataclass(frozen=True)
class EvalFileResult:
    """Where the scores went and a tally per evaluator."""

    out: Path
    rows: int
    tallies: tuple[EvaluatorTally, ...]


def _format(path: Path, known: Mapping[str, object], role: str) -> str:
    suffix = path.suffix.lower()
    if suffix not in known:
        raise EvalFileError(f"{path}: {role} must end in one of {sorted(known)}")
    return suffix


def _as_contract(column: str, values: pl.Series) -> pl.Series:
    """One column cast to its contract type; lists are joined by newlines, structs become JSON."""
    target = TRACE_SCHEMA[column]
    if target == pl.String and isinstance(values.dtype, pl.List):
        return values.cast(pl.List(pl.String)).list.join("\n")
    if target == pl.String and isinstance(values.dtype, pl.Struct):
        return values.struct.json_encode()
    if isinstance(target, pl.Datetime) and values.dtype == pl.String:
        values = values.str.to_datetime(time_unit="us")
    if isinstance(values.dtype, pl.Datetime) and values.dtype.time_zone is not None:
        values = values.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
    return values.cast(target)


def read_traces(path: Path) -> tuple[pl.DataFrame, pl.Series]:
    """The file as a contract batch, and the id of each row (the file's `id`, else `trace_id`)."""
    return _as_batch(_read(path), path)


def _read(path: Path) -> pl.DataFrame:
    """The file's rows as written, once it is known to hold an `output` column."""
    try:
        raw = READERS[_format(path, READERS, "the input file")](path)
    except (OSError, pl.exceptions.PolarsError) as error:
        raise EvalFileError(f"{path}: cannot read: {error}") from None
    if "output" not in raw.columns:
        raise EvalFileError(f"{path}: no 'output' column (columns: {raw.columns})")
    return raw


def _as_batch(raw: pl.DataFrame, path: Path) -> tuple[pl.DataFrame, pl.Series]:
    if "trace_id" not in raw.columns and "id" in raw.columns:
        raw = raw.with_columns(pl.col("id").alias("trace_id"))
    if "trace_id" not in raw.columns:
        raw = raw.with_columns(pl.int_range(1, raw.height + 1).alias("trace_id"))
    columns = []
    for column, dtype in TRACE_SCHEMA.items():
        if column not in raw.columns:
            columns.append(pl.Series(column, [None] * raw.height, dtype=dtype))
            continue
        try:
            columns.append(_as_contract(column, raw[column]))
        except pl.exceptions.PolarsError as error:
            raise EvalFileError(f"{path}: column {column!r} is not {dtype}: {error}") from None
    ids = (raw["id"] if "id" in raw.columns else raw["trace_id"]).cast(pl.String).alias("id")
    return pl.DataFrame(columns), ids


def failure_labels(raw: pl.DataFrame, column: str, path: Path) -> pl.Series:
    """The label `column` as 1 (the trace has the failure), 0 (it has not) or null, from 1/0 or true/false."""
    if column not in raw.columns:
        raise EvalFileError(f"{path}: no label column {column!r} (columns: {raw.columns})")
    text = raw[column].cast(pl.String).str.strip_chars().str.to_lowercase()
    labels = text.replace_strict(FAILURE_LABELS, default=None, return_dtype=pl.Int8)
    unknown = text.filter(labels.is_null() & text.is_not_null())
    if unknown.len():
        raise EvalFileError(
            f"{path}: label column {column!r} holds {unknown[0]!r}: write 1 or true where the trace has "
            "the failure, 0 or false where it has not"
        )
    return labels


def choose_evaluators(requested: Sequence[str] | None, present: set[str]) -> list[str]:
    """The evaluators asked for; by default those not kept for requests whose columns hold data."""
    if requested is None:
        return [
            name
            for name, evaluator in REGISTRY.items()
            if name not in ON_REQUEST and set(evaluator.columns) <= present
        ]
    unknown = sorted(set(requested) - set(REGISTRY))
    if unknown:
        raise EvalFileError(f"unknown evaluator(s) {unknown}; known: {sorted(REGISTRY)}")
    return list(dict.fromkeys(requested))


def _settings(names: list[str], app: AppConfig | None) -> AppConfig:
    """The chosen evaluators with the app's thresholds and options where it sets them."""
    configured = app.evaluators if app else {}
    specs = {n: configured[n].model_dump() if n in configured else {} for n in names}
    try:
        return AppConfig.model_validate({"evaluators": specs})
    except ValidationError as error:
        problems = "; ".join(e["msg"].removeprefix("Value error, ") for e in error.errors())
        raise EvalFileError(f"evaluator options: {problems}") from None


def chosen_evaluators(
    batch: pl.DataFrame, evaluators: Sequence[str] | None, app: AppConfig | None
) -> list[str]:
    """The evaluators asked for, else the app's, else `choose_evaluators`'s default for the batch."""
    if evaluators is None and app is not None:
        evaluators = list(app.evaluators)
    present = {c for c in batch.columns if batch[c].null_count() < batch.height}
    return choose_evaluators(evaluators, present)


def _wide(scores: pl.DataFrame, names: Sequence[str]) -> list[pl.Series]:
    """`<name>_score`, `<name>_passed` and `<name>_reason` per evaluator, in the batch's row order."""
    columns = []
    for name in names:
        block = scores.filter(pl.col("evaluator") == name)
        columns += [block[c].alias(f"{name}_{c}") for c in ("score", "passed", "reason")]
    return columns


def score_wide(
    batch: pl.DataFrame,
    names: Sequence[str],
    app: AppConfig | None = None,
    progress: Callable[[str], None] | None = None,
) -> pl.DataFrame:
    """`<name>_score`, `<name>_passed` and `<name>_reason` of every row of `batch` per evaluator.

    Deterministic evaluators score `CHUNK_ROWS` rows at a time, which bounds memory, and
    `progress` hears of each chunk; model-based ones see the whole batch, so that their
    sampling and daily budget count every row.
    """
    deterministic = [name for name in names if name in deterministic_evaluators()]
    model_based = [name for name in names if name not in deterministic]
    parts = []
    if deterministic:
        parts.append(_scored_in_chunks(batch, deterministic, _settings(deterministic, app), progress))
    if model_based:
        parts.append(pl.DataFrame(_wide(evaluate_batch(batch, _settings(model_based, app)), model_based)))
    wide = pl.concat(parts, how="horizontal") if parts else pl.DataFrame()
    return wide.select(f"{n}_{c}" for n in names for c in ("score", "passed", "reason"))


def evaluate_file(
    path: str | Path,
    out: str | Path,
    evaluators: Sequence[str] | None = None,
    *,
    app: AppConfig | None = None,
    progress: Callable[[str], None] | None = None,
    label: str | None = None,
) -> EvalFileResult:
    """Score every row of `path` and write `out` (format by extension), as `score_wide` scores.

    `app`, an app's config, supplies thresholds and options, and its evaluators are the
    default set; without it, the default is every evaluator that is not kept for requests
    (judges, embeddings, JSON and pattern rules) and whose input columns hold data in the file.
    `label` names a column of the file that says which traces have the failure: each tally
    then holds the evaluator's quality against it, over the rows with a label and a score.
    """
    path, out = Path(path), Path(out)
    writer = WRITERS[_format(out, WRITERS, "--out")]
    raw = _read(path)
    batch, ids = _as_batch(raw, path)
    labels = failure_labels(raw, label, path) if label else None
    names = chosen_evaluators(batch, evaluators, app)
    wide = pl.concat([ids.to_frame(), score_wide(batch, names, app, progress)], how="horizontal")
    tallies = tuple(_tally(wide, name, labels) for name in names)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer(wide, out)
    return EvalFileResult(out, batch.height, tallies)


def _tally(wide: pl.DataFrame, name: str, labels: pl.Series | None) -> EvaluatorTally:
    """One evaluator's counts, and its quality against `labels` where given."""
    score, passed = wide[f"{name}_score"], wide[f"{name}_passed"]
    against = None
    if labels is not None:
        known = labels.is_not_null()
        against = quality(
            labels.filter(known).to_numpy(),
            score.filter(known).fill_null(np.nan).to_numpy(),
            (~passed.filter(known).fill_null(True)).to_numpy(),
        )
    return EvaluatorTally(name, int(score.is_not_null().sum()), int(passed.sum()), against)


def _scored_in_chunks(
    batch: pl.DataFrame, names: list[str], settings: AppConfig, progress: Callable[[str], None] | None
) -> pl.DataFrame:
    """The wide scores of `batch` by `names`, `CHUNK_ROWS` rows at a time (empty columns if no rows)."""
    chunks = []
    for start in range(0, max(batch.height, 1), CHUNK_ROWS):
        chunk = batch.slice(start, CHUNK_ROWS)
        chunks.append(pl.DataFrame(_wide(evaluate_batch(chunk, settings), names)))
        if progress and chunk.height:
            progress(f"scored {start + chunk.height:,} of {batch.height:,} rows")
    return pl.concat(chunks)
