"""Semantic similarity: the answer means what the reference says, or stays on the question."""

from __future__ import annotations

from typing import Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, model_validator

from llmqa.embeddings import INSTALL_HINT, cosine_pairs, embeddings_installed
from llmqa.evaluators.base import Evaluator, on_every_row, result


class SemanticSimilarityOptions(BaseModel):
    """What the answer is compared with: the reference answer, or the question (relevance)."""

    model_config = ConfigDict(extra="forbid")
    against: Literal["reference", "input"] = Field("reference", description="reference | input")
    batch_size: int = Field(64, ge=1, le=1024, description="texts embedded at once")

    @model_validator(mode="after")
    def _installed(self) -> SemanticSimilarityOptions:
        if not embeddings_installed():
            raise ValueError(f"semantic_similarity {INSTALL_HINT}")
        return self


def semantic_similarity(batch: pl.DataFrame, options: SemanticSimilarityOptions) -> pl.DataFrame:
    """Cosine similarity of answer and reference (or question) embeddings, clipped to [0, 1]."""
    present = [
        pl.col(c).str.strip_chars().str.len_chars().fill_null(0) > 0 for c in ("output", options.against)
    ]
    pairs = batch.select(
        pl.col("output"),
        pl.col(options.against).alias("other"),
        (present[0] & present[1]).alias("both"),
    )
    rows = pairs.with_row_index("row").filter("both")
    cosines = cosine_pairs(rows["output"].to_list(), rows["other"].to_list(), batch_size=options.batch_size)
    similarity = pl.DataFrame({"row": rows["row"], "cosine": pl.Series(cosines, dtype=pl.Float64)})
    return on_every_row(similarity, batch.height).select(
        result(
            pl.col("cosine"),
            pl.when(pl.col("cosine").is_not_null()).then(
                pl.format(f"similarity to {options.against}: {{}}", pl.col("cosine").round(2))
            ),
        )
    )


EVALUATOR = Evaluator(
    name="semantic_similarity",
    columns=("output", "reference", "input"),
    threshold=0.5,
    compute=semantic_similarity,
    summary="Embedding similarity of the answer to the reference answer (or to the question).",
    options=SemanticSimilarityOptions,
)
