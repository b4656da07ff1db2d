"""Alerting: rules judged on the day's results, an outbox, and delivery to Slack and webhooks.

The alert stage (`stage.plan_alerts`) writes outbox rows; the deliver stage
(`deliver.deliver_pending`) posts them. Import those from their modules: this package
stays light because llmqa.config imports its settings.
"""

from llmqa.alerts.schema import ALERTS_SCHEMA

__all__ = ["ALERTS_SCHEMA"]
