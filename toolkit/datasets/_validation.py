"""Shared lazy validation of a curated table: every problem at once, as one DataError."""
from __future__ import annotations

from typing import Sequence

from ..errors import DataError


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
        raise DataError(f"{table} header", ", ".join(missing + extra), "exactly the columns " + ", ".join(columns))
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
