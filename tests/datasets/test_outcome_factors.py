"""The optional lever columns of the outcomes: data/outcome_factors.csv joined by load_outcomes (issue 18)."""
from __future__ import annotations

import csv

import pytest

from toolkit.calibration.facts import case_from_outcome
from toolkit.datasets import check_data, list_datasets, load_outcomes
from toolkit.datasets.outcome_factors import FACTOR_COLUMNS, read_outcome_factors
from toolkit.errors import DataError
from toolkit.regimes.factors import penalty_multiplier


def write_factors(path, rows, columns=("outcome_id", "response.cooperated_with_regulator",
                                       "aggravation.previous_infringements", "source_urls", "note")):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(columns))
        w.writeheader()
        for row in rows:
            w.writerow({c: row.get(c, "") for c in columns})
    return path


def row(**over):
    base = {"outcome_id": "acme-2019-ico", "response.cooperated_with_regulator": "yes",
            "source_urls": "https://example.org/decision", "note": "The decision credits full cooperation."}
    base.update(over)
    return base


def test_joined_as_optional_columns_unknown_where_not_stated(data_folder):
    assert not any("." in c for c in load_outcomes(data_dir_=data_folder).columns)  # no file: nothing added
    write_factors(data_folder / "outcome_factors.csv", [row()])
    df = load_outcomes(data_dir_=data_folder).set_index("outcome_id")
    assert df.loc["acme-2019-ico", "response.cooperated_with_regulator"] == "yes"
    assert df.loc["acme-2019-ico", "aggravation.previous_infringements"] == "unknown"  # empty cell
    assert (df.drop(index="acme-2019-ico")["response.cooperated_with_regulator"] == "unknown").all()
    assert "note" not in df.columns and len(df) == 4


@pytest.mark.parametrize("over, column", [
    ({"response.cooperated_with_regulator": "maybe"}, "response.cooperated_with_regulator"),
    ({"source_urls": ""}, "source_urls"),
    ({"source_urls": "www.example.org"}, "source_urls"),
    ({"note": ""}, "note"),
])
def test_bad_cells_are_named(data_folder, over, column):
    write_factors(data_folder / "outcome_factors.csv", [row(), row(outcome_id="acme-2019-class", **over)])
    with pytest.raises(DataError, match=rf"line 3, column {column}"):
        load_outcomes(data_dir_=data_folder)


def test_a_row_must_state_a_factor_and_name_a_known_outcome(data_folder):
    write_factors(data_folder / "outcome_factors.csv", [row(**{"response.cooperated_with_regulator": ""})])
    with pytest.raises(DataError, match="at least one factor"):
        load_outcomes(data_dir_=data_folder)
    write_factors(data_folder / "outcome_factors.csv", [row(outcome_id="nobody-2020-ico")])
    with pytest.raises(DataError, match="line 2, column outcome_id: got 'nobody-2020-ico'"):
        load_outcomes(data_dir_=data_folder)
    assert any("outcome_factors.csv" in p and "nobody-2020-ico" in p for p in check_data(data_folder))


def test_unknown_columns_and_duplicates_are_refused(data_folder):
    write_factors(data_folder / "outcome_factors.csv", [row()], columns=("outcome_id", "response.cooperated",
                                                                          "source_urls", "note"))
    with pytest.raises(DataError, match="unexpected response.cooperated"):
        load_outcomes(data_dir_=data_folder)
    write_factors(data_folder / "outcome_factors.csv", [row(), row()])
    with pytest.raises(DataError, match="outcome_id"):
        load_outcomes(data_dir_=data_folder)


def test_shipped_table_is_valid_sourced_and_registered():
    table = read_outcome_factors(_shipped(), outcome_ids=load_outcomes()["outcome_id"])
    assert len(table) >= 20
    assert set(table.columns) - {"outcome_id", "source_urls", "note"} <= set(FACTOR_COLUMNS)
    assert (table["source_urls"].str.len() > 0).all()
    assert "outcome_factors" in list_datasets().index


def _shipped():
    from toolkit.datasets import data_dir

    return data_dir() / "outcome_factors.csv"


def test_backtest_matters_carry_the_stated_levers():
    """case_from_outcome maps the block.key columns; the penalty factors then read them (BA: mitigating factors)."""
    outcomes = load_outcomes().set_index("outcome_id")
    ba = case_from_outcome(outcomes.loc["british-airways-2018-ico"].to_dict()
                           | {"outcome_id": "british-airways-2018-ico"})
    assert ba.response["cooperated_with_regulator"] == "yes"
    assert ba.aggravation["previous_infringements"] == "no"
    assert penalty_multiplier(ba.replace(prior_warnings="unknown")) < 1.0
    anthem = case_from_outcome(outcomes.loc["anthem-2015-ocr"])
    assert anthem.governance["risk_assessment"] == "no"
    plain = case_from_outcome({k: v for k, v in outcomes.loc["anthem-2015-ocr"].items() if "." not in k})
    assert plain.governance["risk_assessment"] == "unknown"
