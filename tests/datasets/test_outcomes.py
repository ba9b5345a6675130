import pytest

from toolkit.datasets import load_outcomes
from toolkit.errors import DataError, InputError



def test_load_types_and_values(data_folder):
    df = load_outcomes(data_dir_=data_folder)
    assert len(df) == 4
    assert str(df["records_exposed"].dtype) == "Int64"
    assert str(df["class_size"].dtype) == "Int64" and df["class_size"].isna().all()
    assert str(df["outcome_year"].dtype) == "Int64"
    assert df["verified"].dtype == bool and df["verified"].tolist() == [True, True, True, False]
    assert df["outcome_id"].dtype == "str"
    assert df.loc[3, "amount_usd"] != df.loc[3, "amount_usd"]  # NaN for pending


def test_constant_dollars(data_folder):
    df = load_outcomes(constant_dollars=2024, data_dir_=data_folder)
    # 1,000,000 (2021) * 313.689 / 270.970
    assert df.loc[0, "amount_usd_2024"] == pytest.approx(1_000_000 * 313.689 / 270.970)
    with pytest.raises(InputError, match="constant_dollars"):
        load_outcomes(constant_dollars=1900, data_dir_=data_folder)


BAD = [  # (override, column named in the error)
    ({"outcome_id": "Acme 2019"}, "outcome_id"),
    ({"incident_id": "acme"}, "incident_id"),
    ({"defendant": ""}, "defendant"),
    ({"year_disclosed": "19"}, "year_disclosed"),
    ({"records_exposed": "1,000"}, "records_exposed"),
    ({"records_exposed": "-5"}, "records_exposed"),
    ({"data_types": "ssn;passport"}, "data_types"),
    ({"sector": "banking"}, "sector"),
    ({"cloud_provider": "amazon"}, "cloud_provider"),
    ({"misconfiguration_type": "s3"}, "misconfiguration_type"),
    ({"service_model": "cloud"}, "service_model"),
    ({"jurisdiction": "california"}, "jurisdiction"),
    ({"forum": ""}, "forum"),
    ({"outcome_type": "settlement"}, "outcome_type"),
    ({"amount_usd": "-1", "amount_original": "-1"}, "amount_usd"),
    ({"amount_usd": "$5"}, "amount_usd"),
    ({"amount_usd": ""}, "amount_usd"),                      # empty but not pending
    ({"currency": "usd$"}, "currency"),
    ({"class_size": "1.5"}, "class_size"),
    ({"mfa": "maybe"}, "mfa"),
    ({"prior_warnings": "y"}, "prior_warnings"),
    ({"source_urls": ""}, "source_urls"),
    ({"source_urls": "www.example.org"}, "source_urls"),
    ({"verified": "perhaps"}, "verified"),
    ({"outcome_type": "dismissed_other", "amount_usd": "5", "amount_original": "5"}, "amount_usd"),
    ({"amount_usd": "10", "amount_original": "20"}, "amount_usd"),  # USD must match
    ({"outcome_id": "other-2019-class"}, "outcome_id"),          # prefix rule
]


@pytest.mark.parametrize("override, column", BAD)
def test_each_rule_is_enforced(data_folder, override, column, good_row, write_rows):
    write_rows(data_folder / "outcomes.csv", [good_row(outcome_id="acme-2019-a"), good_row(**{"outcome_id": "acme-2019-b", **override})])
    with pytest.raises(DataError) as info:
        load_outcomes(data_dir_=data_folder)
    assert any(p[1] == column and p[0] == 3 for p in info.value.problems), info.value.problems
    assert f"line 3, column {column}" in str(info.value)


def test_unique_outcome_id_and_lazy(data_folder, good_row, write_rows):
    write_rows(data_folder / "outcomes.csv", [good_row(), good_row(), good_row(sector="x", mfa="?")])
    with pytest.raises(DataError) as info:
        load_outcomes(data_dir_=data_folder)
    columns = {p[1] for p in info.value.problems}
    assert {"outcome_id", "sector", "mfa"} <= columns   # all problems at once


def test_header_and_missing_file(tmp_path, data_folder):
    (data_folder / "outcomes.csv").write_text("outcome_id,foo\nx,y\n")
    with pytest.raises(DataError, match="header"):
        load_outcomes(data_dir_=data_folder)
    with pytest.raises(InputError, match="merge_outcomes"):
        load_outcomes(data_dir_=tmp_path / "nowhere")
