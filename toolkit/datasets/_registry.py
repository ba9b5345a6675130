"""One registry of the curated tables and public-data importers.

It drives the loaders, :func:`list_datasets` and the datasheet, so they cannot drift.
Row-level provenance stays in the tables themselves (``source_urls``, ``verified``,
``source``); the registry records where each table comes from and its licence.
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError

__all__ = ["Source", "SOURCES", "DATA_DIR", "DATA_ENV", "data_dir", "list_datasets", "list_matters", "load_matter"]

#: Environment variable that points the toolkit at another folder of curated tables.
DATA_ENV = "BREACH_TOOLKIT_DATA"


def _packaged_data() -> Path:
    """The curated tables shipped inside the package (``toolkit/_data``).

    In a checkout ``toolkit/_data`` is a symbolic link to the repository's ``data/`` (the one
    source); a wheel carries a copy made by setuptools at build time. Read through
    :mod:`importlib.resources`, so an installed package finds its own tables from any folder.
    """
    from importlib import resources

    root = resources.files("toolkit").joinpath("_data")
    if isinstance(root, Path):
        return root
    # A zipped install: extract once for the process (pandas and the checks need real paths).
    global _EXTRACTED
    if _EXTRACTED is None:
        import atexit
        import contextlib

        stack = contextlib.ExitStack()
        atexit.register(stack.close)
        _EXTRACTED = Path(stack.enter_context(resources.as_file(root)))
    return _EXTRACTED


_EXTRACTED: Path | None = None

#: The packaged curated tables (see :func:`data_dir` for the folder actually read).
DATA_DIR = _packaged_data()


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """The folder holding the curated tables: the toolkit's one data-directory resolver.

    Every loader, the checks, the exhibits' provenance and the model cache read their tables
    from the folder this returns, in this order:

    1. ``path``, when given (the loaders' ``data_dir_`` argument, ``data check --data-dir``);
    2. the environment variable ``BREACH_TOOLKIT_DATA``, read at call time;
    3. the packaged tables (:data:`DATA_DIR`, ``toolkit/_data`` read through
       :mod:`importlib.resources`).

    Parameters
    ----------
    path : str or path-like, optional
        An explicit folder; wins over everything else.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    toolkit.InputError
        When the folder chosen by ``path`` or the environment variable is not a folder.

    Examples
    --------
    >>> data_dir("/tmp").as_posix()
    '/tmp'
    >>> (data_dir() / "outcomes.csv").is_file()
    True
    """
    if path is not None:
        chosen, how = Path(path), "data_dir"
    elif os.environ.get(DATA_ENV):
        chosen, how = Path(os.environ[DATA_ENV]), DATA_ENV
    else:
        return _packaged_data()
    if chosen.exists() and not chosen.is_dir():
        raise InputError(how, str(chosen), "a folder holding the curated tables (outcomes.csv, ...)")
    return chosen


@dataclass(frozen=True)
class Source:
    """Provenance of one table or importer (one entry of :data:`SOURCES`)."""

    name: str
    file: str | None          # file under data/, or None for importers of external files
    unit: str                 # what one row is
    licence: str
    description: str
    schema: str               # dotted name of the pandera schema that validates it
    source: str               # where the numbers come from
    loader: str               # dotted name of the function that reads it


SOURCES: dict[str, Source] = {
    s.name: s
    for s in [
        Source("outcomes", "outcomes.csv", "one legal outcome of a data breach (settlement, fine, verdict, dismissal, pending)",
               "CC-BY-4.0 (curation); facts from public court and regulator documents",
               "Curated legal outcomes of data breaches; columns described in data/README.md and OUTCOMES_SCHEMA.",
               "toolkit.datasets.outcomes.OUTCOMES_SCHEMA",
               "court orders, regulator releases, settlement administrators (per row: source_urls, verified)",
               "toolkit.datasets.load_outcomes"),
        Source("outcome_factors", "outcome_factors.csv",
               "one legal outcome of outcomes.csv whose sources state lever factors",
               "CC-BY-4.0 (curation); facts from public regulator and court documents",
               "Optional lever columns of the outcomes (governance.*, response.*, harms.*, aggravation.*: yes / no "
               "where a cited source states them), joined onto load_outcomes() by outcome_id.",
               "toolkit.datasets.outcome_factors.OUTCOME_FACTORS_SCHEMA",
               "regulator decisions and releases, court orders (per row: source_urls, note)",
               "toolkit.datasets.load_outcomes"),
        Source("controls", "controls.csv", "one governance control", "CC-BY-4.0 (curation)",
               "Cost and effect of the governance controls (standard of care).",
               "toolkit.datasets.controls", "per row (see data/README.md)", "toolkit.datasets.load_controls"),
        Source("jurisdictions", "jurisdictions.csv", "one jurisdiction", "CC-BY-4.0 (curation)",
               "Fault and damages rules per jurisdiction.",
               "toolkit.datasets.jurisdictions", "per row (see data/README.md)", "toolkit.datasets.load_jurisdictions"),
        Source("fx_rates", "fx_rates.csv", "one currency-year annual average exchange rate", "public domain (US federal statistics)",
               "Annual average exchange rates, US dollars per unit of currency, used to convert non-USD outcomes.",
               "toolkit.datasets.fx.FX_SCHEMA",
               "Board of Governors of the Federal Reserve System, G.5A Foreign Exchange Rates (Annual)",
               "toolkit.datasets.fx.load_fx_rates"),
        Source("cpi_u", "cpi_u.csv", "one year's CPI-U annual average", "public domain (US federal statistics)",
               "Consumer Price Index for All Urban Consumers, US city average, all items, 1982-84=100.",
               "toolkit.datasets.fx.CPI_SCHEMA", "US Bureau of Labor Statistics, series CUUR0000SA0",
               "toolkit.datasets.fx.load_cpi"),
        Source("vcdb", None, "one VERIS incident", "unstated (VCDB has no licence file; VERIS framework: Verizon non-commercial terms)",
               "VERIS Community Database, validated incidents (mid-2020 extract).",
               "toolkit.datasets.importers.INCIDENTS_SCHEMA", "https://github.com/vz-risk/VCDB",
               "toolkit.datasets.read_vcdb"),
        Source("hhs_ocr", None, "one breach of unsecured PHI affecting 500+ people", "US federal record, public domain",
               "HHS OCR breach portal exports (archive and under investigation).",
               "toolkit.datasets.importers.INCIDENTS_SCHEMA", "https://ocrportal.hhs.gov/ocr/breach",
               "toolkit.datasets.read_hhs_ocr"),
        Source("gdpr_tracker", None, "one GDPR fine", "unstated (CMS site terms; EU database right may apply)",
               "CMS GDPR Enforcement Tracker data feed.",
               "toolkit.datasets.importers.INCIDENTS_SCHEMA", "https://www.enforcementtracker.com",
               "toolkit.datasets.read_gdpr_tracker"),
        Source("prc", None, "one breach made public", "unstated (PRC terms apply)",
               "Privacy Rights Clearinghouse Chronology of Data Breaches (2017 export).",
               "toolkit.datasets.importers.INCIDENTS_SCHEMA", "https://privacyrights.org/data-breaches",
               "toolkit.datasets.read_prc"),
    ]
}


def _count_rows(path: Path) -> int | None:
    if not path.is_file():
        return None
    try:
        return len(pd.read_csv(path, dtype=str, keep_default_na=False))
    except Exception:  # a broken file is check_data's business, not the listing's
        return None


def list_datasets(data_dir_: str | os.PathLike | None = None) -> pd.DataFrame:
    """The curated tables and importers, one row each, with provenance.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``name``; columns ``file``, ``rows`` (Int64; missing when the file is absent or
        for importers), ``unit``, ``licence``, ``description``, ``schema``, ``source``, ``loader``.

    Examples
    --------
    >>> table = list_datasets()
    >>> "outcomes" in table.index and "vcdb" in table.index
    True
    >>> table.loc["fx_rates", "file"]
    'fx_rates.csv'
    """
    folder = data_dir(data_dir_)
    rows = []
    for src in SOURCES.values():
        row = asdict(src)
        row["rows"] = _count_rows(folder / src.file) if src.file else None
        rows.append(row)
    columns = ["name", "file", "rows", "unit", "licence", "description", "schema", "source", "loader"]
    return pd.DataFrame(rows, columns=columns).astype({"rows": "Int64"}).set_index("name")


def list_matters(data_dir_: str | os.PathLike | None = None) -> list[str]:
    """Names of the bundled matters (``data/matters/<name>.yaml``), sorted.

    Examples
    --------
    >>> "capital_one_2019" in list_matters()
    True
    """
    folder = data_dir(data_dir_) / "matters"
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.yaml"))


def load_matter(name: str, data_dir_: str | os.PathLike | None = None):
    """Load a bundled matter as a :class:`toolkit.Case`.

    Parameters
    ----------
    name : str
        The matter's file name under ``data/matters/``, with or without ``.yaml``.

    Raises
    ------
    toolkit.InputError
        When no such matter exists; the message lists the available ones.

    Examples
    --------
    >>> case = load_matter("capital_one_2019")
    >>> case.defendant
    'Capital One Financial Corporation'
    """
    from ..case import Case
    from ..errors import suggest

    available = list_matters(data_dir_)
    key = str(name)
    if key.endswith(".yaml"):
        key = key[: -len(".yaml")]
    if key not in available:
        near = suggest(key, available)
        raise InputError("matter", name, "one of " + (", ".join(available) or "(no matters found)"),
                         f"did you mean {near!r}?" if near else None)
    return Case.from_yaml(data_dir(data_dir_) / "matters" / f"{key}.yaml")
