"""Shared reading and lazy validation of a curated table: every problem at once, as one DataError."""
from __future__ import annotations

from typing import Sequence

from ..errors import DataError


def read_table(path, *, what: str = "a curated CSV table"):
    """Read a curated CSV table as text (``dtype=str``, empty cells as ``""``), in one pass.

    A file that is not UTF-8, is empty, is cut off in a quoted cell, or has a row with fewer
    or more cells than its header (a truncated or hand-edited file) raises one
    :class:`~toolkit.errors.DataError` naming the file and the line, never a pandas error.
    The frame is the one ``pandas.read_csv(path, dtype=str, keep_default_na=False)`` gives for
    a well-formed file: a leading UTF-8 byte-order mark dropped, blank lines skipped, an empty
    header cell named ``Unnamed: i`` and a repeated one ``name.1``, ``name.2``...

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
    header: list[str] | None = None
    rows: list[list[str]] = []
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh, strict=True)
            start = 1
            try:
                for record in reader:
                    if header is None:
                        header = record
                    elif record:
                        if len(record) != len(header):
                            raise DataError(name, f"line {start} has {len(record)} cells, the header {len(header)}",
                                            f"{what}: one cell per header column on every row",
                                            "is the file truncated?" if len(record) < len(header) else
                                            "a comma left unquoted?")
                        rows.append(record)
                    start = reader.line_num + 1
            except csv.Error:
                raise DataError(name, f"unreadable CSV from line {start}", f"{what}, complete",
                                "is the file truncated, or a quote left open?") from None
    except UnicodeDecodeError:
        raise DataError(name, "bytes that are not UTF-8", f"{what} in UTF-8") from None
    if header is None:
        raise DataError(name, "an empty file", f"{what} with its header line")
    return pd.DataFrame(rows, columns=_column_names(header), dtype=str)


def _column_names(header: Sequence[str]) -> list[str]:
    """The header as pandas names it: ``Unnamed: i`` for an empty cell, ``a.1``, ``a.2`` for repeats."""
    names = [cell if cell != "" else f"Unnamed: {i}" for i, cell in enumerate(header)]
    counts: dict[str, int] = {}
    for i, col in enumerate(names):
        seen = counts.get(col, 0)
        while seen > 0:
            counts[col] = seen + 1
            col = f"{col}.{seen}"
            seen = counts.get(col, 0)
        names[i] = col
        counts[col] = seen + 1
    return names


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


class LazySchema:
    """A pandera schema built when first used: importing pandera costs about 0.3 s, and a process
    that reads only tables validated before (:func:`validated_file`) never needs it.

    Every attribute is the built schema's (``validate``, ``columns``, ``name``...).

    >>> schema = LazySchema(lambda: __import__("pandera.pandas").pandas.DataFrameSchema(name="demo"))
    >>> schema.name
    'demo'
    """

    def __init__(self, build):
        self._build = build
        self._schema = None

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if self._schema is None:
            self._schema = self._build()
        return getattr(self._schema, name)


def validated_file(path, load):
    """``load()`` (read and validate the table at ``path``), once per content of the file.

    The validated frame is kept in the disk cache (:mod:`toolkit._cache`) under the file's name and
    the sha256 of its bytes (and the toolkit's sources), so an edited file, or an edited schema, is
    validated again; a file that fails validation raises as ``load()`` does and is never cached.
    Returns a frame the caller may change.
    """
    import hashlib
    from pathlib import Path

    import pandas as pd

    from .. import _cache

    path = Path(path)

    def digest() -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    before = digest()
    frame = _cache.load("table", (path.name, before), pd.DataFrame)
    if frame is _cache.MISSING:
        frame = load()
        if digest() == before:   # stored only under the content that was read (not one edited meanwhile)
            _cache.store("table", (path.name, before), frame)
    return frame
