import sys
from pathlib import Path

import pandas as pd

from toolkit.datasets import check_data, load_outcomes

TOOL = Path(__file__).resolve().parents[2] / "tools" / "merge_outcomes.py"
sys.path.insert(0, str(TOOL.parent))
import merge_outcomes  # noqa: E402


def test_check_data_clean_and_problems(data_folder, good_row, write_rows):
    assert check_data(data_folder) == []
    write_rows(data_folder / "outcomes.csv", [
        good_row(),
        good_row(outcome_id="acme-2019-class2"),                                  # same incident/type/forum/amount
        good_row(outcome_id="acme-2019-ico", currency="GBP", amount_original="1000000", amount_usd="2000000",
                 outcome_type="regulatory_fine", outcome_year="2019", forum="ICO", jurisdiction="GB", regulator="GB-ICO"),
        good_row(outcome_id="acme-2019-cnil", currency="EUR", amount_original="5", amount_usd="5",
                 outcome_type="regulatory_fine", outcome_year="2009", forum="CNIL", jurisdiction="EU-FR", regulator="EU-FR-DPA"),
        good_row(outcome_id="acme-2019-x", year_disclosed="2020", forum="X"),
    ])
    (data_folder / "matters" / "broken.yaml").write_text("name: x\nrecords_exposed: -1\n")
    problems = check_data(data_folder)
    text = "\n".join(problems)
    assert "duplicate outcome" in text and "lines 2, 3" in text
    assert "line 4, column amount_usd" in text and "1276800" in text
    assert "line 5, column currency" in text          # no EUR rate for 2009 in the table
    assert "line 6, column incident_id" in text
    assert "matters/broken.yaml" in text


def test_check_data_schema_and_missing(tmp_path, data_folder):
    (data_folder / "outcomes.csv").write_text((data_folder / "outcomes.csv").read_text().replace("retail", "shops", 1))
    assert any("column sector" in p for p in check_data(data_folder))
    assert check_data(tmp_path / "none") == [f"{tmp_path / 'none'}: not a directory"]


def _parts(tmp_path, good_row, write_rows):
    parts = tmp_path / "parts"
    parts.mkdir()
    write_rows(parts / "outcomes_a.csv", [
        good_row(sector=" Retail ", verified="TRUE", mfa="No"),
        good_row(outcome_id="acme-2019-ico", jurisdiction="gb", forum="ICO", outcome_type="regulatory_fine", regulator="gb-ico",
                 currency="gbp", amount_original="1000000", amount_usd="", outcome_year="2019"),
        good_row(outcome_id="acme-2019-czk", jurisdiction="EU-PL", forum="UODO", outcome_type="regulatory_fine", regulator="EU-PL-DPA",
                 currency="CZK", amount_original="1000", amount_usd="", outcome_year="2019"),
    ])
    write_rows(parts / "outcomes_b.csv", [good_row(verified="false", notes="")])  # duplicate id, less complete
    return parts


def test_merge_tool(tmp_path, good_row, write_rows, capsys):
    parts = _parts(tmp_path, good_row, write_rows)
    out = tmp_path / "data" / "outcomes.csv"
    assert merge_outcomes.main(["--parts", str(parts / "outcomes_*.csv"), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "dropped duplicate outcome_id acme-2019-class at outcomes_b.csv:2" in text
    assert "acme-2019-czk: no USD conversion" in text and "left out 1 row" in text
    assert "rows: 2" in text and "[SHORT] rows: 2 (target >= 250)" in text
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert df.loc[0, "sector"] == "retail" and df.loc[0, "verified"] == "true" and df.loc[0, "mfa"] == "no"
    assert df.loc[1, "amount_usd"] == "1276800"           # 1,000,000 GBP x 1.2768 (G.5A 2019), whole dollars
    assert df.loc[1, "currency"] == "GBP" and df.loc[1, "jurisdiction"] == "GB"
    # refuses to overwrite, then --force works; --strict fails on the unconvertible row
    assert merge_outcomes.main(["--parts", str(parts / "outcomes_*.csv"), "--out", str(out)]) == 1
    assert merge_outcomes.main(["--parts", str(parts / "outcomes_*.csv"), "--out", str(out), "--force", "--strict"]) == 1
    assert merge_outcomes.main(["--parts", str(parts / "outcomes_*.csv"), "--out", str(out), "--force"]) == 0
    assert not list(out.parent.glob(".outcomes-*"))       # no temp file left behind
    assert out.stat().st_mode & 0o044                     # readable by others, not mkstemp's 0600
    folder = out.parent
    for name in ("fx_rates.csv", "cpi_u.csv"):
        (folder / name).write_bytes((Path(merge_outcomes.REPO) / "data" / name).read_bytes())
    assert len(load_outcomes(data_dir_=folder)) == 2


def test_merge_reports_invalid_rows_by_part(tmp_path, good_row, write_rows, capsys):
    parts = tmp_path / "p"
    parts.mkdir()
    write_rows(parts / "outcomes_x.csv", [good_row(), good_row(outcome_id="acme-2019-y", sector="banking")])
    out = tmp_path / "o.csv"
    assert merge_outcomes.main(["--parts", str(parts / "*.csv"), "--out", str(out)]) == 1
    assert "outcomes_x.csv:3 column sector" in capsys.readouterr().err
    assert not out.exists()
