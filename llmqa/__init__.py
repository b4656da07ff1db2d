"""llmqa: daily output-quality monitoring for LLM applications."""

__version__ = "0.1.0"
