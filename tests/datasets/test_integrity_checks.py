"""Issue 17 integrity checks of ``python -m toolkit data check`` (each fails without its check)."""
from __future__ import annotations

from toolkit.datasets import check_data
from toolkit.datasets.check import mirror_only_rows, normalise_defendant, recall_rows, same_incident_pairs
from toolkit.datasets.outcomes import read_outcomes_csv


def _ocr(**over):
    base = dict(outcome_id="chspsc-2014-ocr", incident_id="chspsc-2014", defendant="CHSPSC LLC (Community Health Systems)",
                year_disclosed="2014", records_exposed="6121158", jurisdiction="US", forum="HHS OCR",
                outcome_type="regulatory_fine", regulator="US-HHS-OCR", amount_usd="2300000", amount_original="2300000")
    base.update(over)
    return base


def test_same_incident_under_two_ids_is_reported(data_folder, good_row, write_rows):
    write_rows(data_folder / "outcomes.csv", [
        good_row(outcome_id="community-health-systems-2014-class", incident_id="community-health-systems-2014",
                 defendant="CHS/Community Health Systems, Inc. and CHSPSC, LLC", year_disclosed="2014",
                 records_exposed="6100000"),
        good_row(**_ocr()),
    ])
    problems = [p for p in check_data(data_folder) if "two incident ids" in p]
    assert len(problems) == 1 and "community-health-systems-2014 / chspsc-2014" in problems[0], problems
    assert "lines 2, 3" in problems[0]


def test_same_incident_by_amount_and_one_year_apart(data_folder, good_row, write_rows):
    write_rows(data_folder / "outcomes.csv", [
        good_row(outcome_id="experian-2015-class", incident_id="experian-2015", defendant="Experian Information Solutions, Inc.",
                 year_disclosed="2015", records_exposed=""),
        good_row(outcome_id="experian-tmobile-2016-x", incident_id="experian-tmobile-2016", year_disclosed="2016",
                 defendant="Experian Holdings, Inc.", records_exposed="", forum="C.D. Cal."),
    ])
    assert any("experian-2015 / experian-tmobile-2016" in p for p in check_data(data_folder))


def test_distinct_incidents_are_not_paired(data_folder, good_row, write_rows):
    rows = [
        # same company, two years apart
        good_row(outcome_id="acme-2015-class", incident_id="acme-2015", year_disclosed="2015"),
        good_row(outcome_id="acme-2019-class", incident_id="acme-2019", year_disclosed="2019"),
        # same year, same company, different size and money
        good_row(outcome_id="unicredit-2017-x", incident_id="unicredit-2017", defendant="UniCredit S.p.A.", year_disclosed="2017",
                 records_exposed="760000", amount_usd="684600", amount_original="684600"),
        good_row(outcome_id="unicredit-2018-x", incident_id="unicredit-2018", defendant="UniCredit S.p.A.", year_disclosed="2018",
                 records_exposed="778000", amount_usd="3030720", amount_original="3030720"),
        # a shared generic word only ("Student") and a near amount
        good_row(outcome_id="nelnet-2022-class", incident_id="nelnet-2022", year_disclosed="2022",
                 defendant="Nelnet Servicing, LLC; Oklahoma Student Loan Authority", amount_usd="10000000", amount_original="10000000"),
        good_row(outcome_id="nsc-2023-class", incident_id="nsc-2023", year_disclosed="2023",
                 defendant="National Student Clearinghouse", amount_usd="10000000", amount_original="10000000", forum="D. Mass."),
    ]
    write_rows(data_folder / "outcomes.csv", rows)
    df = read_outcomes_csv(data_folder / "outcomes.csv")
    assert same_incident_pairs(df) == []
    assert not [p for p in check_data(data_folder) if "two incident ids" in p]


def test_normalise_defendant():
    assert normalise_defendant("The Cottage Health System, Inc.")[0] == "cottage"
    assert normalise_defendant("BST & Co. CPAs, LLP")[0] == "bst"
    key, tokens = normalise_defendant("Société Générale S.A.")
    assert key == "societe" and "generale" in tokens


def test_verified_rows_from_recall_are_reported(data_folder, good_row, write_rows):
    write_rows(data_folder / "outcomes.csv", [
        good_row(notes="Dismissal read in the opinion; year_disclosed 2015 from recall."),
        good_row(outcome_id="acme-2019-b", forum="D. Del.", notes="Incident details from memory of the filing."),
        good_row(outcome_id="acme-2019-c", forum="D. Md.", verified="false", notes="Amount from recall, not confirmed."),
        good_row(outcome_id="acme-2019-d", forum="D. Nev.", notes="A product recall notice is unrelated to memory."),
    ])
    problems = [p for p in check_data(data_folder) if "recall or memory" in p]
    assert len(problems) == 2 and "line 2," in problems[0] and "line 3," in problems[1], problems
    df = read_outcomes_csv(data_folder / "outcomes.csv")
    assert list(recall_rows(df)) == [0, 1]


def test_mirror_only_sources_are_reported(data_folder, good_row, write_rows):
    write_rows(data_folder / "outcomes.csv", [
        good_row(source_urls="https://lowyatae.pages.dev/posts/x https://someone.blogspot.com/2012/11/y.html"),
        good_row(outcome_id="acme-2019-b", forum="D. Del.", source_urls="https://www.scribd.com/document/1 https://www.ftc.gov/news"),
        good_row(outcome_id="acme-2019-c", forum="D. Md.", source_urls="https://es.scribd.com/document/2"),
        good_row(outcome_id="acme-2019-d", forum="D. Nev.", source_urls="https://medium.com/@a/b https://www.linkedin.com/pulse/c"),
        good_row(outcome_id="acme-2019-e", forum="D. Ariz.", source_urls="https://docslib.org/doc/1/x https://issuu.com./r/docs/y"),
        good_row(outcome_id="acme-2019-f", forum="D. Colo.", source_urls="https://pdfslide.us/documents/z https://www.canlii.org/t/1"),
    ])
    problems = [p for p in check_data(data_folder) if "only weak mirrors" in p]
    assert [p.split(",")[0] for p in problems] == ["outcomes.csv line 2", "outcomes.csv line 4", "outcomes.csv line 5",
                                                  "outcomes.csv line 6"], problems
    df = read_outcomes_csv(data_folder / "outcomes.csv")
    assert list(mirror_only_rows(df)) == [0, 2, 3, 4]


def test_co_defendants_with_equal_fines_are_not_duplicates(data_folder, good_row, write_rows):
    fine = dict(incident_id="club-2021", jurisdiction="EU-CY", forum="Cyprus DPA", outcome_type="regulatory_fine",
                regulator="EU-CY-DPA", amount_usd="47000", amount_original="47000", year_disclosed="2021")
    write_rows(data_folder / "outcomes.csv", [
        good_row(outcome_id="club-2021-a", defendant="Club A Ltd", **fine),
        good_row(outcome_id="club-2021-b", defendant="Club B Ltd", **fine),
    ])
    assert not [p for p in check_data(data_folder) if "duplicate outcome" in p]
