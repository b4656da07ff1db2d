"""Alerting: threshold rules, the outbox, and (later) delivery channels."""

from llmqa.alerts.outbox import record_alerts
from llmqa.alerts.rules import ALERTS_SCHEMA, evaluate_rules

__all__ = ["ALERTS_SCHEMA", "evaluate_rules", "record_alerts"]
