"""Importers of public breach datasets, all returning one incidents schema.

Each reader takes the path of a staged public file and returns a DataFrame validated by
:data:`INCIDENTS_SCHEMA` (columns ``source, incident_id, year, organisation, sector, country,
records, misconfiguration, cloud, amount_usd``, plus source-specific extras). The readers
record the sha256 of the files they were built on and warn (never fail) when a file differs.
Malformed or truncated files raise :class:`toolkit.errors.DataError` naming the file.

How each source codes ``misconfiguration`` and ``cloud`` is stated in each reader's
docstring; none of these sources codes cloud misconfiguration reliably, so treat both
columns as proxies.
"""
from ._common import EXPECTED_SHA256, INCIDENTS_COLUMNS, INCIDENTS_SCHEMA, sha256_of
from .gdpr_tracker import read_gdpr_tracker
from .hhs_ocr import read_hhs_ocr
from .prc import read_prc
from .vcdb import read_vcdb

__all__ = ["INCIDENTS_SCHEMA", "INCIDENTS_COLUMNS", "EXPECTED_SHA256", "sha256_of",
           "read_vcdb", "read_hhs_ocr", "read_gdpr_tracker", "read_prc"]
