"""Patterns of credentials, shared by the secrets evaluator and redaction."""

from __future__ import annotations

SECRET_PATTERNS: dict[str, str] = {
    "aws_access_key": r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b",
    "github_token": r"\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{22,}\b",
    "openai_key": r"\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{20,})\b",
    "anthropic_key": r"\bsk-ant-[A-Za-z0-9_-]{20,}\b",
    "slack_token": r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b",
    "slack_webhook": r"hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+",
    "google_api_key": r"\bAIza[0-9A-Za-z_-]{35}\b",
    "stripe_key": r"\b[rs]k_live_[0-9A-Za-z]{20,}\b",
    "huggingface_token": r"\bhf_[A-Za-z0-9]{30,}\b",
    "gitlab_token": r"\bglpat-[A-Za-z0-9_-]{20,}\b",
    "npm_token": r"\bnpm_[A-Za-z0-9]{36}\b",
    "sendgrid_key": r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b",
    "azure_storage_key": r"\bAccountKey=[A-Za-z0-9+/]{40,}={0,2}",
    "jwt": r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b",
    "private_key": r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----",
    "password_assignment": r"(?i)\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token)\b\s*[:=]\s*['\"]?[^\s'\"]{8,}",
    "connection_string": r"(?i)\b[a-z][a-z0-9+]*://[^\s:/@]+:[^\s/@]{3,}@[^\s/]+",
}

# redaction removes a private key's whole block, not just the header the evaluator needs to see
PRIVATE_KEY_BLOCK = (
    r"-----BEGIN [A-Z ]*PRIVATE KEY(?: BLOCK)?-----(?s:.*?)(?:-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----|$)"
)
