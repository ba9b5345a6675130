"""Shared reading and lazy validation of a curated table: every problem at once, as one DataError."""
from __future__ import annotations

from typing import Sequence

from ..errors import DataError


def read_table(path, *, what: str = "a curated CSV table"):
    """Read a curated CSV table as text (``dtype=str``, empty cells as ``""``).

    A file that is not UTF-8, is empty, is cut off in a quoted cell, or has a row with fewer
    or more cells than its header (a truncated or hand-edited file) raises one
    :class:`~toolkit.errors.DataError` naming the file and the line, never a pandas error.

    Parameters
    ----------
    path : path-like
        The CSV file.
    what : str, optional
        What the file should be, for the message.

    Returns
    -------
    pandas.DataFrame
    """
    import csv

    import pandas as pd

    name = str(path)
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh, strict=True)
            start = 1
            header = None
            try:
                for record in reader:
                    if header is None:
                        header = record
                    elif record and len(record) != len(header):
                        raise DataError(name, f"line {start} has {len(record)} cells, the header {len(header)}",
                                        f"{what}: one cell per header column on every row",
                                        "is the file truncated?" if len(record) < len(header) else
                                        "a comma left unquoted?")
                    start = reader.line_num + 1
            except csv.Error:
                raise DataError(name, f"unreadable CSV from line {start}", f"{what}, complete",
                                "is the file truncated, or a quote left open?") from None
    except UnicodeDecodeError:
        raise DataError(name, "bytes that are not UTF-8", f"{what} in UTF-8") from None
    if header is None:
        raise DataError(name, "an empty file", f"{what} with its header line")
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataError(name, f"unreadable CSV ({type(exc).__name__})", f"{what}, complete") from None


def validate_table(df, schema, columns: Sequence[str], *, table: str, what: str, limit: int = 50):
    """Check the header, then validate ``df`` against ``schema`` lazily.

    Raises one :class:`~toolkit.errors.DataError` naming the table and listing each failing cell
    as "line N, column C: got V; allowed: CHECK" (line numbers count the CSV header as line 1).
    """
    import pandas as pd
    import pandera.pandas as pa

    missing = [c for c in columns if c not in df.columns]
    extra = [c for c in df.columns if c not in columns]
    if missing or extra:
        # Name the expected columns only: the file's own header may be any file's first line.
        got = (("missing " + ", ".join(missing)) if missing else "") + \
              ("; " if missing and extra else "") + (f"{len(extra)} unexpected column(s)" if extra else "")
        raise DataError(f"{table} header", got, "exactly the columns " + ", ".join(columns))
    try:
        return schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        lines = []
        for _, case in exc.failure_cases.iterrows():
            idx = case.get("index")
            line = int(idx) + 2 if pd.notna(idx) else "table"
            lines.append(f"line {line}, column {case.get('column')}: got {case.get('failure_case')!r}; "
                         f"allowed: {case.get('check')}")
        raise DataError(table, f"{len(lines)} problem(s)", what, "\n  " + "\n  ".join(lines[:limit])) from None
