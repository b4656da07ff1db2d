"""JSON validity: the output parses as JSON and, when the app gives one, matches its JSON Schema."""

from __future__ import annotations

import json
from typing import Any

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, field_validator

from llmqa.evaluators.base import Evaluator, result

FENCE = r"(?s)^\s*```(?:json)?\s*(.*?)\s*```\s*$"


class JsonValidOptions(BaseModel):
    """An optional JSON Schema, and whether a ```json fenced block counts as the output."""

    model_config = ConfigDict(extra="forbid")
    json_schema: dict[str, Any] | None = Field(None, description="JSON Schema the output must match")
    allow_code_fence: bool = True

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
    """Score 1 for valid (schema-matching) JSON, 0 otherwise; null without output. Parses per row."""
    text = pl.col("output")
    if options.allow_code_fence:
        text = pl.coalesce(text.str.extract(FENCE, 1), text)
    texts = batch.select(text.alias("t"))["t"].to_list()
    problems = [None if t is None else json_problem(t, options.json_schema) for t in texts]
    frame = pl.DataFrame({"t": texts, "problem": problems}, schema={"t": pl.String, "problem": pl.String})
    return frame.select(
        result(
            pl.when(pl.col("t").is_null())
            .then(None)
            .when(pl.col("problem").is_null())
            .then(1.0)
            .otherwise(0.0),
            pl.col("problem"),
        )
    )


EVALUATOR = Evaluator(
    name="json_valid",
    columns=("output",),
    threshold=0.5,
    compute=json_valid,
    summary="Flags outputs that are not valid JSON or do not match the app's JSON Schema.",
    options=JsonValidOptions,
)
