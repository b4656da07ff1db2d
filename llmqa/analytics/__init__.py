"""LLMOps analytics of a day's traffic: task metrics, prompt A/B, cost, caching, context and review.

Each analysis is one module of pure functions over polars frames; `stage.py` wires them
into the day's run. This package file imports nothing, so the config can import the
task-metric spec without pulling in the rest.
"""
