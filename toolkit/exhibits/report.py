"""``report.pdf``: one filing-ready document — cover page, the numbered exhibits, the methodology
appendix (with the Daubert factors and the error rates) and the sources, on numbered letter or A4
pages, with title, author and subject metadata. No date is written, so the same seed gives the
same bytes.

The appendix is the same :class:`~toolkit.exhibits.Appendix` the pack writes as Markdown and HTML,
laid out here on pages: text is measured in the house font and wrapped to the page; tables take
their column widths from their content and continue on the next page with their header repeated.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ._text import wrap_text
from .figure import EXPORT_RC, PAPERS, _lean_pdf_fonts, check_paper, column_widths, Column
from .style import PALETTE, house_style

__all__ = ["write_report", "report_metadata"]

_MARGIN_X = 0.75
_MARGIN_TOP = 0.7
_MARGIN_BOTTOM = 0.8
_PT = 1 / 72
_SIZES = {"h1": 15.0, "h2": 12.0, "h3": 10.5, "p": 9.0, "ul": 9.0, "code": 7.5, "table": 7.5}


def report_metadata(result, *, author: str = "") -> dict:
    """The PDF metadata of the report: title, author, subject, keywords, creator; no dates.

    Examples
    --------
    >>> import toolkit as tk
    >>> r = tk.assess(tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml"), n_paths=5_000,
    ...               market_check=False)
    >>> meta = report_metadata(r, author="J. Expert")
    >>> meta["Author"], meta["CreationDate"]
    ('J. Expert', None)
    """
    from .. import __version__

    case = result.case
    return {
        "Title": f"Expert exhibits and methodology appendix: {case.name}",
        "Author": author or "Breach Liability Toolkit",
        "Subject": (f"Negligence, damages and settlement analysis of {case.defendant} "
                    f"(seed {result.seed}, {result.n_paths:,} simulated paths)"),
        "Keywords": "data breach; negligence; cloud misconfiguration; settlement range; Daubert",
        "Creator": f"Breach Liability Toolkit {__version__}",
        "Producer": None, "CreationDate": None, "ModDate": None,
    }


class _Pages:
    """Flow layout of text blocks onto page-sized figures."""

    def __init__(self, paper: str):
        self.size = PAPERS[paper]
        self.width = self.size[0] - 2 * _MARGIN_X
        self.pages: list = []
        self._new()

    def _new(self):
        from matplotlib.figure import Figure

        with house_style():
            self.fig = Figure(figsize=self.size)
        self.pages.append(self.fig)
        self.y = _MARGIN_TOP

    def _fx(self, x):
        return x / self.size[0]

    def _fy(self, y):
        return 1 - y / self.size[1]

    def room(self, need: float) -> None:
        if self.y + need > self.size[1] - _MARGIN_BOTTOM and self.y > _MARGIN_TOP + 0.01:
            self._new()

    def text(self, lines: Sequence[str], size: float, *, x: float = 0.0, weight="normal", color=None,
             family=None, leading=1.38, keep: int = 1):
        step = size * leading * _PT
        self.room(step * min(keep, len(lines)))
        for line in lines:
            self.room(step)
            self.fig.text(self._fx(_MARGIN_X + x), self._fy(self.y), line, ha="left", va="top", fontsize=size,
                          fontweight=weight, color=color or PALETTE["ink"], **({"family": family} if family else {}))
            self.y += step

    def gap(self, inches: float):
        self.y += inches

    def table(self, headers, rows, size: float = _SIZES["table"]):
        from matplotlib.lines import Line2D
        from matplotlib.patches import Rectangle

        from . import figure

        cols = [Column(str(h)) for h in headers]
        rows = [[str(c) for c in row] for row in rows]
        widths = column_widths(cols, rows, self.width, font_pt=size)
        pad = figure.CELL_PAD_IN / 2
        step = size * 1.3 * _PT
        head = [wrap_text(h, w - 2 * pad, size, "bold") for h, w in zip(headers, widths)]
        body = [[wrap_text(c, w - 2 * pad, size) for c, w in zip(row, widths)] for row in rows]

        def rule(y, lw):
            self.fig.add_artist(Line2D([self._fx(_MARGIN_X), self._fx(_MARGIN_X + self.width)],
                                       [self._fy(y), self._fy(y)], transform=self.fig.transFigure,
                                       color=PALETTE["ink"], lw=lw))

        def draw_row(cells, weight, band):
            n = max(len(c) for c in cells)
            h = n * step + 0.06
            if band:
                self.fig.add_artist(Rectangle((self._fx(_MARGIN_X), self._fy(self.y + h)), self.width / self.size[0],
                                              h / self.size[1], transform=self.fig.transFigure,
                                              color=PALETTE["band"], lw=0, zorder=0))
            x = _MARGIN_X
            for lines, w in zip(cells, widths):
                for k, line in enumerate(lines):
                    self.fig.text(self._fx(x + pad), self._fy(self.y + 0.03 + k * step), line, ha="left", va="top",
                                  fontsize=size, fontweight=weight, color=PALETTE["ink"])
                x += w
            self.y += h

        def header():
            draw_row(head, "bold", False)
            rule(self.y, 0.8)

        head_h = max(len(c) for c in head) * step + 0.06
        self.room(head_h + (max(len(c) for c in body[0]) * step + 0.06 if body else 0))
        header()
        for i, cells in enumerate(body):
            h = max(len(c) for c in cells) * step + 0.06
            if self.y + h > self.size[1] - _MARGIN_BOTTOM:
                rule(self.y, 0.8)
                self._new()
                header()
            draw_row(cells, "normal", i % 2 == 1)
        rule(self.y, 0.8)
        self.gap(0.12)


def _appendix_pages(doc, paper: str) -> list:
    pages = _Pages(paper)
    w = pages.width
    pages.text(wrap_text(doc.title, w, _SIZES["h1"], "bold"), _SIZES["h1"], weight="bold", leading=1.3)
    pages.gap(0.1)
    for kind, payload in doc.blocks:
        if kind in ("h1", "h2", "h3"):
            size = _SIZES[kind]
            pages.gap(0.14 if kind != "h3" else 0.08)
            pages.room(size * 1.4 * _PT * 3)  # never a heading alone at the foot of a page
            pages.text(wrap_text(payload, w, size, "bold"), size, weight="bold", leading=1.3)
            pages.gap(0.04)
        elif kind == "p":
            pages.text(wrap_text(payload, w, _SIZES["p"]), _SIZES["p"], keep=2)
            pages.gap(0.07)
        elif kind == "ul":
            for item in payload:
                lines = wrap_text(item, w - 0.18, _SIZES["ul"])
                pages.room(_SIZES["ul"] * 1.38 * _PT * min(2, len(lines)))
                y0, fig0 = pages.y, pages.fig
                pages.text(lines, _SIZES["ul"], x=0.18)
                fig0.text(pages._fx(_MARGIN_X + 0.04), pages._fy(y0), "•", ha="left", va="top",
                          fontsize=_SIZES["ul"], color=PALETTE["ink"])
                pages.gap(0.03)
            pages.gap(0.05)
        elif kind == "code":
            import textwrap

            chars = int(w / (0.62 * _SIZES["code"] * _PT))
            lines = [piece for line in str(payload).split("\n") for piece in (textwrap.wrap(line, chars) or [""])]
            pages.text(lines, _SIZES["code"], family="monospace", x=0.1, color=PALETTE["ink"])
            pages.gap(0.08)
        elif kind == "table":
            headers, rows = payload
            pages.table(headers, rows)
    return pages.pages


def _cover(result, exhibits, appendix_page: int, sources_page: int | None, paper: str, provenance):
    from matplotlib.figure import Figure

    from .. import __version__
    from .pack import headline_rows

    size = PAPERS[paper]
    width = size[0] - 2 * _MARGIN_X
    with house_style():
        fig = Figure(figsize=size)
    pages = _Pages.__new__(_Pages)
    pages.size, pages.width, pages.pages, pages.fig, pages.y = size, width, [fig], fig, 1.0
    case = result.case
    pages.text(["EXPERT EXHIBITS AND METHODOLOGY APPENDIX"], 10, weight="bold", color=PALETTE["red"])
    pages.gap(0.1)
    pages.text(wrap_text(case.name, width, 20, "bold"), 20, weight="bold", leading=1.25)
    pages.gap(0.05)
    pages.text(wrap_text(f"Defendant: {case.defendant}", width, 12), 12, color=PALETTE["muted"])
    pages.gap(0.3)
    pages.text(["Headline ranges (Assessment.outcome_ranges)"], 11, weight="bold")
    pages.gap(0.05)
    rows = [[r[1], r[2]] for r in headline_rows(result)]
    rows.append(["Probability that negligence is found at trial", f"{result.liability.probability:.1%}"])
    pages.table(["item", "value (USD unless stated)"], rows, size=8.5)
    pages.gap(0.15)
    pages.text(["Contents"], 11, weight="bold")
    pages.gap(0.03)
    contents = [[f"Exhibit {ex.number}", ex.title, str(2 + i)] for i, ex in enumerate(exhibits)]
    contents.append(["Appendix", "Methodology appendix: data, models, parameters, error rates, assumptions, "
                                 "Daubert factors", str(appendix_page)])
    if sources_page is not None:
        contents.append(["Sources", "Primary sources cited (statutes, guidelines, cases, papers, URLs)",
                         str(sources_page)])
    pages.table(["", "", "page"], contents, size=8.5)
    pages.gap(0.2)
    stamp = provenance.footer() if hasattr(provenance, "footer") else str(provenance or "")
    pages.text(wrap_text(f"Prepared with the Breach Liability Toolkit {__version__}. {stamp}. The same matter file, "
                         f"data and seed reproduce this document byte for byte (python -m toolkit assess MATTER.yaml "
                         f"--out DIR --seed {result.seed} --paths {result.n_paths}).", width, 8), 8,
               color=PALETTE["muted"])
    pages.gap(0.1)
    pages.text(wrap_text("Not legal advice: the toolkit quantifies stated assumptions and curated public outcomes; "
                         "its numbers are inputs to an expert's judgement, not a substitute for it.", width, 8), 8,
               color=PALETTE["muted"])
    return fig


def _sources_page_index(doc, appendix_figs) -> int | None:
    """Index (0-based, within the appendix pages) of the page where the Sources section starts."""
    heading = next((payload for kind, payload in doc.blocks if kind == "h2" and "Sources" in str(payload)), None)
    if heading is None:
        return None
    for i, fig in enumerate(appendix_figs):
        if any(t.get_text() == heading for t in fig.texts):
            return i
    return None


def write_report(result, path, *, exhibits: Sequence, appendix, provenance=None, paper: str = "letter",
                 author: str = "") -> Path:
    """Write ``report.pdf``: cover page, the exhibits (one per page), the appendix and its sources.

    Parameters
    ----------
    result : Assessment
    path : str or Path
    exhibits : sequence of Exhibit
        Built with ``paper=`` the same paper (each is one page); see
        :func:`toolkit.exhibits.build_exhibits`.
    appendix : Appendix
        :func:`toolkit.exhibits.methodology_appendix` of the same assessment.
    provenance : Provenance, optional
    paper : {"letter", "a4"}, default="letter"
    author : str, default=""
        The PDF's author (default "Breach Liability Toolkit").

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile, pathlib, toolkit as tk
    >>> from toolkit.exhibits import build_exhibits, methodology_appendix, Provenance
    >>> r = tk.assess(tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml"), n_paths=5_000,
    ...               market_check=False)
    >>> prov = Provenance.for_assessment(r)
    >>> doc = methodology_appendix(r, prov, validation=None, validation_reason="skipped in this example")
    >>> out = write_report(r, pathlib.Path(tempfile.mkdtemp()) / "report.pdf", exhibits=build_exhibits(r, prov,
    ...                    paper="a4")[:2], appendix=doc, provenance=prov, paper="a4")
    >>> out.read_bytes()[:5]
    b'%PDF-'
    """
    from matplotlib.backends.backend_pdf import PdfPages

    paper = check_paper(paper)
    path = Path(path)
    appendix_figs = _appendix_pages(appendix, paper)
    first_appendix = 2 + len(exhibits)
    src = _sources_page_index(appendix, appendix_figs)
    cover = _cover(result, exhibits, first_appendix, None if src is None else first_appendix + src, paper, provenance)
    figures = [cover] + [ex.finish().figure for ex in exhibits] + appendix_figs
    total = len(figures)
    label = result.case.name if len(result.case.name) <= 60 else result.case.name[:57] + "..."
    added = []
    with house_style(**EXPORT_RC), _lean_pdf_fonts():
        with PdfPages(path, metadata=report_metadata(result, author=author)) as pdf:
            for k, fig in enumerate(figures, start=1):
                t = fig.text(0.5, 0.3 / fig.get_size_inches()[1], f"{label} · page {k} of {total}", ha="center",
                             va="bottom", fontsize=7.5, color=PALETTE["muted"])
                added.append((fig, t))
                pdf.savefig(fig)
    for _fig, t in added:  # the exhibits stay as they were for other uses
        t.remove()
    return path
