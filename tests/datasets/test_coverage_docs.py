"""Issue 17: coverage counted by code, the datasheet and README blocks, the audit sample, the public samples."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from toolkit.datasets import PUBLIC_DATASETS, load_outcomes, public_files, read_hhs_ocr
from toolkit.datasets.coverage import (
    BLOCK_END, BLOCK_START, TARGETS, audit_sample, authority_counts, coverage_report, generated_blocks,
    render_blocks, wilson_interval,
)
from toolkit.datasets.outcomes import read_outcomes_csv

REPO = Path(__file__).resolve().parents[2]


def _frame(good_row, write_rows, tmp_path, rows):
    path = write_rows(tmp_path / "o.csv", rows)
    return read_outcomes_csv(path)


def test_coverage_counts_each_rule(tmp_path, good_row, write_rows):
    ico = dict(jurisdiction="GB", forum="ICO", outcome_type="regulatory_fine", regulator="GB-ICO", currency="GBP",
               amount_original="1000", amount_usd="1300", outcome_year="2019")
    rows = [
        good_row(),                                                                           # US class, 1M: mid-range
        good_row(outcome_id="acme-2019-big", amount_usd="90000000", amount_original="90000000", forum="D. Del."),
        good_row(outcome_id="acme-2019-ico", **ico),                                          # ICO, disclosed 2019
        good_row(outcome_id="old-2016-ico", incident_id="old-2016", year_disclosed="2016", **ico),  # ICO, DPA 1998
        good_row(outcome_id="acme-2019-ico0", **{**ico, "amount_original": "0", "amount_usd": "0"}),  # not monetary
        good_row(outcome_id="acme-2019-cnil", jurisdiction="EU-FR", forum="CNIL", outcome_type="regulatory_fine",
                 regulator="EU-FR-DPA", currency="EUR", amount_original="10", amount_usd="11", outcome_year="2019"),
        good_row(outcome_id="acme-2019-fca", jurisdiction="GB", forum="FCA", outcome_type="regulatory_fine",
                 regulator="GB-FCA", currency="USD", amount_original="5", amount_usd="5"),
        good_row(outcome_id="acme-2019-pdpc", jurisdiction="SG", forum="PDPC", outcome_type="regulatory_fine",
                 regulator="SG-PDPC", currency="USD", amount_original="5", amount_usd="5"),
        good_row(outcome_id="acme-2019-ag-ny", jurisdiction="US-NY", forum="NY AG", outcome_type="ag_settlement",
                 regulator="US-NY-AG"),
        good_row(outcome_id="acme-2019-ag-ms", jurisdiction="US", forum="AGs", outcome_type="ag_settlement",
                 regulator="US-MULTISTATE-AG"),
        good_row(outcome_id="acme-2019-class-on", jurisdiction="CA-ON", forum="ONSC", currency="USD"),
        good_row(outcome_id="acme-2019-sec-dism", outcome_type="dismissed_other", amount_usd="0", amount_original="0",
                 forum="D. Del. (securities)", misconfiguration_type="other"),
    ]
    rep = coverage_report(_frame(good_row, write_rows, tmp_path, rows))
    got = rep["count"].to_dict()
    assert got["rows"] == 12 and got["incidents"] == 2
    assert got["ico"] == 2 and got["ico_dpa1998"] == 1 and got["ico_ukgdpr"] == 1
    assert got["eu_fines"] == 1 and got["eu_states"] == 1
    assert got["non_us_europe"] == 1 and got["financial_conduct"] == 1
    assert got["single_state_ag"] == 1 and got["non_us_class"] == 1 and got["sec_deriv_dismissed"] == 1
    assert got["us_class_mid"] == 1                      # the 90M class and the Canadian one are out
    assert got["cloud_style"] == 11                      # every row is public_bucket except the dismissal
    assert set(rep.index) == {t.key for t in TARGETS}
    assert not rep.loc["rows", "met"] and rep.loc["url_pct", "met"]


def test_authority_counts(tmp_path, good_row, write_rows):
    rows = [good_row(outcome_id=f"acme-2019-ico{i}", jurisdiction="GB", forum=f"ICO{i}", outcome_type="regulatory_fine",
                     regulator="GB-ICO", amount_usd=str(i), amount_original=str(i)) for i in range(3)]
    rows.append(good_row(outcome_id="acme-2019-ag", jurisdiction="US-NY", forum="NY AG", outcome_type="ag_settlement",
                         regulator="US-NY-AG", verified="false"))
    counts = authority_counts(_frame(good_row, write_rows, tmp_path, rows))
    assert counts.index.tolist() == ["GB-ICO", "US-NY-AG"]
    assert counts.loc["GB-ICO", ["rows", "monetary", "verified"]].tolist() == [3, 2, 3]
    assert counts.loc["US-NY-AG", "verified"] == 0 and counts.loc["GB-ICO", "region"] == "gb"


def test_generated_blocks_in_datasheet_and_readme_match_the_table():
    blocks = generated_blocks(load_outcomes())
    for path, names in ((REPO / "data" / "README.md", ("summary", "coverage", "authorities", "factors")),
                        (REPO / "README.md", ("summary",))):
        text = path.read_text(encoding="utf-8")
        for name in names:
            start, end = BLOCK_START.format(name=name), BLOCK_END.format(name=name)
            assert start in text and end in text, (path, name)
            body = text.split(start, 1)[1].split(end, 1)[0].strip("\n")
            assert body == blocks[name], f"{path.name} block {name!r} is stale: run python -m toolkit.datasets.coverage"
    assert f"holds {len(load_outcomes())} legal outcomes" in blocks["summary"]


def test_render_blocks_replaces_only_marked_text():
    start, end = BLOCK_START.format(name="coverage"), BLOCK_END.format(name="coverage")
    text = f"before\n{start}\nold\n{end}\nafter {start[:10]}"
    out = render_blocks(text, {"coverage": "new", "other": "x"})
    assert out == f"before\n{start}\nnew\n{end}\nafter {start[:10]}"
    assert render_blocks(f"{start}\n{end}", {"coverage": "a\nb"}) == f"{start}\na\nb\n{end}"


def test_audit_sample_is_seeded_and_stratified(tmp_path, good_row, write_rows):
    rows = [good_row(outcome_id=f"acme-2019-c{i}", forum=f"F{i}") for i in range(20)]
    rows += [good_row(outcome_id=f"acme-2019-f{i}", forum=f"G{i}", jurisdiction="GB", outcome_type="regulatory_fine",
                      regulator="GB-ICO") for i in range(6)]
    rows += [good_row(outcome_id=f"acme-2019-d{i}", forum=f"H{i}", outcome_type="dismissed_standing", amount_usd="0",
                      amount_original="0") for i in range(2)]
    df = _frame(good_row, write_rows, tmp_path, rows)
    a, b = audit_sample(df, n=5, seed=3), audit_sample(df, n=5, seed=3)
    assert a["outcome_id"].tolist() == b["outcome_id"].tolist() and len(a) == 5
    assert a["stratum"].value_counts().to_dict() == {"class_settlement / US": 4, "regulatory_fine / UK": 1}
    assert audit_sample(df, n=5, seed=4)["outcome_id"].tolist() != a["outcome_id"].tolist()


def test_wilson_interval():
    lo, hi = wilson_interval(6, 38)
    assert round(lo, 3) == 0.074 and round(hi, 3) == 0.304
    assert wilson_interval(0, 10)[0] == 0.0
    with pytest.raises(ValueError):
        wilson_interval(1, 0)


AUDITS = ("2026-12", "2026-12-02", "2026-12-02b", "2026-12-02c")  # oldest first; the README and the datasheet quote the newest


@pytest.mark.parametrize("audit", AUDITS)
def test_audit_log_numbers_match_its_record(audit):
    rec = pd.read_csv(REPO / "docs" / f"outcomes_audit_{audit}.csv")
    assert len(rec) >= 40 and rec["outcome_id"].is_unique
    assert rec["result"].map(lambda r: r in ("ok", "WRONG") or r.startswith("not re-checked") or r == "unverifiable").all()
    checked = rec[rec["result"].isin(["ok", "WRONG"])]
    k, n = int((checked["result"] == "WRONG").sum()), len(checked)
    lo, hi = wilson_interval(k, n)
    claim = f"{k} wrong of {n} rows re-checked = {100 * k / n:.1f}%"
    interval = f"{100 * lo:.1f}% to {100 * hi:.1f}%"
    log = (REPO / "docs" / f"outcomes_audit_{audit}.md").read_text(encoding="utf-8")
    assert claim in log and interval in log
    if audit == AUDITS[-1]:
        for path in (REPO / "README.md", REPO / "data" / "README.md"):
            text = path.read_text(encoding="utf-8")
            assert f"{100 * k / n:.1f}%" in text and f"{100 * lo:.1f}%" in text and f"{100 * hi:.1f}%" in text, path
    # every wrong row was corrected in the table (its note cites the audit, or the row was re-keyed)
    table = load_outcomes().set_index("outcome_id")
    for oid in checked.loc[checked["result"] == "WRONG", "outcome_id"]:
        new = oid if oid in table.index else re.sub(r"-2023-", "-2021-", oid)
        if new not in table.index:  # a row left out must say so in the audit's log
            assert f"`{oid}`" in log and "left out" in log, oid
            continue
        assert f"audit {audit}" in table.at[new, "notes"].lower(), oid


def test_public_files_fall_back_to_samples(tmp_path, monkeypatch):
    monkeypatch.delenv("BREACH_TOOLKIT_SHARED_DATA", raising=False)
    files = public_files(tmp_path / "absent")
    assert files["hhs_ocr"]["kind"] == "sample" and {files[k]["kind"] for k in ("vcdb", "gdpr_tracker", "prc")} == {"absent"}
    # a folder laid out like shared/data is preferred, also through the environment variable
    for rel in PUBLIC_DATASETS["hhs_ocr"].full_files:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    monkeypatch.setenv("BREACH_TOOLKIT_SHARED_DATA", str(tmp_path))
    files = public_files()
    assert files["hhs_ocr"]["kind"] == "full" and files["hhs_ocr"]["paths"][0].parent.name == "hhs_ocr_breaches"


def test_shipped_samples_are_only_redistributable_ones():
    samples = REPO / "data" / "samples"
    shipped = sorted(p.name for p in samples.glob("*.csv"))
    allowed = sorted(f for d in PUBLIC_DATASETS.values() if d.redistributable for f in d.samples)
    assert shipped == allowed
    assert not any(d.samples for d in PUBLIC_DATASETS.values() if not d.redistributable)
    assert {n for n, d in PUBLIC_DATASETS.items() if not d.redistributable} == {"vcdb", "gdpr_tracker", "prc"}
    archive = read_hhs_ocr(samples / "hhs_ocr_archive_sample.csv")
    assert len(archive) == 140 and archive["year"].value_counts().max() == 10
    assert len(read_hhs_ocr(samples / "hhs_ocr_under_investigation_sample.csv")) == 20
