"""Reader for the VERIS Community Database (VCDB)."""
from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from ...errors import DataError, InputError
from ._common import CLOUD_KEYWORDS, MAX_JSON_BYTES, check_file, finish, finite_int, load_json, safe_usd

#: Largest zip member read (VERIS incident files are a few kilobytes each).
MAX_MEMBER_BYTES = 16 * 1024 * 1024
#: Largest total of the members read from one zip.
MAX_ZIP_BYTES = 2 * 1024 * 1024 * 1024

__all__ = ["read_vcdb", "naics_to_sector"]

_NAICS = [  # longest prefix first
    ("524", "insurance"), ("517", "telecom"), ("511", "technology"), ("518", "technology"), ("519", "technology"),
    ("5415", "technology"), ("512", "media"), ("515", "media"), ("516", "media"), ("52", "finance"),
    ("62", "healthcare"), ("44", "retail"), ("45", "retail"), ("92", "government"), ("61", "education"),
    ("72", "hospitality"), ("48", "transport"), ("49", "transport"), ("334", "technology"),
]


def naics_to_sector(code) -> str:
    """Map a NAICS code (VCDB ``victim.industry``) to the toolkit sector vocabulary.

    >>> naics_to_sector("522110"), naics_to_sector("923"), naics_to_sector("000")
    ('finance', 'government', 'other')
    """
    text = str(code or "")
    for prefix, sector in sorted(_NAICS, key=lambda p: -len(p[0])):
        if text.startswith(prefix):
            return sector
    return "other"


def _get(d, *keys, default=None):
    for k in keys:
        if not isinstance(d, dict):
            return default
        d = d.get(k)
    return default if d is None else d


def _row(doc: dict, name: str) -> dict:
    if not isinstance(doc, dict):
        raise ValueError("not a JSON object")
    key = Path(name).stem  # the file name is unique; plus.master_id repeats in 2 cases of this extract
    varieties = _get(doc, "action", "error", "variety", default=[]) or []
    cloud_field = _get(doc, "asset", "cloud", default=[]) or []
    hosting = _get(doc, "asset", "hosting", "variety", default=[]) or []
    if isinstance(hosting, str):
        hosting = [hosting]
    cloud_coded = any("External Cloud" in str(c) for c in cloud_field) or any(str(h).startswith("External") for h in hosting)
    summary = str(doc.get("summary") or "")
    amount = _get(doc, "impact", "overall_amount")
    currency = _get(doc, "impact", "iso_currency_code", default="USD")
    year = _get(doc, "timeline", "incident", "year")
    countries = _get(doc, "victim", "country", default=[]) or []
    country = countries[0] if countries and isinstance(countries[0], str) and len(countries[0]) == 2 else ""
    return {
        "incident_id": str(key),
        "master_id": str(_get(doc, "plus", "master_id", default="")),
        "year": finite_int(year, 1900, 2100),
        "organisation": str(_get(doc, "victim", "victim_id", default="")),
        "sector": naics_to_sector(_get(doc, "victim", "industry")),
        "country": country.upper() if country not in ("Unknown", "") else "",
        "records": _get(doc, "attribute", "confidentiality", "data_total"),
        "misconfiguration": "Misconfiguration" in varieties,
        "publishing_error": "Publishing error" in varieties,
        "cloud_coded": bool(cloud_coded),
        "cloud": bool(cloud_coded or CLOUD_KEYWORDS.search(summary)),
        "amount_original": float(amount) if isinstance(amount, (int, float)) and not isinstance(amount, bool)
        and np.isfinite(float(amount)) else np.nan,
        "currency": str(currency),
        "summary": summary,
        "reference": str(doc.get("reference") or ""),
    }


def read_vcdb(path: str | os.PathLike) -> pd.DataFrame:
    """Read VCDB incidents (a directory of VERIS JSON files, or a zip of them).

    One row per incident, keyed by the file name (which is ``plus.master_id`` for all but a
    few incidents; ``master_id`` repeats in this extract, so the file name is the key), in the
    incidents schema (:data:`toolkit.datasets.INCIDENTS_SCHEMA`).

    Coding choices:

    - ``misconfiguration``: ``action.error.variety`` contains "Misconfiguration". "Publishing
      error" (a document posted publicly by mistake) is *not* counted; it is kept in the
      extra column ``publishing_error`` so either definition can be used.
    - ``cloud``: ``asset.cloud`` contains "External Cloud Asset(s)", or ``asset.hosting`` is
      an external environment, or the summary matches a cloud/data-store keyword (S3, bucket,
      AWS, Azure, Elasticsearch, MongoDB, cloud, ...). ``cloud_coded`` keeps the coded part only.
    - ``amount_usd``: ``impact.overall_amount`` converted from ``impact.iso_currency_code``
      (USD assumed when absent) with the fx table; NaN when no rate is available.
    - ``sector``: NAICS ``victim.industry`` mapped by :func:`naics_to_sector`.

    Extras: master_id, publishing_error, cloud_coded, amount_original, currency, summary, reference.

    Licence: VCDB states none; the VERIS framework carries Verizon non-commercial terms.
    Cite VCDB and the Verizon DBIR; do not redistribute the rows.
    """
    p = Path(path)
    docs: list[tuple[str, bytes]] = []
    if p.is_dir():
        files = sorted(p.glob("*.json"))
        if not files:
            raise InputError("vcdb path", str(path), "a directory holding VERIS *.json files, or a zip of them")
        docs = [(f.name, f.read_bytes()) for f in files]
        where = str(p)
    else:
        p = check_file(p, "VCDB")
        try:
            with zipfile.ZipFile(p) as zf:
                total = 0
                for info in zf.infolist():
                    if not info.filename.endswith(".json"):
                        continue
                    # Read at most the cap (+1 byte): the member's stated size may lie.
                    with zf.open(info) as fh:
                        blob = fh.read(MAX_MEMBER_BYTES + 1)
                    if len(blob) > MAX_MEMBER_BYTES:
                        raise DataError(f"{p}: {info.filename}", f"a member of more than {MAX_MEMBER_BYTES:,} bytes",
                                        f"VERIS incident JSON files of at most {MAX_MEMBER_BYTES:,} bytes each",
                                        "is this the VCDB zip?")
                    total += len(blob)
                    if total > MAX_ZIP_BYTES:
                        raise DataError(str(p), f"more than {MAX_ZIP_BYTES:,} bytes of members",
                                        "a zip of VERIS JSON files")
                    docs.append((info.filename, blob))
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
            raise DataError(str(p), type(exc).__name__, "a complete zip of VERIS JSON files", str(exc)) from None
        if not docs:
            raise DataError(str(p), "no .json members", "a zip of VERIS JSON files")
        where = str(p)
    rows = []
    for name, blob in docs:
        doc = load_json(blob, f"{where}: {name}", "a VERIS incident JSON object")
        try:
            rows.append(_row(doc, name))
        except (ValueError, TypeError, OverflowError) as exc:
            raise DataError(f"{where}: {name}", type(exc).__name__, "a VERIS incident JSON object", str(exc)) from None
    df = pd.DataFrame(rows)
    records = pd.to_numeric(df["records"], errors="coerce").astype(float)
    df["records"] = records.where((records >= 0) & (records < 1e13)).round().astype("Int64")
    df["amount_usd"] = [safe_usd(a, c, y) for a, c, y in zip(df["amount_original"], df["currency"], df["year"])]
    return finish(df, "vcdb")
