"""Which authorities act on a matter, and how likely each is to impose money at all.

When a matter does not list its ``regulators``, :func:`infer_regulators` infers the likely ones
from its jurisdictions and sector, with a reason for each (the assessment's notes repeat them).
"""
from __future__ import annotations

from ..vocab import AUTHORITIES, EEA_STATES

__all__ = ["infer_regulators", "matter_regulators", "DATA_PROTECTION_AUTHORITY", "probability_parameter"]

#: The data-protection (or consumer-protection) authority of a country or state jurisdiction.
DATA_PROTECTION_AUTHORITY = {
    "GB": "GB-ICO", "SG": "SG-PDPC", "KR": "KR-PIPC", "AU": "AU-OAIC", "JP": "JP-PPC", "HK": "HK-PCPD",
    "NZ": "NZ-OPC", "PH": "PH-NPC", "TH": "TH-PDPC", "IN": "IN-DPB", "CA": "CA-OPC", "CA-QC": "CA-QC-CAI",
    "CA-ON": "CA-ON-IPC", "CA-BC": "CA-BC-OIPC", "CA-AB": "CA-AB-OIPC", "BR": "BR-ANPD", "TR": "TR-KVKK",
    "ZA": "ZA-IR", "IL": "IL-PPA", "CH": "CH-FDPIC",
}

#: Nationwide US classes at least this large draw a multistate AG investigation (stated assumption:
#: the multistate settlements in the outcomes table all follow exposures of about a million people or more).
MULTISTATE_MIN_CLASS = 1_000_000


def matter_regulators(case) -> tuple[tuple[str, ...], list[str]]:
    """The authorities acting on a matter: its own ``regulators`` (no reasons), else the inferred ones
    with one reason each (:func:`infer_regulators`).

    Examples
    --------
    >>> from toolkit import Case
    >>> case = Case(name="x", defendant="y", records_exposed=10, data_types=["contact"], sector="retail",
    ...             misconfiguration_type="public_bucket", jurisdictions=["GB"], regulators=["GB-ICO"])
    >>> matter_regulators(case)
    (('GB-ICO',), [])
    """
    if case.regulators is not None:
        return tuple(case.regulators), []
    return infer_regulators(case)


def infer_regulators(case) -> tuple[tuple[str, ...], list[str]]:
    """Likely authorities for a matter without ``regulators``: (codes, one reason per code).

    Examples
    --------
    >>> from toolkit import Case
    >>> case = Case(name="x", defendant="y", records_exposed=2_000_000, data_types=["health"], sector="healthcare",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US", "US-CA", "EU-IE"])
    >>> infer_regulators(case)[0]
    ('US-HHS-OCR', 'US-CA-AG', 'US-MULTISTATE-AG', 'EU-IE-DPA')
    """
    codes: list[str] = []
    reasons: list[str] = []

    def add(code, reason):
        if code in AUTHORITIES and code not in codes:
            codes.append(code)
            reasons.append(f"{code}: {reason}")

    jurisdictions = tuple(case.jurisdictions)
    us = any(j == "US" or j.startswith("US-") for j in jurisdictions)
    if us:
        if case.sector == "healthcare" or "health" in case.data_types:
            add("US-HHS-OCR", "health data in the US (HIPAA)")
        elif case.sector == "telecom":
            add("US-FCC", "a US telecommunications carrier (Communications Act § 222)")
        else:
            add("US-FTC", "a US business outside health care (FTC Act § 5; banks answer to the OCC, the Federal "
                          "Reserve or the FDIC instead: list them in `regulators`)")
        for j in jurisdictions:
            if not j.startswith("US-"):
                continue
            if j == "US-NY" and case.sector in ("finance", "insurance"):
                add("US-NY-DFS", "a New York financial or insurance business (23 NYCRR 500)")
            add(f"{j}-AG", f"the {j[3:]} attorney general (state breach and consumer-protection law)")
        if "US" in jurisdictions and case.class_size >= MULTISTATE_MIN_CLASS:
            add("US-MULTISTATE-AG", f"a nationwide exposure of {case.class_size:,} people (at least "
                                    f"{MULTISTATE_MIN_CLASS:,}: multistate AG investigations follow)")
    for j in jurisdictions:
        if j.startswith("EU-"):
            add(f"{j}-DPA", f"the supervisory authority of {j[3:]} (GDPR)")
        elif j in EEA_STATES:
            add(f"EU-{j}-DPA", f"the supervisory authority of {j} (GDPR, EEA)")
        elif j in DATA_PROTECTION_AUTHORITY:
            add(DATA_PROTECTION_AUTHORITY[j], f"the data-protection authority of {j}")
    return tuple(codes), reasons


def probability_parameter(code: str) -> str:
    """The stage parameter holding P(any money) for an authority (by its kind and region)."""
    authority = AUTHORITIES[code]
    if authority.track == "ag_settlement":
        return "p_money_multistate_ag" if code == "US-MULTISTATE-AG" else "p_money_state_ag"
    return f"p_money_{authority.region}"
