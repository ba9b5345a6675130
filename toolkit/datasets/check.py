"""``check_data``: every problem in the curated tables under ``data/``, as plain text.

The command line wires ``python -m toolkit data check`` to it (exit 0 when the list is
empty, else print each problem and exit 1).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError, InputError
from ._registry import data_dir as _resolve_dir

__all__ = ["check_data", "MIRROR_HOSTS", "normalise_defendant", "same_incident_pairs", "recall_rows", "mirror_only_rows"]

#: Hosts of weak mirrors and re-posts (user blogs, document-sharing sites, static-page hosts,
#: social posts, AI-written aggregators). A row may cite them beside a real source, never as its only one.
MIRROR_HOSTS = (
    r"(^|\.)pages\.dev$", r"(^|\.)blogspot\.[a-z.]+$", r"(^|\.)scribd\.com$", r"(^|\.)medium\.com$",
    r"(^|\.)wordpress\.com$", r"(^|\.)wixsite\.com$", r"(^|\.)weebly\.com$", r"(^|\.)tumblr\.com$",
    r"(^|\.)linkedin\.com$", r"(^|\.)github\.io$", r"(^|\.)netlify\.app$", r"(^|\.)vercel\.app$",
    # LinkedIn re-posts and AI-written case or fine aggregators
    r"(^|\.)dhirubhai\.net$", r"(^|\.)descrybe\.ai$", r"(^|\.)cookiefines\.eu$", r"(^|\.)rankiteo\.com$",
    r"(^|\.)kbsd6\.com$",
    # document-sharing re-uploads of court papers (cite the court or docket copy instead)
    r"(^|\.)docslib\.org$", r"(^|\.)fdokumen\.com$", r"(^|\.)pdfslide\.(net|us)$", r"(^|\.)lawsdocbox\.com$",
    r"(^|\.)issuu\.com$", r"(^|\.)yumpu\.com$", r"(^|\.)studylib\.net$", r"(^|\.)dokumen\.pub$",
    r"(^|\.)pdfcoffee\.com$", r"(^|\.)slideshare\.net$",
)
_MIRROR_RE = re.compile("|".join(MIRROR_HOSTS), re.IGNORECASE)
#: Notes that say a fact came from the curator's memory rather than a source.
_RECALL_RE = re.compile(r"\b(?:from|by|per|on) (?:my |the curator.?s? )?(?:recall|memory)\b|\brecollection\b|\bremembered\b",
                        re.IGNORECASE)
#: Words that do not identify a defendant (legal forms, fillers, generic nouns).
_GENERIC = frozenset("""
inc incorporated llc llp lp ltd limited plc corp corporation co company companies the and of for a an
sa ag gmbh kft bv nv spa srl sas ab as asa oy pty pte sp zoo z o o sro ltda
group holdings holding services service international national american first united
city county state department dept university college school district hospital health healthcare
medical center centre bank insurance financial systems system solutions technologies technology
network networks communications management mr mrs ms dr formerly dba d b a aka
""".split())


def normalise_defendant(name: str) -> tuple[str, frozenset]:
    """``(key, tokens)`` of a defendant name: its first identifying word and all its words.

    Lower-cased, accents and punctuation dropped, legal forms and generic words
    (``Inc``, ``LLC``, ``Health``, ``County``, ...) left out of the key.

    >>> normalise_defendant("Experian Information Solutions, Inc.")[0]
    'experian'
    >>> normalise_defendant("The Cottage Health System (and affiliated hospitals)")[0]
    'cottage'
    """
    import unicodedata

    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text)
    tokens = frozenset(w for w in words if w not in _GENERIC and len(w) > 1)
    key = next((w for w in words if w not in _GENERIC and len(w) > 1), "")
    return key, tokens


def _close(a, b, rtol):
    if pd.isna(a) or pd.isna(b) or a <= 0 or b <= 0:
        return False
    return abs(a - b) <= rtol * max(a, b)


def same_incident_pairs(df: pd.DataFrame) -> list[tuple[int, int]]:
    """Row pairs (index labels) that look like one incident filed under two ``incident_id``s.

    Same defendant (the first identifying word of one name appears among the words of the
    other, and the names share that first word or two identifying words), ``year_disclosed``
    within one year, and matching size or money: ``records_exposed`` within 1% or
    ``amount_usd`` within 0.5% (both positive).
    """
    norm = {i: normalise_defendant(d) for i, d in zip(df.index, df["defendant"])}
    pairs = set()
    for i, (key, tokens_i) in norm.items():
        if not key:
            continue
        for j, (key_j, tokens_j) in norm.items():
            if j == i or key not in tokens_j or (key != key_j and len(tokens_i & tokens_j) < 2):
                continue
            a, b = (i, j) if i < j else (j, i)
            if (a, b) in pairs or df.at[a, "incident_id"] == df.at[b, "incident_id"]:
                continue
            ya, yb = df.at[a, "year_disclosed"], df.at[b, "year_disclosed"]
            if pd.isna(ya) or pd.isna(yb) or abs(int(ya) - int(yb)) > 1:
                continue
            if (_close(df.at[a, "records_exposed"], df.at[b, "records_exposed"], 0.01)
                    or _close(df.at[a, "amount_usd"], df.at[b, "amount_usd"], 0.005)):
                pairs.add((a, b))
    return sorted(pairs)


def recall_rows(df: pd.DataFrame) -> pd.Index:
    """Verified rows whose notes say a fact came from recall or memory."""
    return df.index[df["verified"].astype(bool) & df["notes"].fillna("").str.contains(_RECALL_RE)]


def _host(url: str) -> str:
    m = re.match(r"^[a-z]+://([^/:?#]+)", url.strip(), re.IGNORECASE)
    return m.group(1).lower().rstrip(".") if m else ""


def mirror_only_rows(df: pd.DataFrame) -> pd.Index:
    """Rows every one of whose source URLs is a weak mirror (:data:`MIRROR_HOSTS`)."""
    def only_mirrors(text):
        hosts = [_host(u) for u in str(text).split()]
        return bool(hosts) and all(_MIRROR_RE.search(h) for h in hosts)
    return df.index[df["source_urls"].map(only_mirrors).astype(bool)]


def _raw_table(path: Path, what: str):
    """The table at ``path`` read once as text for every check of it: a DataFrame, the
    :class:`DataError` that reading it raised, or None when there is no such file."""
    from ._validation import read_table

    if not path.is_file():
        return None
    try:
        return read_table(path, what=what)
    except DataError as exc:
        return exc


def _error_lines(file: str, exc: InputError) -> list[str]:
    """A table's error as problem lines: one a bad cell where the error lists them, else one line."""
    probs = getattr(exc, "problems", None)
    if probs and all(isinstance(p, tuple) and len(p) == 4 for p in probs):
        return [f"{file} line {ln}, column {col}: got {val!r}; allowed: {allowed}" for ln, col, val, allowed in probs]
    return [f"{file}: {exc}"]


def _outcome_problems(folder: Path, raw) -> list[str]:
    """The outcomes table (``raw`` from :func:`_raw_table`): its schema, then the cross-row checks."""
    from .fx import fx_rate
    from .outcomes import _outcomes_from_table

    path = folder / "outcomes.csv"
    if raw is None:
        return ["outcomes.csv: missing (build it with tools/merge_outcomes.py)"]
    try:
        if isinstance(raw, DataError):
            raise raw
        df = _outcomes_from_table(raw, table=str(path))
    except DataError as exc:
        return _error_lines("outcomes.csv", exc)
    problems = []
    line = pd.Series(range(2, len(df) + 2), index=df.index)
    # duplicate outcomes: same incident, defendant, type, forum and amount under different ids
    # (co-defendants fined the same amount by one authority are two outcomes, not a duplicate)
    key = ["incident_id", "defendant", "outcome_type", "forum", "amount_usd"]
    dup = df[df.duplicated(key, keep=False)]
    for _, group in dup.groupby(key, dropna=False):
        lines = ", ".join(str(line[i]) for i in group.index)
        problems.append(f"outcomes.csv lines {lines}: duplicate outcome (same incident_id, defendant, outcome_type, "
                        f"forum, amount_usd) under ids {', '.join(group['outcome_id'])}")
    # URLs present (the schema demands them; an empty table cell slipped past only if the schema changed)
    for i in df.index[df["source_urls"].str.strip() == ""]:
        problems.append(f"outcomes.csv line {line[i]}, column source_urls: no URL")
    # incident_id year suffix matches year_disclosed
    for i, inc, year in zip(df.index, df["incident_id"], df["year_disclosed"]):
        m = re.search(r"-(\d{4})$", inc)
        if m and pd.notna(year) and int(m.group(1)) != int(year):
            problems.append(f"outcomes.csv line {line[i]}, column incident_id: got {inc!r}; allowed: a slug ending in "
                            f"year_disclosed ({int(year)})")
    # one incident under two incident ids (same defendant, +-1 year, matching records or amount)
    for a, b in same_incident_pairs(df):
        problems.append(f"outcomes.csv lines {line[a]}, {line[b]}: the same incident under two incident ids? "
                        f"{df.at[a, 'incident_id']} / {df.at[b, 'incident_id']} (defendant, year_disclosed within one "
                        f"year and records_exposed or amount_usd match); give both outcomes one incident_id")
    # verified rows resting on memory
    for i in recall_rows(df):
        problems.append(f"outcomes.csv line {line[i]}, column verified: got True; allowed: false while the notes say a "
                        f"fact is from recall or memory ({df.at[i, 'outcome_id']}): read it in a source or unverify")
    # weak mirrors as the only source
    for i in mirror_only_rows(df):
        problems.append(f"outcomes.csv line {line[i]}, column source_urls: only weak mirrors "
                        f"({df.at[i, 'source_urls']}); allowed: at least one primary or reputable source")
    # non-USD amounts consistent with currency and the fx table (within 1%)
    for i, row in df[(df["currency"] != "USD") & df["amount_usd"].notna() & df["amount_original"].notna()].iterrows():
        if pd.isna(row["outcome_year"]):
            problems.append(f"outcomes.csv line {line[i]}, column outcome_year: empty; allowed: a year (needed to check the "
                            f"{row['currency']} conversion)")
            continue
        try:
            expected = row["amount_original"] * fx_rate(row["currency"], int(row["outcome_year"]), data_dir_=folder)
        except InputError as exc:
            problems.append(f"outcomes.csv line {line[i]}, column currency: cannot check the USD amount ({exc})")
            continue
        if not np.isclose(row["amount_usd"], expected, rtol=0.01, atol=1.0):
            problems.append(f"outcomes.csv line {line[i]}, column amount_usd: got {row['amount_usd']:.0f}; allowed: "
                            f"{row['amount_original']:g} {row['currency']} at the {int(row['outcome_year'])} rate = "
                            f"{expected:.0f} USD (within 1%)")
    return problems


def _factor_problems(folder: Path, outcomes_raw) -> list[str]:
    """The optional outcome_factors.csv: its schema, and every outcome_id present in outcomes.csv.

    ``outcomes_raw`` is the outcomes table as :func:`_raw_table` read it. A broken or absent
    outcomes table is reported by its own check; then only the schema is checked here.
    """
    from .outcome_factors import FILE, read_outcome_factors

    path = folder / FILE
    if not path.is_file():
        return []
    ids = None
    if isinstance(outcomes_raw, pd.DataFrame) and "outcome_id" in outcomes_raw.columns:
        ids = outcomes_raw["outcome_id"]
    try:
        read_outcome_factors(path, outcome_ids=ids)
    except (DataError, ValueError) as exc:
        return [f"{FILE}: {exc}"]
    return []


def _simple(folder: Path, name: str, loader) -> list[str]:
    if not (folder / name).is_file():
        return [f"{name}: missing"]
    try:
        loader(folder)
    except InputError as exc:
        return [f"{name}: {exc}"]
    return []


def _matters(folder: Path) -> list[str]:
    from ..case import Case

    problems = []
    for path in sorted((folder / "matters").glob("*.yaml")):
        try:
            Case.from_yaml(path)
        except (InputError, OSError) as exc:
            problems.append(f"matters/{path.name}: {exc}")
    return problems


def _optional(folder: Path, module: str, file: str) -> list[str]:
    """controls/jurisdictions tables: call their own loader (which validates) if present."""
    if not (folder / file).is_file():
        return []
    import importlib

    try:
        mod = importlib.import_module(f"toolkit.datasets.{module}")
    except ImportError:
        return []
    loader = getattr(mod, f"load_{module}", None)
    if loader is None:
        return []
    try:
        loader(data_dir_=folder)
    except InputError as exc:
        return _error_lines(file, exc)
    return []


def check_data(data_dir: str | os.PathLike | None = None) -> list[str]:
    """Check every table under ``data/`` and return the problems found (empty list: all good).

    Checks: the outcomes schema (every cell), duplicate outcomes (same incident, defendant,
    outcome type, forum and amount), URLs present, one incident under two ids
    (:func:`same_incident_pairs`), verified rows whose notes say recall or memory
    (:func:`recall_rows`), rows citing only weak mirrors (:func:`mirror_only_rows`), incident ids ending in ``year_disclosed``,
    non-USD amounts within 1% of ``amount_original`` converted at the fx table's rate,
    the optional outcome-factors table (its schema; every ``outcome_id`` in the outcomes table),
    the fx and CPI tables' schemas, every ``matters/*.yaml`` loading as a Case, and the
    controls and jurisdictions tables through their own validators when present.

    Examples
    --------
    >>> problems = check_data()
    >>> isinstance(problems, list)
    True
    """
    from .fx import load_cpi, load_fx_rates

    folder = _resolve_dir(data_dir)
    if not folder.is_dir():
        return [f"{folder}: not a directory"]
    problems: list[str] = []
    problems += _simple(folder, "fx_rates.csv", load_fx_rates)
    problems += _simple(folder, "cpi_u.csv", load_cpi)
    outcomes_raw = _raw_table(folder / "outcomes.csv", "the outcomes table")
    problems += _outcome_problems(folder, outcomes_raw)
    problems += _factor_problems(folder, outcomes_raw)
    problems += _matters(folder)
    problems += _optional(folder, "controls", "controls.csv")
    problems += _jurisdiction_problems(folder, _raw_table(folder / "jurisdictions.csv", "the jurisdictions table"))
    return problems


def _jurisdiction_problems(folder: Path, raw) -> list[str]:
    """The optional jurisdictions table (``raw`` from :func:`_raw_table`): its schema, then its coverage."""
    from .jurisdictions import _jurisdictions_from_table

    if raw is None:
        return []
    if isinstance(raw, DataError):  # unreadable: the read error alone
        return _error_lines("jurisdictions.csv", raw)
    try:
        _jurisdictions_from_table(raw, table=str(folder / "jurisdictions.csv"))
        problems = []
    except InputError as exc:
        problems = _error_lines("jurisdictions.csv", exc)
    return problems + _jurisdiction_coverage(raw)


def _jurisdiction_coverage(raw: pd.DataFrame) -> list[str]:
    """Every supported jurisdiction (toolkit.vocab.JURISDICTIONS) has exactly one row, and no other row."""
    from ..vocab import JURISDICTIONS

    if "jurisdiction" not in raw.columns:  # a header problem is reported by the schema check
        return []
    have = set(raw["jurisdiction"].str.strip())
    missing = [c for c in JURISDICTIONS if c not in have]
    extra = sorted(have - set(JURISDICTIONS))
    out = []
    if missing:
        out.append("jurisdictions.csv: no row for the supported jurisdiction(s) " + ", ".join(missing)
                   + " (every code of toolkit.vocab.JURISDICTIONS needs its own rule)")
    if extra:
        out.append("jurisdictions.csv: row(s) for " + ", ".join(extra)
                   + ", not in toolkit.vocab.JURISDICTIONS (add the code there, or remove the row)")
    return out
