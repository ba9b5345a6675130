"""Summaries for exploring the outcomes table and the public incident datasets.

Pure functions of DataFrames, used by ``notebooks/04_datasets.ipynb``: they compute the
tables the notebook draws, so each number there can be checked without a figure.

- :func:`regime_of` groups a jurisdiction code into a legal regime (US nationwide, US
  state-level, EU/EEA GDPR, UK, other).
- :func:`incidents_overview` gives one line per imported incident dataset.
- :func:`amount_table` summarises ``amount_usd`` by outcome type and regime.
- :func:`per_person` divides a class settlement by its class (or, if asked, by the records).
- :func:`share_by_year` gives the yearly share of incidents with a flag (e.g. VCDB
  ``misconfiguration``) with a Wilson interval.
- :func:`size_profile` compares records distributions (curated outcomes vs incident populations).
- :func:`log_bins` gives shared logarithmic histogram bins for several samples.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import InputError, suggest
from ..vocab import jurisdiction_region

__all__ = ["REGIMES", "INSTITUTIONAL_CLASSES", "regime_of", "incidents_overview", "amount_table", "per_person", "share_by_year", "size_profile", "log_bins"]

#: Regimes :func:`regime_of` returns, in display order.
REGIMES = ("US nationwide", "US state-level", "EU/EEA (GDPR)", "UK", "other")
#: The label of each :func:`toolkit.vocab.jurisdiction_region` region; the rest are "other".
_REGIME_LABELS = {"us_federal": REGIMES[0], "us_state": REGIMES[1], "eu": REGIMES[2], "gb": REGIMES[3]}
_DENOMINATORS = ("class_size", "records_exposed", "class_size_or_records")
#: outcome_id endings of class settlements whose class is not the data subjects.
INSTITUTIONAL_CLASSES = {"-fi-class": "financial institutions (card issuers)", "-securities-class": "shareholders"}


def _require_columns(df: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise InputError(what, type(df).__name__, "a pandas DataFrame")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        hint = suggest(missing[0], df.columns)
        raise InputError(f"{what} columns", ", ".join(missing), "a table with columns " + ", ".join(columns),
                         f"did you mean {hint!r}?" if hint else None)


def regime_of(jurisdiction: str) -> str:
    """The legal regime of a jurisdiction code (one of :data:`REGIMES`).

    ``US`` (a nationwide forum: a federal agency such as the FTC, HHS OCR or the SEC, or a
    multistate group of attorneys general) is "US nationwide"; ``US-xx`` (a court or authority
    of one state, including a federal district court sitting there) is "US state-level";
    ``EU-xx`` and the EEA states NO, IS, LI are "EU/EEA (GDPR)" (Switzerland is pooled with them);
    ``GB`` is "UK"; anything else is "other". The labels of :func:`toolkit.vocab.jurisdiction_region`.

    Parameters
    ----------
    jurisdiction : str
        A code like ``US``, ``US-CA``, ``EU-IE``, ``GB``, ``SG``.

    Returns
    -------
    str

    Examples
    --------
    >>> [regime_of(j) for j in ("US", "US-CA", "EU-IE", "NO", "GB", "SG")]
    ['US nationwide', 'US state-level', 'EU/EEA (GDPR)', 'EU/EEA (GDPR)', 'UK', 'other']
    """
    if not isinstance(jurisdiction, str) or not jurisdiction:
        raise InputError("jurisdiction", jurisdiction, "a code like US, US-CA, EU-IE, GB")
    return _REGIME_LABELS.get(jurisdiction_region(jurisdiction), REGIMES[4])


def incidents_overview(incidents: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One line per incident dataset: size, years covered and how much of it is coded.

    Parameters
    ----------
    incidents : mapping of str to pandas.DataFrame
        Name -> a table from one of the importers (``read_vcdb``, ``read_hhs_ocr``, ...).

    Returns
    -------
    pandas.DataFrame
        Indexed by name: ``rows``, ``first_year``, ``last_year``, ``with_records`` (rows
        with a records count), ``median_records``, ``with_amount`` (rows with ``amount_usd``),
        ``misconfiguration`` and ``cloud`` (rows flagged by the importer's proxy) and
        ``misconfiguration_share``.

    Examples
    --------
    >>> df = pd.DataFrame({"year": [2019, 2021], "records": [10, None], "amount_usd": [None, 5.0],
    ...                    "misconfiguration": [True, False], "cloud": [False, False]})
    >>> row = incidents_overview({"x": df}).loc["x"]
    >>> int(row["rows"]), int(row["first_year"]), float(row["median_records"]), float(row["misconfiguration_share"])
    (2, 2019, 10.0, 0.5)
    """
    if not isinstance(incidents, Mapping) or not incidents:
        raise InputError("incidents", type(incidents).__name__, "a non-empty mapping of name -> incidents DataFrame")
    rows = {}
    for name, df in incidents.items():
        _require_columns(df, ["year", "records", "amount_usd", "misconfiguration", "cloud"], f"incidents[{name!r}]")
        years = pd.to_numeric(df["year"], errors="coerce").dropna()
        records = pd.to_numeric(df["records"], errors="coerce").dropna()
        rows[name] = {
            "rows": len(df), "first_year": int(years.min()) if len(years) else pd.NA,
            "last_year": int(years.max()) if len(years) else pd.NA, "with_records": int(len(records)),
            "median_records": float(records.median()) if len(records) else np.nan,
            "with_amount": int(df["amount_usd"].notna().sum()),
            "misconfiguration": int(df["misconfiguration"].astype(bool).sum()),
            "cloud": int(df["cloud"].astype(bool).sum()),
            "misconfiguration_share": float(df["misconfiguration"].astype(bool).mean()) if len(df) else np.nan,
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    for col in ("first_year", "last_year"):
        out[col] = out[col].astype("Int64")
    return out


def amount_table(outcomes: pd.DataFrame, by: Sequence[str] = ("outcome_type", "regime")) -> pd.DataFrame:
    """Amounts (``amount_usd``) summarised per group.

    Pending matters (no amount) are left out. A ``regime`` column is derived from
    ``jurisdiction`` with :func:`regime_of` when ``by`` asks for it and the table lacks it.

    Parameters
    ----------
    outcomes : pandas.DataFrame
        The outcomes table (``load_outcomes()``) or a subset of it.
    by : sequence of str, default=("outcome_type", "regime")
        Columns to group by.

    Returns
    -------
    pandas.DataFrame
        One row per group, columns ``n`` (outcomes with an amount), ``n_zero`` (amount 0:
        dismissals and non-monetary orders), ``median_usd`` and ``max_usd`` over the positive
        amounts (NaN when none) and ``total_usd``; sorted by ``total_usd``, largest first.

    Examples
    --------
    >>> df = pd.DataFrame({"outcome_type": ["regulatory_fine"] * 3 + ["pending"],
    ...                    "jurisdiction": ["GB", "GB", "EU-IE", "US"],
    ...                    "amount_usd": [0.0, 100.0, 300.0, None]})
    >>> amount_table(df)[["n", "n_zero", "median_usd", "total_usd"]]  # doctest: +NORMALIZE_WHITESPACE
                                   n  n_zero  median_usd  total_usd
    outcome_type    regime
    regulatory_fine EU/EEA (GDPR)  1       0       300.0      300.0
                    UK             2       1       100.0      100.0
    """
    by = [by] if isinstance(by, str) else list(by)
    needs = ["amount_usd"] + [c for c in by if c != "regime"] + (["jurisdiction"] if "regime" in by else [])
    if "regime" in by and "regime" in getattr(outcomes, "columns", ()):
        needs.remove("jurisdiction")
    _require_columns(outcomes, needs, "outcomes")
    df = outcomes[outcomes["amount_usd"].notna()].copy()
    if "regime" in by and "regime" not in df.columns:
        df["regime"] = df["jurisdiction"].map(regime_of)
    amount = df["amount_usd"].astype(float)
    df["_zero"] = amount.eq(0)
    df["_pos"] = amount.where(amount > 0)
    table = df.groupby(by, observed=True).agg(
        n=("amount_usd", "size"), n_zero=("_zero", "sum"), median_usd=("_pos", "median"),
        max_usd=("_pos", "max"), total_usd=("amount_usd", "sum"))
    table["n_zero"] = table["n_zero"].astype(int)
    return table.sort_values("total_usd", ascending=False)


def per_person(outcomes: pd.DataFrame, *, denominator: str = "class_size") -> pd.DataFrame:
    """Per-person value of class settlements: ``amount_usd / denominator``.

    Parameters
    ----------
    outcomes : pandas.DataFrame
        The outcomes table; only ``outcome_type == "class_settlement"`` rows with a positive
        amount are used, and of those only the classes of data subjects: settlements with
        card-issuing banks (``outcome_id`` ending ``-fi-class``) or shareholders
        (``-securities-class``), see :data:`INSTITUTIONAL_CLASSES`, are left out, since
        their class members are not the people whose data was exposed.
    denominator : {"class_size", "records_exposed", "class_size_or_records"}, default="class_size"
        Divide by the class size (settlements that state one), by the records exposed (a
        proxy: records are not people, and a class is usually smaller than the records), or
        by the class size where known and the records otherwise.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``outcome_id``: ``defendant``, ``outcome_year``, ``amount_usd``,
        ``people`` (the denominator used), ``basis`` (which column it came from) and
        ``per_person_usd``; rows without a positive denominator are dropped; sorted by
        ``per_person_usd``.

    Examples
    --------
    >>> df = pd.DataFrame({"outcome_id": ["a-2019-class", "b-2020-class", "c-2020-fine", "a-2019-fi-class"],
    ...     "defendant": ["A", "B", "C", "A"], "outcome_year": [2021, 2022, 2021, 2021],
    ...     "outcome_type": ["class_settlement", "class_settlement", "regulatory_fine", "class_settlement"],
    ...     "amount_usd": [1_000_000.0, 500_000.0, 9.0, 2_000_000.0], "class_size": [200_000, None, 1, 400],
    ...     "records_exposed": [250_000, 1_000_000, 1, 250_000]})
    >>> per_person(df)["per_person_usd"].tolist()
    [5.0]
    >>> per_person(df, denominator="class_size_or_records")[["basis", "per_person_usd"]]  # doctest: +NORMALIZE_WHITESPACE
                           basis  per_person_usd
    outcome_id
    b-2020-class  records_exposed             0.5
    a-2019-class       class_size             5.0
    """
    if denominator not in _DENOMINATORS:
        hint = suggest(str(denominator), _DENOMINATORS)
        raise InputError("denominator", denominator, "one of " + ", ".join(_DENOMINATORS),
                         f"did you mean {hint!r}?" if hint else None)
    _require_columns(outcomes, ["outcome_id", "defendant", "outcome_year", "outcome_type", "amount_usd",
                                "class_size", "records_exposed"], "outcomes")
    amount = pd.to_numeric(outcomes["amount_usd"], errors="coerce")
    institutional = outcomes["outcome_id"].astype(str).str.endswith(tuple(INSTITUTIONAL_CLASSES))
    df = outcomes[(outcomes["outcome_type"] == "class_settlement") & (amount > 0) & ~institutional]
    class_size = pd.to_numeric(df["class_size"], errors="coerce").astype(float)
    records = pd.to_numeric(df["records_exposed"], errors="coerce").astype(float)
    class_ok = class_size > 0
    if denominator == "class_size":
        people, basis = class_size.where(class_ok), pd.Series("class_size", index=df.index)
    elif denominator == "records_exposed":
        people, basis = records.where(records > 0), pd.Series("records_exposed", index=df.index)
    else:
        people = class_size.where(class_ok, records.where(records > 0))
        basis = pd.Series(np.where(class_ok, "class_size", "records_exposed"), index=df.index)
    out = pd.DataFrame({
        "outcome_id": df["outcome_id"], "defendant": df["defendant"], "outcome_year": df["outcome_year"],
        "amount_usd": amount[df.index].astype(float), "people": people, "basis": basis,
    })
    out = out[out["people"].notna()]
    out["per_person_usd"] = out["amount_usd"] / out["people"]
    return out.set_index("outcome_id").sort_values("per_person_usd", kind="stable")


def _wilson(k: np.ndarray, n: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    from scipy.stats import norm

    z = norm.ppf(0.5 + confidence / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    low = np.where(k == 0, 0.0, np.clip(centre - half, 0, 1))
    high = np.where(k == n, 1.0, np.clip(centre + half, 0, 1))
    return low, high


def share_by_year(incidents: pd.DataFrame, column: str = "misconfiguration", *, start: int | None = None,
                  end: int | None = None, confidence: float = 0.95) -> pd.DataFrame:
    """Yearly share of incidents where a boolean column is true, with a Wilson interval.

    Parameters
    ----------
    incidents : pandas.DataFrame
        An incidents table (``read_vcdb`` and the other importers) with ``year`` and ``column``.
    column : str, default="misconfiguration"
        A boolean column, e.g. ``misconfiguration``, ``cloud`` or VCDB's ``publishing_error``.
    start, end : int, optional
        First and last year kept (inclusive); rows without a year are always dropped.
    confidence : float, default=0.95
        Coverage of the Wilson score interval, in (0, 1).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``year`` (only years with incidents): ``n`` incidents, ``k`` flagged,
        ``share`` = k / n, ``low`` and ``high`` bounds of the interval.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. Journal of the American Statistical Association 22(158), 209-212.

    Examples
    --------
    >>> df = pd.DataFrame({"year": [2019, 2019, 2019, 2019, 2020, None],
    ...                    "misconfiguration": [True, False, False, False, True, True]})
    >>> share_by_year(df).round(3)  # doctest: +NORMALIZE_WHITESPACE
          n  k  share    low   high
    year
    2019  4  1   0.25  0.046  0.699
    2020  1  1   1.00  0.207  1.000
    """
    _require_columns(incidents, ["year", column], "incidents")
    if not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
        raise InputError("confidence", confidence, "a number strictly between 0 and 1")
    for name, value in (("start", start), ("end", end)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, np.integer))):
            raise InputError(name, value, "a year as an int, or None")
    flag = incidents[column]
    if flag.dtype != bool:
        values = set(flag.dropna().unique().tolist())
        if not values <= {True, False}:
            raise InputError(column, sorted(map(str, values))[:5], "a boolean column (True / False)")
    df = pd.DataFrame({"year": pd.to_numeric(incidents["year"], errors="coerce"), "flag": flag.astype(bool)})
    df = df[df["year"].notna()]
    if start is not None:
        df = df[df["year"] >= start]
    if end is not None:
        df = df[df["year"] <= end]
    g = df.groupby(df["year"].astype(int))["flag"]
    out = pd.DataFrame({"n": g.size(), "k": g.sum().astype(int)})
    out.index.name = "year"
    out["share"] = out["k"] / out["n"]
    out["low"], out["high"] = _wilson(out["k"].to_numpy(float), out["n"].to_numpy(float), float(confidence))
    return out


def size_profile(samples: Mapping[str, pd.Series], thresholds: Sequence[float] = (1e4, 1e6)) -> pd.DataFrame:
    """Compare records (or amounts) distributions: counts, quantiles and tail shares.

    Parameters
    ----------
    samples : mapping of str to pandas.Series
        Name -> values (e.g. ``{"curated": outcomes.records_exposed, "vcdb": vcdb.records}``);
        missing values are dropped, negative values refused.
    thresholds : sequence of float, default=(1e4, 1e6)
        For each threshold t a column ``share >= t`` (fraction of the known values).

    Returns
    -------
    pandas.DataFrame
        One row per sample: ``n`` (known values), ``p10``, ``p25``, ``median``, ``p75``,
        ``p90``, ``max`` and the share columns.

    Examples
    --------
    >>> table = size_profile({"a": pd.Series([1, 10, 100, None]), "b": pd.Series([1e6])})
    >>> table[["n", "median", "share >= 1e+04"]]  # doctest: +NORMALIZE_WHITESPACE
       n     median  share >= 1e+04
    a  3       10.0             0.0
    b  1  1000000.0             1.0
    """
    if not isinstance(samples, Mapping) or not samples:
        raise InputError("samples", type(samples).__name__, "a non-empty mapping of name -> pandas Series")
    rows = {}
    for name, values in samples.items():
        x = pd.to_numeric(pd.Series(values), errors="coerce").dropna().astype(float)
        if (x < 0).any():
            raise InputError(f"samples[{name!r}]", float(x.min()), "values >= 0 (records or amounts)")
        row: dict[str, float] = {"n": int(len(x))}
        for label, q in (("p10", 0.1), ("p25", 0.25), ("median", 0.5), ("p75", 0.75), ("p90", 0.9)):
            row[label] = float(x.quantile(q)) if len(x) else np.nan
        row["max"] = float(x.max()) if len(x) else np.nan
        for t in thresholds:
            row[f"share >= {t:.0e}"] = float((x >= t).mean()) if len(x) else np.nan
        rows[name] = row
    return pd.DataFrame.from_dict(rows, orient="index")


def log_bins(*samples: pd.Series, per_decade: int = 4) -> np.ndarray:
    """Logarithmic histogram bin edges covering the positive values of all samples.

    Edges sit on whole decades and ``per_decade`` steps between them, so several samples
    drawn with the same edges are comparable.

    Parameters
    ----------
    *samples : array-like
        One or more samples; values <= 0 and missing values are ignored.
    per_decade : int, default=4
        Bins per factor of ten.

    Returns
    -------
    numpy.ndarray
        Increasing edges from ``10**floor(log10(min))`` to ``10**ceil(log10(max))``.

    Examples
    --------
    >>> log_bins([5, 50], [900], per_decade=1).tolist()
    [1.0, 10.0, 100.0, 1000.0]
    """
    if isinstance(per_decade, bool) or not isinstance(per_decade, (int, np.integer)) or per_decade < 1:
        raise InputError("per_decade", per_decade, "an int >= 1")
    values = [pd.to_numeric(pd.Series(np.asarray(s, dtype=object)), errors="coerce").to_numpy(float) for s in samples]
    x = np.concatenate(values) if values else np.array([])
    x = x[np.isfinite(x) & (x > 0)]
    if x.size == 0:
        raise InputError("samples", "no positive values", "at least one value > 0")
    lo, hi = np.floor(np.log10(x.min())), np.ceil(np.log10(x.max()))
    if 10.0**lo > x.min():  # log10 rounds up just below a power of ten
        lo -= 1
    if 10.0**hi < x.max():
        hi += 1
    hi = max(hi, lo + 1)
    return np.logspace(lo, hi, int((hi - lo) * per_decade) + 1)
