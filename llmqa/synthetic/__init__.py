"""Synthetic traces: realistic apps with injected failures."""

from llmqa.synthetic.generate import App, Rates, Version, default_apps, generate_traces

__all__ = ["App", "Rates", "Version", "default_apps", "generate_traces"]
