import csv
import shutil
from pathlib import Path

import pytest

from toolkit.datasets.outcomes import OUTCOMES_COLUMNS

REPO_DATA = Path(__file__).resolve().parents[2] / "data"
import os

# The staged public datasets live beside the project (../shared/data), never inside it; the
# environment variable BREACH_TOOLKIT_SHARED_DATA points elsewhere. Tests skip when absent.
SHARED = Path(os.environ.get("BREACH_TOOLKIT_SHARED_DATA")
              or Path(__file__).resolve().parents[3] / "shared" / "data")


def good_row(**over):
    row = {c: "unknown" for c in OUTCOMES_COLUMNS}
    row.update(outcome_id="acme-2019-class", incident_id="acme-2019", defendant="Acme Inc.", year_disclosed="2019",
               records_exposed="1000", data_types="ssn;contact", sector="retail", cloud_provider="aws",
               misconfiguration_type="public_bucket", service_model="iaas", jurisdiction="US-CA", forum="N.D. Cal.",
               outcome_type="class_settlement", amount_usd="1000000", amount_original="1000000", currency="USD",
               outcome_year="2021", class_size="", regulator="", source_urls="https://example.org/a https://example.org/b",
               verified="true", notes="A test row.")
    row.update({k: str(v) for k, v in over.items()})
    return row


def write_rows(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(OUTCOMES_COLUMNS))
        w.writeheader()
        w.writerows(rows)
    return path


@pytest.fixture
def data_folder(tmp_path):
    """A copy of the repo's data/ (fx, cpi, matters, ...) in tmp, with a small valid outcomes.csv (and no
    outcome_factors.csv, whose rows name the shipped outcomes)."""
    folder = tmp_path / "data"
    shutil.copytree(REPO_DATA, folder, ignore=shutil.ignore_patterns("outcomes.csv", "outcome_factors.csv"))
    write_rows(folder / "outcomes.csv", [
        good_row(),
        good_row(outcome_id="acme-2019-ico", jurisdiction="GB", forum="ICO", outcome_type="regulatory_fine", regulator="GB-ICO",
                 currency="GBP", amount_original="1000000", amount_usd="1276800", outcome_year="2019"),
        good_row(outcome_id="acme-2019-dismissed", outcome_type="dismissed_standing", amount_usd="0", amount_original="0",
                 forum="S.D.N.Y.", jurisdiction="US-NY"),
        good_row(outcome_id="acme-2019-pending", outcome_type="pending", amount_usd="", amount_original="",
                 forum="D. Mass.", verified="false"),
    ])
    return folder


def shared(*parts):
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"staged public data not available: {path}")
    return path


@pytest.fixture(name="good_row")
def _good_row_fixture():
    return good_row


@pytest.fixture(name="write_rows")
def _write_rows_fixture():
    return write_rows


@pytest.fixture(name="shared")
def _shared_fixture():
    return shared
