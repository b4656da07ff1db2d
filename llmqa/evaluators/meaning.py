"""Options of evaluators that read by words and can also read meaning (`method: embeddings`).

Sentence embeddings need the 'embeddings' extra; asking for them without it fails when the
config is read, naming the extra.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from llmqa.embeddings import INSTALL_HINT, embeddings_installed


class MeaningOptions(BaseModel):
    """Read by words, or by sentence embeddings too, with the similarity that counts as full marks."""

    model_config = ConfigDict(extra="forbid")
    method: Literal["words", "embeddings"] = Field("words", description="words | embeddings (the extra)")
    full_cosine: float = Field(0.8, gt=0.0, le=1.0, description="embeddings: this similarity scores 1")
    batch_size: int = Field(64, ge=1, le=1024, description="embeddings: texts embedded at once")

    @model_validator(mode="after")
    def _installed(self) -> Self:
        if self.method == "embeddings" and not embeddings_installed():
            raise ValueError(f"method 'embeddings' {INSTALL_HINT}")
        return self
