"""Currency conversion and inflation adjustment from the bundled public tables.

``data/fx_rates.csv`` holds annual average exchange rates (US dollars per unit of a
currency) from the Federal Reserve Board's G.5A release; ``data/cpi_u.csv`` holds the BLS
CPI-U annual averages (US city average, all items, 1982-84=100). Each row names its source.
A currency-year that is not in the table is refused with :class:`toolkit.InputError`: no
rate is ever guessed.

References
----------
.. [1] Board of Governors of the Federal Reserve System, "Foreign Exchange Rates - G.5A
   (Annual)", https://www.federalreserve.gov/releases/g5a/
.. [2] US Bureau of Labor Statistics, CPI-U, series CUUR0000SA0,
   https://data.bls.gov/timeseries/CUUR0000SA0
"""
from __future__ import annotations

import math
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..errors import DataError, InputError
from ._registry import data_dir
from ._validation import LazySchema, validated_file

__all__ = ["FX_SCHEMA", "CPI_SCHEMA", "load_fx_rates", "load_cpi", "fx_rate", "to_usd", "to_constant_dollars"]

def _fx_schema():
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "currency": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$"), description="ISO 4217 code"),
            "year": pa.Column(int, pa.Check.in_range(1990, 2100), description="calendar year of the average"),
            "usd_per_unit": pa.Column(float, pa.Check.gt(0), description="US dollars per one unit of the currency, annual average"),
            "source": pa.Column(str, pa.Check.str_contains(r"https?://"), description="publisher, release and URL the rate was read in"),
        },
        unique=["currency", "year"], strict=True, coerce=True, name="fx_rates",
    )


def _cpi_schema():
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "year": pa.Column(int, pa.Check.in_range(1913, 2100), unique=True, description="calendar year"),
            "cpi_u_annual_avg": pa.Column(float, pa.Check.gt(0), description="CPI-U annual average, 1982-84=100"),
            "source": pa.Column(str, pa.Check.str_contains(r"https?://"), description="where the value was read"),
        },
        strict=True, coerce=True, name="cpi_u",
    )


FX_SCHEMA = LazySchema(_fx_schema)
CPI_SCHEMA = LazySchema(_cpi_schema)


def _read(path: Path, schema: LazySchema) -> pd.DataFrame:
    if not path.is_file():
        raise DataError(schema.name, str(path), f"an existing {path.name} (see data/README.md)")
    return validated_file(path, lambda: _validate(path, schema))


def _validate(path: Path, schema: LazySchema) -> pd.DataFrame:
    import pandera.pandas as pa

    from ._validation import read_table

    frame = read_table(path, what=f"the {schema.name} table")
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        lines = [f"line {int(i) + 2 if pd.notna(i) else '?'}, column {c}: got {v!r}; allowed: {chk}"
                 for i, c, v, chk in zip(cases["index"], cases["column"], cases["failure_case"], cases["check"])]
        raise DataError(str(path), f"{len(lines)} problem(s)", f"the {schema.name} schema", "; ".join(lines[:20])) from None


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float, which: str) -> pd.DataFrame:
    return _read(Path(path), FX_SCHEMA if which == "fx" else CPI_SCHEMA)


def _load(name: str, which: str, data_dir_) -> pd.DataFrame:
    path = data_dir(data_dir_) / name
    mtime = path.stat().st_mtime if path.is_file() else -1.0
    return _cached(str(path), mtime, which).copy()


def load_fx_rates(data_dir_: str | os.PathLike | None = None) -> pd.DataFrame:
    """The annual average exchange rates: one row per currency-year.

    Columns ``currency`` (ISO 4217), ``year``, ``usd_per_unit`` (US dollars per unit) and
    ``source`` (release and URL the rate was read in; rates the Fed publishes as units per
    dollar are inverted, and the source says so).

    Examples
    --------
    >>> fx = load_fx_rates()
    >>> float(fx.query("currency == 'GBP' and year == 2019")["usd_per_unit"].iloc[0])
    1.2768
    """
    return _load("fx_rates.csv", "fx", data_dir_)


def load_cpi(data_dir_: str | os.PathLike | None = None) -> pd.DataFrame:
    """The CPI-U annual averages: one row per year (``year``, ``cpi_u_annual_avg``, ``source``).

    Examples
    --------
    >>> float(load_cpi().set_index("year").loc[2024, "cpi_u_annual_avg"])
    313.689
    """
    return _load("cpi_u.csv", "cpi", data_dir_)


def _check_amount(field: str, amount) -> float:
    allowed = "a finite number >= 0"
    if isinstance(amount, bool) or amount is None:
        raise InputError(field, amount, allowed)
    try:
        value = float(amount)
    except (TypeError, ValueError):
        raise InputError(field, amount, allowed) from None
    if not math.isfinite(value) or value < 0:
        raise InputError(field, amount, allowed)
    return value


def _check_year(field: str, year) -> int:
    if isinstance(year, bool):
        raise InputError(field, year, "a calendar year (whole number)")
    try:
        as_int = int(year)
    except (TypeError, ValueError):
        raise InputError(field, year, "a calendar year (whole number)") from None
    if as_int != year and str(as_int) != str(year).strip():
        raise InputError(field, year, "a calendar year (whole number)")
    return as_int


def fx_rate(currency: str, year: int, *, data_dir_=None) -> float:
    """US dollars per unit of ``currency``, annual average of ``year`` (1.0 for USD).

    Raises
    ------
    toolkit.InputError
        Unknown currency, or a year the table does not cover (the message lists what is).

    Examples
    --------
    >>> fx_rate("EUR", 2021)
    1.183
    >>> fx_rate("usd", 1999)
    1.0
    """
    if not isinstance(currency, str) or not currency.strip():
        raise InputError("currency", currency, "an ISO 4217 code such as EUR or GBP")
    code = currency.strip().upper()
    year = _check_year("year", year)
    if code == "USD":
        return 1.0
    fx = load_fx_rates(data_dir_)
    known = sorted(fx["currency"].unique())
    if code not in known:
        raise InputError("currency", currency, "one of USD, " + ", ".join(known),
                         "add the currency's annual rates with a source to data/fx_rates.csv")
    sub = fx[fx["currency"] == code]
    hit = sub[sub["year"] == year]
    if hit.empty:
        years = sorted(int(y) for y in sub["year"])
        raise InputError(f"year ({code})", year, "one of the years in data/fx_rates.csv: " + ", ".join(map(str, years)),
                         "add the missing year with its source to data/fx_rates.csv")
    return float(hit["usd_per_unit"].iloc[0])


def to_usd(amount, currency: str, year: int, *, data_dir_=None) -> float:
    """Convert ``amount`` of ``currency`` to nominal US dollars at ``year``'s annual average.

    Parameters
    ----------
    amount : float
        The amount as decided, >= 0.
    currency : str
        ISO 4217 code (case-insensitive). USD is returned unchanged.
    year : int
        Year whose annual average rate applies (the outcome year).

    Examples
    --------
    >>> to_usd(20_000_000, "GBP", 2020)   # 20M GBP at 1.2829 USD/GBP
    25658000.0
    >>> to_usd(5, "USD", 1990)
    5.0
    """
    value = _check_amount("amount", amount)
    return value * fx_rate(currency, year, data_dir_=data_dir_)


def to_constant_dollars(amount_usd, year: int, base_year: int, *, data_dir_=None) -> float:
    """Restate nominal US dollars of ``year`` in dollars of ``base_year`` with CPI-U.

    ``amount_usd * CPI(base_year) / CPI(year)``, using annual averages.

    Examples
    --------
    >>> round(to_constant_dollars(100.0, 2012, 2024), 2)   # 100 * 313.689 / 229.594
    136.63
    """
    value = _check_amount("amount_usd", amount_usd)
    year = _check_year("year", year)
    base = _check_year("base_year", base_year)
    cpi = load_cpi(data_dir_).set_index("year")["cpi_u_annual_avg"]
    years = ", ".join(str(int(y)) for y in cpi.index)
    for field, y in (("year", year), ("base_year", base)):
        if y not in cpi.index:
            raise InputError(field, y, f"a year in data/cpi_u.csv: {years}")
    return value * float(cpi[base]) / float(cpi[year])
