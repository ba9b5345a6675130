"""Reader for the Privacy Rights Clearinghouse chronology export."""
from __future__ import annotations

import os

import numpy as np
import pandas as pd

from ._common import CLOUD_KEYWORDS, MISCONFIG_KEYWORDS, check_file, finish, read_csv_checked, to_count

__all__ = ["read_prc"]

_REQUIRED = ("Date Made Public", "Company", "Location", "Type of breach", "Type of organization",
             "Total Records", "Description of incident")
#: PRC organisation codes -> toolkit sectors.
PRC_SECTORS = {"BSF": "finance", "BSR": "retail", "BSO": "other", "EDU": "education", "GOV": "government",
               "MED": "healthcare", "NGO": "other"}


def read_prc(path: str | os.PathLike) -> pd.DataFrame:
    """Read the Privacy Rights Clearinghouse "Chronology of Data Breaches" CSV export.

    One row per breach made public. Key: ``prc-<row number>``; ``country`` US; ``sector``
    from Type of organization (BSF finance, BSR retail, MED healthcare, EDU education, GOV
    government, BSO/NGO other).

    Coding choices:

    - ``misconfiguration`` (proxy): Type of breach DISC (unintended disclosure) *and* a
      misconfiguration/public-exposure phrase in the description (misconfigur*, "publicly
      accessible", "without a password", ...). DISC alone also covers mis-sent mail.
    - ``cloud``: a cloud/data-store keyword in the description.
    - ``amount_usd``: always missing (no money fields).

    Extras: breach_type, organisation_type, location, description, information_source.
    Licence: not stated in the export; PRC's terms apply (research use, cite PRC).
    """
    p = check_file(path, "PRC")
    raw = read_csv_checked(p, _REQUIRED, "PRC chronology")
    dates = pd.to_datetime(raw["Date Made Public"].str.strip(), errors="coerce", format="mixed")
    desc = raw["Description of incident"].str.replace(r"\s+", " ", regex=True).str.strip()
    disc = raw["Type of breach"].str.strip().str.upper() == "DISC"
    df = pd.DataFrame({
        "incident_id": [f"prc-{i + 1}" for i in range(len(raw))],
        "year": dates.dt.year.astype("Int64"),
        "organisation": raw["Company"].str.strip(),
        "sector": raw["Type of organization"].str.strip().str.upper().map(PRC_SECTORS).fillna("other"),
        "country": "US",
        "records": to_count(raw["Total Records"]),
        "misconfiguration": disc & desc.str.contains(MISCONFIG_KEYWORDS),
        "cloud": desc.str.contains(CLOUD_KEYWORDS),
        "amount_usd": np.nan,
        "breach_type": raw["Type of breach"].str.strip(), "organisation_type": raw["Type of organization"].str.strip(),
        "location": raw["Location"].str.strip(), "description": desc,
        "information_source": raw.get("Information Source", pd.Series("", index=raw.index)),
    })
    return finish(df, "prc")
