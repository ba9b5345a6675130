"""Court-ready exhibits: house style, numbered exhibits with provenance, the methodology
appendix and the reproducible exhibit pack.

- :func:`house_style` applies the shipped style file (``exhibit.mplstyle``) in a ``with`` block;
- :class:`Exhibit` is one numbered exhibit (title, units, source line, provenance footer) that
  saves byte-identical PNG (300 dpi), PDF (embedded TrueType fonts) and SVG;
- :class:`Provenance` is the stamp under every exhibit (toolkit version, outcomes.csv sha256,
  date of the data, matter hash, seed, paths) — never the wall-clock time;
- :func:`methodology_appendix` builds the appendix (data, models, parameters, error rates,
  assumptions, Daubert factors) as Markdown and HTML;
- :func:`write_pack` writes the whole pack atomically (what ``python -m toolkit assess`` runs).

matplotlib is imported only when an exhibit is drawn.
"""
from __future__ import annotations

from .appendix import Appendix, methodology_appendix, validation_report
from .figure import FORMATS, Column, Exhibit, draw_table, save_figure, table_height
from .pack import EXHIBITS, build_exhibits, write_pack
from .provenance import Provenance, case_sha256, file_sha256, outcomes_facts
from .style import PALETTE, STYLE_PATH, exhibit_font, house_style

__all__ = [
    "house_style", "STYLE_PATH", "PALETTE", "exhibit_font",
    "Exhibit", "Column", "draw_table", "table_height", "save_figure", "FORMATS",
    "Provenance", "file_sha256", "case_sha256", "outcomes_facts",
    "Appendix", "methodology_appendix", "validation_report",
    "write_pack", "build_exhibits", "EXHIBITS",
]
