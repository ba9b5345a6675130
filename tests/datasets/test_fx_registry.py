import pandas as pd
import pytest

from toolkit.datasets import (list_datasets, list_matters, load_cpi, load_fx_rates, load_matter, to_constant_dollars,
                              to_usd)
from toolkit.datasets.fx import fx_rate
from toolkit.errors import DataError, InputError


def test_fx_published_values():
    # G.5A release 2024-02-01: EUR 1.0817 USD per euro in 2023 (asterisked), SEK 10.6089 per USD
    assert fx_rate("EUR", 2023) == 1.0817
    assert fx_rate("SEK", 2023) == pytest.approx(1 / 10.6089)
    assert to_usd(1_000_000, "eur", 2023) == pytest.approx(1_081_700)
    assert to_usd(7, "USD", 1850) == 7.0


@pytest.mark.parametrize("args, field", [(("X", "EUR", 2020), "amount"), ((-1, "EUR", 2020), "amount"),
                                         ((1, "XYZ", 2020), "currency"), ((1, "EUR", 1999), "year"),
                                         ((1, "EUR", "twenty"), "year"), ((1, None, 2020), "currency")])
def test_fx_errors(args, field):
    with pytest.raises(InputError, match=field):
        to_usd(*args)


def test_constant_dollars_hand_calculation():
    assert to_constant_dollars(100, 2012, 2024) == pytest.approx(100 * 313.689 / 229.594)
    assert to_constant_dollars(100, 2020, 2020) == 100
    with pytest.raises(InputError, match="base_year"):
        to_constant_dollars(1, 2020, 2099)


def test_tables_complete_and_sourced():
    fx, cpi = load_fx_rates(), load_cpi()
    assert not fx.duplicated(["currency", "year"]).any()
    assert fx["source"].str.contains("federalreserve.gov|ecb.europa.eu", regex=True).all()
    assert {"GBP", "EUR", "CAD", "AUD", "SEK", "NOK", "DKK", "CHF"} <= set(fx["currency"])
    assert cpi["year"].is_monotonic_increasing and cpi["cpi_u_annual_avg"].is_monotonic_increasing


def test_bad_fx_table(tmp_path):
    (tmp_path / "fx_rates.csv").write_text("currency,year,usd_per_unit,source\neur,2020,-1,none\n")
    with pytest.raises(DataError, match="line 2"):
        load_fx_rates(tmp_path)


def test_registry_and_matters(tmp_path):
    table = list_datasets()
    assert {"outcomes", "fx_rates", "cpi_u", "vcdb", "hhs_ocr", "gdpr_tracker", "prc"} <= set(table.index)
    assert table["licence"].str.len().gt(0).all() and table["source"].str.len().gt(0).all()
    assert table.loc["fx_rates", "rows"] > 100
    names = list_matters()
    assert names and load_matter(names[0]).name == load_matter(names[0] + ".yaml").name
    with pytest.raises(InputError, match=names[0]):
        load_matter("no_such_matter")


def test_data_dir_env(monkeypatch, tmp_path):
    monkeypatch.setenv("BREACH_TOOLKIT_DATA", str(tmp_path))
    assert list_matters() == []
    assert pd.isna(list_datasets().loc["fx_rates", "rows"])
