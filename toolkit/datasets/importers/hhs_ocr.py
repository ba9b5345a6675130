"""Reader for the HHS OCR breach portal exports."""
from __future__ import annotations

import os

import numpy as np
import pandas as pd

from ._common import CLOUD_KEYWORDS, MISCONFIG_KEYWORDS, check_file, finish, read_csv_checked, to_count

__all__ = ["read_hhs_ocr"]

_REQUIRED = ("Name of Covered Entity", "State", "Covered Entity Type", "Individuals Affected",
             "Breach Submission Date", "Type of Breach", "Location of Breached Information")


def read_hhs_ocr(path: str | os.PathLike) -> pd.DataFrame:
    """Read an HHS OCR breach portal export (archive or under-investigation CSV).

    One row per reported breach of unsecured PHI affecting 500 or more people. The key
    ``incident_id`` is ``hhs-<row number>-<submission date>`` (the portal has no id).
    ``sector`` is healthcare throughout (business associates included); ``country`` US.

    Coding choices:

    - ``misconfiguration`` (proxy): Type of Breach contains "Unauthorized Access/Disclosure"
      and Location contains "Network Server", or the description mentions a
      misconfiguration / public exposure.
    - ``cloud``: a cloud/data-store keyword in the Web Description (archive only), so the
      under-investigation exports, which lack descriptions, never flag cloud.
    - ``amount_usd``: always missing (the portal has no money fields).

    Extras: state, entity_type, breach_type, location, business_associate, submitted, description.
    Licence: US federal record, public domain.
    """
    p = check_file(path, "HHS OCR")
    raw = read_csv_checked(p, _REQUIRED, "HHS OCR breach portal")
    dates = pd.to_datetime(raw["Breach Submission Date"], errors="coerce", format="mixed")
    desc = raw["Web Description"] if "Web Description" in raw else pd.Series("", index=raw.index)
    unauthorized_server = (raw["Type of Breach"].str.contains("Unauthorized Access/Disclosure", regex=False)
                           & raw["Location of Breached Information"].str.contains("Network Server", regex=False))
    df = pd.DataFrame({
        "incident_id": [f"hhs-{i + 1}-{d.date() if pd.notna(d) else 'nodate'}" for i, d in enumerate(dates)],
        "year": dates.dt.year.astype("Int64"),
        "organisation": raw["Name of Covered Entity"].str.strip(),
        "sector": "healthcare",
        "country": "US",
        "records": to_count(raw["Individuals Affected"]),
        "misconfiguration": unauthorized_server | desc.str.contains(MISCONFIG_KEYWORDS),
        "cloud": desc.str.contains(CLOUD_KEYWORDS),
        "amount_usd": np.nan,
        "state": raw["State"], "entity_type": raw["Covered Entity Type"], "breach_type": raw["Type of Breach"],
        "location": raw["Location of Breached Information"],
        "business_associate": raw.get("Business Associate Present", pd.Series("", index=raw.index)),
        "submitted": dates, "description": desc,
    })
    return finish(df, "hhs_ocr")
