"""The methodology appendix: data, models and parameters, error rates, limitations, Daubert."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.exhibits import Provenance, methodology_appendix
from toolkit.exhibits.appendix import VALIDATION_PLACEHOLDER, Appendix

DAUBERT = ["Testability", "Peer review and publication", "Known or potential error rate",
           "Standards controlling the operation", "General acceptance"]


@pytest.fixture(scope="module")
def synthetic_validation():
    """A real ValidationReport on a synthetic table (fast; the numbers are whatever validate() finds)."""
    from toolkit.damages import validate

    rng = np.random.default_rng(1)
    n = 120
    rec = 10 ** rng.uniform(3, 8, n)
    amt = 10 ** (2 + 0.6 * np.log10(rec) + rng.normal(0, 0.3, n))
    X = pd.DataFrame({"incident_id": [f"i{i}" for i in range(n)], "records_exposed": rec.round(),
                      "outcome_type": "class_settlement", "amount_usd": amt})
    return validate(X, n_splits=4)


def test_error_rates_come_from_the_validation_report(result, synthetic_validation):
    prov = Provenance.for_assessment(result)
    md = methodology_appendix(result, prov, validation=synthetic_validation).to_markdown()
    reg = synthetic_validation.table.loc["OutcomeRegressor"]
    assert f"{reg['mae_log10']:.3f}" in md
    assert f"{reg['coverage']:.1%}" in md
    for name in synthetic_validation.table.index:
        assert f"| {name} |" in md
    assert "PLACEHOLDER: validation error rates not available" not in md


def test_headline_error_rates_and_monte_carlo_error_follow_the_calibration_contract(result, monkeypatch):
    """The table toolkit.calibration.load_error_rates() returns (track, group, n, coverage,
    median_abs_log10_error, bias_log10, median_width_log10) is rendered as is, and quoted under Daubert."""
    import pandas as pd

    import toolkit.exhibits.appendix as appendix

    rates = pd.DataFrame({"track": ["class_settlement", "regulatory_fine"], "group": ["all", "all"], "n": [61, 240],
                          "coverage": [0.787, 0.804], "median_abs_log10_error": [0.412, 0.377],
                          "bias_log10": [0.031, -0.052], "median_width_log10": [1.71, 1.55]})
    monkeypatch.setattr(appendix, "headline_error_rates", lambda: (rates, ""))
    md = methodology_appendix(result, Provenance.for_assessment(result), validation=None).to_markdown()
    section = md.split("### Backtest of the headline ranges")[1].split("## 4.")[0]
    assert "| class settlement | all | 61 | 78.7% | 0.412 | x2.58 | +0.031 | 1.71 |" in section
    assert "PLACEHOLDER" not in section
    daubert = md.split("## 5. Daubert factors")[1]
    assert "coverage 78.7% of the nominal 80% range" in daubert
    se = result.outcome_ranges.loc["class_settlement", "median_se"]
    from toolkit.plotting import usd

    cell = "0 (closed form: no sampling error)" if se == 0 else usd(se)
    assert f"| class settlement | {usd(result.outcome_ranges.loc['class_settlement', 'median'])} | {cell} |" in md


def test_headline_error_rates_missing_is_a_marked_placeholder(result, monkeypatch):
    import toolkit.exhibits.appendix as appendix

    monkeypatch.setattr(appendix, "headline_error_rates", lambda: (None, "not in this build"))
    md = methodology_appendix(result, Provenance.for_assessment(result), validation=None).to_markdown()
    section = md.split("### Backtest of the headline ranges")[1].split("## 4.")[0]
    assert "PLACEHOLDER: headline backtest error rates not available (not in this build)" in section
    assert "coverage" not in section.split("PLACEHOLDER")[0]


def test_missing_validation_is_a_marked_placeholder_not_a_number(result):
    prov = Provenance.for_assessment(result)
    md = methodology_appendix(result, prov, validation=None, validation_reason="not in this build").to_markdown()
    assert VALIDATION_PLACEHOLDER.format(reason="not in this build") in md
    # the market-check model's part of §3 (the headline backtest and the Monte Carlo error follow it)
    section = md.split("## 3. Validation error rates")[1].split("Monte Carlo error")[0]
    assert "mae" not in section.lower() and "coverage" not in section.lower()


def test_appendix_lists_data_models_parameters_and_daubert(result, repo):
    import hashlib

    prov = Provenance.for_assessment(result)
    doc = methodology_appendix(result, prov, exhibits=[(1, "Summary", "exhibit-01-summary")])
    md, html = doc.to_markdown(), doc.to_html()
    sha = hashlib.sha256((repo / "data" / "outcomes.csv").read_bytes()).hexdigest()
    assert sha in md                                    # data: the full hash of the outcomes table
    for heading in ("## 1. Data used", "## 2. Models and parameters", "## 3. Validation error rates",
                    "## 4. Assumptions and limitations", "## 5. Daubert factors", "## 6. Reproducing this pack"):
        assert heading in md
    for factor in DAUBERT:
        assert f"| {factor} |" in md and f"<td>{factor}</td>" in html
    # every stage parameter and every liability parameter is listed with its source
    for row in result.parameters.itertuples():
        assert f"| {row.parameter} |" in md
    for name in result.liability.parameters["name"]:
        assert f"| {name} |" in md
    # damages basis and source columns
    for basis in result.damages_estimate.table["basis"]:
        assert basis in md
    assert f"--seed {result.seed} --paths {result.n_paths}" in md
    assert html.startswith("<!DOCTYPE html>") and "</html>" in html


def test_markdown_and_html_agree_on_table_cells():
    doc = Appendix("T")
    doc.add("table", (["a", "b"], [["x|y", "<b>"], ["https://example.org/p", "2"]]))
    md, html = doc.to_markdown(), doc.to_html()
    assert "| x\\|y | <b> |" in md
    assert "<td>x|y</td><td>&lt;b&gt;</td>" in html
    assert '<a href="https://example.org/p">' in html
    with pytest.raises(ValueError):
        doc.add("h9", "x")


def test_shipped_validation_table_is_current():
    """data/market_check_error_rates.csv is what validate() gives today on the shipped outcomes
    (re-run ``benchmarks/bench_accuracy.py --write`` after changing the outcomes or the model)."""
    from toolkit.damages import load_validation, validate
    from toolkit.damages.validation import SHIPPED_PARAMETERS
    from toolkit.datasets import data_dir, load_outcomes
    from toolkit.exhibits.provenance import file_sha256

    shipped = load_validation(file_sha256(data_dir() / "outcomes.csv"), **SHIPPED_PARAMETERS)
    assert shipped is not None, "no run for the shipped outcomes' sha256: re-run bench_accuracy.py --write"
    live = validate(load_outcomes(), **SHIPPED_PARAMETERS)
    pd.testing.assert_frame_equal(shipped.table, live.table, check_dtype=False, atol=1e-12)
    assert (shipped.n_rows, shipped.n_incidents, shipped.notes) == (live.n_rows, live.n_incidents, live.notes)
    assert shipped.meets_targets() == live.meets_targets()


def test_validation_report_reads_the_shipped_table_and_computes_for_custom_outcomes(monkeypatch, tmp_path):
    """The appendix's validation is the shipped run when the sha256 matches, computed live otherwise."""
    import toolkit.damages.validation as validation
    import toolkit.exhibits.appendix as appendix
    from toolkit.damages import load_validation

    appendix._validation_cached.cache_clear()
    calls = []
    monkeypatch.setattr(validation, "validate", lambda *a, **k: calls.append(k) or "computed")
    report, reason = appendix.validation_report()
    assert reason == "" and report.table.loc["OutcomeRegressor", "n"] > 0 and not calls
    assert report.predictions.empty
    # a different sha256 (custom outcomes) or other parameters: nothing shipped, so it is computed
    assert load_validation("f" * 64) is None
    appendix._validation_cached.cache_clear()
    assert appendix._validation_cached("e" * 64) == "computed" and calls == [validation.SHIPPED_PARAMETERS]
    appendix._validation_cached.cache_clear()


def test_load_validation_rejects_a_malformed_table(tmp_path):
    from toolkit.damages import load_validation
    from toolkit.errors import InputError

    bad = tmp_path / "t.csv"
    bad.write_text("outcomes_sha256,model\nabc,OutcomeRegressor\n")
    with pytest.raises(InputError, match="n_splits"):
        load_validation("abc", path=bad)
    assert load_validation("abc", path=tmp_path / "absent.csv") is None


def test_readme_quotes_the_shipped_validation_table():
    """The README's market-check table is the shipped one (re-run bench_accuracy.py --write and paste what it prints)."""
    import hashlib
    from pathlib import Path

    from toolkit.damages import load_validation
    from toolkit.damages.validation import SHIPPED_PARAMETERS, validation_markdown

    repo = Path(__file__).resolve().parents[2]
    sha = hashlib.sha256((repo / "data" / "outcomes.csv").read_bytes()).hexdigest()
    shipped = load_validation(sha, **SHIPPED_PARAMETERS)
    assert shipped is not None
    assert validation_markdown(shipped) in (repo / "README.md").read_text(encoding="utf-8")


def test_headline_error_rates_are_read_once_per_appendix(result, monkeypatch):
    """§3 renders the backtest table and §5 quotes it: one read of data/backtest_error_rates.csv."""
    import importlib

    backtest = importlib.import_module("toolkit.calibration.backtest")
    real, calls = backtest.load_error_rates, []

    def counting():
        calls.append(1)
        return real()

    monkeypatch.setattr(backtest, "load_error_rates", counting)
    md = methodology_appendix(result, Provenance.for_assessment(result), validation=None).to_markdown()
    assert len(calls) == 1
    assert "Headline ranges, backtested on the curated outcomes" in md.split("## 5. Daubert factors")[1]


def test_absent_backtest_table_falls_back_to_the_placeholder(result, monkeypatch):
    """The loader raises InputError for a missing table (not ImportError): the appendix says so, in §3 and §5."""
    import importlib

    import toolkit.exhibits.appendix as appendix
    from toolkit import InputError

    backtest = importlib.import_module("toolkit.calibration.backtest")
    monkeypatch.setattr(backtest, "ERROR_RATES_FILE", "no_such_backtest_table.csv")
    with pytest.raises(InputError):
        backtest.load_error_rates()
    rates, reason = appendix.headline_error_rates()
    assert rates is None and "no_such_backtest_table.csv" in reason
    md = methodology_appendix(result, Provenance.for_assessment(result), validation=None).to_markdown()
    section = md.split("### Backtest of the headline ranges")[1].split("## 4.")[0]
    assert f"PLACEHOLDER: headline backtest error rates not available ({reason})" in section
    daubert = md.split("## 5. Daubert factors")[1]
    assert "PLACEHOLDER: the headline backtest error rates are not available (§3 says why)" in daubert
    assert "Headline ranges, backtested" not in daubert


def test_other_errors_of_the_backtest_loader_propagate(monkeypatch):
    import importlib

    import toolkit.exhibits.appendix as appendix

    backtest = importlib.import_module("toolkit.calibration.backtest")

    def broken():
        raise ValueError("a malformed table")

    monkeypatch.setattr(backtest, "load_error_rates", broken)
    with pytest.raises(ValueError, match="malformed"):
        appendix.headline_error_rates()
