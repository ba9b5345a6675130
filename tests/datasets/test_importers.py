import json
import zipfile

import pandas as pd
import pytest

from toolkit.datasets import INCIDENTS_SCHEMA, read_gdpr_tracker, read_hhs_ocr, read_prc, read_vcdb
from toolkit.datasets.importers._common import INCIDENTS_COLUMNS, SourceChangedWarning
from toolkit.errors import DataError, InputError


def _check_schema(df):
    assert tuple(df.columns[: len(INCIDENTS_COLUMNS)]) == INCIDENTS_COLUMNS
    INCIDENTS_SCHEMA.validate(df)
    assert str(df["records"].dtype) == "Int64" and df["misconfiguration"].dtype == bool


@pytest.mark.shared
def test_vcdb_full_zip(shared):
    df = read_vcdb(shared("vcdb", "vcdb_validated_2020-09.zip"))
    _check_schema(df)
    assert len(df) == 8589                        # shared/data/vcdb/README.md
    assert int(df["misconfiguration"].sum()) == 226
    assert int(df["publishing_error"].sum()) == 377
    assert int(df["records"].notna().sum()) == 4824


@pytest.mark.shared
def test_vcdb_raw_sample(shared):
    df = read_vcdb(shared("vcdb", "raw_sample"))
    _check_schema(df)
    assert len(df) == 31 and int(df["misconfiguration"].sum()) == 19
    notts = df.set_index("incident_id").loc["0625024d-97d6-4dc8-bd6e-ea0081ecd5ad"]
    assert notts["country"] == "GB" and notts["records"] == 3000 and notts["amount_original"] == 70000
    assert notts["sector"] == "government"        # NAICS 923


@pytest.mark.shared
def test_hhs_prc_gdpr(shared):
    hhs = read_hhs_ocr(shared("hhs_ocr_breaches", "hhs_ocr_archive_2024-08.csv"))
    _check_schema(hhs)
    assert len(hhs) == 5371 and (hhs["sector"] == "healthcare").all()
    assert int(hhs["misconfiguration"].sum()) >= 226     # the Unauthorized Access x Network Server proxy
    hhs12 = read_hhs_ocr(shared("hhs_ocr_breaches", "hhs_ocr_under_investigation_2024-12.csv"))  # ISO dates
    assert len(hhs12) == 853 and hhs12["year"].notna().all()
    prc = read_prc(shared("privacy_rights_clearinghouse", "prc_chronology_export_2017-01.csv"))
    _check_schema(prc)
    assert len(prc) == 5280 and prc.loc[1, "records"] == 14783
    gdpr = read_gdpr_tracker(shared("gdpr_enforcement_tracker", "cms_enforcementtracker_raw_2024-03.json"))
    _check_schema(gdpr)
    assert len(gdpr) == 2225 and gdpr.loc[0, "incident_id"] == "ETid-1" and gdpr.loc[0, "country"] == "AT"
    assert gdpr.loc[0, "fine_eur"] == 4800 and gdpr.loc[0, "amount_usd"] == pytest.approx(4800 * 1.1817)  # 2018 EUR rate


@pytest.mark.shared
def test_changed_hash_warns(shared, tmp_path):
    src = shared("privacy_rights_clearinghouse", "prc_chronology_export_2017-01.csv")
    copy = tmp_path / src.name
    copy.write_bytes(src.read_bytes() + b"\n")
    with pytest.warns(SourceChangedWarning, match="sha256"):
        read_prc(copy)


def test_malformed_files(tmp_path):
    bad_zip = tmp_path / "v.zip"
    bad_zip.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(DataError, match="v.zip"):
        read_vcdb(bad_zip)
    good = tmp_path / "ok.zip"
    with zipfile.ZipFile(good, "w") as zf:
        zf.writestr("validated/a.json", '{"action": {"error": {"variety": ["Misconfiguration"]}}, "summary": "open S3 bucket"}')
        zf.writestr("validated/b.json", '{"action": ')
    with pytest.raises(DataError, match="b.json"):
        read_vcdb(good)
    folder = tmp_path / "veris"
    folder.mkdir()
    (folder / "a.json").write_text('{"action": {"error": {"variety": ["Misconfiguration"]}}, "summary": "open S3 bucket", '
                                   '"timeline": {"incident": {"year": 2019}}, "victim": {"industry": "622110", "country": ["US"]}}')
    df = read_vcdb(folder)
    assert df.loc[0, "misconfiguration"] and df.loc[0, "cloud"] and df.loc[0, "sector"] == "healthcare"
    with pytest.raises(InputError):
        read_vcdb(tmp_path / "missing.zip")
    csv_path = tmp_path / "hhs.csv"
    csv_path.write_text('"Name of Covered Entity","State"\n"X","WI"\n')
    with pytest.raises(DataError, match="Individuals Affected"):
        read_hhs_ocr(csv_path)
    truncated = tmp_path / "prc.csv"
    truncated.write_text('"Date Made Public","Company","Location","Type of breach","Type of organization","Total Records",'
                         '"Description of incident"\n"May 1, 2010","X","Y","DISC","MED","1,000","unterminated')
    with pytest.raises(DataError, match="prc.csv"):
        read_prc(truncated)
    js = tmp_path / "g.json"
    js.write_text('{"data": [["", "ETid-1"')
    with pytest.raises(DataError, match="g.json"):
        read_gdpr_tracker(js)
    js.write_text('{"data": [["", "ETid-1"]]}')
    with pytest.raises(DataError, match="13 cells"):
        read_gdpr_tracker(js)


# --------------------------------------------------------------------------- issue 12: hostile files
def _veris(**over):
    doc = {"summary": "Open S3 bucket", "timeline": {"incident": {"year": 2019}},
           "victim": {"country": ["US"], "industry": "522110", "victim_id": "Acme"},
           "attribute": {"confidentiality": {"data_total": 10}}, "action": {"error": {"variety": ["Misconfiguration"]}}}
    doc.update(over)
    return doc


def test_vcdb_zip_member_over_the_cap_is_refused_quickly(tmp_path, monkeypatch):
    """Before: a zip with a 1 GiB member took 32 s and 2 GB of memory."""
    import time

    from toolkit.datasets.importers import vcdb

    monkeypatch.setattr(vcdb, "MAX_MEMBER_BYTES", 1_000_000)
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.json", json.dumps(_veris()))
        zf.writestr("huge.json", b" " * 50_000_000)   # compresses to ~50 kB, inflates to 50 MB
    start = time.perf_counter()
    with pytest.raises(DataError, match="huge.json") as exc:
        read_vcdb(path)
    assert time.perf_counter() - start < 2.0 and "1,000,000 bytes" in str(exc.value)


def test_vcdb_default_member_cap_is_set():
    from toolkit.datasets.importers import vcdb

    assert vcdb.MAX_MEMBER_BYTES <= 64 * 1024 * 1024


def test_deeply_nested_json_is_a_clear_error(tmp_path):
    """Before: RecursionError."""
    folder = tmp_path / "vcdb"
    folder.mkdir()
    (folder / "deep.json").write_bytes(b"[" * 200_000 + b"]" * 200_000)
    with pytest.raises(DataError, match="deep.json.*nested too deeply"):
        read_vcdb(folder)
    feed = tmp_path / "tracker.json"
    feed.write_bytes(b'{"data": ' + b"[" * 200_000 + b"]" * 200_000 + b"}")
    with pytest.raises(DataError, match="nested too deeply"):
        read_gdpr_tracker(feed)


@pytest.mark.parametrize("over", [
    {"timeline": {"incident": {"year": 1e400}}},
    {"attribute": {"confidentiality": {"data_total": 1e400}}},
    {"impact": {"overall_amount": 1e400, "iso_currency_code": "EUR"}},
    {"timeline": {"incident": {"year": "__HUGE__"}}},
    {"attribute": {"confidentiality": {"data_total": -1e400}}},
])
def test_numbers_too_large_are_missing_not_overflow(tmp_path, over):
    """Before: "1e400" raised OverflowError."""
    folder = tmp_path / "vcdb"
    folder.mkdir()
    text = json.dumps(_veris(**over)).replace("Infinity", "1e400").replace('"__HUGE__"', "9" * 5000)
    (folder / "a.json").write_text(text)
    df = read_vcdb(folder)
    assert len(df) == 1
    row = df.iloc[0]
    assert pd.isna(row["year"]) or row["year"] == 2019
    assert pd.isna(row["records"]) or row["records"] == 10
    assert pd.isna(row["amount_usd"])


def test_gdpr_tracker_fine_of_1e400_is_missing(tmp_path):
    feed = tmp_path / "tracker.json"
    record = ["", "ETid-1", "FRANCE", "CNIL", "2019-01-01", "1e400", "Acme", "Health Care", "Art. 32", "Insufficient",
              "x", "<a href='https://example.org/a'>", ""]
    big = list(record)
    big[1], big[5] = "ETid-2", "9" * 400
    feed.write_text(json.dumps({"data": [record, big]}))
    df = read_gdpr_tracker(feed)
    assert df["fine_eur"].isna().all() and df["amount_usd"].isna().all()
