"""Where the public incident datasets come from, what the project may ship, and how to point the importers at them.

The importers (:func:`~toolkit.datasets.read_vcdb`, :func:`~toolkit.datasets.read_hhs_ocr`,
:func:`~toolkit.datasets.read_gdpr_tracker`, :func:`~toolkit.datasets.read_prc`) take a path;
the full files are not part of the project. :data:`PUBLIC_DATASETS` says, per dataset, where
the full file comes from, the file name the readers were built on, the licence terms as far as
they are stated, and whether a small sample ships in ``data/samples/`` (only where the licence
allows redistribution: today the HHS OCR breach portal, a US federal record).

Pointing an importer at the full files::

    import toolkit.datasets as ds
    ds.read_hhs_ocr("/path/to/shared/data/hhs_ocr_breaches/hhs_ocr_archive_2024-08.csv")
    # or let public_files() find them under a folder laid out like shared/data
    # (argument, else the environment variable BREACH_TOOLKIT_SHARED_DATA):
    files = ds.public_files("/path/to/shared/data")   # {"hhs_ocr": [Path, ...], ...}; samples when absent

:func:`public_files` falls back to the shipped samples for a dataset whose full file is absent,
and says which it used, so notebooks run in a fresh clone.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ._registry import data_dir

__all__ = ["PublicDataset", "PUBLIC_DATASETS", "public_files", "SAMPLES_DIR"]


@dataclass(frozen=True)
class PublicDataset:
    """One public incident dataset: origin, licence and the files the importer reads."""

    name: str
    reader: str                    # toolkit.datasets function that reads it
    origin: str                    # where the full file comes from
    full_files: tuple[str, ...]    # paths under a shared/data-style folder the readers were built on
    licence: str                   # the terms as stated (or that none are stated)
    redistributable: bool          # may a sample ship inside the project?
    samples: tuple[str, ...] = ()  # files under data/samples/


#: Provenance and licence of each public dataset (the datasheet and notebook 04 show this table).
PUBLIC_DATASETS: dict[str, PublicDataset] = {
    d.name: d
    for d in [
        PublicDataset(
            "hhs_ocr", "read_hhs_ocr",
            "HHS Office for Civil Rights breach portal, https://ocrportal.hhs.gov/ocr/breach (Archive and Under "
            "Investigation CSV exports; the staged copies of Aug 2024 come from public GitHub repositories, see "
            "shared/data/hhs_ocr_breaches/README.md)",
            ("hhs_ocr_breaches/hhs_ocr_archive_2024-08.csv", "hhs_ocr_breaches/hhs_ocr_under_investigation_2024-08.csv"),
            "US federal government record, public domain in the US (17 U.S.C. 105)", True,
            ("hhs_ocr_archive_sample.csv", "hhs_ocr_under_investigation_sample.csv")),
        PublicDataset(
            "vcdb", "read_vcdb",
            "VERIS Community Database, https://github.com/vz-risk/VCDB, folder data/json/validated/ (a zip of the "
            "JSON files, or the folder itself; the staged mid-2020 extract is vcdb/vcdb_validated_2020-09.zip)",
            ("vcdb/vcdb_validated_2020-09.zip",),
            "No licence stated: neither vz-risk/VCDB nor the copy has a LICENSE file; the VERIS framework carries "
            "Verizon terms of use (limited, revocable, non-commercial). Not redistributed here.", False),
        PublicDataset(
            "gdpr_tracker", "read_gdpr_tracker",
            "CMS GDPR Enforcement Tracker data feed, https://www.enforcementtracker.com (staged copy of Mar 2024: "
            "gdpr_enforcement_tracker/cms_enforcementtracker_raw_2024-03.json)",
            ("gdpr_enforcement_tracker/cms_enforcementtracker_raw_2024-03.json",),
            "No licence stated; CMS site terms apply and the compilation may be protected by the EU database "
            "right. Not redistributed here.", False),
        PublicDataset(
            "prc", "read_prc",
            "Privacy Rights Clearinghouse, Chronology of Data Breaches, https://privacyrights.org/data-breaches "
            "(staged 2017 export: privacy_rights_clearinghouse/prc_chronology_export_2017-01.csv)",
            ("privacy_rights_clearinghouse/prc_chronology_export_2017-01.csv",),
            "No licence stated in the 2017 export; PRC's current chronology is distributed under a licence. "
            "Not redistributed here.", False),
    ]
}

#: Folder of the shipped samples (``data/samples/`` of the curated data folder).
SAMPLES_DIR = "samples"


def _shared_root(shared_data: str | os.PathLike | None) -> Path | None:
    if shared_data is not None:
        return Path(shared_data)
    env = os.environ.get("BREACH_TOOLKIT_SHARED_DATA")
    return Path(env) if env else None


def public_files(shared_data: str | os.PathLike | None = None, *, data_dir_: str | os.PathLike | None = None
                 ) -> dict[str, dict]:
    """The files to read for each public dataset: the full files if present, else the shipped samples.

    Parameters
    ----------
    shared_data : path, optional
        A folder laid out like the project's ``shared/data`` (default: the environment variable
        ``BREACH_TOOLKIT_SHARED_DATA``; when neither is set only samples are used).
    data_dir_ : path, optional
        The curated data folder holding ``samples/`` (default :func:`toolkit.datasets.data_dir`).

    Returns
    -------
    dict
        ``name -> {"kind": "full" | "sample" | "absent", "paths": [Path, ...], "reader": str}``.

    Examples
    --------
    >>> files = public_files("/nonexistent")
    >>> files["hhs_ocr"]["kind"], files["vcdb"]["kind"]
    ('sample', 'absent')
    """
    root = _shared_root(shared_data)
    samples = data_dir(data_dir_) / SAMPLES_DIR
    out: dict[str, dict] = {}
    for name, d in PUBLIC_DATASETS.items():
        full = [root / f for f in d.full_files] if root is not None else []
        if full and all(p.is_file() for p in full):
            out[name] = {"kind": "full", "paths": full, "reader": d.reader}
            continue
        shipped = [samples / f for f in d.samples]
        if shipped and all(p.is_file() for p in shipped):
            out[name] = {"kind": "sample", "paths": shipped, "reader": d.reader}
        else:
            out[name] = {"kind": "absent", "paths": [], "reader": d.reader}
    return out
