"""Curated tables, their schemas, and importers of public breach datasets.

Loaders: :func:`load_outcomes`, :func:`load_controls`, :func:`load_jurisdictions`,
:func:`load_fx_rates`, :func:`load_cpi`; matters: :func:`list_matters`, :func:`load_matter`;
the registry: :func:`list_datasets`; conversion: :func:`to_usd`, :func:`to_constant_dollars`;
checks: :func:`check_data`; coverage of the issue-17 count targets: :func:`coverage_report`,
:func:`authority_counts`; importers (one incidents schema): :func:`read_vcdb`,
:func:`read_hhs_ocr`, :func:`read_gdpr_tracker`, :func:`read_prc`; tables of matters (portfolios):
:func:`read_matters`, :func:`matters_table`.

Public datasets (:data:`PUBLIC_DATASETS`, :func:`public_files`; details in
``toolkit.datasets.public``):

- **HHS OCR breach portal** (``read_hhs_ocr``): full exports from https://ocrportal.hhs.gov/ocr/breach
  (Archive and Under Investigation CSVs). US federal record, public domain: a 160-row sample
  ships in ``data/samples/``.
- **VCDB** (``read_vcdb``): a zip or folder of the VERIS JSON files of
  https://github.com/vz-risk/VCDB ``data/json/validated/``. No licence stated (VERIS framework:
  Verizon non-commercial terms): not shipped.
- **CMS GDPR Enforcement Tracker** (``read_gdpr_tracker``): the tracker's JSON data feed from
  https://www.enforcementtracker.com. No licence stated (EU database right may apply): not shipped.
- **Privacy Rights Clearinghouse** (``read_prc``): a CSV export of the Chronology of Data
  Breaches, https://privacyrights.org/data-breaches. No licence stated; current chronology
  licensed: not shipped.

Point an importer at a full file by passing its path, or set ``BREACH_TOOLKIT_SHARED_DATA`` to
a folder laid out like ``shared/data`` and call :func:`public_files`, which falls back to the
shipped samples where the full file is absent.
"""
from __future__ import annotations

from ._registry import DATA_DIR, SOURCES, data_dir, list_datasets, list_matters, load_matter
from .check import check_data
from .controls import load_controls
from .coverage import authority_counts, coverage_report
from .fx import load_cpi, load_fx_rates, to_constant_dollars, to_usd
from .importers import INCIDENTS_SCHEMA, read_gdpr_tracker, read_hhs_ocr, read_prc, read_vcdb
from .jurisdictions import describe_rule, load_jurisdictions
from .matters import matters_table, read_matters
from .outcomes import OUTCOMES_COLUMNS, OUTCOMES_SCHEMA, load_outcomes
from .public import PUBLIC_DATASETS, public_files

__all__ = [
    "DATA_DIR", "SOURCES", "data_dir", "list_datasets", "list_matters", "load_matter",
    "load_outcomes", "OUTCOMES_SCHEMA", "OUTCOMES_COLUMNS",
    "load_fx_rates", "load_cpi", "to_usd", "to_constant_dollars",
    "check_data", "coverage_report", "authority_counts", "PUBLIC_DATASETS", "public_files",
    "INCIDENTS_SCHEMA", "read_vcdb", "read_hhs_ocr", "read_gdpr_tracker", "read_prc",
    "read_matters", "matters_table", "load_controls", "load_jurisdictions", "describe_rule",
]
