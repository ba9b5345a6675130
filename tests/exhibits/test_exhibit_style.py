"""The house style: shipped file, applied only inside the context manager."""
from __future__ import annotations

import matplotlib as mpl
import pytest

from toolkit.exhibits import STYLE_PATH, exhibit_font, house_style


def test_style_file_is_shipped_and_every_key_is_valid():
    assert STYLE_PATH.is_file() and STYLE_PATH.suffix == ".mplstyle"
    params = mpl.rc_params_from_file(STYLE_PATH, use_default_template=False)  # raises on a bad key/value
    assert params["pdf.fonttype"] == 42
    assert params["svg.fonttype"] == "none"
    assert params["svg.hashsalt"]  # fixed ids in SVG output
    assert params["savefig.dpi"] == 300
    assert params["font.sans-serif"][:2] == ["Liberation Sans", "DejaVu Sans"]


def test_house_style_never_changes_global_rcparams():
    before = dict(mpl.rcParams)
    with house_style(**{"font.size": 13}):
        assert mpl.rcParams["pdf.fonttype"] == 42
        assert mpl.rcParams["font.size"] == 13
        assert mpl.rcParams["svg.hashsalt"] == "breach-liability-toolkit"
    after = dict(mpl.rcParams)
    changed = {k for k in before if before[k] != after[k] and k != "backend"}
    assert changed == set()


def test_house_style_restores_settings_after_an_error():
    before = mpl.rcParams["pdf.fonttype"]
    with pytest.raises(RuntimeError):
        with house_style():
            raise RuntimeError("boom")
    assert mpl.rcParams["pdf.fonttype"] == before


def test_exhibit_font_is_liberation_or_dejavu():
    assert exhibit_font() in {"LiberationSans-Regular.ttf", "DejaVuSans.ttf"}
