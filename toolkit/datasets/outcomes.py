"""The outcomes table: schema, validation and :func:`load_outcomes`.

One row per legal outcome of a data breach (class settlement, regulatory fine, AG
settlement, verdict, dismissal, pending matter); the contract is in ``design.md``. The
pandera schema :data:`OUTCOMES_SCHEMA` states every column with its vocabulary; validation
is lazy, so a curator sees every bad cell at once, rendered as one
:class:`toolkit.errors.DataError` naming the CSV line, the column, the value and what is
allowed.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError, InputError
from ..vocab import (
    AUTHORITIES,
    AUTHORITY_CODES,
    CLOUD_PROVIDERS,
    CONTROLS,
    DATA_TYPES,
    JURISDICTION_PATTERN,
    MISCONFIGURATION_TYPES,
    OUTCOME_TYPES,
    SECTORS,
    SERVICE_MODELS,
    TRISTATE,
)
from ._registry import data_dir
from ._validation import LazySchema

__all__ = [
    "OUTCOMES_COLUMNS", "OUTCOMES_SCHEMA", "DISMISSALS", "SLUG_PATTERN", "INCIDENT_PATTERN",
    "parse_outcomes", "validate_outcomes", "read_outcomes_csv", "load_outcomes",
]

#: Columns of ``data/outcomes.csv`` in file order.
OUTCOMES_COLUMNS = (
    "outcome_id", "incident_id", "defendant", "year_disclosed", "records_exposed", "data_types",
    "sector", "cloud_provider", "misconfiguration_type", "service_model", "jurisdiction", "forum",
    "outcome_type", "amount_usd", "amount_original", "currency", "outcome_year", "class_size",
    "regulator", *CONTROLS, "prior_warnings", "source_urls", "verified", "notes",
)
DISMISSALS = ("dismissed_standing", "dismissed_other")
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
INCIDENT_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*-(?:19|20)\d{2}$"
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)

_INT_COLUMNS = ("year_disclosed", "records_exposed", "outcome_year", "class_size")
_FLOAT_COLUMNS = ("amount_usd", "amount_original")


def _one_of(options) -> str:
    return "one of " + ", ".join(options)


def _isin(options, name):
    import pandera.pandas as pa

    return pa.Check.isin(list(options), error=_one_of(options), name=name)


def _data_types_ok(series: pd.Series) -> pd.Series:
    def ok(text):
        items = [t.strip() for t in str(text).split(";")]
        return bool(items) and all(t in DATA_TYPES for t in items) and len(set(items)) == len(items)
    return series.map(ok).astype(bool)


def _urls_ok(series: pd.Series) -> pd.Series:
    def ok(text):
        parts = str(text).split()
        return bool(parts) and all(_URL.match(p) for p in parts)
    return series.map(ok).astype(bool)


def _row_checks():
    """Table-level rules spanning columns; each returns one boolean per row."""
    import pandera.pandas as pa

    def amount_only_pending_empty(df):
        return df["amount_usd"].notna() | (df["outcome_type"] == "pending")

    def dismissals_zero(df):
        return ~df["outcome_type"].isin(DISMISSALS) | (df["amount_usd"].fillna(-1) == 0)

    def usd_consistent(df):
        both = df["amount_usd"].notna() & df["amount_original"].notna() & (df["currency"] == "USD")
        return ~both | np.isclose(df["amount_usd"].fillna(0), df["amount_original"].fillna(0), rtol=1e-9, atol=0.5)

    def regulator_where_needed(df):
        needs = df["outcome_type"].isin(["regulatory_fine", "ag_settlement"])
        has = df["regulator"].fillna("") != ""
        return needs == has

    def regulator_track(df):
        track = df["regulator"].map(lambda c: AUTHORITIES[c].track if c in AUTHORITIES else None)
        return (df["regulator"].fillna("") == "") | (track == df["outcome_type"])

    def outcome_id_prefix(df):
        return pd.Series([o.startswith(i + "-") for o, i in zip(df["outcome_id"], df["incident_id"])], index=df.index)

    def original_present(df):
        return df["amount_original"].notna() | (df["outcome_type"] == "pending")

    return [
        pa.Check(amount_only_pending_empty, name="amount_usd_required",
                 error="amount_usd empty only when outcome_type is pending"),
        pa.Check(original_present, name="amount_original_required",
                 error="amount_original empty only when outcome_type is pending"),
        pa.Check(dismissals_zero, name="dismissal_amount_zero",
                 error="amount_usd = 0 when outcome_type is dismissed_standing or dismissed_other"),
        pa.Check(usd_consistent, name="usd_amount_consistent",
                 error="amount_usd equal to amount_original when currency is USD"),
        pa.Check(regulator_where_needed, name="regulator_required",
                 error="a regulator code on regulatory_fine and ag_settlement rows, and only there"),
        pa.Check(regulator_track, name="regulator_track",
                 error="an attorney general's code (US-XX-AG) on ag_settlement rows, another authority on regulatory_fine rows"),
        pa.Check(outcome_id_prefix, name="outcome_id_prefix",
                 error="outcome_id of the form <incident_id>-<kind>"),
    ]


def _tristate_cols() -> dict:
    import pandera.pandas as pa

    return {c: pa.Column(str, _isin(TRISTATE, f"{c}_vocab"),
                         description=f"{c.replace('_', ' ')}: yes / no / unknown, as the sources state")
            for c in (*CONTROLS, "prior_warnings")}

#: The pandera schema of the outcomes table (columns typed as :func:`parse_outcomes` returns them).
def _build_outcomes_schema():
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "outcome_id": pa.Column(str, pa.Check.str_matches(SLUG_PATTERN, error="a slug: lower-case a-z, 0-9 and single hyphens", name="slug"),
                                    unique=True, description="unique slug <incident_id>-<kind>, e.g. capital-one-2019-class"),
            "incident_id": pa.Column(str, pa.Check.str_matches(INCIDENT_PATTERN, error="a slug <org>-<year>, e.g. equifax-2017", name="incident_slug"),
                                     description="slug shared by the outcomes of one incident, <org>-<year_disclosed>"),
            "defendant": pa.Column(str, pa.Check.str_length(1, 500, error="a non-empty text", name="non_empty"),
                                   description="defendant as named in the order or settlement"),
            "year_disclosed": pa.Column("Int64", pa.Check.in_range(1990, 2030, error="a year between 1990 and 2030", name="year_range"),
                                        description="year the incident became public"),
            "records_exposed": pa.Column("Int64", pa.Check.ge(0, error="a whole number >= 0", name="non_negative"), nullable=True,
                                         description="people or records affected, as reported; empty if unknown"),
            "data_types": pa.Column(str, pa.Check(_data_types_ok, error="';'-joined distinct items of " + ", ".join(DATA_TYPES), name="data_types_vocab"),
                                    description="';'-joined subset of: " + ", ".join(DATA_TYPES)),
            "sector": pa.Column(str, _isin(SECTORS, "sector_vocab"), description=_one_of(SECTORS)),
            "cloud_provider": pa.Column(str, _isin(CLOUD_PROVIDERS, "cloud_provider_vocab"), description=_one_of(CLOUD_PROVIDERS)),
            "misconfiguration_type": pa.Column(str, _isin(MISCONFIGURATION_TYPES, "misconfiguration_vocab"),
                                               description=_one_of(MISCONFIGURATION_TYPES)),
            "service_model": pa.Column(str, _isin(SERVICE_MODELS, "service_model_vocab"), description=_one_of(SERVICE_MODELS)),
            "jurisdiction": pa.Column(str, pa.Check.str_matches(JURISDICTION_PATTERN, error="a code like US, US-CA, GB, EU-IE", name="jurisdiction_code"),
                                      description="ISO 3166 country with optional subdivision, or EU-xx for a member state's authority"),
            "forum": pa.Column(str, pa.Check.str_length(1, 500, error="a non-empty text", name="non_empty"),
                               description="the court or authority"),
            "outcome_type": pa.Column(str, _isin(OUTCOME_TYPES, "outcome_type_vocab"), description=_one_of(OUTCOME_TYPES)),
            "amount_usd": pa.Column(float, pa.Check.ge(0, error="a number >= 0", name="non_negative"), nullable=True,
                                    description="nominal USD; 0 for non-monetary orders and dismissals; empty only for pending"),
            "amount_original": pa.Column(float, pa.Check.ge(0, error="a number >= 0", name="non_negative"), nullable=True,
                                         description="amount as decided, in its currency"),
            "currency": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$", error="an ISO 4217 code such as USD, EUR, GBP", name="iso4217"),
                                  description="ISO 4217 currency of amount_original"),
            "outcome_year": pa.Column("Int64", pa.Check.in_range(1990, 2030, error="a year between 1990 and 2030", name="year_range"),
                                      nullable=True, description="year of the order, approval or judgment"),
            "class_size": pa.Column("Int64", pa.Check.ge(0, error="a whole number >= 0", name="non_negative"), nullable=True,
                                    description="class members, where the source gives it"),
            "regulator": pa.Column(str, pa.Check(lambda s: (s == "") | s.isin(AUTHORITY_CODES),
                                                 error="empty, or an authority code of toolkit.vocab.AUTHORITIES",
                                                 name="regulator_vocab"),
                                   description="the authority code (toolkit.vocab.AUTHORITIES) of a regulatory fine or AG "
                                               "settlement; empty for other outcomes"),
            **_tristate_cols(),
            "source_urls": pa.Column(str, pa.Check(_urls_ok, error="one or more whitespace-separated http(s) URLs", name="urls"),
                                     description="whitespace-separated public URLs; at least one"),
            "verified": pa.Column(bool, description="true if the amount or status was read in a cited source"),
            "notes": pa.Column(str, pa.Check(lambda s: ~s.str.contains(r"[\r\n]", regex=True), error="one line of text (no newlines)",
                                             name="one_line"), description="curator's notes, own words"),
        },
        checks=_row_checks(),
        strict=True, ordered=False, name="outcomes",
    )


OUTCOMES_SCHEMA = LazySchema(_build_outcomes_schema)


# ----------------------------------------------------------------------------- parsing
def _problem(line, column, value, allowed):
    return (line, column, value, allowed)


def _render(table: str, problems: list[tuple]) -> DataError:
    problems = sorted(set(problems), key=lambda p: (p[0] if isinstance(p[0], int) else 10**9, str(p[1])))
    lines = [f"line {ln}, column {col}: got {val!r}; allowed: {allowed}" for ln, col, val, allowed in problems]
    shown = lines[:50] + ([f"... and {len(lines) - 50} more"] if len(lines) > 50 else [])
    err = DataError(table, f"{len(lines)} problem(s)", "the outcomes schema (data/README.md)", "\n  " + "\n  ".join(shown))
    err.problems = problems
    return err


def parse_outcomes(raw: pd.DataFrame, *, first_line: int = 2) -> tuple[pd.DataFrame, list[tuple]]:
    """Type the text cells of an outcomes table; return the typed frame and parse problems.

    ``raw`` holds strings (as read with ``dtype=str, keep_default_na=False``). Whole-number
    columns become ``Int64``, amounts ``float``, ``verified`` ``bool``. A cell that cannot be
    parsed is set to missing and reported as ``(line, column, value, allowed)``; line numbers
    count the header as line 1.

    Examples
    --------
    >>> raw = pd.DataFrame({"records_exposed": ["12", "", "1e3"], "verified": ["true", "FALSE", "yes"]})
    >>> typed, problems = parse_outcomes(raw)
    >>> typed["records_exposed"].tolist()
    [12, <NA>, <NA>]
    >>> [p[:2] for p in problems]
    [(4, 'records_exposed'), (4, 'verified')]
    """
    df = raw.copy()
    problems: list[tuple] = []
    lines = pd.RangeIndex(first_line, first_line + len(df))
    for col in df.columns:
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
            df[col] = df[col].fillna("").astype(str).str.strip()
    for col in _INT_COLUMNS:
        if col not in df:
            continue
        values = []
        for line, cell in zip(lines, df[col]):
            text = str(cell).replace("_", "")
            if text == "":
                values.append(pd.NA)
            elif re.fullmatch(r"-?\d+", text):
                values.append(int(text))
            else:
                problems.append(_problem(line, col, cell, "a whole number in plain digits (no commas, no exponent)"))
                values.append(pd.NA)
        df[col] = pd.array(values, dtype="Int64")
    for col in _FLOAT_COLUMNS:
        if col not in df:
            continue
        values = []
        for line, cell in zip(lines, df[col]):
            text = str(cell)
            if text == "":
                values.append(np.nan)
                continue
            try:
                number = float(text)
            except ValueError:
                number = None
            if number is None or not np.isfinite(number):
                problems.append(_problem(line, col, cell, "a plain number (no commas or currency signs)"))
                values.append(np.nan)
            else:
                values.append(number)
        df[col] = np.asarray(values, dtype=float)
    if "verified" in df:
        values = []
        for line, cell in zip(lines, df["verified"]):
            key = str(cell).strip().lower()
            if key in ("true", "1"):
                values.append(True)
            elif key in ("false", "0"):
                values.append(False)
            else:
                problems.append(_problem(line, "verified", cell, "true or false"))
                values.append(False)
        df["verified"] = np.asarray(values, dtype=bool)
    return df, problems


def validate_outcomes(df: pd.DataFrame, *, table: str = "outcomes.csv", first_line: int = 2,
                      parse_problems: list[tuple] | None = None) -> pd.DataFrame:
    """Validate a typed outcomes frame lazily; raise one :class:`DataError` listing every problem.

    The frame's positional row ``i`` is reported as CSV line ``first_line + i``.

    Raises
    ------
    toolkit.errors.DataError
        Its ``problems`` attribute lists ``(line, column, value, allowed)`` tuples.
    """
    problems = list(parse_problems or [])
    missing = [c for c in OUTCOMES_COLUMNS if c not in df.columns]
    extra = [c for c in df.columns if c not in OUTCOMES_COLUMNS]
    if missing or extra:
        # Name the expected columns only: the file's own header may be any file's first line.
        raise DataError(f"{table} header",
                        (f"missing {', '.join(missing)}" if missing else "") + ("; " if missing and extra else "")
                        + (f"{len(extra)} unexpected column(s)" if extra else ""),
                        "exactly the columns " + ", ".join(OUTCOMES_COLUMNS))
    frame = df.reset_index(drop=True)
    reported = {(p[0], p[1]) for p in problems}
    import pandera.pandas as pa

    try:
        OUTCOMES_SCHEMA.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        for _, case in cases.iterrows():
            idx = case.get("index")
            line = int(idx) + first_line if pd.notna(idx) else "?"
            column = case.get("column")
            check = str(case.get("check"))
            if case.get("schema_context") == "DataFrameSchema" or column in (None, "") or pd.isna(column):
                column = _check_columns(check)
                value = _row_value(frame, idx, column)
            else:
                value = case.get("failure_case")
                if "field_uniqueness" in check:
                    check = "a value not used on another row"
                elif "not_nullable" in check:
                    check = "a value (not empty)"
                elif "dtype" in check:
                    check = "the column's type (see data/README.md)"
            if (line, column) in reported:
                continue
            problems.append(_problem(line, column, value, check))
    if problems:
        raise _render(table, problems)
    return df


_CHECK_COLUMNS = {
    "amount_usd empty only": "amount_usd", "amount_original empty only": "amount_original",
    "dismissed": "amount_usd", "equal to amount_original": "amount_usd", "outcome_id of the form": "outcome_id",
}


def _check_columns(check: str) -> str:
    for key, column in _CHECK_COLUMNS.items():
        if key in check:
            return column
    return "(row)"


def _row_value(frame, idx, column):
    if idx is None or pd.isna(idx) or column not in frame.columns:
        return None
    value = frame.at[int(idx), column]
    return None if pd.isna(value) else value


def read_outcomes_csv(path: str | os.PathLike) -> pd.DataFrame:
    """Read, type and validate an outcomes CSV file (any path); raise DataError on problems."""
    path = Path(path)
    if not path.is_file():
        raise InputError("outcomes file", str(path), "an existing CSV file (run tools/merge_outcomes.py to build it)")
    from ._validation import read_table

    return _outcomes_from_table(read_table(path, what="the outcomes table"), table=str(path))


def _outcomes_from_table(raw: pd.DataFrame, *, table: str) -> pd.DataFrame:
    """Type and validate an outcomes table already read as text (:func:`~._validation.read_table`).

    ``raw`` is left as it is; ``table`` names the file in the :class:`~toolkit.errors.DataError`.
    """
    typed, problems = parse_outcomes(raw)
    validate_outcomes(typed, table=table, parse_problems=problems)
    return typed[list(OUTCOMES_COLUMNS)]


def load_outcomes(*, constant_dollars: int | None = None, data_dir_: str | os.PathLike | None = None) -> pd.DataFrame:
    """The curated outcomes of data breaches, validated.

    One row is one legal outcome (a class settlement, a fine, an AG settlement, a verdict, a
    dismissal or a pending matter); outcomes of one incident share ``incident_id``. Columns
    follow the contract in ``design.md``: ``records_exposed``, ``class_size``,
    ``year_disclosed`` and ``outcome_year`` are ``Int64``, amounts ``float`` (nominal USD;
    empty only for pending), ``verified`` ``bool``, text columns ``str``.

    **Optional lever columns.** When the folder holds ``outcome_factors.csv``
    (:mod:`toolkit.datasets.outcome_factors`), each lever column it records
    (``governance.risk_assessment``, ``response.cooperated_with_regulator``,
    ``aggravation.previous_infringements``, ...) is joined on ``outcome_id``: ``yes`` / ``no`` where a
    cited source states it, ``unknown`` elsewhere. They are optional: code that reads them must
    treat a missing column as all ``unknown``.

    Parameters
    ----------
    constant_dollars : int, optional
        If given (e.g. 2024), add ``amount_usd_<year>``: ``amount_usd`` restated in dollars
        of that year with the CPI-U annual averages (``data/cpi_u.csv``). Rows whose
        ``outcome_year`` is not in the CPI table get NaN there.
    data_dir_ : path, optional
        Folder holding ``outcomes.csv`` and, optionally, ``outcome_factors.csv`` (default: see
        :func:`toolkit.datasets.data_dir`).

    Raises
    ------
    toolkit.errors.DataError
        When the table (or the factors table) breaks its schema; every bad cell is listed with its CSV line.

    References
    ----------
    Row-level sources are in ``source_urls``; see ``data/README.md`` for the datasheet.
    """
    from .outcome_factors import join_outcome_factors

    folder = data_dir(data_dir_)
    df = join_outcome_factors(read_outcomes_csv(folder / "outcomes.csv"), folder)
    if constant_dollars is not None:
        from .fx import load_cpi

        if isinstance(constant_dollars, bool) or not isinstance(constant_dollars, (int, np.integer)):
            raise InputError("constant_dollars", constant_dollars, "a year (int) such as 2024, or None")
        cpi = load_cpi(data_dir_).set_index("year")["cpi_u_annual_avg"]
        if int(constant_dollars) not in cpi.index:
            raise InputError("constant_dollars", constant_dollars,
                             "a year in data/cpi_u.csv: " + ", ".join(str(int(y)) for y in cpi.index))
        factor = df["outcome_year"].map(lambda y: cpi.get(int(y), np.nan) if pd.notna(y) else np.nan).astype(float)
        df[f"amount_usd_{int(constant_dollars)}"] = df["amount_usd"] * float(cpi[int(constant_dollars)]) / factor
    return df
