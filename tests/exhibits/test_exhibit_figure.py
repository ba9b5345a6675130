"""One numbered exhibit: header, footer, export formats, reproducible bytes, embedded fonts."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from toolkit import InputError
from toolkit.exhibits import Column, Exhibit, Provenance, draw_table, table_height
from toolkit.exhibits.figure import check_formats

PROV = Provenance("0.1.0", "a1" * 32, "2025", 387, "b2" * 32, "Example matter", 5, 20_000, "LiberationSans-Regular.ttf")


def make(number=4):
    ex = Exhibit(number, "Allocation of fault between customer and provider", subtitle="Example · customer pays 95%",
                 source="toolkit.liability.fault; data/jurisdictions.csv", provenance=PROV, height=3.0)
    ex.ax.bar(["customer", "provider"], [0.95, 0.05])
    ex.ax.set_ylabel("share of damages")
    ex.ax.set_title("a plot's own title, replaced by the exhibit's")
    return ex


def test_saving_twice_gives_identical_bytes_in_every_format(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    paths_a = make().save(a, ("pdf", "png", "svg"))
    paths_b = make().save(b, ("pdf", "png", "svg"))
    assert [p.name for p in paths_a] == ["exhibit-04-allocation-of-fault-between-customer-and.pdf",
                                         "exhibit-04-allocation-of-fault-between-customer-and.png",
                                         "exhibit-04-allocation-of-fault-between-customer-and.svg"]
    for pa, pb in zip(paths_a, paths_b):
        assert pa.read_bytes() == pb.read_bytes(), pa.name


def test_header_footer_and_no_wall_clock(tmp_path):
    svg_path, pdf_path = make().save(tmp_path, ("svg", "pdf"))
    svg = svg_path.read_text(encoding="utf-8")
    texts = " ".join(re.findall(r">([^<>]+)</text>", svg))
    assert "EXHIBIT 4" in texts
    assert "Allocation of fault between customer and provider" in texts
    assert "Source: toolkit.liability.fault" in texts
    assert "sha256 a1a1a1a1a1a1" in texts and "seed 5" in texts and "20,000" in texts
    assert "a plot's own title" not in texts          # the exhibit title replaces it
    assert "<dc:date>" not in svg                       # no wall-clock date in SVG metadata
    pdf = pdf_path.read_bytes()
    assert b"/CreationDate" not in pdf and b"/ModDate" not in pdf


def test_png_is_300_dpi_and_full_width(tmp_path):
    from PIL import Image

    (png,) = make().save(tmp_path, ("png",))
    with Image.open(png) as im:
        assert im.size[0] == int(7.5 * 300)
        assert round(im.info["dpi"][0]) == 300


def test_pdf_embeds_truetype_not_type3(tmp_path):
    (pdf,) = make().save(tmp_path, ("pdf",))
    data = pdf.read_bytes()
    assert b"/FontFile2" in data            # an embedded TrueType font program
    assert b"/Subtype /Type3" not in data   # no Type 3 bitmap-ish fonts


@pytest.mark.skipif(shutil.which("pdffonts") is None,
                    reason="pdffonts (Debian package poppler-utils) is not installed")
def test_pdffonts_reports_every_font_embedded(tmp_path):
    (pdf,) = make().save(tmp_path, ("pdf",))
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.strip().splitlines()[2:]
    assert rows, out
    for row in rows:
        assert "CID TrueType" in row, row
        emb = row.split()[-5]   # columns: name type encoding emb sub uni object ID
        assert emb == "yes", row


def test_table_exhibit_height_grows_with_rows():
    cols = [Column("Control", 2), Column("B (USD/yr)", 1, "right")]
    short = table_height(cols, [["mfa", "$1M"]])
    long = table_height(cols, [["mfa", "$1M"]] * 5)
    wrapped = table_height(cols, [["a very long control name " * 6, "$1M"]])
    assert long > short and wrapped > short
    ex = Exhibit(3, "Hand formula", height=long, table=True)
    draw_table(ex.ax, cols, [["mfa", "$1M"]] * 5, notes=["L = $2B"])
    assert ex.finish() is ex
    assert not ex.ax.axison


def test_bad_inputs_are_refused():
    with pytest.raises(InputError, match="formats"):
        check_formats(["gif"])
    with pytest.raises(InputError, match="formats"):
        check_formats([])
    assert check_formats("PNG, pdf") == ("png", "pdf")
    with pytest.raises(InputError, match="number"):
        Exhibit(0, "x")


def test_png_bytes_outside_the_house_style_uses_the_figure_dpi():
    """Regression: matplotlib's default savefig.dpi is the string "figure"."""
    import io

    import matplotlib as mpl
    import numpy as np
    from matplotlib.figure import Figure
    from PIL import Image

    from toolkit.exhibits.figure import png_bytes

    with mpl.rc_context({"savefig.dpi": "figure"}):
        fig = Figure(figsize=(2.0, 1.0), dpi=50)
        fig.text(0.1, 0.5, "x")
        im = Image.open(io.BytesIO(png_bytes(fig)))
    assert im.size == (100, 50) and round(im.info["dpi"][0]) == 50
    assert np.asarray(im).shape == (50, 100, 3)          # opaque: written as RGB


def test_plot_ecdf_draws_one_labelled_curve_a_sample_of_its_positive_values():
    import numpy as np

    from toolkit.plotting import plot_ecdf

    ax = plot_ecdf({"a": [1, 10, 100, 1000], "b": ["x", 0, -3, 20, 40]}, xlabel="records", title="t")
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["a (n=4)", "b (n=2)"]
    assert ax.get_xscale() == "log" and ax.get_title() == "t"
    assert np.nanmax(lines[0].get_ydata()) == 1.0            # a distribution function ends at 1
    assert np.nanmin(lines[1].get_xdata()) >= 20              # only the positive numbers of b
