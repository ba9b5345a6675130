"""Numbered exhibits: a figure with a header (``Exhibit 4``, title, subtitle) and a footer
(source line, provenance stamp), drawn in the house style and saved byte-identically.

An :class:`Exhibit` owns a :class:`matplotlib.figure.Figure` (no pyplot state) with one axes
``.ax`` to draw in; :func:`draw_table` renders a table of strings as a figure (for the
Hand-formula and comparables exhibits). :meth:`Exhibit.save` writes PNG (300 dpi), PDF
(embedded TrueType fonts) and SVG (real text) with every date and run-dependent field removed.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..errors import InputError
from .style import PALETTE, house_style

__all__ = ["Exhibit", "Column", "draw_table", "FORMATS", "save_figure", "table_height"]

#: Export formats and the savefig keywords that make each one reproducible.
FORMATS = {
    "png": {"metadata": {"Software": None}},
    "pdf": {"metadata": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}},
    "svg": {"metadata": {"Date": None, "Creator": None}},
}

WIDTH_IN = 7.5          # exhibit width (inches): a letter page with 0.5-inch margins
MARGIN_IN = 0.25        # left/right margin
_PT = 1 / 72            # one point in inches


def check_formats(formats) -> tuple[str, ...]:
    """Validate and normalise export formats (a tuple in the order given, duplicates removed).

    Examples
    --------
    >>> check_formats(["PNG", "pdf", "png"])
    ('png', 'pdf')
    >>> check_formats(["gif"])
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: formats: got ['gif']; allowed: one or more of pdf, png, svg (e.g. --formats pdf,png)
    """
    if isinstance(formats, str):
        formats = [f for f in formats.split(",")]
    try:
        items = [str(f).strip().lower() for f in formats]
    except TypeError:
        raise InputError("formats", formats, "one or more of pdf, png, svg (e.g. --formats pdf,png)") from None
    items = [f for f in items if f]
    if not items or any(f not in FORMATS for f in items):
        raise InputError("formats", list(formats), "one or more of pdf, png, svg (e.g. --formats pdf,png)")
    return tuple(dict.fromkeys(items))


def save_figure(fig, path, fmt: str) -> Path:
    """Save ``fig`` to ``path`` as ``fmt`` in the house style, reproducibly (no dates, fixed ids)."""
    path = Path(path)
    with house_style():
        fig.savefig(path, format=fmt, **FORMATS[fmt])
    return path


def _wrap(text: str, width_in: float, size_pt: float) -> list[str]:
    """Wrap ``text`` to lines that fit ``width_in`` at ``size_pt`` (average glyph ~0.5 em)."""
    chars = max(int(width_in / (0.48 * size_pt * _PT)), 10)
    lines: list[str] = []
    for para in str(text).split("\n"):
        lines.extend(textwrap.wrap(para, chars) or [""])
    return lines


class Exhibit:
    """A numbered exhibit.

    Parameters
    ----------
    number : int
        The exhibit number ("Exhibit 4").
    title : str
        What the exhibit shows, in one sentence (wrapped if long).
    subtitle : str, default=""
        The matter and the key figure, in smaller type.
    source : str, default=""
        Where the numbers come from ("Source: ..."), printed above the provenance stamp.
    provenance : Provenance or str, optional
        The stamp; its ``footer()`` (or the string) is printed at the bottom.
    height : float, default=4.8
        Height of the plotting area in inches (the header and footer are added to it).
    slug : str, optional
        File name stem after ``exhibit-NN-``; defaults to a slug of the title.
    table : bool, default=False
        Place the axes exactly in the body (for :func:`draw_table`) instead of a tight layout.

    Examples
    --------
    >>> ex = Exhibit(4, "Allocation of fault", subtitle="Example matter", source="toolkit.liability")
    >>> _ = ex.ax.bar(["customer", "provider"], [0.8, 0.2])
    >>> ex.filename("png")
    'exhibit-04-allocation-of-fault.png'
    >>> ex.finish() is ex
    True
    """

    header_sizes = (8.5, 12.5, 9.5)   # "EXHIBIT N", title, subtitle (pt)
    footer_sizes = (7.5, 6.5)         # source, provenance (pt)

    def __init__(self, number: int, title: str, *, subtitle: str = "", source: str = "", provenance=None,
                 height: float = 4.8, slug: str | None = None, table: bool = False):
        from matplotlib.figure import Figure

        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise InputError("number", number, "a whole number >= 1")
        self.number, self.title, self.subtitle, self.source = number, str(title), str(subtitle), str(source)
        self.provenance = provenance
        self.slug = slug or _slug(title)
        self.table = table
        text_w = WIDTH_IN - 2 * MARGIN_IN
        self._title_lines = _wrap(self.title, text_w, self.header_sizes[1] * 1.1)
        self._subtitle_lines = _wrap(self.subtitle, text_w, self.header_sizes[2]) if self.subtitle else []
        src = f"Source: {self.source}" if self.source else ""
        self._source_lines = _wrap(src, text_w, self.footer_sizes[0]) if src else []
        stamp = provenance.footer() if hasattr(provenance, "footer") else (str(provenance) if provenance else "")
        self._stamp_lines = _wrap(stamp, text_w, self.footer_sizes[1]) if stamp else []
        s0, s1, s2 = self.header_sizes
        self.header_in = 0.18 + (s0 * 1.5 + len(self._title_lines) * s1 * 1.3
                                 + len(self._subtitle_lines) * s2 * 1.35) * _PT + 0.1
        f0, f1 = self.footer_sizes
        self.footer_in = 0.12 + (len(self._source_lines) * f0 * 1.4 + len(self._stamp_lines) * f1 * 1.4) * _PT + 0.12
        self.body_in = float(height)
        self.height_in = self.header_in + self.body_in + self.footer_in
        with house_style():
            self.figure = Figure(figsize=(WIDTH_IN, self.height_in))
            self.ax = self.figure.add_subplot(1, 1, 1)
        self._finished = False

    # ------------------------------------------------------------------ layout
    def filename(self, fmt: str) -> str:
        return f"exhibit-{self.number:02d}-{self.slug}.{fmt}"

    def finish(self) -> "Exhibit":
        """Lay out the header, body and footer (idempotent). Call after drawing in ``.ax``."""
        if self._finished:
            return self
        fig, h = self.figure, self.height_in
        x0 = MARGIN_IN / WIDTH_IN
        with house_style():
            for loc in ("left", "center", "right"):  # the exhibit's title replaces the plot's own
                self.ax.set_title("", loc=loc)
            _unescape_dollars(fig)
            y = h - 0.18
            s0, s1, s2 = self.header_sizes
            fig.text(x0, y / h, f"EXHIBIT {self.number}", ha="left", va="top", fontsize=s0, fontweight="bold",
                     color=PALETTE["red"])
            y -= s0 * 1.5 * _PT
            for line in self._title_lines:
                fig.text(x0, y / h, line, ha="left", va="top", fontsize=s1, fontweight="bold", color=PALETTE["ink"])
                y -= s1 * 1.3 * _PT
            for line in self._subtitle_lines:
                fig.text(x0, y / h, line, ha="left", va="top", fontsize=s2, color=PALETTE["muted"])
                y -= s2 * 1.35 * _PT
            rule_y = (self.footer_in - 0.06) / h
            fig.add_artist(_hline(fig, x0, 1 - x0, rule_y))
            y = self.footer_in - 0.12
            f0, f1 = self.footer_sizes
            for line in self._source_lines:
                fig.text(x0, y / h, line, ha="left", va="top", fontsize=f0, color=PALETTE["ink"])
                y -= f0 * 1.4 * _PT
            for line in self._stamp_lines:
                fig.text(x0, y / h, line, ha="left", va="top", fontsize=f1, color=PALETTE["muted"])
                y -= f1 * 1.4 * _PT
            bottom, top = self.footer_in / h, 1 - self.header_in / h
            if self.table:
                self.ax.set_position([x0, bottom + 0.04 / h, 1 - 2 * x0, top - bottom - 0.04 / h])
            else:
                fig.tight_layout(rect=(0.01, bottom + 0.02 / h, 0.99, top), pad=0.4)
        self._finished = True
        return self

    def save(self, folder, formats: Sequence[str] = ("pdf", "png", "svg")) -> list[Path]:
        """Write the exhibit into ``folder`` in each format; returns the paths written."""
        self.finish()
        folder = Path(folder)
        return [save_figure(self.figure, folder / self.filename(fmt), fmt) for fmt in check_formats(formats)]

    def _repr_png_(self):  # show in notebooks without pyplot
        import io

        self.finish()
        buf = io.BytesIO()
        with house_style():
            self.figure.savefig(buf, format="png", dpi=110, **FORMATS["png"])
        return buf.getvalue()

    def __repr__(self) -> str:
        return f"<Exhibit {self.number}: {self.title!r}>"


def _unescape_dollars(fig) -> None:
    """The house style draws text literally (``text.parse_math: False``: '$' is money); plots written
    for the default style escape '$' as '\\$' to avoid mathtext, so drop the escape here."""
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        content = text.get_text()
        if "\\$" in content:
            text.set_text(content.replace("\\$", "$"))


def _hline(fig, x_start, x_end, y):
    from matplotlib.lines import Line2D

    return Line2D([x_start, x_end], [y, y], transform=fig.transFigure, color=PALETTE["rule"], lw=0.6)


def _slug(text: str) -> str:
    import re

    slug = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    return "-".join(slug.split("-")[:6]) or "exhibit"


# --------------------------------------------------------------------------- tables
@dataclass(frozen=True)
class Column:
    """One column of :func:`draw_table`: header, share of the width, alignment ("left"/"right"/"center")."""

    header: str
    width: float
    align: str = "left"


TABLE_FONT_PT = 8.5
LINE_IN = TABLE_FONT_PT * 1.45 * _PT      # height of one text line in a table
ROW_PAD_LINES = 0.55                       # vertical padding per row, in lines
BASELINE = 0.72                            # first baseline below a row's top, in lines


def _layout_rows(columns: Sequence[Column], rows: Sequence[Sequence[str]], width_in: float):
    total = sum(c.width for c in columns)
    widths = [c.width / total * width_in for c in columns]
    wrapped = [[_wrap(cell, w - 0.08, TABLE_FONT_PT) for cell, w in zip(row, widths)] for row in rows]
    header = [_wrap(c.header, w - 0.08, TABLE_FONT_PT) for c, w in zip(columns, widths)]
    return widths, header, wrapped


def table_height(columns: Sequence[Column], rows: Sequence[Sequence[str]], width_in: float = WIDTH_IN - 2 * MARGIN_IN,
                 notes: Sequence[str] = ()) -> float:
    """Height in inches that :func:`draw_table` needs for these rows (pass it as ``Exhibit(height=...)``)."""
    _, header, wrapped = _layout_rows(columns, rows, width_in)
    lines = max(len(h) for h in header) + ROW_PAD_LINES
    lines += sum(max(len(c) for c in row) + ROW_PAD_LINES for row in wrapped)
    lines += sum(len(_wrap(n, width_in, TABLE_FONT_PT - 0.5)) for n in notes) + (0.6 if notes else 0)
    return lines * LINE_IN + 0.15


def draw_table(ax, columns: Sequence[Column], rows: Sequence[Sequence[str]], *, notes: Sequence[str] = (),
               highlight: Sequence[int] = (), width_in: float = WIDTH_IN - 2 * MARGIN_IN):
    """Draw a table of strings in ``ax`` (axes turned off); returns the axes.

    Rows alternate a light band; ``highlight`` rows are bold; ``notes`` are printed below the
    table in smaller type. Cell text wraps to its column width.
    """
    ax.set_axis_off()
    widths, header, wrapped = _layout_rows(columns, rows, width_in)
    height_lines = (table_height(columns, rows, width_in, notes) - 0.15) / LINE_IN
    ax.set_xlim(0, width_in)
    ax.set_ylim(height_lines, 0)  # y in text lines, top to bottom
    xs = [0.0]
    for w in widths[:-1]:
        xs.append(xs[-1] + w)

    def cell_x(i, col):
        if col.align == "right":
            return xs[i] + widths[i] - 0.04, "right"
        if col.align == "center":
            return xs[i] + widths[i] / 2, "center"
        return xs[i] + 0.04, "left"

    def put(x, top, lines, ha, *, fontsize=TABLE_FONT_PT, color=PALETTE["ink"], **style):
        for k, line in enumerate(lines):
            ax.text(x, top + BASELINE + k, line, ha=ha, va="baseline", fontsize=fontsize, color=color, **style)

    y = 0.0
    head_lines = max(len(h) for h in header)
    for i, (col, lines) in enumerate(zip(columns, header)):
        x, ha = cell_x(i, col)
        put(x, y + ROW_PAD_LINES / 2 + (head_lines - len(lines)), lines, ha, fontweight="bold")
    y += head_lines + ROW_PAD_LINES
    ax.plot([0, width_in], [y, y], color=PALETTE["ink"], lw=0.9, solid_capstyle="butt")
    bold = set(highlight)
    for r, row in enumerate(wrapped):
        n = max(len(c) for c in row) + ROW_PAD_LINES
        if r % 2 == 1:
            ax.axhspan(y, y + n, color=PALETTE["band"], lw=0, zorder=0)
        for i, (col, lines) in enumerate(zip(columns, row)):
            x, ha = cell_x(i, col)
            put(x, y + ROW_PAD_LINES / 2, lines, ha, fontweight="bold" if r in bold else "normal")
        y += n
    ax.plot([0, width_in], [y, y], color=PALETTE["ink"], lw=0.9, solid_capstyle="butt")
    y += 0.6
    for note in notes:
        lines = _wrap(note, width_in, TABLE_FONT_PT - 0.5)
        put(0.04, y, lines, "left", fontsize=TABLE_FONT_PT - 0.5, color=PALETTE["muted"])
        y += len(lines)
    return ax
