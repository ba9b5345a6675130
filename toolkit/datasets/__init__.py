"""Curated tables, their schemas, and importers of public breach datasets.

Loaders: :func:`load_outcomes`, :func:`load_controls`, :func:`load_jurisdictions`,
:func:`load_fx_rates`, :func:`load_cpi`; matters: :func:`list_matters`, :func:`load_matter`;
the registry: :func:`list_datasets`; conversion: :func:`to_usd`, :func:`to_constant_dollars`;
checks: :func:`check_data`; importers (one incidents schema): :func:`read_vcdb`,
:func:`read_hhs_ocr`, :func:`read_gdpr_tracker`, :func:`read_prc`; tables of matters (portfolios):
:func:`read_matters`, :func:`matters_table`.
"""
from __future__ import annotations

from ._registry import DATA_DIR, SOURCES, data_dir, list_datasets, list_matters, load_matter
from .check import check_data
from .fx import load_cpi, load_fx_rates, to_constant_dollars, to_usd
from .importers import INCIDENTS_SCHEMA, read_gdpr_tracker, read_hhs_ocr, read_prc, read_vcdb
from .matters import matters_table, read_matters
from .outcomes import OUTCOMES_COLUMNS, OUTCOMES_SCHEMA, load_outcomes

__all__ = [
    "DATA_DIR", "SOURCES", "data_dir", "list_datasets", "list_matters", "load_matter",
    "load_outcomes", "OUTCOMES_SCHEMA", "OUTCOMES_COLUMNS",
    "load_fx_rates", "load_cpi", "to_usd", "to_constant_dollars",
    "check_data",
    "INCIDENTS_SCHEMA", "read_vcdb", "read_hhs_ocr", "read_gdpr_tracker", "read_prc",
    "read_matters", "matters_table",
]

# controls.py and jurisdictions.py are written by the liability work; re-export once present.
try:
    from .controls import load_controls  # noqa: F401
except ImportError:  # pragma: no cover - absent until the liability package lands
    pass
else:
    __all__.append("load_controls")
try:
    from .jurisdictions import load_jurisdictions  # noqa: F401
except ImportError:  # pragma: no cover
    pass
else:
    __all__.append("load_jurisdictions")
