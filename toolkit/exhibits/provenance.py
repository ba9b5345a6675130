"""The provenance stamp printed under every exhibit and at the top of the appendix.

It records what the numbers depend on, never when they were drawn: toolkit version, the
sha256 of the curated outcomes table, the date of the data (its latest ``outcome_year``),
the matter's own hash, the seed and the number of Monte Carlo paths. Wall-clock time is never
used, so the same inputs give byte-identical exhibits.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

__all__ = ["Provenance", "file_sha256", "case_sha256", "outcomes_facts"]


def file_sha256(path) -> str | None:
    """Hex sha256 of a file's bytes, or None if it does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = p.write_bytes(b"abc")
    >>> file_sha256(p)[:12]
    'ba7816bf8f01'
    """
    path = Path(path)
    if not path.is_file():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def case_sha256(case) -> str:
    """sha256 of the matter's normalised facts (canonical JSON of ``case.to_dict()``)."""
    text = json.dumps(case.to_dict(), sort_keys=True, ensure_ascii=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def outcomes_facts(data_dir=None) -> dict:
    """Facts about ``outcomes.csv``: path, sha256, rows, first and latest outcome_year.

    The values come from the file itself (never from the clock). Missing file: sha256 and the
    counts are None.
    """
    import pandas as pd

    from ..datasets import data_dir as _data_dir

    path = _data_dir(data_dir) / "outcomes.csv"
    facts: dict[str, Any] = {"file": "outcomes.csv", "path": str(path), "sha256": file_sha256(path), "rows": None,
             "first_year": None, "latest_year": None, "verified_rows": None, "outcome_types": {}}
    if facts["sha256"] is None:
        return facts
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    facts["rows"] = int(len(table))
    if "outcome_year" in table.columns:
        years = pd.to_numeric(table["outcome_year"], errors="coerce").dropna()
        if len(years):
            facts["first_year"], facts["latest_year"] = int(years.min()), int(years.max())
    if "verified" in table.columns:
        facts["verified_rows"] = int(table["verified"].str.lower().isin(["true", "1", "yes"]).sum())
    if "outcome_type" in table.columns:
        facts["outcome_types"] = {k: int(v) for k, v in sorted(table["outcome_type"].value_counts().items())}
    return facts


@dataclass(frozen=True)
class Provenance:
    """What an exhibit's numbers depend on.

    Attributes
    ----------
    toolkit_version : str
    data_sha256 : str or None
        sha256 of ``data/outcomes.csv`` (None when the table is absent).
    data_date : str
        Date of the data: the latest ``outcome_year`` in the outcomes table (``"n/a"`` if absent).
    data_rows : int or None
    case_sha256 : str
        sha256 of the matter's normalised facts.
    matter : str
    seed, n_paths : int
    font : str
        The font file the house style resolved to.

    Examples
    --------
    >>> p = Provenance("0.1.0", "ab" * 32, "2025", 357, "cd" * 32, "Example", 7, 20_000, "DejaVuSans.ttf")
    >>> p.footer()
    'Breach Liability Toolkit 0.1.0 · outcomes.csv sha256 abababababab (357 rows, outcomes to 2025) · matter sha256 cdcdcdcdcdcd · seed 7 · 20,000 simulated paths'
    """

    toolkit_version: str
    data_sha256: str | None
    data_date: str
    data_rows: int | None
    case_sha256: str
    matter: str
    seed: int
    n_paths: int
    font: str = ""

    @classmethod
    def for_assessment(cls, result, *, data_dir=None) -> "Provenance":
        """The provenance of an :class:`~toolkit.assess.Assessment`."""
        from .. import __version__
        from .style import exhibit_font

        facts = outcomes_facts(data_dir)
        return cls(toolkit_version=__version__, data_sha256=facts["sha256"],
                   data_date=str(facts["latest_year"]) if facts["latest_year"] is not None else "n/a",
                   data_rows=facts["rows"], case_sha256=case_sha256(result.case), matter=result.case.name,
                   seed=int(result.seed), n_paths=int(result.n_paths), font=exhibit_font())

    @staticmethod
    def short(sha: str | None) -> str:
        """The first 12 hex digits of a sha256 (or ``"absent"``)."""
        return sha[:12] if sha else "absent"

    def footer(self) -> str:
        """The one-line stamp printed under each exhibit."""
        if self.data_sha256:
            data = (f"outcomes.csv sha256 {self.short(self.data_sha256)} ({self.data_rows:,} rows, "
                    f"outcomes to {self.data_date})")
        else:
            data = "outcomes.csv absent (no market check)"
        return (f"Breach Liability Toolkit {self.toolkit_version} · {data} · matter sha256 "
                f"{self.short(self.case_sha256)} · seed {self.seed} · {self.n_paths:,} simulated paths")

    def to_dict(self) -> dict:
        return asdict(self)
