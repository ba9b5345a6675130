"""Numbered exhibits: a figure with a header (``Exhibit 4``, title, subtitle) and a footer
(source line, provenance stamp), drawn in the house style and saved byte-identically.

An :class:`Exhibit` owns a :class:`matplotlib.figure.Figure` (no pyplot state) with one axes
``.ax`` to draw in; :func:`draw_table` renders a table of strings as a figure (for the
Hand-formula and comparables exhibits). :meth:`Exhibit.save` writes PNG (300 dpi), PDF
(embedded TrueType fonts) and SVG (real text) with every date and run-dependent field removed.
"""
from __future__ import annotations

import functools
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from ..errors import InputError
from .style import PALETTE, house_style

__all__ = ["Exhibit", "Column", "draw_table", "FORMATS", "PAPERS", "save_figure", "table_height"]

#: Export formats and the savefig keywords that make each one reproducible. PNG is rendered by Agg
#: to pixels and written by :func:`toolkit.plotting.png.encode_png` (zlib level 1, no row filter: on
#: the Capital One pack about half the encoding time of Pillow's adaptive filters, and smaller files).
FORMATS: dict[str, dict[str, Any]] = {
    "png": {"compress_level": 1},
    "pdf": {"metadata": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}},
    "svg": {"metadata": {"Date": None, "Creator": None}},
}

#: rcParams on top of the house style while an exhibit is laid out and saved. Unhinted glyphs are
#: the font's own outlines (what the PDF embeds, and what text widths are measured with in
#: ``_text``); at 300 dpi hinting changes nothing visible but costs about a quarter of a PNG's time.
EXPORT_RC = {"text.hinting": "no_hinting"}

WIDTH_IN = 7.5          # exhibit width (inches): a letter page with 0.5-inch margins
MARGIN_IN = 0.25        # left/right margin
TEXT_WIDTH_IN = WIDTH_IN - 2 * MARGIN_IN
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


def save_figure(fig, path, fmt: str, *, bbox=None) -> Path:
    """Save ``fig`` to ``path`` as ``fmt`` in the house style, reproducibly (no dates, fixed ids).

    ``bbox`` (a :class:`matplotlib.transforms.Bbox` in inches) crops the output to that rectangle.
    """
    path = Path(path)
    kw = {"bbox_inches": bbox} if bbox is not None else {}
    with house_style(**EXPORT_RC), (_lean_pdf_fonts() if fmt == "pdf" else nullcontext()):
        if fmt == "png":
            path.write_bytes(png_bytes(fig, bbox=bbox))
        else:
            fig.savefig(path, format=fmt, **FORMATS[fmt], **kw)
    return path


def png_bytes(fig, *, bbox=None, dpi: float | None = None) -> bytes:
    """``fig`` rendered by Agg at ``dpi`` (default: the style's ``savefig.dpi``), cropped to ``bbox``
    (inches), as PNG bytes (RGB when every pixel is opaque, else RGBA), with the resolution stored."""
    import io

    import matplotlib as mpl
    import numpy as np

    from ..plotting.png import encode_png

    if dpi is None:
        dpi = mpl.rcParams["savefig.dpi"]
    dpi = float(fig.dpi if dpi == "figure" else dpi)   # matplotlib's default savefig.dpi is "figure"
    buf = io.BytesIO()
    fig.savefig(buf, format="rgba", dpi=dpi, **({"bbox_inches": bbox} if bbox is not None else {}))
    width_in, height_in = (bbox.width, bbox.height) if bbox is not None else fig.get_size_inches()
    width, height = int(width_in * dpi), int(height_in * dpi)   # the canvas Agg allocates (it truncates)
    data = buf.getvalue()
    if len(data) != 4 * width * height:
        raise RuntimeError(f"Agg rendered {len(data)} bytes, not the {width} x {height} RGBA canvas expected")
    pixels = np.frombuffer(data, dtype=np.uint8).reshape(height, width, 4)
    if (pixels[..., 3] == 255).all():
        pixels = pixels[..., :3]
    return encode_png(pixels, dpi=dpi, **FORMATS["png"])


def warm_up(formats: Sequence[str] = ("pdf", "png")) -> None:
    """Load, once, what the first exhibit a process saves would: the figure and export backends, the
    house fonts in the weights exhibits use, and their PDF subsets (cached per process).

    Called before the pack forks its exhibit worker, so that both processes inherit this work instead
    of each doing it. Writes nothing; the bytes of later files do not depend on it.
    """
    import io

    from matplotlib.figure import Figure

    with house_style(**EXPORT_RC):
        fig = Figure(figsize=(1.0, 1.0))
        for y, weight in ((0.2, "normal"), (0.6, "bold")):
            fig.text(0.05, y, "Aa $1", fontweight=weight)
        for fmt in check_formats(formats):
            with _lean_pdf_fonts() if fmt == "pdf" else nullcontext():
                if fmt == "png":
                    png_bytes(fig)
                else:
                    fig.savefig(io.BytesIO(), format=fmt, **FORMATS[fmt])


def _wrap(text: str, width_in: float, size_pt: float, weight: str = "normal") -> list[str]:
    """Wrap ``text`` to lines that fit ``width_in`` at ``size_pt``, measured in the house font."""
    from ._text import wrap_text

    return wrap_text(text, width_in, size_pt, weight)


#: Paper sizes of the PDF pages (inches, portrait).
PAPERS = {"letter": (8.5, 11.0), "a4": (8.27, 11.69)}
PAGE_TOP_IN = 0.4       # top margin of an exhibit on a page
PAGE_FOOT_IN = 0.45     # room at the bottom of a page for its number


def check_paper(paper) -> str:
    """Validate a paper name (``"letter"`` or ``"a4"``, any case).

    >>> check_paper("A4")
    'a4'
    """
    name = str(paper).strip().lower()
    if name not in PAPERS:
        raise InputError("paper", paper, "letter or a4")
    return name


#: Characters every embedded font subset carries, whether or not a page uses them: with one glyph set
#: for every exhibit, a font is subset once per process and the result reused (see _lean_pdf_fonts).
HOUSE_CHARSET = ("".join(chr(c) for c in range(0x20, 0x7F))
                 + "\u00a0\u00a7\u00b0\u00b1\u00b7\u00d7\u00e9\u0394\u2013\u2014\u2018\u2019\u201c\u201d\u2022"
                 + "\u2026\u2032\u2192\u2212\u2248\u2264\u2265\u20ac\u00a3"
                 + "\ufb00\ufb01\ufb02\ufb03\ufb04")   # the ff, fi, fl, ffi, ffl ligatures text shaping uses

_LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "kern")   # matplotlib places every glyph itself; PDFs never use them


def _house_gids(path: str, face_index: int) -> frozenset:
    """Glyph indices of :data:`HOUSE_CHARSET` in one font file (those it has)."""
    return _house_gids_cached(str(path), int(face_index))


@functools.lru_cache(maxsize=16)
def _house_gids_cached(path: str, face_index: int) -> frozenset:
    from matplotlib.ft2font import FT2Font

    font = FT2Font(path, face_index=face_index) if face_index else FT2Font(path)
    return frozenset(g for g in (font.get_char_index(ord(ch)) for ch in HOUSE_CHARSET) if g)


@functools.lru_cache(maxsize=32)
def _subset_bytes(path: str, face_index: int, gids: frozenset) -> tuple[bytes, tuple]:
    """The font subset to ``gids`` without layout tables, as font-file bytes and its glyph index map."""
    import io

    from fontTools import subset as fsubset

    options = fsubset.Options(glyph_names=True, recommended_glyphs=True)
    options.drop_tables += ["FFTM", "PfEd", "BDF", "meta", "MERG", "TSIV", "Zapf", "bdat", "bloc", "cidg",
                            "fdsc", "feat", "fmtx", "fond", "just", "kerx", "ltag", "morx", "trak", "xref",
                            *_LAYOUT_TABLES]
    options.font_number = face_index
    font = fsubset.load_font(path, options)
    for tag in _LAYOUT_TABLES:   # dropped before subsetting, so fontTools never decompiles them
        if tag in font:
            del font[tag]
    subsetter = fsubset.Subsetter(options=options)
    subsetter.populate(gids=sorted(gids))
    subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf, reorderTables=False)
    font.close()
    return buf.getvalue(), tuple(sorted(subsetter.glyph_index_map.items()))


@contextmanager
def _lean_pdf_fonts():
    """Subset embedded TrueType fonts once per process, without their OpenType layout tables.

    matplotlib positions every glyph itself, so a PDF never uses the layout tables (GSUB, GPOS,
    GDEF, kern); dropping them before subsetting cuts the font work by about two thirds. Every
    subset also carries :data:`HOUSE_CHARSET`, so all exhibits ask for the same glyphs and the
    subset is computed once per font and process instead of once per font and file (a few kB more
    per PDF). The result depends only on the font file and the glyphs, so files stay
    byte-identical. Falls back to matplotlib's own subsetting if its private hook is not where it
    is expected.
    """
    try:
        from fontTools import subset  # noqa: F401
        from matplotlib.backends import _backend_pdf_ps as pdf_ps
    except ImportError:  # pragma: no cover
        yield
        return
    original = getattr(pdf_ps, "get_glyphs_subset", None)
    if original is None or not hasattr(pdf_ps, "SubsetResults"):  # pragma: no cover
        yield
        return

    def lean(fontfile, glyphs):
        import io

        from fontTools.ttLib import TTFont

        face = int(getattr(fontfile, "face_index", 0) or 0)
        path = str(getattr(fontfile, "path", fontfile))
        gids = frozenset(int(g) for g in glyphs) | _house_gids(path, face)
        data, index_map = _subset_bytes(path, face, gids)
        font = TTFont(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)
        return pdf_ps.SubsetResults(font, dict(index_map))._as_cm()

    import logging

    head_log = logging.getLogger("fontTools.ttLib.tables._h_e_a_d")   # DejaVu's old 'created' stamp warns
    level = head_log.level
    head_log.setLevel(logging.ERROR)
    pdf_ps.get_glyphs_subset = lean
    try:
        yield
    finally:
        pdf_ps.get_glyphs_subset = original
        head_log.setLevel(level)


class Exhibit:
    """A numbered exhibit.

    Parameters
    ----------
    number : int
        The exhibit number ("Exhibit 4").
    title : str
        What the exhibit shows, in one sentence (wrapped to the width if long).
    subtitle : str, default=""
        The matter and the key figure, in smaller type (wrapped).
    source : str, default=""
        Where the numbers come from ("Source: ..."), printed above the provenance stamp (wrapped).
    provenance : Provenance or str, optional
        The stamp; its ``footer()`` (or the string) is printed at the bottom (wrapped).
    height : float, default=4.8
        Height of the plotting area in inches (the header and footer are added to it).
    slug : str, optional
        File name stem after ``exhibit-NN-``; defaults to a slug of the title.
    table : bool, default=False
        Place the axes exactly in the body (for :func:`draw_table`) instead of a tight layout.
    paper : {"letter", "a4"} or None, default=None
        Draw the exhibit on a page of that size (the PDF is the page; PNG and SVG are cropped to
        the exhibit). None: the figure is the exhibit itself.

    Notes
    -----
    Every line of text is measured in the house font and wrapped to the 7-inch text width, so
    nothing runs past the canvas; the figure's height is the sum of what the header, the body and
    the footer need.

    Examples
    --------
    >>> ex = Exhibit(4, "Allocation of fault", subtitle="Example matter", source="toolkit.liability")
    >>> _ = ex.ax.bar(["customer", "provider"], [0.8, 0.2])
    >>> ex.filename("png")
    'exhibit-04-allocation-of-fault.png'
    >>> ex.finish() is ex
    True
    >>> Exhibit(1, "On a page", paper="a4").figure.get_size_inches().round(2).tolist()
    [8.27, 11.69]
    """

    header_sizes = (8.5, 12.5, 9.5)   # "EXHIBIT N", title, subtitle (pt)
    footer_sizes = (7.5, 6.5)         # source, provenance (pt)

    def __init__(self, number: int, title: str, *, subtitle: str = "", source: str = "", provenance=None,
                 height: float = 4.8, slug: str | None = None, table: bool | str = False, paper: str | None = None):
        from matplotlib.figure import Figure

        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise InputError("number", number, "a whole number >= 1")
        self.number, self.title, self.subtitle, self.source = number, str(title), str(subtitle), str(source)
        self.provenance = provenance
        self.slug = slug or _slug(title)
        self.table = table
        self.paper = check_paper(paper) if paper is not None else None
        text_w = TEXT_WIDTH_IN
        self._title_lines = _wrap(self.title, text_w, self.header_sizes[1], "bold")
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
        if self.paper:
            page_w, page_h = PAPERS[self.paper]
            self._canvas = (page_w, max(page_h, self.height_in + PAGE_TOP_IN + PAGE_FOOT_IN))
            self._offset = ((page_w - WIDTH_IN) / 2, PAGE_TOP_IN)
        else:
            self._canvas, self._offset = (WIDTH_IN, self.height_in), (0.0, 0.0)
        with house_style():
            self.figure = Figure(figsize=self._canvas)
            self.ax = self.figure.add_subplot(1, 1, 1)
        self._finished = False

    # ------------------------------------------------------------------ geometry
    def _fx(self, x_in: float) -> float:
        """Figure fraction of a distance ``x_in`` from the exhibit's left edge."""
        return (self._offset[0] + x_in) / self._canvas[0]

    def _fy(self, y_in: float) -> float:
        """Figure fraction of a distance ``y_in`` below the exhibit's top edge."""
        return 1 - (self._offset[1] + y_in) / self._canvas[1]

    def content_bbox(self):
        """The exhibit's rectangle on the figure, in inches (what PNG and SVG are cropped to)."""
        from matplotlib.transforms import Bbox

        x0 = self._offset[0]
        y1 = self._canvas[1] - self._offset[1]
        return Bbox([[x0, y1 - self.height_in], [x0 + WIDTH_IN, y1]])

    # ------------------------------------------------------------------ layout
    def filename(self, fmt: str) -> str:
        return f"exhibit-{self.number:02d}-{self.slug}.{fmt}"

    def finish(self) -> "Exhibit":
        """Lay out the header, body and footer (idempotent). Call after drawing in ``.ax``."""
        if self._finished:
            return self
        fig = self.figure
        left = self._fx(MARGIN_IN)
        with house_style(**EXPORT_RC):
            for loc in ("left", "center", "right"):  # the exhibit's title replaces the plot's own
                self.ax.set_title("", loc=loc)
            _unescape_dollars(fig)
            y = 0.18
            s0, s1, s2 = self.header_sizes
            fig.text(left, self._fy(y), f"EXHIBIT {self.number}", ha="left", va="top", fontsize=s0,
                     fontweight="bold", color=PALETTE["red"])
            y += s0 * 1.5 * _PT
            for line in self._title_lines:
                fig.text(left, self._fy(y), line, ha="left", va="top", fontsize=s1, fontweight="bold",
                         color=PALETTE["ink"])
                y += s1 * 1.3 * _PT
            for line in self._subtitle_lines:
                fig.text(left, self._fy(y), line, ha="left", va="top", fontsize=s2, color=PALETTE["muted"])
                y += s2 * 1.35 * _PT
            foot_top = self.height_in - self.footer_in
            fig.add_artist(_hline(fig, left, self._fx(WIDTH_IN - MARGIN_IN), self._fy(foot_top + 0.06)))
            y = foot_top + 0.12
            f0, f1 = self.footer_sizes
            for line in self._source_lines:
                fig.text(left, self._fy(y), line, ha="left", va="top", fontsize=f0, color=PALETTE["ink"])
                y += f0 * 1.4 * _PT
            for line in self._stamp_lines:
                fig.text(left, self._fy(y), line, ha="left", va="top", fontsize=f1, color=PALETTE["muted"])
                y += f1 * 1.4 * _PT
            bottom, top = self._fy(foot_top - 0.02), self._fy(self.header_in)
            if self.table == "fixed":  # the builder placed its axes itself
                pass
            elif self.table:
                self.ax.set_position((left, self._fy(foot_top - 0.04), self._fx(WIDTH_IN - MARGIN_IN) - left,
                                      top - self._fy(foot_top - 0.04)))
            else:
                rect = (self._fx(0.05), bottom, self._fx(WIDTH_IN - 0.05), top)
                # resizing the axes can change its ticks (a new tick label at an end), so lay out again
                # until the axes stop moving: the layout savefig used to redo for every format
                for _ in range(3):
                    before = [a.get_position().bounds for a in fig.axes]
                    fig.tight_layout(rect=rect, pad=0.4)
                    if all(abs(u - v) < 1e-4 for p, q in zip(before, (a.get_position().bounds for a in fig.axes))
                           for u, v in zip(p, q)):
                        break
            # the layout is done once, here: without this, every savefig would lay the figure out again
            # (one more pass over all its text per format)
            fig.set_layout_engine(None)
        self._finished = True
        return self

    def save(self, folder, formats: Sequence[str] = ("pdf", "png", "svg")) -> list[Path]:
        """Write the exhibit into ``folder`` in each format; returns the paths written."""
        self.finish()
        folder = Path(folder)
        crop = self.content_bbox() if self.paper else None
        return [save_figure(self.figure, folder / self.filename(fmt), fmt, bbox=None if fmt == "pdf" else crop)
                for fmt in check_formats(formats)]

    def _repr_png_(self):  # show in notebooks without pyplot
        self.finish()
        with house_style(**EXPORT_RC):
            return png_bytes(self.figure, bbox=self.content_bbox() if self.paper else None, dpi=110)

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
    """One column of :func:`draw_table`: header, alignment ("left"/"right"/"center"), ``nowrap``.

    ``width`` is kept for compatibility and ignored: column widths come from the content (see
    :func:`column_widths`).
    """

    header: str
    width: float | None = None
    align: str = "left"
    nowrap: bool = False     # keep every cell on one line (amounts, ranges)


TABLE_FONT_PT = 8.5
LINE_IN = TABLE_FONT_PT * 1.45 * _PT      # height of one text line in a table
ROW_PAD_LINES = 0.55                       # vertical padding per row, in lines
BASELINE = 0.72                            # first baseline below a row's top, in lines
CELL_PAD_IN = 0.1                          # horizontal padding inside a cell (both sides together)


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], width_in: float = TEXT_WIDTH_IN,
                  highlight: Sequence[int] = (), font_pt: float | None = None) -> list[float]:
    """Widths (inches) of the columns of a table, from their content, summing to ``width_in``.

    As browsers lay out an automatic table: each column needs at least its widest word and would
    like its longest line. If every column fits on one line, the spare width is shared in
    proportion; otherwise each column gets its widest word and the rest is shared in proportion
    to how much more each one wants (long columns wrap, short ones never split a word).

    Examples
    --------
    >>> cols = [Column("Name"), Column("Amount (USD)", align="right")]
    >>> w = column_widths(cols, [["a rather long description of a thing " * 3, "$1.2M"]], 7.0)
    >>> round(sum(w), 6), w[0] > w[1]
    (7.0, True)
    """
    from ._text import longest_word_in, text_width_in

    TABLE_FONT_PT = font_pt or globals()["TABLE_FONT_PT"]  # noqa: N806 (the size the table is drawn at)
    bold = set(highlight)
    natural, minimum = [], []
    for i, col in enumerate(columns):
        cells = [(str(row[i]), "bold" if r in bold else "normal") for r, row in enumerate(rows)]
        nat = max([text_width_in(col.header, TABLE_FONT_PT, "bold")]
                  + [max((text_width_in(line, TABLE_FONT_PT, w) for line in c.split("\n")), default=0)
                     for c, w in cells])
        low = max([longest_word_in(col.header, TABLE_FONT_PT, "bold")]
                  + [longest_word_in(c, TABLE_FONT_PT, w) for c, w in cells])
        low = min(low, width_in * 0.2)   # a longer word (a module path, a URL) breaks at "." "/" "_"
        if col.nowrap:
            low = max(low, max((text_width_in(c, TABLE_FONT_PT, w) for c, w in cells), default=0))
        natural.append(nat + CELL_PAD_IN)
        minimum.append(low + CELL_PAD_IN)
    total_nat, total_min = sum(natural), sum(minimum)
    if total_nat <= width_in:
        return [n / total_nat * width_in for n in natural]
    if total_min > width_in:
        return [m / total_min * width_in for m in minimum]
    # Start every column at its widest word; give the spare width, step by step, to the column whose
    # widening saves the most wrapped lines (ties: the one that wants the most), so tables stay short.
    from ._text import wrap_text

    by_column = [[(str(row[i]), "bold" if r in bold else "normal") for r, row in enumerate(rows)]
                 for i in range(len(columns))]

    def lines(i, w):
        return [len(wrap_text(c, w - CELL_PAD_IN, TABLE_FONT_PT, wt)) for c, wt in by_column[i]]

    widths = list(minimum)
    spare = width_in - total_min
    step = max(spare / 40, 0.02)
    current = [lines(i, widths[i]) for i in range(len(columns))]
    while spare > 1e-9:
        heights = [max(col[r] for col in current) for r in range(len(rows))] if rows else []
        best, best_rate, trial_lines, inc = None, 0.0, None, min(step, spare)
        while best is None:
            for i in range(len(columns)):
                if widths[i] >= natural[i]:
                    continue
                trial = lines(i, widths[i] + inc)
                new_heights = [max([trial[r]] + [current[j][r] for j in range(len(columns)) if j != i])
                               for r in range(len(rows))]
                rate = (sum(heights) - sum(new_heights)) / inc
                if rate > best_rate:
                    best, best_rate, trial_lines = i, rate, trial
            if best is None:
                if inc >= spare:
                    break
                inc = min(inc * 2, spare)
        if best is None:
            break
        widths[best] += inc
        current[best] = trial_lines
        spare -= inc
    if spare > 1e-9:  # nothing left to gain: share the rest by how much more each column wants
        want = [max(n - w, 0.0) for n, w in zip(natural, widths)]
        total_want = sum(want) or float(len(widths))
        widths = [w + spare * (x / total_want if sum(want) else 1 / len(widths)) for w, x in zip(widths, want)]
    return widths


def _layout_rows(columns: Sequence[Column], rows: Sequence[Sequence[str]], width_in: float,
                 highlight: Sequence[int] = (), font_pt: float = TABLE_FONT_PT):
    TABLE_FONT_PT = font_pt  # noqa: N806
    widths = column_widths(columns, rows, width_in, highlight, font_pt)
    bold = set(highlight)
    wrapped = [[_wrap(cell, w - CELL_PAD_IN, TABLE_FONT_PT, "bold" if r in bold else "normal")
                for cell, w in zip(row, widths)] for r, row in enumerate(rows)]
    header = [_wrap(c.header, w - CELL_PAD_IN, TABLE_FONT_PT, "bold") for c, w in zip(columns, widths)]
    return widths, header, wrapped


def table_height(columns: Sequence[Column], rows: Sequence[Sequence[str]], width_in: float = TEXT_WIDTH_IN,
                 notes: Sequence[str] = (), highlight: Sequence[int] = (), font_pt: float = TABLE_FONT_PT) -> float:
    """Height in inches that :func:`draw_table` needs for these rows (pass it as ``Exhibit(height=...)``)."""
    TABLE_FONT_PT = font_pt  # noqa: N806
    LINE_IN = font_pt * 1.45 * _PT  # noqa: N806
    _, header, wrapped = _layout_rows(columns, rows, width_in, highlight, font_pt)
    lines = max(len(h) for h in header) + ROW_PAD_LINES
    lines += sum(max(len(c) for c in row) + ROW_PAD_LINES for row in wrapped)
    lines += sum(len(_wrap(n, width_in - 0.04, TABLE_FONT_PT - 0.5)) for n in notes) + (0.6 if notes else 0)
    return lines * LINE_IN + 0.15


def draw_table(ax, columns: Sequence[Column], rows: Sequence[Sequence[str]], *, notes: Sequence[str] = (),
               highlight: Sequence[int] = (), width_in: float = TEXT_WIDTH_IN, font_pt: float = TABLE_FONT_PT):
    """Draw a table of strings in ``ax`` (axes turned off); returns the axes.

    Column widths come from the content (:func:`column_widths`); cells and headers wrap to their
    column. Rows alternate a light band; ``highlight`` rows are bold; ``notes`` are printed below
    the table in smaller type.

    Examples
    --------
    >>> ex = Exhibit(3, "A table", table=True, height=table_height([Column("a"), Column("b")], [["1", "2"]]))
    >>> ax = draw_table(ex.ax, [Column("a"), Column("b", align="right")], [["1", "2"]])
    >>> sorted(t.get_text() for t in ax.texts)
    ['1', '2', 'a', 'b']
    """
    ax.set_axis_off()
    TABLE_FONT_PT = font_pt  # noqa: N806
    LINE_IN = font_pt * 1.45 * _PT  # noqa: N806
    widths, header, wrapped = _layout_rows(columns, rows, width_in, highlight, font_pt)
    height_lines = (table_height(columns, rows, width_in, notes, highlight, font_pt) - 0.15) / LINE_IN
    ax.set_xlim(0, width_in)
    ax.set_ylim(height_lines, 0)  # y in text lines, top to bottom
    xs = [0.0]
    for w in widths[:-1]:
        xs.append(xs[-1] + w)
    pad = CELL_PAD_IN / 2

    def cell_x(i, col):
        if col.align == "right":
            return xs[i] + widths[i] - pad, "right"
        if col.align == "center":
            return xs[i] + widths[i] / 2, "center"
        return xs[i] + pad, "left"

    def put(x, top, lines, ha, *, fontsize=font_pt, color=PALETTE["ink"], **style):
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
        lines = _wrap(note, width_in - 0.04, TABLE_FONT_PT - 0.5)
        put(0.04, y, lines, "left", fontsize=TABLE_FONT_PT - 0.5, color=PALETTE["muted"])
        y += len(lines)
    return ax
