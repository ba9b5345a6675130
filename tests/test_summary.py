"""One Summary type: every result object's ``.summary()`` is a :class:`toolkit.summary.Summary`."""
import pandas as pd
import pytest

import toolkit as tk
from toolkit.damages import estimate_damages, validate
from toolkit.damages.fines import gdpr_fine
from toolkit.datasets import load_matter, load_outcomes
from toolkit.liability import assess_liability
from toolkit.summary import COLUMNS, KINDS, Summary


@pytest.fixture(scope="module")
def case():
    return load_matter("capital_one_2019")


@pytest.fixture(scope="module")
def summaries(case):
    return {
        "Assessment": tk.assess(case, seed=1, n_paths=2_000).summary(),
        "LiabilityAssessment": assess_liability(case).summary(),
        "DamagesEstimate": estimate_damages(case).summary(),
        "Calculation": gdpr_fine(turnover_eur=1e9).summary(),
        "ValidationReport": validate(load_outcomes(), n_splits=3).summary(),
    }


@pytest.mark.parametrize("name", ["Assessment", "LiabilityAssessment", "DamagesEstimate", "Calculation",
                                  "ValidationReport"])
def test_every_summary_is_one_summary_dataframe(summaries, name):
    s = summaries[name]
    assert isinstance(s, Summary) and isinstance(s, pd.DataFrame)
    assert list(s.columns) == list(COLUMNS)
    assert s["kind"].isin(KINDS).all()
    # the notes are rows of kind "note", numbered 1..n, and nothing else is
    notes = s[s.kind == "note"]
    assert notes["item"].tolist() == [str(i) for i in range(1, len(notes) + 1)]
    assert s.notes == notes["value"].tolist()
    text, page = s.as_text(), s.as_html()
    assert all(n in text for n in s.notes)
    assert page == s._repr_html_() and "<table" in page
    assert ("<ol>" in page) == bool(s.notes)


def test_filtering_keeps_the_type_and_its_parts(summaries):
    s = summaries["DamagesEstimate"]
    sub = s[s.kind != "note"]
    assert isinstance(sub, Summary) and sub.title == s.title and set(sub.tables) == {"amounts"}
    assert isinstance(s.copy(), Summary)
    assert isinstance(pd.concat([s, s]), Summary)


def test_build_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="kind"):
        Summary.build([("A", "x", 1, "", "", "prefix")])
    with pytest.raises(ValueError, match="kinds"):
        Summary.build([]).of_kind("Note")


def test_text_and_html_render_facts_tables_and_notes():
    s = Summary.build([("Matter", "records", 1000, "people", "src"), ("Money", "fine", 2.5e6, "USD", "", "penalty")],
                      notes=["a <caveat>"], tables={"extra": pd.DataFrame({"a": [1]})}, title="T")
    text = s.as_text()
    assert text.splitlines()[0] == "T" and "2,500,000" in text and "[1] a <caveat>" in text and "extra" in text
    page = s.as_html()
    assert "a &lt;caveat&gt;" in page and "<h5>extra</h5>" in page
    assert s.facts["kind"].tolist() == ["fact", "penalty"]
