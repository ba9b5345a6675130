import sys
from pathlib import Path

import pandas as pd
import pytest

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
    assert "rows: 2" in text and "[SHORT] outcomes (rows): 2 (target >= 600)" in text
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


def test_merge_needs_an_explicit_output(tmp_path, good_row, write_rows, capsys):
    """Regression: --out defaulted to data/outcomes.csv."""
    parts = _parts(tmp_path, good_row, write_rows)
    with pytest.raises(SystemExit) as exc:
        merge_outcomes.main(["--parts", str(parts / "outcomes_*.csv"), "--force"])
    assert exc.value.code == 2 and "--out" in capsys.readouterr().err


def test_merge_never_shrinks_the_curated_table_without_a_flag(tmp_path, good_row, write_rows, capsys):
    """Regression: --parts new.csv --force shrank the curated table from 387 rows to 1 without a word."""
    curated = write_rows(tmp_path / "outcomes.csv", [good_row(), good_row(outcome_id="acme-2019-class-b", forum="D. Del.")])
    before = curated.read_bytes()
    new = write_rows(tmp_path / "new.csv", [good_row(outcome_id="acme-2019-class-c", forum="D. Md.")])
    assert merge_outcomes.main(["--parts", str(new), "--out", str(curated), "--force"]) == 1
    captured = capsys.readouterr()
    assert "would drop 2 of the 2 outcomes" in captured.err and "- acme-2019-class-b" in captured.out
    assert curated.read_bytes() == before
    # listing the curated table keeps its rows: the table grows, and the diff says by what
    assert merge_outcomes.main(["--parts", str(curated), str(new), "--out", str(curated), "--force"]) == 0
    out = capsys.readouterr().out
    assert "1 added, 0 removed, 0 changed" in out and "+ acme-2019-class-c" in out
    assert len(pd.read_csv(curated)) == 3
    # an explicit flag allows the removal
    assert merge_outcomes.main(["--parts", str(new), "--out", str(curated), "--force", "--allow-removals"]) == 0
    assert len(pd.read_csv(curated)) == 1


def test_merge_never_changes_a_curated_value_without_a_flag(tmp_path, good_row, write_rows, capsys):
    """Regression: a part row replaced a curated $2M with $999,999,999 with only a "dropped duplicate" notice."""
    curated = write_rows(tmp_path / "outcomes.csv", [good_row(amount_usd="2000000", amount_original="2000000")])
    before = curated.read_bytes()
    part = write_rows(tmp_path / "part.csv", [good_row(amount_usd="999999999", amount_original="999999999")])
    args = ["--parts", str(curated), str(part), "--out", str(curated), "--force"]
    assert merge_outcomes.main(args) == 1
    err = capsys.readouterr().err
    assert "would change curated values" in err and "amount_usd: curated '2000000'" in err and "'999999999'" in err
    assert curated.read_bytes() == before
    # without listing the curated table, the change is still caught against the existing output
    assert merge_outcomes.main(["--parts", str(part), "--out", str(curated), "--force"]) == 1
    assert curated.read_bytes() == before
    capsys.readouterr()
    assert merge_outcomes.main(args + ["--allow-changes"]) == 0
    out = capsys.readouterr().out
    assert "acme-2019-class amount_usd: '2000000' -> '999999999'" in out
    assert pd.read_csv(curated)["amount_usd"].tolist() == [999999999]


def test_merge_compares_and_applies_part_rows_after_their_usd_conversion(tmp_path, good_row, write_rows, capsys):
    """Regression: a part row with amount_usd left empty (as parts are written) was a 'change' of the curated
    amount_usd, and an applied change kept the empty cell and failed validation."""
    gbp = dict(outcome_id="acme-2019-ico", jurisdiction="GB", forum="ICO", outcome_type="regulatory_fine",
               regulator="GB-ICO", currency="GBP", outcome_year="2019")
    curated = write_rows(tmp_path / "outcomes.csv", [good_row(**gbp, amount_original="1000000", amount_usd="1276800")])
    same = write_rows(tmp_path / "same.csv", [good_row(**gbp, amount_original="1000000", amount_usd="")])
    assert merge_outcomes.main(["--parts", str(curated), str(same), "--out", str(curated), "--force"]) == 0
    changed = write_rows(tmp_path / "changed.csv", [good_row(**gbp, amount_original="2000000", amount_usd="")])
    args = ["--parts", str(curated), str(changed), "--out", str(curated), "--force"]
    assert merge_outcomes.main(args) == 1
    assert merge_outcomes.main(args + ["--allow-changes"]) == 0
    assert pd.read_csv(curated)["amount_usd"].tolist() == [2553600]   # 2,000,000 GBP x 1.2768 (G.5A 2019)
