"""Controlled vocabularies shared by :class:`toolkit.Case` and the curated tables.

One place defines every allowed value; the pandera schemas, the Case validator and
the widgets all read from here so that they cannot drift.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "DATA_TYPES", "SECTORS", "CLOUD_PROVIDERS", "MISCONFIGURATION_TYPES", "CLOUD_STYLE_FAILURES",
    "SERVICE_MODELS", "OUTCOME_TYPES", "HEADLINE_TRACKS", "HEADLINE_TRACK_LABELS", "CONTROLS", "CONTROL_LABELS", "TRISTATE", "PARTIES", "JURISDICTION_PATTERN",
    "is_jurisdiction", "US_STATES", "EU_EEA_STATES", "AUTHORITY_REGIONS", "Authority", "AUTHORITIES",
    "AUTHORITY_CODES", "authority_track", "OTHER_JURISDICTIONS", "JURISDICTIONS", "SYNONYMS", "suggest_term",
    "GOVERNANCE", "RESPONSE_DAYS", "RESPONSE_FLAGS", "RESPONSE_KEYS", "HARMS", "AGGRAVATION", "SENSITIVE_CATEGORIES",
]
__all__ += ["DEFENSES", "LAYERS", "DEFAULT_LAYER", "EEA_STATES", "APAC_COUNTRIES", "AMERICAS_COUNTRIES",
            "jurisdiction_region"]

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
#: Affirmative defenses a defendant can raise (``Case.defenses``; see ``toolkit.liability.defenses``).
DEFENSES = ("vendor_documentation", "soc2", "iso27001", "sophisticated_attack", "disclosed_risk")
#: The layer of the stack that was misconfigured (``Case.misconfigured_layer``; shared-responsibility model).
LAYERS = ("data", "identity", "network", "platform", "physical", "unknown")
#: The default misconfigured layer for each misconfiguration type.
DEFAULT_LAYER = {
    "public_bucket": "data",
    "open_database": "network",
    "iam_overprivilege": "identity",
    "leaked_credentials": "identity",
    "no_mfa": "identity",
    "waf_ssrf": "network",
    "unpatched": "platform",
    "other": "unknown",
}
OUTCOME_TYPES = (
    "class_settlement", "regulatory_fine", "ag_settlement", "verdict", "dismissed_standing",
    "dismissed_other", "pending", "securities_settlement", "derivative_settlement",
)
#: The three headline tracks of ``Assessment.outcome_ranges``, each with the words a reader sees (summary,
#: exhibits, figures, command line).
HEADLINE_TRACK_LABELS = {"class_settlement": "class settlement", "regulatory_fine": "regulatory fines",
                         "ag_settlement": "attorney-general settlements"}
HEADLINE_TRACKS = tuple(HEADLINE_TRACK_LABELS)
#: The governance controls that decide the standard of care (prior warnings is kept apart).
#: Each control with the words text shows for it (tornado labels, notes).
CONTROL_LABELS = {
    "mfa": "multi-factor authentication", "encryption_at_rest": "encryption at rest",
    "least_privilege": "least privilege", "logging_monitoring": "logging and monitoring",
    "config_scanning": "configuration scanning", "access_reviews": "access reviews",
    "ir_plan_tested": "tested incident-response plan", "vendor_oversight": "vendor oversight",
}
CONTROLS = tuple(CONTROL_LABELS)
TRISTATE = ("yes", "no", "unknown")
#: The security program around the controls (a matter's ``governance:`` block; each yes / no / unknown).
GOVERNANCE = (
    "risk_assessment", "change_management", "security_program", "independent_audit", "executive_oversight",
    "documentation", "training",
)
#: Incident handling (a matter's ``response:`` block): optional day counts, then yes / no / unknown flags.
RESPONSE_DAYS = ("days_to_detect", "days_to_contain", "days_to_notify")
RESPONSE_FLAGS = ("notified_regulator_on_time", "cooperated_with_regulator", "offered_credit_monitoring",
                  "corrected_within_30_days")
RESPONSE_KEYS = RESPONSE_DAYS + RESPONSE_FLAGS
#: The harms the class alleges (a matter's ``harms:`` block; ``evidence_of_misuse`` is also a top-level field).
HARMS = ("evidence_of_misuse", "identity_theft_reported", "emotional_distress_alleged", "lost_time_alleged")
#: Aggravation found or alleged (a matter's ``aggravation:`` block; prior warnings stay a top-level field).
AGGRAVATION = ("previous_infringements", "financial_benefit")
#: Data types that make a special category of harm (``Case.sensitive_category`` derives from ``data_types``).
SENSITIVE_CATEGORIES = ("health", "minors", "biometric")
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


# --------------------------------------------------------------------------- authorities
#: The 50 US states and DC (USPS codes): ``US-XX`` jurisdictions and ``US-XX-AG`` authorities.
US_STATES = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
    "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
)
#: EU member states and the EEA states (NO, IS, LI): ``EU-XX`` jurisdictions and ``EU-XX-DPA`` authorities.
#: Greece is ``GR`` (ISO 3166), not the EU's ``EL``.
EU_EEA_STATES = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
    "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "NO", "IS", "LI",
)
#: The EEA states outside the EU (Norway, Iceland, Liechtenstein). They apply the GDPR through the EEA
#: Agreement, so every grouping in the toolkit counts them as ``eu``; a bare ``NO`` means ``EU-NO``.
EEA_STATES = ("NO", "IS", "LI")
#: Regions used to pool thin authorities (authority -> region -> global), and the regions of
#: :func:`jurisdiction_region`.
AUTHORITY_REGIONS = ("us_federal", "us_state", "gb", "eu", "apac", "americas", "other")
#: Countries of the ``apac`` region (ISO 3166 alpha-2).
APAC_COUNTRIES = ("SG", "KR", "AU", "JP", "HK", "NZ", "PH", "TH", "IN", "CN", "MY", "ID", "TW", "VN")
#: Countries of the ``americas`` region other than the US (ISO 3166 alpha-2).
AMERICAS_COUNTRIES = ("CA", "BR", "MX", "AR", "CL", "CO", "PE")


def jurisdiction_region(code: object) -> str:
    """The region of a jurisdiction code, one of :data:`AUTHORITY_REGIONS`.

    The one grouping of jurisdictions in the toolkit: the regressor's regime features, the
    datasets notebook's regimes and the calibration's pooling regions are all views of it.

    - ``US`` (a nationwide forum or federal agency) is ``us_federal``; ``US-xx`` is ``us_state``.
    - ``GB`` (or ``UK``) is ``gb``.
    - ``EU``, ``EU-xx`` and the EEA states ``NO``, ``IS``, ``LI`` (bare or as ``EU-NO``) are ``eu``:
      the EEA applies the GDPR. Switzerland (``CH``) is ``eu`` too, as its authority ``CH-FDPIC``
      is: the revised FADP follows the GDPR closely and the Swiss outcomes are too few to stand alone.
    - :data:`APAC_COUNTRIES` are ``apac``, :data:`AMERICAS_COUNTRIES` ``americas``; anything
      else, a missing value included, is ``other``.

    Parameters
    ----------
    code : str
        A jurisdiction code such as ``US``, ``US-CA``, ``EU-IE``, ``NO``, ``GB``, ``SG``.

    Returns
    -------
    str

    Examples
    --------
    >>> [jurisdiction_region(c) for c in ("US", "US-CA", "EU-IE", "NO", "GB", "SG", "CA-QC", None)]
    ['us_federal', 'us_state', 'eu', 'eu', 'gb', 'apac', 'americas', 'other']
    """
    if not isinstance(code, str) or not code.strip():
        return "other"
    parts = code.strip().upper().split("-")
    country = parts[0]
    if country == "US":
        return "us_state" if len(parts) > 1 else "us_federal"
    if country in ("GB", "UK"):
        return "gb"
    if country in ("EU", "CH") or country in EEA_STATES:
        return "eu"
    if country in APAC_COUNTRIES:
        return "apac"
    if country in AMERICAS_COUNTRIES:
        return "americas"
    return "other"


@dataclass(frozen=True)
class Authority:
    """One enforcement authority of the vocabulary (``Case.regulators``, outcomes ``regulator``).

    ``track`` is the headline row it feeds: ``ag_settlement`` for attorneys general,
    ``regulatory_fine`` for every other authority. ``country`` is the jurisdiction code whose
    law it enforces (``US`` for federal agencies, ``US-NY`` for a state's, ``EU-IE`` for a DPA).
    """

    code: str
    name: str
    track: str
    region: str
    country: str


def _authorities() -> dict[str, Authority]:
    out: dict[str, Authority] = {}

    def add(code, name, region, country, track="regulatory_fine"):
        out[code] = Authority(code, name, track, region, country)

    for code, name in (("US-HHS-OCR", "HHS Office for Civil Rights (HIPAA)"), ("US-FTC", "Federal Trade Commission"),
                       ("US-SEC", "Securities and Exchange Commission"),
                       ("US-OCC", "Office of the Comptroller of the Currency"),
                       ("US-FRB", "Board of Governors of the Federal Reserve System"),
                       ("US-CFPB", "Consumer Financial Protection Bureau"),
                       ("US-FCC", "Federal Communications Commission"),
                       ("US-FDIC", "Federal Deposit Insurance Corporation"),
                       ("US-DOJ", "Department of Justice (civil penalties)"),
                       ("US-FINRA", "Financial Industry Regulatory Authority")):
        add(code, name, "us_federal", "US")
    add("US-NY-DFS", "New York Department of Financial Services", "us_state", "US-NY")
    add("US-CA-CPPA", "California Privacy Protection Agency", "us_state", "US-CA")
    add("US-CT-CID", "Connecticut Insurance Department", "us_state", "US-CT")
    add("US-MA-OCABR", "Massachusetts Office of Consumer Affairs and Business Regulation", "us_state", "US-MA")
    add("US-MULTISTATE-AG", "Attorneys general of several states", "us_state", "US", "ag_settlement")
    for state in US_STATES:
        add(f"US-{state}-AG", f"Attorney General of {state}", "us_state", f"US-{state}", "ag_settlement")
    add("GB-ICO", "UK Information Commissioner's Office", "gb", "GB")
    add("GB-FCA", "UK Financial Conduct Authority", "gb", "GB")
    add("GB-PRA", "UK Prudential Regulation Authority", "gb", "GB")
    for state in EU_EEA_STATES:
        add(f"EU-{state}-DPA", f"Data protection authority of {state}", "eu", f"EU-{state}")
    add("EU-IE-FIN", "Central Bank of Ireland (financial supervisor)", "eu", "EU-IE")
    for code, name, region, country in (
            ("SG-PDPC", "Singapore Personal Data Protection Commission", "apac", "SG"),
            ("KR-PIPC", "Korea Personal Information Protection Commission", "apac", "KR"),
            ("AU-OAIC", "Office of the Australian Information Commissioner", "apac", "AU"),
            ("AU-ASIC", "Australian Securities and Investments Commission", "apac", "AU"),
            ("AU-APRA", "Australian Prudential Regulation Authority", "apac", "AU"),
            ("JP-PPC", "Japan Personal Information Protection Commission", "apac", "JP"),
            ("HK-PCPD", "Hong Kong Privacy Commissioner for Personal Data", "apac", "HK"),
            ("NZ-OPC", "New Zealand Office of the Privacy Commissioner", "apac", "NZ"),
            ("PH-NPC", "Philippines National Privacy Commission", "apac", "PH"),
            ("TH-PDPC", "Thailand Personal Data Protection Committee", "apac", "TH"),
            ("IN-DPB", "India Data Protection Board / CERT-In", "apac", "IN"),
            ("CA-OPC", "Office of the Privacy Commissioner of Canada", "americas", "CA"),
            ("CA-QC-CAI", "Commission d'accès à l'information du Québec", "americas", "CA-QC"),
            ("CA-ON-IPC", "Information and Privacy Commissioner of Ontario", "americas", "CA-ON"),
            ("CA-BC-OIPC", "Information and Privacy Commissioner for British Columbia", "americas", "CA-BC"),
            ("CA-AB-OIPC", "Information and Privacy Commissioner of Alberta", "americas", "CA-AB"),
            ("BR-ANPD", "Brazil National Data Protection Authority", "americas", "BR"),
            ("TR-KVKK", "Turkish Personal Data Protection Authority", "other", "TR"),
            ("ZA-IR", "South Africa Information Regulator", "other", "ZA"),
            ("IL-PPA", "Israel Privacy Protection Authority", "other", "IL"),
            ("CH-FDPIC", "Swiss Federal Data Protection and Information Commissioner", "eu", "CH")):
        add(code, name, region, country)
    return out


#: Every authority code, with its name, headline track, pooling region and country.
AUTHORITIES: dict[str, Authority] = _authorities()
AUTHORITY_CODES = tuple(AUTHORITIES)


def authority_track(code: str) -> str:
    """``ag_settlement`` for an attorney general's code, ``regulatory_fine`` for any other authority.

    >>> authority_track("US-CA-AG"), authority_track("GB-ICO")
    ('ag_settlement', 'regulatory_fine')
    """
    return AUTHORITIES[code].track


# --------------------------------------------------------------------------- jurisdictions
#: Jurisdictions outside the US and the EU/EEA that the toolkit supports: every country (and
#: Canadian province) with an authority in :data:`AUTHORITIES`, the other Canadian provinces, the
#: Australian and Brazilian states whose courts appear in the outcomes table, and Chile.
OTHER_JURISDICTIONS = ("AU", "AU-NSW", "AU-QLD", "AU-VIC", "BR", "BR-MA", "BR-MG", "CA", "CA-AB", "CA-BC", "CA-MB",
                       "CA-NB", "CA-NL", "CA-NS", "CA-ON", "CA-PE", "CA-QC", "CA-SK", "CH", "CL", "HK", "IL", "IN",
                       "JP", "KR", "NZ", "PH", "SG", "TH", "TR", "ZA")

#: Every supported jurisdiction code, each with an explicit row (its fault-allocation rule) in
#: ``data/jurisdictions.csv``: ``US`` (no state identified), the 50 states and DC (``US-XX``),
#: ``GB``, each EU/EEA member state (``EU-XX``) and :data:`OTHER_JURISDICTIONS`. A matter naming any
#: other code is refused: no country's law is applied silently to another.
JURISDICTIONS = (("US",) + tuple(f"US-{s}" for s in sorted(US_STATES)) + ("GB",)
                 + tuple(f"EU-{s}" for s in sorted(EU_EEA_STATES)) + OTHER_JURISDICTIONS)

# --------------------------------------------------------------------------- suggestions
#: Words analysts write for the controlled values, per field: ``{field: {synonym: value}}``.
#: Used only for "did you mean" hints (a synonym is never accepted silently).
SYNONYMS: dict[str, dict[str, str]] = {
    "sector": {
        "hospital": "healthcare", "health": "healthcare", "clinic": "healthcare", "medical": "healthcare",
        "pharma": "healthcare", "pharmacy": "healthcare", "health_care": "healthcare", "hipaa": "healthcare",
        "bank": "finance", "banking": "finance", "financial": "finance", "fintech": "finance", "credit": "finance",
        "payments": "finance", "lender": "finance", "crypto": "finance", "insurer": "insurance",
        "university": "education", "school": "education", "college": "education", "edtech": "education",
        "hotel": "hospitality", "restaurant": "hospitality", "travel": "hospitality", "casino": "hospitality",
        "airline": "transport", "logistics": "transport", "shipping": "transport", "automotive": "transport",
        "telco": "telecom", "telecommunications": "telecom", "mobile": "telecom", "isp": "telecom",
        "software": "technology", "saas": "technology", "tech": "technology", "it": "technology",
        "ecommerce": "retail", "e_commerce": "retail", "shop": "retail", "store": "retail",
        "public": "government", "agency": "government", "public_sector": "government", "municipal": "government",
        "news": "media", "publishing": "media", "entertainment": "media", "gaming": "media", "social_media": "media",
    },
    "misconfiguration_type": {
        "open_elasticsearch": "open_database", "elasticsearch": "open_database", "open_mongodb": "open_database",
        "mongodb": "open_database", "open_redis": "open_database", "unsecured_database": "open_database",
        "exposed_database": "open_database", "open_kibana": "open_database", "unprotected_database": "open_database",
        "database": "open_database", "open_db": "open_database",
        "s3": "public_bucket", "s3_bucket": "public_bucket", "open_s3": "public_bucket", "open_bucket": "public_bucket",
        "public_s3": "public_bucket", "blob": "public_bucket", "public_blob": "public_bucket",
        "exposed_bucket": "public_bucket", "bucket": "public_bucket",
        "leaked_keys": "leaked_credentials", "leaked_key": "leaked_credentials", "hardcoded_credentials": "leaked_credentials",
        "exposed_keys": "leaked_credentials", "github_keys": "leaked_credentials", "stolen_credentials": "leaked_credentials",
        "ssrf": "waf_ssrf", "waf": "waf_ssrf", "no_2fa": "no_mfa", "no_two_factor": "no_mfa", "missing_mfa": "no_mfa",
        "overprivileged_role": "iam_overprivilege", "iam": "iam_overprivilege", "over_privileged": "iam_overprivilege",
        "excessive_permissions": "iam_overprivilege", "unpatched_server": "unpatched", "patching": "unpatched",
    },
    "cloud_provider": {
        "amazon": "aws", "amazon_web_services": "aws", "microsoft": "azure", "google": "gcp",
        "google_cloud": "gcp", "oci": "oracle", "on_premises": "self_hosted", "onprem": "self_hosted",
        "on_prem": "self_hosted",
    },
    "data_types": {
        "social_security": "ssn", "social_security_number": "ssn", "sin": "government_id", "passport": "government_id",
        "drivers_license": "government_id", "driver_license": "government_id", "national_id": "government_id",
        "credit_card": "payment_card", "card": "payment_card", "pci": "payment_card", "bank_account": "financial",
        "email": "contact", "phone": "contact", "address": "contact", "name": "contact", "pii": "contact",
        "password": "credentials", "passwords": "credentials", "login": "credentials",
        "medical": "health", "phi": "health", "fingerprint": "biometric", "face": "biometric", "gps": "location",
        "children": "minors", "kids": "minors",
    },
}


def suggest_term(field: str, word: object, options) -> str | None:
    """The allowed value an analyst most likely meant, for a "did you mean" hint (or None).

    A domain synonym (:data:`SYNONYMS`) wins over spelling: ``hospital`` is a hospital's
    sector (``healthcare``), not a near-spelling (``hospitality``).

    Examples
    --------
    >>> suggest_term("sector", "hospital", SECTORS)
    'healthcare'
    >>> suggest_term("misconfiguration_type", "open_elasticsearch", MISCONFIGURATION_TYPES)
    'open_database'
    >>> suggest_term("sector", "finanse", SECTORS)
    'finance'
    """
    from .errors import suggest

    if not isinstance(word, str):
        return None
    options = [str(o) for o in options]
    key = re.sub(r"[\s\-./]+", "_", word.strip().lower())
    table = SYNONYMS.get(field, {})
    if key in table and table[key] in options:
        return table[key]
    for synonym, value in table.items():  # a synonym inside a longer phrase: "open_elasticsearch_cluster"
        if len(synonym) >= 4 and synonym in key and value in options:
            return value
    return suggest(key, options)
