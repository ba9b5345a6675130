"""Nothing is clipped: every exhibit of the shipped and the extreme matters keeps its outer edge
strips blank, tables size their columns from their content, money axes use the USD formatter."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import toolkit as tk
from toolkit.exhibits import Provenance, build_exhibits

REPO = Path(__file__).resolve().parents[2]
MATTERS = sorted((REPO / "data" / "matters").glob("*.yaml"))
STRIP_IN = 0.08          # outer strip (inches) that must stay background on every side
LONG = ("Consolidated Amalgamated Hyperscale Cloud Analytics and Data Brokerage Holdings International "
        "Incorporated, doing business as Example Federated Health and Finance Services")


def _extremes():
    base = tk.Case.from_yaml(REPO / "data" / "matters" / "teaching_open_elasticsearch.yaml")
    unknown = {c: "unknown" for c in ("mfa", "encryption_at_rest", "least_privilege", "logging_monitoring",
                                      "config_scanning", "access_reviews", "ir_plan_tested", "vendor_oversight")}
    return {
        "ten-records": base.replace(records_exposed=10, class_size=10),
        "three-billion-records": base.replace(records_exposed=3_000_000_000, class_size=3_000_000_000),
        "every-control-unknown": base.replace(prior_warnings="unknown", **unknown),
        "long-names": base.replace(name="A very long matter name: " + LONG, defendant=LONG),
    }


CASES = {p.stem: p for p in MATTERS}
CASES.update(_extremes())


def _case(key):
    item = CASES[key]
    return tk.Case.from_yaml(item) if isinstance(item, Path) else item


def _edges_blank(png: Path) -> list[str]:
    from PIL import Image

    with Image.open(png) as im:
        a = np.asarray(im.convert("L"))
        dpi = round(im.info["dpi"][0])
    k = max(int(STRIP_IN * dpi), 1)
    bad = []
    for name, strip in (("top", a[:k]), ("bottom", a[-k:]), ("left", a[:, :k]), ("right", a[:, -k:])):
        if strip.min() < 250:
            bad.append(name)
    return bad


def test_the_strip_check_can_fail(tmp_path):
    """The check itself: a figure with text running off the right edge is caught."""
    from toolkit.exhibits import Exhibit

    ex = Exhibit(1, "Probe")
    ex.ax.text(0.9, 0.5, "this label runs off the canvas " * 4, transform=ex.ax.transAxes)
    (png,) = ex.save(tmp_path, ("png",))
    assert "right" in _edges_blank(png)


@pytest.mark.parametrize("key", sorted(CASES))
def test_every_exhibit_keeps_its_edges_blank(key, tmp_path):
    case = _case(key)
    result = tk.assess(case, seed=3, n_paths=20_000)
    prov = Provenance.for_assessment(result)
    for ex in build_exhibits(result, prov, paper="letter"):
        (png,) = ex.save(tmp_path, ("png",))
        assert _edges_blank(png) == [], f"{key}: {png.name} is clipped at {_edges_blank(png)}"
        ex.figure.clear()


def test_tables_take_column_widths_from_content():
    from toolkit.exhibits.figure import Column, column_widths

    cols = [Column("Control"), Column("B: burden (USD/yr)", align="right"), Column("Verdict")]
    rows = [["mfa", "$1.2M", "absent: breach indicated (B < ΔP·L) " * 3]]
    w = column_widths(cols, rows, 7.0)
    assert abs(sum(w) - 7.0) < 1e-9
    assert w[2] > w[0] and w[2] > w[1]          # the long column gets the room
    from toolkit.exhibits._text import longest_word_in

    assert w[1] >= longest_word_in("B: burden (USD/yr)", 8.5, "bold")   # headers never split a word


def test_money_axes_never_print_scientific_notation():
    from toolkit.plotting import new_axes, usd, usd_axis

    ax = new_axes()
    ax.set_xscale("log")
    ax.set_xlim(1e2, 1e15)
    usd_axis(ax.xaxis)
    labels = [ax.xaxis.get_major_formatter()(v, 0) for v in ax.get_xticks()]
    assert labels and not any("e+" in label for label in labels), labels
    assert usd(1e12) == "$1T" and usd(999_600) == "$1M" and "e+" not in usd(3e15)
