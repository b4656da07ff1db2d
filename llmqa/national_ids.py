"""Patterns of national id numbers, shared by the pii evaluator (with checksums) and redaction."""

from __future__ import annotations

NATIONAL_IDS: dict[str, str] = {
    "us_ssn": r"\b(?:00[1-9]|0[1-9]\d|[1-578]\d\d|6[0-57-9]\d|66[0-57-9])-(?:0[1-9]|[1-9]\d)-(?:000[1-9]|00[1-9]\d|0[1-9]\d\d|[1-9]\d{3})\b",
    "uk_nino": r"(?i:\b[A-CEGHJ-PR-TY-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b)",
    "es_dni": r"\b(?:\d{8}|[XYZ]\d{7})-?[A-HJ-NP-TV-Z]\b",
    "it_codice_fiscale": r"\b[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z]\b",
    "br_cpf": r"\b\d{3}\.\d{3}\.\d{3}-\d{2}\b",
    "fr_nir": r"\b[12] ?\d{2} ?(?:0[1-9]|1[0-2]) ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}\b",
}
