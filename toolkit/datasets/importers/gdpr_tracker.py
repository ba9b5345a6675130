"""Reader for the CMS GDPR Enforcement Tracker data feed (JSON)."""
from __future__ import annotations

import html
import os
import re

import numpy as np
import pandas as pd

from ...errors import DataError
from ._common import CLOUD_KEYWORDS, MISCONFIG_KEYWORDS, check_file, finish, load_json, safe_usd

__all__ = ["read_gdpr_tracker"]

GDPR_SECTORS = {
    "Finance, Insurance and Consulting": "finance", "Health Care": "healthcare",
    "Media, Telecoms and Broadcasting": "telecom", "Public Sector and Education": "government",
    "Transportation and Energy": "transport", "Accomodation and Hospitalty": "hospitality",
    "Industry and Commerce": "retail",
}
COUNTRIES = {
    "AUSTRIA": "AT", "BELGIUM": "BE", "BULGARIA": "BG", "CROATIA": "HR", "CYPRUS": "CY", "CZECH REPUBLIC": "CZ",
    "CZECHIA": "CZ", "DENMARK": "DK", "ESTONIA": "EE", "FINLAND": "FI", "FRANCE": "FR", "GERMANY": "DE",
    "GREECE": "GR", "HUNGARY": "HU", "ICELAND": "IS", "IRELAND": "IE", "ITALY": "IT", "LATVIA": "LV",
    "LIECHTENSTEIN": "LI", "LITHUANIA": "LT", "LUXEMBOURG": "LU", "MALTA": "MT", "NETHERLANDS": "NL",
    "THE NETHERLANDS": "NL", "NORWAY": "NO", "POLAND": "PL", "PORTUGAL": "PT", "ROMANIA": "RO", "SLOVAKIA": "SK",
    "SLOVENIA": "SI", "SPAIN": "ES", "SWEDEN": "SE", "UNITED KINGDOM": "GB", "ISLE OF MAN": "IM",
}
_TAG = re.compile(r"<[^>]+>")


def _text(cell) -> str:
    return html.unescape(_TAG.sub(" ", str(cell or ""))).strip()


def read_gdpr_tracker(path: str | os.PathLike) -> pd.DataFrame:
    """Read the CMS GDPR Enforcement Tracker JSON feed (``{"data": [[13 cells], ...]}``).

    One row per fine, keyed by ETid. ``country`` is the ISO code of the fining authority's
    state; ``sector`` is mapped from the tracker's sector (Industry and Commerce -> retail,
    Media/Telecoms -> telecom, Public Sector and Education -> government, unmapped -> other).

    Coding choices:

    - ``misconfiguration`` (proxy): the summary mentions a misconfiguration or public
      exposure (misconfigur*, "publicly accessible", "without a password", ...).
    - ``cloud``: a cloud/data-store keyword in the summary.
    - ``amount_usd``: ``fine_eur`` converted at the decision year's annual average (fx
      table); NaN when the fine or the rate is unknown.

    Extras: fine_eur, authority, decision_date, articles, violation_type, summary, source_url.
    Licence: not stated; CMS site terms and EU database right may apply (internal research).
    """
    p = check_file(path, "GDPR tracker")
    payload = load_json(p.read_bytes(), str(p), "the tracker's complete JSON feed")
    records = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(records, list) or not records:
        raise DataError(str(p), type(payload).__name__, 'a JSON object {"data": [[...13 cells...], ...]}')
    rows = []
    for n, rec in enumerate(records):
        if not isinstance(rec, list) or len(rec) < 12:
            raise DataError(f"{p} record {n}", rec if not isinstance(rec, list) else f"{len(rec)} cells",
                            "a list of 13 cells (blank, ETid, country, authority, date, fine, controller, sector, "
                            "articles, type, summary, source, permalink)")
        fine_text = _text(rec[5]).replace(",", "")
        fine = float(fine_text) if re.fullmatch(r"\d{1,15}(?:\.\d+)?", fine_text) else np.nan
        date = _text(rec[4])
        year_match = re.match(r"^(\d{4})", date)
        country_name = _text(rec[2]).upper()
        summary = _text(rec[10])
        rows.append({
            "incident_id": _text(rec[1]), "year": int(year_match.group(1)) if year_match else pd.NA,
            "organisation": _text(rec[6]), "sector": GDPR_SECTORS.get(_text(rec[7]), "other"),
            "country": COUNTRIES.get(country_name, ""), "records": pd.NA,
            "misconfiguration": bool(MISCONFIG_KEYWORDS.search(summary)), "cloud": bool(CLOUD_KEYWORDS.search(summary)),
            "fine_eur": fine, "authority": _text(rec[3]), "decision_date": date, "articles": _text(rec[8]),
            "violation_type": _text(rec[9]), "summary": summary,
            "source_url": (re.search(r"href='([^']+)'", str(rec[11]).replace("\\/", "/")) or [None, ""])[1],
        })
    df = pd.DataFrame(rows)
    df["amount_usd"] = [safe_usd(f, "EUR", y) for f, y in zip(df["fine_eur"], df["year"])]
    return finish(df, "gdpr_tracker")
