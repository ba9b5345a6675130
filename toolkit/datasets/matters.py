"""Tables of matters: a CSV or Parquet file with one matter a row, read as :class:`toolkit.Case` objects.

For portfolios (:func:`toolkit.assess_many`): an insurer's or a claims team's list of matters,
exported from a spreadsheet or a database, is read and validated in one call, and every bad row
is named by its number and its field.

The columns are the :class:`~toolkit.Case` fields, spelled as in a matter file, with three flat
conventions a table needs:

- list fields (``data_types``, ``jurisdictions``, ``regulators``, ``defenses``, ``sources``) are
  joined by ``;`` in one cell (``health;contact``), as in the outcomes table;
- each governance control has its own column named after it (``mfa``, ``least_privilege``, ...,
  as in the outcomes table), holding ``yes`` / ``no`` / ``unknown``;
- the parties are ``parties.customer``, ``parties.provider`` and ``parties.integrator``;
- the lever blocks have one column per key: ``governance.risk_assessment``, ``response.days_to_notify``,
  ``harms.lost_time_alleged``, ``aggravation.previous_infringements``, ...

An empty cell means "not stated" (the Case default). Unknown columns are refused, with a
suggestion for near misses.
"""
from __future__ import annotations

import math
import os
from pathlib import Path

from ..errors import DataError, InputError, suggest
from ..vocab import CONTROLS

__all__ = ["read_matters", "matters_table"]

_LIST_FIELDS = ("data_types", "jurisdictions", "regulators", "defenses", "sources")
_INT_FIELDS = ("records_exposed", "class_size", "incident_year")
_FLOAT_FIELDS = ("causation_strength", "prior_exposure", "defendant_revenue_usd")
_PARTY_COLUMNS = ("parties.customer", "parties.provider", "parties.integrator")

#: Rows named in one error message (the exception's ``errors`` attribute holds all of them).
SHOWN_ERRORS = 10


def _block_columns() -> tuple[str, ...]:
    """One column per key of the lever blocks: ``governance.risk_assessment``, ``response.days_to_notify``, ..."""
    from ..case import BLOCKS

    return tuple(f"{block}.{key}" for block, keys in BLOCKS.items() for key in keys)


def _columns_allowed() -> tuple[str, ...]:
    from ..case import BLOCKS, Case

    fields = [f for f in Case.field_names() if f not in ("controls", "parties", *BLOCKS)]
    return tuple(fields) + CONTROLS + _PARTY_COLUMNS + _block_columns()


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    try:
        import pandas as pd

        return value is pd.NA or value is pd.NaT
    except ImportError:  # pragma: no cover
        return False


def _cell(field: str, value):
    """One cell as the Case field expects it (lists split, integral numbers as int); the Case validates."""
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()  # numpy scalars and arrays (Parquet) as plain Python
    if field in _LIST_FIELDS:
        if isinstance(value, (list, tuple)):
            return [str(v).strip() for v in value if not _missing(v)]
        text = str(value)
        parts = text.split() if field == "sources" and ";" not in text else text.split(";")
        return [p.strip() for p in parts if p.strip()]
    if isinstance(value, str):
        value = value.strip()
        if field in _INT_FIELDS or field in _FLOAT_FIELDS:
            try:
                number = float(value.replace(",", "")) if field in _INT_FIELDS else float(value)
            except ValueError:
                return value  # the Case names the field and what it allows
            value = number
    if field in _INT_FIELDS and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _row_to_dict(row: dict) -> dict:
    data: dict = {}
    controls: dict = {}
    parties: dict = {}
    blocks: dict = {}
    block_columns = set(_block_columns())
    for column, value in row.items():
        if _missing(value):
            continue
        if column in CONTROLS:
            controls[column] = value.strip() if isinstance(value, str) else value
        elif column in _PARTY_COLUMNS:
            parties[column.split(".", 1)[1]] = str(value).strip()
        elif column in block_columns:
            block, key = column.split(".", 1)
            blocks.setdefault(block, {})[key] = value.strip() if isinstance(value, str) else value
        else:
            data[column] = _cell(column, value)
    data.update(blocks)
    if controls:
        data["controls"] = controls
    if parties:
        data["parties"] = parties
    return data


def _read_table(path: Path):
    import pandas as pd

    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        try:
            return pd.read_parquet(path)
        except ImportError as exc:
            raise InputError("path", str(path), "a Parquet file read with pyarrow or fastparquet installed "
                             "(pip install pyarrow)", str(exc).splitlines()[0]) from None
    if suffix in (".csv", ".txt", ".tsv"):
        # every cell as text: numbers are converted per field, so "007" names and big counts stay exact
        return pd.read_csv(path, dtype=str, keep_default_na=False, sep="\t" if suffix == ".tsv" else ",")
    raise InputError("path", str(path), "a .csv, .tsv or .parquet file of matters")


def read_matters(path: str | os.PathLike) -> list:
    """Read a CSV or Parquet table of matters (one a row) as a list of :class:`toolkit.Case`.

    Parameters
    ----------
    path : str or path-like
        A ``.csv`` (or ``.tsv``) or ``.parquet`` file whose columns are Case fields (see the module
        docstring: ``;``-joined lists, one column per control, ``parties.<role>``). Parquet needs
        pyarrow or fastparquet.

    Returns
    -------
    list of Case
        In the order of the rows.

    Raises
    ------
    toolkit.errors.DataError
        For an unknown or a missing required column, or for bad rows: the message names the file,
        the row number (1 = the first matter, below the header) and the field, with what the field
        allows; every bad row is listed in the exception's ``errors`` attribute
        (``[(row number, InputError), ...]``), the first few in the message.

    See Also
    --------
    matters_table : the inverse (Cases to a table, e.g. as a template).
    toolkit.assess_many : score the matters.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "matters.csv").write_text(
    ...     "name,defendant,records_exposed,data_types,sector,misconfiguration_type,jurisdictions,mfa\\n"
    ...     "Open bucket,Example Inc.,250000,health;contact,healthcare,public_bucket,US;US-CA,no\\n")
    >>> [case] = read_matters(folder / "matters.csv")
    >>> case.data_types, case.controls["mfa"], case.class_size
    (('health', 'contact'), 'no', 250000)
    >>> _ = (folder / "bad.csv").write_text(
    ...     "name,defendant,records_exposed,data_types,sector,misconfiguration_type,jurisdictions\\n"
    ...     "A,B,-5,ssn,retail,public_bucket,US\\n")
    >>> read_matters(folder / "bad.csv")
    Traceback (most recent call last):
    ...
    toolkit.errors.DataError: bad.csv row 1: records_exposed: got -5; allowed: a whole number between 0 and 100,000,000,000
    """
    from ..case import Case

    path = Path(path)
    if not path.is_file():
        raise InputError("path", str(path), "an existing .csv or .parquet file of matters")
    table = _read_table(path)
    allowed = _columns_allowed()
    for column in table.columns:
        if column not in allowed:
            near = suggest(str(column), allowed)
            raise DataError(f"{path.name} column {column!r}", column, "a Case field (see toolkit.Case), a control "
                            "name or parties.<customer|provider|integrator>", f"did you mean {near!r}?" if near else None)
    required = ("name", "defendant", "records_exposed", "data_types", "sector", "misconfiguration_type",
                "jurisdictions")
    absent = [c for c in required if c not in table.columns]
    if absent:
        raise DataError(f"{path.name} columns", list(table.columns), "a table with the required columns "
                        + ", ".join(required) + f" (missing: {', '.join(absent)})")
    cases, errors = [], []
    for number, row in enumerate(table.to_dict(orient="records"), start=1):
        try:
            cases.append(Case.from_dict(_row_to_dict(row)))
        except InputError as exc:
            errors.append((number, exc))
    if errors:
        number, first = errors[0]
        others = [f"row {n} {e.field}" for n, e in errors[1:SHOWN_ERRORS]]
        more = len(errors) - SHOWN_ERRORS
        hint = first.hint
        if others:
            hint = ((hint + "; ") if hint else "") + f"{len(errors)} bad rows; also " + ", ".join(others) \
                + (f" and {more} more" if more > 0 else "")
        error = DataError(f"{path.name} row {number}: {first.field}", first.value, first.allowed, hint)
        error.errors = errors  # type: ignore[attr-defined]  # every bad row, for a caller that lists them
        raise error
    return cases


def matters_table(cases):
    """Cases as a table in :func:`read_matters`'s layout (a DataFrame; write it with ``to_csv``).

    >>> from toolkit.datasets import load_matter
    >>> table = matters_table([load_matter("capital_one_2019")])
    >>> table.loc[0, "jurisdictions"], table.loc[0, "mfa"]
    ('US;US-VA', 'unknown')
    """
    import pandas as pd

    rows = []
    for case in cases:
        data = case.to_dict()
        row = {}
        for key, value in data.items():
            if key == "controls":
                row.update(value)
            elif key == "parties":
                row.update({f"parties.{role}": name for role, name in value.items()})
            elif isinstance(value, dict):  # a lever block: governance, response, harms, aggravation
                row.update({f"{key}.{k}": v for k, v in value.items()})
            elif isinstance(value, list):
                row[key] = ";".join(value)
            else:
                row[key] = value
        rows.append(row)
    return pd.DataFrame(rows)
