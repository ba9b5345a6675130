"""The provenance stamp: data hash, date of the data from the file (never the clock), seed, paths."""
from __future__ import annotations

import hashlib

import pandas as pd

import toolkit as tk
from toolkit.exhibits import Provenance, case_sha256, outcomes_facts


def test_footer_from_the_outcomes_file(result, repo):
    path = repo / "data" / "outcomes.csv"
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    latest = int(pd.to_numeric(table["outcome_year"], errors="coerce").max())
    prov = Provenance.for_assessment(result)
    assert prov.data_sha256 == sha
    assert prov.data_date == str(latest)
    assert prov.data_rows == len(table)
    assert (prov.seed, prov.n_paths) == (result.seed, result.n_paths)
    footer = prov.footer()
    for piece in (f"Breach Liability Toolkit {tk.__version__}", sha[:12], f"outcomes to {latest}",
                  f"seed {result.seed}", f"{result.n_paths:,} simulated paths"):
        assert piece in footer


def test_outcomes_facts_of_a_small_table(tmp_path):
    (tmp_path / "outcomes.csv").write_text("outcome_id,outcome_year,verified,outcome_type\n"
                                           "a,2019,true,class_settlement\nb,2023,false,regulatory_fine\n"
                                           "c,,true,pending\n")
    facts = outcomes_facts(tmp_path)
    assert (facts["rows"], facts["first_year"], facts["latest_year"], facts["verified_rows"]) == (3, 2019, 2023, 2)
    assert facts["outcome_types"] == {"class_settlement": 1, "pending": 1, "regulatory_fine": 1}
    empty = outcomes_facts(tmp_path / "absent")
    assert empty["sha256"] is None and empty["rows"] is None


def test_case_hash_follows_the_facts(case):
    assert case_sha256(case) == case_sha256(tk.Case.from_dict(case.to_dict()))
    assert case_sha256(case) != case_sha256(case.replace(causation_strength=0.3))


def test_absent_outcomes_table_is_said_plainly():
    prov = Provenance("0.1.0", None, "n/a", None, "c" * 64, "m", 0, 1_000)
    assert "outcomes.csv absent" in prov.footer()
