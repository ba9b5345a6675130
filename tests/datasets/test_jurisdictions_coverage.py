"""Every supported jurisdiction has its own fault-allocation rule; nothing else is assessed (issue 12)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import toolkit as tk
from toolkit.datasets import check_data
from toolkit.datasets.jurisdictions import RULE_BASES, load_jurisdictions
from toolkit.vocab import AUTHORITIES, JURISDICTIONS

REPO = Path(__file__).resolve().parents[2]


def test_the_table_has_exactly_one_row_per_supported_jurisdiction():
    """Before: 18 rows; anything else (ZZ, JP, ...) was silently assessed under the US default."""
    table = load_jurisdictions()
    assert sorted(table["jurisdiction"]) == sorted(JURISDICTIONS) and table["jurisdiction"].is_unique
    assert {a.country for a in AUTHORITIES.values()} <= set(table["jurisdiction"])


def test_each_row_says_how_its_rule_is_known():
    table = load_jurisdictions().set_index("jurisdiction")
    assert set(table["rule_basis"]) <= set(RULE_BASES)
    assert (table.loc[table["verified"], "rule_basis"] == "sourced").all()          # verified rows are sourced
    assert (table.loc[table["rule_basis"] != "sourced", "verified"] == False).all()  # noqa: E712
    defaults = table[table["rule_basis"] != "sourced"]
    assert defaults["notes"].str.contains("DEFAULT|default|assumption|not read").all()  # flagged in words too
    assert table.loc["US-VA", "comparative_rule"] == "contributory"                 # sourced rows unchanged
    assert table.loc["US-CO", "comparative_rule"] == "modified_50"                  # from the cited surveys
    assert table.loc["US-KY", "comparative_rule"] == "pure"
    assert table.loc["AU", "joint_several"] == "several"                            # proportionate liability


@pytest.mark.parametrize("code", ["JP", "EU-DE", "BR", "US-WY", "CA-QC"])
def test_a_matter_abroad_uses_its_own_rule(code):
    case = tk.Case.from_dict({"name": "x", "defendant": "y", "records_exposed": 1000, "data_types": ["contact"],
                              "sector": "retail", "misconfiguration_type": "open_database", "jurisdictions": [code]})
    from toolkit.liability._tables import jurisdiction_rules
    from toolkit.liability.fault import select_rule

    rule, why = select_rule(case, jurisdiction_rules())
    assert rule.jurisdiction == code and "US default" not in why


def test_a_table_without_the_matters_rule_is_an_error_not_a_us_default():
    from toolkit.liability._tables import jurisdiction_rules
    from toolkit.liability.fault import select_rule

    case = tk.Case.from_dict({"name": "x", "defendant": "y", "records_exposed": 1000, "data_types": ["contact"],
                              "sector": "retail", "misconfiguration_type": "open_database", "jurisdictions": ["JP"]})
    rules = {k: v for k, v in jurisdiction_rules().items() if k != "JP"}
    with pytest.raises(tk.InputError, match="JP"):
        select_rule(case, rules)


def test_data_check_reports_a_missing_or_extra_row(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    table = pd.read_csv(folder / "jurisdictions.csv", dtype=str, keep_default_na=False)
    table = table[table["jurisdiction"] != "EU-PT"]
    table.loc[len(table)] = {**table.iloc[-1].to_dict(), "jurisdiction": "XX"}
    table.to_csv(folder / "jurisdictions.csv", index=False)
    text = "\n".join(check_data(folder))
    assert "no row for the supported jurisdiction(s) EU-PT" in text and "row(s) for XX" in text
