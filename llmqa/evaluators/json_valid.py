"""JSON validity: the output parses as JSON and, when the app gives one, matches its JSON Schema."""

from __future__ import annotations

import json
from typing import Any

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, field_validator

from llmqa.evaluators.base import Evaluator, on_rows, result

FENCE = r"(?s)^\s*```(?:json)?\s*(.*?)\s*```\s*$"
JSON_START = r"^[ \t\n\r]*[\[{\"\-0-9tfnNI]"  # what json.loads can parse past its first character


class JsonValidOptions(BaseModel):
    """An optional JSON Schema, and whether a ```json fenced block counts as the output."""

    model_config = ConfigDict(extra="forbid")
    json_schema: dict[str, Any] | None = Field(None, description="JSON Schema the output must match")
    allow_code_fence: bool = Field(True, description="accept JSON inside a ```json fence")

    @field_validator("json_schema")
    @classmethod
    def _valid_schema(cls, schema: dict[str, Any] | None) -> dict[str, Any] | None:
        if schema is not None:
            from jsonschema import validators
            from jsonschema.exceptions import SchemaError

            try:
                validators.validator_for(schema).check_schema(schema)
            except SchemaError as error:
                raise ValueError(f"not a valid JSON Schema: {error.message}") from None
        return schema


def json_problem(text: str, schema: dict[str, Any] | None) -> str | None:
    """Why `text` is not valid JSON (or does not match `schema`); None when it is fine."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as error:
        return f"not JSON: {str(error)[:120]}"
    if schema is not None:
        from jsonschema import validators

        validator = validators.validator_for(schema)(schema)
        failure = next(iter(validator.iter_errors(value)), None)
        if failure is not None:
            where = "/".join(str(p) for p in failure.absolute_path) or "(root)"
            return f"schema: {where}: {failure.message[:120]}"
    return None


def json_valid(batch: pl.DataFrame, options: JsonValidOptions) -> pl.DataFrame:
    """Score 1 for valid (schema-matching) JSON, 0 otherwise; null without output.

    Texts that may be JSON are parsed one by one. Any other text fails at its first
    non-blank character whatever follows, so only that head is parsed, once per distinct head.
    """
    text = pl.col("output")
    if options.allow_code_fence:
        fenced = on_rows(
            batch,
            text.str.contains("```", literal=True),
            lambda rows: rows.select(text.str.extract(FENCE, 1)),
        )
        text = pl.coalesce(pl.lit(fenced["output"]), text)
    texts = batch.select(text.alias("t"), text.str.contains(JSON_START).alias("plausible"))
    parsed = on_rows(texts, pl.col("plausible"), lambda rows: _problems(rows["t"], options.json_schema))
    heads = texts.select(
        pl.when(~pl.col("plausible")).then(pl.col("t").str.extract(r"(?s)^([ \t\n\r]*.?)", 1))
    )
    distinct = heads.unique().drop_nulls()
    by_head = distinct.hstack(_problems(distinct["t"], None))
    failed_early = heads.join(by_head, on="t", how="left", maintain_order="left")["problem"]
    problem = pl.when(pl.col("plausible")).then(pl.lit(parsed["problem"])).otherwise(pl.lit(failed_early))
    return texts.select(
        result(
            pl.when(pl.col("t").is_null()).then(None).when(problem.is_null()).then(1.0).otherwise(0.0),
            problem,
        )
    )


def _problems(texts: pl.Series, schema: dict[str, Any] | None) -> pl.DataFrame:
    """`json_problem` of each text, per row (JSON has no vectorised validator)."""
    problems = [None if t is None else json_problem(t, schema) for t in texts.to_list()]
    return pl.DataFrame({"problem": problems}, schema={"problem": pl.String})


EVALUATOR = Evaluator(
    name="json_valid",
    columns=("output",),
    threshold=0.5,
    compute=json_valid,
    summary="Flags outputs that are not valid JSON or do not match the app's JSON Schema.",
    options=JsonValidOptions,
)
