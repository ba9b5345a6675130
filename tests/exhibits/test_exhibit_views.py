"""One source of truth, the new views (decision tree, exceedance, comparison), report.pdf,
citations a reader can follow, rich display and export."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import toolkit as tk
from toolkit.exhibits import Provenance, build_exhibits, methodology_appendix
from toolkit.plotting import usd

REPO = Path(__file__).resolve().parents[2]


def _texts(ex) -> str:
    from matplotlib.text import Text

    return " ".join(t.get_text() for t in ex.figure.findobj(Text))


def test_the_same_median_everywhere(result):
    ranges = result.outcome_ranges
    median = float(ranges.loc["class_settlement", "median"])
    s = result.settlement
    assert (s.low, s.median, s.high) == tuple(float(ranges.loc["class_settlement", k]) for k in ("low", "median", "high"))
    label = usd(median)
    exhibits = {ex.slug: ex for ex in build_exhibits(result)}
    for slug in ("summary", "settlement-range", "exceedance-curves", "tornado"):
        assert label in _texts(exhibits[slug]), f"{slug} does not quote the median {label}"
    # the tornado is centred on the assessment's own median, not on its own (fewer-path) base run
    from toolkit.plotting import tornado_frame

    frame = tornado_frame(result)
    assert np.allclose(frame["centre"], median)
    table = result.tornado
    assert np.allclose(frame["high"] - frame["low"], table["high"] - table["low"])
    doc = methodology_appendix(result, Provenance.for_assessment(result), validation=None)
    assert label in doc.to_markdown()
    cmp = tk.compare([result, result], labels=["a", "b"])
    assert float(cmp.table.loc["a", "class_settlement_median"]) == median


def test_decision_tree_rolls_back_to_the_simulation(case):
    r = tk.assess(case, seed=1, n_paths=400_000, market_check=False)
    tree = r.decision_tree()
    assert tree["terminal"].sum() == 6
    assert abs(tree.loc[tree["terminal"], "p_reach"].sum() - 1) < 1e-12
    root = tree.iloc[0]
    sim = r._sim
    for value, paths in ((root["award"], sim.award), (root["defendant_cost"], sim.defendant_total),
                         (root["plaintiff_net"], sim.plaintiff_net)):
        se = paths.std() / np.sqrt(paths.size)          # the simulation's own Monte Carlo error
        assert abs(value - paths.mean()) < 4 * se, (value, paths.mean(), se)
    # each stage's reach probability matches the simulated share of paths that entered it
    for stage, p in r.simulation["p_reach"].items():
        node = tree[(~tree["terminal"]) & (tree["stage"] == stage)]
        assert abs(float(node["p_reach"].iloc[0]) - p) < 0.01, stage
    ax = r.plot_decision_tree()
    assert any("Trial" in t.get_text() for t in ax.texts)


def test_exceedance_passes_through_the_headline_range(result):
    ranges = result.outcome_ranges
    live = ranges[(ranges["probability"] > 0) & (ranges["median"] > 0)]
    for track, r in live.iterrows():
        x = [r["low"], r["median"], r["high"]]
        e = result.exceedance(x)[track].to_numpy()
        p = float(r["probability"])
        if r["low"] < r["median"] < r["high"]:
            assert np.allclose(e, [0.9 * p, 0.5 * p, 0.1 * p], atol=1e-9), track
        assert np.all(np.diff(result.exceedance()[track].to_numpy()) <= 1e-12)   # non-increasing
    ax = result.plot_exceedance()
    assert len(ax.get_lines()) >= 2 * len(live)


def test_compare_what_ifs_in_one_table_and_chart(case):
    cmp = tk.compare({"as filed": case, "MFA in place": case.replace(mfa="yes")}, n_paths=20_000)
    assert list(cmp.table.index) == ["as filed", "MFA in place"]
    assert {"class_settlement_median", "regulatory_fine_probability"} <= set(cmp.table.columns)
    ax = cmp.plot()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["as filed", "MFA in place"]
    ex = cmp.exhibit(11).finish()
    assert "Scenario comparison" in _texts(ex)
    assert "as filed" in cmp._repr_html_()
    with pytest.raises(tk.InputError, match="scenarios"):
        tk.compare([case])
    with pytest.raises(tk.InputError, match="scenarios"):
        tk.compare([case, "not a case"])


def test_report_pdf_is_reproducible_paged_and_has_metadata(case, tmp_path, no_validation):
    from toolkit.exhibits import write_pack

    a = write_pack(case, tmp_path / "a", seed=5, n_paths=20_000, formats=("pdf",), report=True, paper="a4",
                   author="A. Expert")
    write_pack(case, tmp_path / "b", seed=5, n_paths=20_000, formats=("pdf",), report=True, paper="a4",
               author="A. Expert")
    pa, pb = tmp_path / "a" / "report.pdf", tmp_path / "b" / "report.pdf"
    assert any(p.name == "report.pdf" for p in a), [p.name for p in a][-6:]
    data = pa.read_bytes()
    assert data == pb.read_bytes()
    assert b"/CreationDate" not in data and b"/ModDate" not in data
    assert b"A. Expert" in data and b"Expert exhibits and methodology appendix" in data and b"/Subject" in data
    pages = re.findall(rb"/MediaBox \[ *0 0 ([\d.]+) ([\d.]+) *\]", data)
    assert pages and {(round(float(w)), round(float(h))) for w, h in pages[:12]} >= {(595, 842)}
    n = len(re.findall(rb"/Type /Page\b", data))
    assert n >= 12   # cover + 10 exhibits + appendix
    ex_pdf = (tmp_path / "a" / "exhibit-01-summary.pdf").read_bytes()
    w, h = re.findall(rb"/MediaBox \[ *0 0 ([\d.]+) ([\d.]+) *\]", ex_pdf)[0]
    assert (round(float(w)), round(float(h))) == (595, 842)   # A4 in points


def test_report_text_has_pages_daubert_and_sources(result, tmp_path):
    from toolkit.exhibits.report import _appendix_pages

    doc = methodology_appendix(result, Provenance.for_assessment(result), validation=None)
    pages = _appendix_pages(doc, "letter")
    text = " ".join(t.get_text() for fig in pages for t in fig.texts)
    assert "Daubert" in text and "8. Sources" in text and "Backtest of the headline ranges" in text
    assert "https://" in text


FILE_CITATION = re.compile(r"(?<![\w/.-])((?:[\w-]+/)*[\w-]+\.(?:md|csv|yaml|py|json))\b")


def _cited_files(text: str) -> set[str]:
    found = {m.group(1) for m in FILE_CITATION.finditer(text)}
    found = {f for f in found if not Path(f).stem.isupper()}   # placeholders such as MATTER.yaml
    return found - {"assessment.json", "index.json",
                                                                 "methodology.md"}


def test_shipped_text_cites_only_files_that_exist(result, capsys):
    from toolkit.cli import main

    doc = methodology_appendix(result, Provenance.for_assessment(result), validation=None).to_markdown()
    assert "literature.md" not in doc and "design.md" not in doc
    assert main(["data", "list"]) == 0
    listing = capsys.readouterr().out
    assert "design.md" not in listing and "literature.md" not in listing
    summary = result.summary().to_string()
    readme = (REPO / "README.md").read_text()
    for name, text in (("appendix", doc), ("data list", listing), ("summary", summary), ("README", readme),
                       ("docs/sources.md", (REPO / "docs" / "sources.md").read_text())):
        cited_files = _cited_files(text)
        if name == "README":   # the README also names files a user makes (out.ipynb, m.yaml, matters.csv)
            cited_files = {c for c in cited_files if c.endswith(".md") or "/" in c}
        for cited in cited_files:
            found = [p for p in (REPO / cited, REPO / "data" / cited, REPO / "docs" / cited,
                                 REPO / "toolkit" / cited, REPO / "benchmarks" / cited, REPO / "tools" / cited)
                     if p.exists()]
            assert found, f"{name} cites {cited}, which is not in the repository"


def test_docs_sources_is_generated_from_the_registry():
    from toolkit.exhibits.sources import REFERENCES, cite, sources_markdown

    assert (REPO / "docs" / "sources.md").read_text() == sources_markdown()
    for ref in REFERENCES.values():
        assert ref.citations and all(url.startswith(("http://", "https://")) for _, url in ref.citations)
    assert cite("x (literature.md §1.8)") == "x (sources §1.8)"


def test_repr_html_excel_frame_and_csv(result, tmp_path):
    import openpyxl

    html = result._repr_html_()
    assert usd(result.outcome_ranges.loc["class_settlement", "median"]) in html and len(html) < 6000
    path = result.to_excel(tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(path)
    assert {"about", "headline_ranges", "summary", "hand_formula", "damages", "fault", "comparables",
            "decision_tree"} <= set(book.sheetnames)
    frame = result.to_frame()
    assert set(frame["table"]) >= {"headline_ranges", "summary"}
    csv = result.to_csv(tmp_path / "a.csv").read_text()
    assert csv.startswith("table,row,column,value")


def test_markdown_dollars_and_matter_paths(tmp_path, monkeypatch):
    from toolkit.exhibits.paths import markdown_dollars, resolve_matter_path

    assert markdown_dollars("$763K, defendant's $50.7M") == "\\$763K, defendant's \\$50.7M"
    monkeypatch.chdir(REPO)
    assert resolve_matter_path("../data/matters/capital_one_2019.yaml") == REPO / "data/matters/capital_one_2019.yaml"
    monkeypatch.chdir(tmp_path)
    assert resolve_matter_path("data/matters/capital_one_2019.yaml") == REPO / "data/matters/capital_one_2019.yaml"
    (tmp_path / "mine.yaml").write_text("x")
    assert resolve_matter_path("mine.yaml") == tmp_path / "mine.yaml"
