"""Controlled vocabularies shared by :class:`toolkit.Case` and the curated tables.

One place defines every allowed value; the pandera schemas, the Case validator and
the widgets all read from here so that they cannot drift.
"""
from __future__ import annotations

import re

__all__ = [
    "DATA_TYPES", "SECTORS", "CLOUD_PROVIDERS", "MISCONFIGURATION_TYPES", "CLOUD_STYLE_FAILURES",
    "SERVICE_MODELS", "OUTCOME_TYPES", "CONTROLS", "TRISTATE", "PARTIES", "JURISDICTION_PATTERN",
    "is_jurisdiction",
]

#: Categories of personal data (outcomes table ``data_types``; Case ``data_types``).
DATA_TYPES = (
    "ssn", "financial", "payment_card", "health", "credentials", "contact", "biometric",
    "government_id", "location", "minors", "other",
)
SECTORS = (
    "finance", "healthcare", "retail", "technology", "telecom", "government", "education",
    "hospitality", "media", "transport", "insurance", "other",
)
CLOUD_PROVIDERS = ("aws", "azure", "gcp", "oracle", "snowflake", "other_cloud", "self_hosted", "unknown")
MISCONFIGURATION_TYPES = (
    "public_bucket", "open_database", "iam_overprivilege", "leaked_credentials", "no_mfa",
    "waf_ssrf", "unpatched", "other",
)
#: The misconfiguration types that count as cloud-style failures.
CLOUD_STYLE_FAILURES = (
    "public_bucket", "open_database", "iam_overprivilege", "leaked_credentials", "no_mfa", "waf_ssrf",
)
SERVICE_MODELS = ("iaas", "paas", "saas", "onprem", "unknown")
OUTCOME_TYPES = (
    "class_settlement", "regulatory_fine", "ag_settlement", "verdict", "dismissed_standing",
    "dismissed_other", "pending",
)
#: The governance controls that decide the standard of care (prior warnings is kept apart).
CONTROLS = (
    "mfa", "encryption_at_rest", "least_privilege", "logging_monitoring", "config_scanning",
    "access_reviews", "ir_plan_tested", "vendor_oversight",
)
TRISTATE = ("yes", "no", "unknown")
PARTIES = ("customer", "provider", "integrator")

#: ISO 3166 alpha-2 country, optional subdivision (``US-CA``), or ``EU-xx`` for a member state's authority.
JURISDICTION_PATTERN = r"^(EU|[A-Z]{2})(-[A-Z0-9]{1,3})?$"
_JURISDICTION_RE = re.compile(JURISDICTION_PATTERN)


def is_jurisdiction(code: object) -> bool:
    """True if ``code`` looks like a jurisdiction code (``US``, ``US-CA``, ``GB``, ``EU-IE``).

    Examples
    --------
    >>> is_jurisdiction("US-CA"), is_jurisdiction("california")
    (True, False)
    """
    return isinstance(code, str) and bool(_JURISDICTION_RE.match(code))
