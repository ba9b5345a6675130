"""Shared pieces of the importers: the incidents schema, hashing, keyword rules."""
from __future__ import annotations

import hashlib
import os
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from ...errors import DataError, InputError
from ...vocab import SECTORS
from .._validation import LazySchema

INCIDENTS_COLUMNS = ("source", "incident_id", "year", "organisation", "sector", "country", "records",
                     "misconfiguration", "cloud", "amount_usd")

#: One schema for every importer; extra, source-specific columns are allowed (strict=False).
def _build_incidents_schema():
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "source": pa.Column(str, pa.Check.isin(["vcdb", "hhs_ocr", "gdpr_tracker", "prc"]), description="which dataset the row came from"),
            "incident_id": pa.Column(str, pa.Check.str_length(1, 200), unique=True, description="the source's own key for the row"),
            "year": pa.Column("Int64", pa.Check.in_range(1900, 2100), nullable=True, description="year of the incident, notice or decision"),
            "organisation": pa.Column(str, description="victim, covered entity or fined controller, as the source names it (may be empty)"),
            "sector": pa.Column(str, pa.Check.isin(list(SECTORS)), description="toolkit sector vocabulary, mapped from the source's coding"),
            "country": pa.Column(str, pa.Check.str_matches(r"^([A-Z]{2})?$"), description="ISO 3166 alpha-2 country, empty if unknown"),
            "records": pa.Column("Int64", pa.Check.ge(0), nullable=True, description="records or people affected, as reported"),
            "misconfiguration": pa.Column(bool, description="proxy: the source codes or describes a misconfiguration (see reader)"),
            "cloud": pa.Column(bool, description="proxy: cloud or externally hosted asset coded, or a cloud keyword in the text (see reader)"),
            "amount_usd": pa.Column(float, pa.Check.ge(0), nullable=True, description="money amount in nominal USD where the source has one"),
        },
        strict=False, ordered=False, name="incidents",
    )


INCIDENTS_SCHEMA = LazySchema(_build_incidents_schema)

#: sha256 of the staged files the readers were built on (warn when a file differs).
EXPECTED_SHA256 = {
    "vcdb_validated_2020-09.zip": "df0362504c2e409719de2723dc45231054f798ead5e34cdeb3fe9f07d31794ab",
    "hhs_ocr_archive_2024-08.csv": "225ca0ae37fbaf5db6490e2db5f179c1c336767be65a84aabfab509867f7def7",
    "hhs_ocr_under_investigation_2024-08.csv": "0b8468e8a2c95d574c29ea5afa52ca0aa7804359afe3e8bd284350b859af040d",
    "hhs_ocr_under_investigation_2024-12.csv": "34e5b38ad8e47227173dd12aec99556585f3c5d0c647a84598666e5d7af1a5eb",
    "cms_enforcementtracker_raw_2024-03.json": "85c9bb50527835d2c996e0cba08feb79c58ca9db911f1ead1e6319118cf79013",
    "prc_chronology_export_2017-01.csv": "213b3dc94db94ccaef1f33d6c203bbf038c82e15edfa356130b00f55ac316349",
}

#: Cloud / hosted-store keywords used by the text heuristics (case-insensitive, whole words).
CLOUD_KEYWORDS = re.compile(
    r"\b(?:aws|amazon web services|s3|bucket|azure|blob storage|google cloud|gcp|cloud|elasticsearch|"
    r"mongodb|kibana|snowflake|firebase|hosting provider|cloud storage)\b", re.IGNORECASE)
MISCONFIG_KEYWORDS = re.compile(r"misconfigur|mis-configur|publicly accessible|without (?:a |any )?password|"
                                r"unsecured (?:server|database)|left (?:open|exposed)", re.IGNORECASE)


#: Largest JSON document (a zip member, a VERIS file, the tracker feed) an importer reads.
MAX_JSON_BYTES = 64 * 1024 * 1024


def _parse_int(text: str):
    # Python refuses to convert integers of more than 4,300 digits; such a count is no count.
    return int(text) if len(text) <= 30 else float(text)


def load_json(blob: bytes, where: str, allowed: str):
    """Parse one JSON document; every failure is a :class:`~toolkit.errors.DataError` naming ``where``.

    Deep nesting (which makes Python's parser raise RecursionError), malformed text, bytes that
    are not UTF-8 and oversized integers are refused with a clear message; numbers too large
    for a float (``1e400``) read as infinity and are refused by the fields that use them.
    """
    import json

    if len(blob) > MAX_JSON_BYTES:
        raise DataError(where, f"{len(blob):,} bytes", f"{allowed} of at most {MAX_JSON_BYTES:,} bytes")
    try:
        return json.loads(blob, parse_int=_parse_int)
    except RecursionError:
        raise DataError(where, "JSON nested too deeply to read", allowed) from None
    except UnicodeDecodeError:
        raise DataError(where, "bytes that are not UTF-8 JSON", allowed) from None
    except json.JSONDecodeError as exc:
        raise DataError(where, f"invalid JSON at line {exc.lineno}, column {exc.colno}", allowed, exc.msg) from None
    except (ValueError, OverflowError) as exc:
        raise DataError(where, type(exc).__name__, allowed, str(exc)[:120]) from None


def finite_int(value, low: int, high: int):
    """``int(value)`` when value is a finite number in [low, high], else ``pd.NA`` (never OverflowError).

    >>> finite_int(2019, 1900, 2100), finite_int(float("inf"), 1900, 2100)
    (2019, <NA>)
    """
    import math

    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return pd.NA
    if isinstance(value, float) and not math.isfinite(value):
        return pd.NA
    if not low <= value <= high:
        return pd.NA
    return int(value)


class SourceChangedWarning(UserWarning):
    """A staged file's sha256 differs from the one the reader was built on."""


def sha256_of(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_file(path: str | os.PathLike, what: str) -> Path:
    """Existing file, else InputError; warn when its sha256 differs from the expected one."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{what} path", str(path), "an existing file (see the README under shared/data)")
    expected = EXPECTED_SHA256.get(p.name)
    if expected is not None:
        actual = sha256_of(p)
        if actual != expected:
            warnings.warn(f"{p.name}: sha256 {actual[:12]}... differs from the {expected[:12]}... the {what} reader "
                          f"was built on; check the columns still mean the same", SourceChangedWarning, stacklevel=3)
    return p


def read_csv_checked(path: Path, required: tuple[str, ...], what: str) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(str(path), type(exc).__name__, f"a UTF-8 {what} CSV export", str(exc).splitlines()[0]) from None
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise DataError(f"{path} header", ", ".join(missing), f"the {what} columns: " + ", ".join(required),
                        "is this the right file, or is it truncated?")
    return df


def to_count(series: pd.Series) -> pd.Series:
    """Text counts ('14,783', '', 'unknown') to Int64 (non-numbers become missing)."""
    cleaned = series.astype(str).str.replace(",", "", regex=False).str.strip()
    numbers = pd.to_numeric(cleaned.where(cleaned.str.fullmatch(r"\d+(?:\.0+)?"), None), errors="coerce")
    return numbers.round().astype("Int64")


def finish(df: pd.DataFrame, source: str) -> pd.DataFrame:
    """Order the columns, fix dtypes, validate with INCIDENTS_SCHEMA."""
    df = df.copy()
    df["source"] = source
    df["year"] = pd.array(df["year"], dtype="Int64")
    df["records"] = pd.array(df["records"], dtype="Int64")
    df["amount_usd"] = pd.to_numeric(df["amount_usd"], errors="coerce").astype(float)
    for col in ("misconfiguration", "cloud"):
        df[col] = df[col].astype(bool)
    for col in ("organisation", "country", "sector", "incident_id"):
        df[col] = df[col].fillna("").astype(str)
    extras = [c for c in df.columns if c not in INCIDENTS_COLUMNS]
    df = df[list(INCIDENTS_COLUMNS) + extras].reset_index(drop=True)
    import pandera.pandas as pa

    try:
        return INCIDENTS_SCHEMA.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases.head(10)
        text = "; ".join(f"row {i}, {c}: {v!r} ({chk})" for i, c, v, chk in
                         zip(cases["index"], cases["column"], cases["failure_case"], cases["check"]))
        raise DataError(f"{source} import", f"{len(exc.failure_cases)} problem(s)", "the incidents schema", text) from None


def safe_usd(amount, currency: str, year) -> float:
    """Convert with the fx table; NaN when the amount, currency or year is unknown (or not finite)."""
    from ..fx import to_usd

    try:
        if amount is None or (isinstance(amount, float) and not np.isfinite(amount)) or year is None or pd.isna(year):
            return np.nan
        return to_usd(float(amount), currency or "USD", int(year))
    except (InputError, ValueError, TypeError, OverflowError):
        return np.nan
