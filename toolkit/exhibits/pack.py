"""The exhibit pack: numbered exhibits, methodology appendix, assessment.json and a manifest,
written atomically into one folder.

:func:`write_pack` is what ``python -m toolkit assess MATTER.yaml --out DIR`` runs. It builds
the whole pack in a temporary sibling folder of DIR and only then moves it into place, so DIR
is never left half-written: either the old contents (or nothing) or the complete new pack. The
folder itself (checks, staging, the swap) is :mod:`toolkit._outdir`'s, the one output-folder
writer of the toolkit.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Sequence

from .._outdir import MANIFEST
from ..errors import InputError
from .figure import Column, Exhibit, check_formats, check_paper, draw_table, table_height
from .provenance import file_sha256
from .style import PALETTE, house_style
from .views import _subtitle, decision_tree_exhibit, exceedance_exhibit

__all__ = ["write_pack", "build_exhibits", "headline_rows", "EXHIBITS", "MANIFEST", "INDEX", "REPORT"]

#: Exhibit formats of a pack unless others are asked for (SVG on request: ``formats=("pdf", "png", "svg")``).
DEFAULT_FORMATS = ("pdf", "png")

INDEX = "index.json"
APPENDIX = "methodology"          # methodology.md and methodology.html
ASSESSMENT_JSON = "assessment.json"
REPORT = "report.pdf"             # cover, numbered exhibits, methodology appendix, sources

_SOURCE_LIABILITY = ("toolkit.liability (duty x breach x causation x defenses) on the matter's facts; parameters and "
                     "their sources in the methodology appendix §2.1")


# --------------------------------------------------------------------------- formatting helpers
from .appendix import _usd  # noqa: E402  (one formatter for pack and appendix)


def _pct(v, digits=0) -> str:
    return f"{float(v):.{digits}%}"


def _fmt_value(value, unit: str) -> str:
    unit = str(unit)
    if isinstance(value, str):
        return value
    if unit.startswith("USD"):
        return _usd(value)
    if unit in ("probability", "share"):
        return _pct(value, 1)
    if isinstance(value, (int, float)) and float(value) == int(value):
        return f"{int(value):,}"
    return str(value)


# --------------------------------------------------------------------------- exhibits
def _summary(result, number, prov, **layout) -> Exhibit:
    table = result.summary()
    # the headline rows are drawn from result.outcome_ranges below (headline_rows): the same fields, once
    # the matter's name is in the subtitle; the caveats are in the methodology appendix §4
    table = table[~table["kind"].isin(["note", "headline"]) & (table["item"] != "name")]
    cols = [Column("Section"), Column("Item"), Column("Value", align="right", nowrap=True), Column("Unit"),
            Column("Source")]
    rows = headline_rows(result)
    bold = list(range(len(rows)))
    rows += _merge_ranges([[str(r.section), str(r.item), _fmt_value(r.value, r.unit), str(r.unit), str(r.source)]
                           for r in table.itertuples()])
    for i in range(len(rows) - 1, 0, -1):  # a section's name once, on its first row
        if rows[i][0] == rows[i - 1][0]:
            rows[i][0] = ""
    notes = ["Headline rows: low – median – high of the 80% range of each amount if it happens. USD (PV): present "
             "value at the start of the suit. Probabilities are model outputs for this matter's stated facts. Caveats "
             "raised by the models are listed in the methodology appendix §4."]
    ex = Exhibit(number, "Summary of the assessment", subtitle=_subtitle(result),
                 source="Breach Liability Toolkit assess(); every number in assessment.json", provenance=prov,
                 height=table_height(cols, rows, notes=notes, highlight=bold, font_pt=8.0), table=True,
                 slug="summary", **layout)
    draw_table(ex.ax, cols, rows, notes=notes, highlight=bold, font_pt=8.0)
    return ex


def _merge_ranges(rows: list[list[str]]) -> list[list[str]]:
    """Fold consecutive "...: low", "...: median", "...: high" rows into one "low – median – high" row."""
    import re

    out, i = [], 0
    while i < len(rows):
        m = re.match(r"^(.*): low$", rows[i][1])
        if m and i + 2 < len(rows) and rows[i + 1][1] == f"{m.group(1)}: median" \
                and rows[i + 2][1] == f"{m.group(1)}: high":
            section, _, low, unit, source = rows[i]
            out.append([section, f"{m.group(1)}: low – median – high", f"{low} – {rows[i + 1][2]} – {rows[i + 2][2]}",
                        unit, source])
            i += 3
        else:
            out.append(list(rows[i]))
            i += 1
    return out


def headline_rows(result) -> list[list[str]]:
    """The headline ranges (``result.outcome_ranges``) as summary rows: section, item, value, unit, source.

    Every exhibit, the summary and the appendix quote these same fields.
    """
    from ..plotting.exceedance import TRACK_LABELS

    ranges = result.outcome_ranges
    rows = []
    for track, r in ranges.iterrows():
        label = TRACK_LABELS.get(track, str(track))
        if float(r["probability"]) > 0 and float(r["median"]) > 0:
            value = f"{_usd(r['low'])} – {_usd(r['median'])} – {_usd(r['high'])}"
        else:
            value = "does not arise"
        se = r.get("median_se") if hasattr(r, "get") else None
        if value == "does not arise" or se is None or se != se:
            extra = ""
        elif se == 0:
            extra = "; exact quantiles (closed form, no Monte Carlo error)"
        else:
            extra = f"; Monte Carlo s.e. of the median {_usd(se)}"
        rows.append(["Headline", f"{label} (probability it happens {float(r['probability']):.0%}){extra}", value,
                     "USD: 80% range", "calibrated headline (Assessment.outcome_ranges)"])
    return rows


def _money_axis(axis):
    from ..plotting import usd_axis

    usd_axis(axis)


def _pct_axis(axis, decimals=0):
    from ..plotting import pct_axis

    pct_axis(axis, decimals)


def _wrapped(labels, width_in: float = 2.9, size: float = 9.0) -> list[str]:
    """Tick labels wrapped to ``width_in`` so that long names never push the plot off the canvas."""
    from ._text import wrap_text

    return ["\n".join(wrap_text(str(t), width_in, size)) for t in labels]


def _waterfall(result, number, prov, **layout) -> Exhibit:
    L = result.liability
    wf = L.waterfall
    n = len(wf) + 1
    ex = Exhibit(number, "Liability: how each factor moves the probability that negligence is found",
                 subtitle=_subtitle(result, f"P(negligence found at trial) = {_pct(L.probability)}; "
                                            f"P(survive motion to dismiss) = {_pct(L.p_survive_dismissal)}"),
                 source=_SOURCE_LIABILITY + "; each step adds one factor to the logit of its element, in order",
                 provenance=prov, height=0.36 * n + 1.0, slug="liability-waterfall", **layout)
    ax = ex.ax
    labels, lefts, widths, colors, notes = [], [], [], [], []
    prev = 0.0
    for i, row in enumerate(wf.itertuples()):
        element = "" if row.element == "all" else f"{row.element}: "
        labels.append(f"{element}{row.step}")
        if i == 0:
            lefts.append(0.0)
            widths.append(row.probability)
            colors.append(PALETTE["grey"])
            notes.append(_pct(row.probability, 1))
        else:
            lefts.append(min(prev, row.probability))
            widths.append(abs(row.delta))
            colors.append(PALETTE["red"] if row.delta > 0 else PALETTE["green"])
            notes.append("no effect" if abs(row.delta) < 5e-4 else f"{row.delta * 100:+.1f} pts")
        prev = row.probability
    labels.append("probability negligence is found")
    lefts.append(0.0)
    widths.append(L.probability)
    colors.append(PALETTE["navy"])
    notes.append(_pct(L.probability, 1))
    y = list(range(n))
    ax.barh(y, widths, left=lefts, color=colors, height=0.62)
    for yi, left, width, note in zip(y, lefts, widths, notes):
        ax.text(left + width + 0.008, yi, note, va="center", ha="left", fontsize=8, color=PALETTE["ink"])
    for yi in range(1, n - 1):  # connectors between steps
        ax.plot([lefts[yi] + (widths[yi] if colors[yi] == PALETTE["red"] else 0)] * 2, [yi - 0.31, yi + 0.69],
                color=PALETTE["muted"], lw=0.5, ls=":")
    ax.set_yticks(y, _wrapped(labels))
    ax.get_yticklabels()[-1].set_fontweight("bold")
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    _pct_axis(ax.xaxis)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_xlabel("probability that negligence is found at trial")
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=PALETTE["red"], label="raises the probability"),
                       Patch(color=PALETTE["green"], label="lowers it"),
                       Patch(color=PALETTE["navy"], label="result")], loc="lower right")
    return ex


def _hand(result, number, prov, **layout) -> Exhibit:
    L = result.liability
    table = L.controls
    cols = [Column("Control", 1.55), Column("Status", 0.8), Column("Relevance", 0.8, "right"),
            Column("B: burden (USD/yr)", 1.1, "right"), Column("ΔP (per yr)", 0.95, "right"),
            Column("ΔP·L (USD)", 1.05, "right"), Column("Margin", 0.75, "right"), Column("Verdict", 2.3)]
    rows, bold = [], []
    for i, r in enumerate(table.itertuples()):
        rows.append([str(r.control).replace("_", " "), str(r.status), f"{r.relevance:.2f}", _usd(r.burden_usd),
                     f"{r.delta_p:.5f}", _usd(r.expected_harm_averted_usd), f"{r.margin:+.2f}", str(r.verdict)])
        if str(r.status) != "yes" and r.margin > 0:
            bold.append(i)
    loss = getattr(L, "loss", None)
    notes = [
        f"L (loss if the breach occurs) = {_usd(loss)}: the defendant's breach costs plus class damages (medians)."
        if loss is not None else "L: the loss used by the liability engine.",
        "B: annual cost of the control for this defendant. ΔP: reduction in the annual probability of this kind of "
        "breach that the control buys. A precaution is owed when B < ΔP·L (United States v. Carroll Towing Co., 159 "
        "F.2d 169 (2d Cir. 1947)). Margin = (ΔP·L − B) / max(ΔP·L, B). Bold: controls absent or unknown for which "
        "the precaution was owed.",
        "Only controls relevant to the misconfiguration type are listed (relevance > 0 in data/controls.csv).",
    ]
    n_fail = sum(1 for r in table.itertuples() if str(r.status) != "yes" and r.margin > 0)
    ex = Exhibit(number, "The Hand formula, control by control: was each precaution owed (B < ΔP·L)?",
                 subtitle=_subtitle(result, f"{n_fail} of {len(table)} relevant controls absent or unknown fail the "
                                            f"test; P(breach of the standard of care) = {_pct(L.p_breach)}"),
                 source="toolkit.liability.standard_of_care; control costs, risk reductions and relevance from "
                        "data/controls.csv (sources per row)", provenance=prov,
                 height=table_height(cols, rows, notes=notes, highlight=bold), table=True, slug="hand-formula", **layout)
    draw_table(ex.ax, cols, rows, notes=notes, highlight=bold)
    return ex


def _damages(result, number, prov, **layout) -> Exhibit:
    import numpy as np

    d = result.damages_estimate
    labels = [str(c) for c in d.table["component"]] + ["Total of the components", "Class damages at trial"]
    lows = list(d.table["low"]) + [d.total["low"], d.class_damages["low"]]
    meds = list(d.table["median"]) + [d.total["median"], d.class_damages["median"]]
    highs = list(d.table["high"]) + [d.total["high"], d.class_damages["high"]]
    n = len(labels)
    ex = Exhibit(number, "Damages: cost components of the breach and class damages at trial",
                 subtitle=_subtitle(result, f"class damages median {_usd(d.class_damages['median'])} for "
                                            f"{d.class_size:,} people; breach costs median {_usd(d.total['median'])}"),
                 source="toolkit.damages.estimate_damages; bars run from the low (10th percentile) to the high (90th "
                        "percentile) estimate, the marker is the median; parameters and sources in the methodology "
                        "appendix §2.2", provenance=prov, height=0.42 * n + 1.1, slug="damages-breakdown", **layout)
    ax = ex.ax
    positive = [v for v in lows + meds + highs if v and v > 0]
    floor = min(positive) / 3 if positive else 1.0
    y = np.arange(n)
    for i in range(n):
        lo, med, hi = (max(float(v), floor) for v in (lows[i], meds[i], highs[i]))
        color = PALETTE["red"] if i == n - 1 else (PALETTE["navy"] if i == n - 2 else PALETTE["grey"])
        ax.plot([lo, hi], [i, i], color=color, lw=7, solid_capstyle="butt", alpha=0.9 if i >= n - 2 else 1)
        ax.plot([med], [i], marker="D", color="white", markeredgecolor=PALETTE["ink"], ms=6)
    ax.axhline(n - 2.5, color=PALETTE["rule"], lw=0.8)
    ax.set_yticks(y, _wrapped(labels))
    for t in ax.get_yticklabels()[-2:]:
        t.set_fontweight("bold")
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlim(floor, max(max(highs), floor * 10) * 3)
    # the values as right-hand tick labels: axis decorations, so the layout always makes room for them
    right = ax.twinx()
    right.set_ylim(ax.get_ylim())
    right.set_yticks(y, [f"{_usd(meds[i])} ({_usd(lows[i])} – {_usd(highs[i])})" for i in range(n)], fontsize=8)
    right.tick_params(axis="y", length=0)
    right.grid(False)
    for spine in right.spines.values():
        spine.set_visible(False)
    _money_axis(ax.xaxis)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_xlabel("USD, nominal (log scale); right: median (low – high)")
    return ex


def _fault(result, number, prov, **layout) -> Exhibit:
    import numpy as np

    L = result.liability
    fault = result.fault
    rule = getattr(L, "rule", None)
    rule_text = f"{rule.name}: {rule.describe()}" if rule is not None else ""
    parties = fault.set_index("party")
    share = float(parties.loc["customer", "payable_share"]) if "customer" in parties.index else None
    reasons = "; ".join(getattr(L, "fault_reasons", ()) or ())
    ex = Exhibit(number, "Allocation of fault between customer, cloud provider and integrator",
                 subtitle=_subtitle(result, (f"defendant's payable share {_pct(share)}; " if share is not None else "")
                                    + rule_text),
                 source="toolkit.liability.fault: shared-responsibility layer of the failure, then the jurisdiction's "
                        "rule (data/jurisdictions.csv)" + (f"; {reasons}" if reasons else ""),
                 provenance=prov, height=3.4, slug="fault-allocation", **layout)
    ax = ex.ax
    x = np.arange(len(fault))
    a = ax.bar(x - 0.2, fault["share"], width=0.38, color=PALETTE["navy"], label="share of fault")
    b = ax.bar(x + 0.2, fault["payable_share"], width=0.38, color=PALETTE["amber"],
               label="share of the damages it pays (after the jurisdiction's rule)")
    for container in (a, b):
        ax.bar_label(container, labels=[_pct(v) for v in np.asarray(container.datavalues)], fontsize=8, padding=2)
    names = fault["name"] if "name" in fault.columns else [""] * len(fault)
    ticks = []
    for party, name in zip(fault["party"], names):
        name = "" if str(name) in ("", "(none)", "None") else _wrapped([name], 6.0 / max(len(fault), 1), 9.0)[0]
        ticks.append(f"{party}\n{name}" if name else str(party))
    ax.set_xticks(x, ticks)
    ax.set_ylim(0, 1.12)
    _pct_axis(ax.yaxis)
    ax.set_ylabel("share")
    ax.legend(loc="upper right")
    return ex


def _settlement(result, number, prov, **layout) -> Exhibit:
    c = result.outcome_ranges.loc["class_settlement"]
    extra = f"recommended range {_usd(c['low'])}–{_usd(c['high'])} (median {_usd(c['median'])})"
    if result.market_check is not None:
        m = result.market_check
        extra += f"; market check {_usd(m['low'])}–{_usd(m['high'])}"
    ex = Exhibit(number, "Settlement: simulated recovery at trial, the bargaining zone and the recommended range",
                 subtitle=_subtitle(result, extra),
                 source=f"toolkit.litigation stage-tree Monte Carlo ({result.n_paths:,} paths, seed {result.seed}); "
                        f"the class recovers nothing on {result.simulation['p_zero_recovery']:.1%} of paths (not "
                        "drawn); market check: OutcomeRegressor on data/outcomes.csv. All amounts present value, USD.",
                 provenance=prov, height=4.2, slug="settlement-range", **layout)
    ax = ex.ax
    result.plot_settlement(ax=ax)
    from matplotlib.ticker import FuncFormatter

    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v * 100:.2g}%"))
    _money_axis(ax.xaxis)
    ax.set_ylabel("share of simulated paths")
    ax.set_xlabel("recovery of the class at trial / settlement amount (USD, present value, log scale)")
    handles, labels = ax.get_legend_handles_labels()
    ax.set_ylim(0, ax.get_ylim()[1] * 1.45)  # room for the legend above the histogram
    ax.legend(handles, labels, loc="upper left", ncol=2, fontsize=8, frameon=True, facecolor="white",
              framealpha=0.92, edgecolor="none")
    return ex


def _comparables(result, number, prov, **layout) -> Exhibit:
    comp = result.comparables
    cols = [Column("#", 0.3, "right"), Column("Defendant", 2.2), Column("Outcome", 1.3), Column("Jurisdiction", 0.9),
            Column("Year", 0.5, "right"), Column("Records", 0.9, "right"), Column("Amount (USD)", 1.0, "right"),
            Column("Weight", 0.7, "right")]
    rows = []
    if comp is not None and len(comp):
        import pandas as pd

        for r in comp.itertuples():
            records = getattr(r, "records_exposed", None)
            year = getattr(r, "outcome_year", None)
            rows.append([str(r.rank), str(r.defendant), str(r.outcome_type).replace("_", " "), str(r.jurisdiction),
                         "n/a" if year is None or pd.isna(year) else str(int(year)),
                         "n/a" if records is None or pd.isna(records) else f"{int(records):,}", _usd(r.amount_usd),
                         _pct(r.weight)])
        m = result.market_check
        notes = [f"Market check for a class settlement like this matter (80% range): {_usd(m['low'])} – "
                 f"{_usd(m['median'])} – {_usd(m['high'])} (low – median – high), nominal USD."
                 if m is not None else "",
                 "Similarity: distance in the model's standardised feature space, weighted by the size of each "
                 "feature's coefficient, plus one unit when the outcome type differs; weights are a Gaussian kernel "
                 "of the distance. Amounts as decided, in nominal USD; sources per row in data/outcomes.csv."]
        notes = [n for n in notes if n]
    else:
        rows = [["", "Market check not available for this pack", "", "", "", "", "", ""]]
        notes = ["No curated outcomes table or empirical model was available; see the methodology appendix §2.4."]
    ex = Exhibit(number, "Comparable outcomes: the most similar past data-breach outcomes",
                 subtitle=_subtitle(result, "ranked by similarity to this matter"),
                 source="data/outcomes.csv (curated public outcomes, each with source URLs); "
                        "toolkit.calibration.HeadlineModel.comparables", provenance=prov,
                 height=table_height(cols, rows, notes=notes), table=True, slug="comparables", **layout)
    draw_table(ex.ax, cols, rows, notes=notes)
    return ex


def _tornado(result, number, prov, **layout) -> Exhibit:
    from ..plotting import tornado_frame

    table = tornado_frame(result)
    centre = result.outcome_ranges.loc["class_settlement", "median"]
    ex = Exhibit(number, "Sensitivity: how the median settlement moves when one input changes",
                 subtitle=_subtitle(result, f"centred on the assessment's median {_usd(centre)}"),
                 source="toolkit.assess.sensitivity: each input moved to the low/high value in its label, all else "
                        f"fixed; each change measured with common random numbers ({min(result.n_paths, 50_000):,} "
                        f"paths, seed {result.seed}) and drawn from the assessment's own median",
                 provenance=prov, height=0.34 * max(len(table), 4) + 1.1, slug="tornado", **layout)
    from ..plotting import plot_tornado

    plot_tornado(result, ax=ex.ax)
    ax = ex.ax
    _money_axis(ax.xaxis)
    handles, _ = ax.get_legend_handles_labels()
    ax.legend(handles, ["first value in the label", "second value in the label"], loc="lower right")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_yticks(ax.get_yticks(), _wrapped([t.get_text().replace("_", " ") for t in ax.get_yticklabels()]))
    return ex


#: The exhibits of a pack, in order: (key, title for the index, builder).
EXHIBITS: list[tuple[str, Callable]] = [
    ("summary", _summary),
    ("liability-waterfall", _waterfall),
    ("hand-formula", _hand),
    ("damages-breakdown", _damages),
    ("fault-allocation", _fault),
    ("settlement-range", _settlement),
    ("decision-tree", decision_tree_exhibit),
    ("exceedance-curves", exceedance_exhibit),
    ("comparables", _comparables),
    ("tornado", _tornado),
]


def build_exhibits(result, provenance=None, *, first_number: int = 1, paper: str | None = None) -> list[Exhibit]:
    """All exhibits of an assessment, numbered from ``first_number`` (not saved).

    ``paper`` ("letter" or "a4") draws each exhibit on a page of that size (see :class:`Exhibit`).

    Examples
    --------
    >>> import toolkit as tk
    >>> from toolkit.exhibits import build_exhibits
    >>> result = tk.assess(tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml"),
    ...                    n_paths=5_000, market_check=False)
    >>> [e.number for e in build_exhibits(result)][:3]
    [1, 2, 3]
    """
    from .provenance import Provenance

    prov = provenance or Provenance.for_assessment(result)
    return [_build_one(builder, result, first_number + i, prov, paper=paper) for i, (_, builder) in enumerate(EXHIBITS)]


def _build_one(builder, result, number, prov, **layout) -> Exhibit:
    with house_style():
        return builder(result, number, prov, **layout).finish()


# --------------------------------------------------------------------------- the pack
def write_pack(case, out, *, seed: int = 0, n_paths: int = 200_000, formats: Sequence[str] = DEFAULT_FORMATS,
               force: bool = False, progress: bool = False, result=None, first_number: int = 1,
               paper: str = "letter", report: bool = False, author: str = "", workers: int | None = None) -> list[Path]:
    """Assess a matter and write the numbered exhibit pack into the folder ``out``.

    The pack: one file per exhibit and format (``exhibit-NN-<name>.<fmt>``: summary, liability
    waterfall, Hand-formula table, damages breakdown, fault allocation, settlement distribution
    and range, comparables, tornado), the methodology appendix (``methodology.md`` and
    ``methodology.html``), ``assessment.json`` (every number), ``index.json`` (what each file is,
    with sha256) and ``MANIFEST.sha256`` (``sha256sum -c`` format). The same inputs and seed
    give byte-identical files.

    Parameters
    ----------
    case : Case
        The matter.
    out : str or Path
        Destination folder: new or empty, or (with ``force``) a folder whose contents are replaced.
    seed : int, default=0
        Seed of every random draw.
    n_paths : int, default=200_000
        Monte Carlo paths.
    formats : sequence of {"pdf", "png", "svg"}, default=("pdf", "png")
        Export formats of the exhibits: PDF (vector, embedded TrueType fonts: the filing copy) and
        PNG (300 dpi, for word processors and slides) by default; SVG (vector, real text, for
        editing and the web) on request, as it adds about a tenth to the time of a pack.
    force : bool, default=False
        Replace an earlier exhibit pack in ``out`` (a folder holding the pack's ``MANIFEST.sha256``
        and only the files it lists); any other non-empty folder is refused.
    progress : bool, default=False
        Show a tqdm progress bar.
    result : Assessment, optional
        A precomputed ``assess(case, seed=seed, n_paths=n_paths)`` to reuse (it must match).
    first_number : int, default=1
        Number of the first exhibit (to fit the numbering of an expert report).
    paper : {"letter", "a4"}, default="letter"
        Page size of the PDF exhibits and of ``report.pdf``.
    report : bool, default=False
        Also write ``report.pdf`` (``--report`` on the command line): a cover page with the matter, the numbered exhibits, the
        methodology appendix (Daubert factors, error rates) and the sources, with numbered pages
        and title, author and subject metadata; the same seed gives the same bytes.
    author : str, default=""
        The PDF's author metadata (default: "Breach Liability Toolkit").
    workers : int, optional
        Processes rendering the exhibits (1 or 2; more are capped at 2). Default: 2 where this
        process can fork safely (Linux and other POSIX systems but macOS, two usable cores, no
        Python thread but the main one: the command line), else 1 (a Jupyter kernel, Windows).
        With ``report`` the exhibits are rendered in this process, which binds them into report.pdf.
        The files are the same bytes whichever the number.

    Returns
    -------
    list of Path
        The files written, sorted by name.

    Raises
    ------
    toolkit.InputError
        ``--out`` not empty without ``force`` (or, with it, not an earlier pack), a file, or not
        writable; bad ``formats``; bad ``seed`` or ``n_paths``. Nothing is written then.

    Notes
    -----
    The folder is handled by :func:`toolkit._outdir.write_into`, the one writer of output folders
    (the command line and the dashboard's export use it too): ``out`` is checked before any work,
    the pack is built in a private sibling folder and swapped into place only when complete, so
    ``out`` holds either its earlier contents or the whole new pack, never a mix.

    Examples
    --------
    >>> import tempfile, toolkit as tk
    >>> from toolkit.exhibits import write_pack
    >>> case = tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml")
    >>> folder = tempfile.mkdtemp()
    >>> files = write_pack(case, folder, n_paths=5_000, formats=("png",))
    >>> sorted(p.name for p in files)[:3]
    ['MANIFEST.sha256', 'assessment.json', 'exhibit-01-summary.png']
    >>> write_pack(case, folder, n_paths=5_000)
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: --out: got '...'; allowed: a new or empty folder (pass --force to replace an earlier exhibit pack) (it already holds 15 entries: MANIFEST.sha256, assessment.json, exhibit-01-summary.png, exhibit-02-liability-waterfall.png, exhibit-03-hand-formula.png, ...)
    >>> len(write_pack(case, folder, n_paths=5_000, formats=("png",), force=True))   # an earlier pack: replaced
    15
    """
    from .._outdir import write_into
    from ..assess import Assessment
    from ..case import Case

    if not isinstance(case, Case):
        raise InputError("case", type(case).__name__, "a toolkit.Case (e.g. Case.from_yaml(path))")
    formats = check_formats(formats)
    paper = check_paper(paper)
    if isinstance(first_number, bool) or not isinstance(first_number, int) or first_number < 1:
        raise InputError("first_number", first_number, "a whole number >= 1")
    if result is not None and (not isinstance(result, Assessment) or result.case != case or result.seed != seed
                               or result.n_paths != n_paths):
        raise InputError("result", repr(result), f"assess(case, seed={seed}, n_paths={n_paths}) of this matter")
    n_workers = _pack_workers(workers)

    def write(folder: Path) -> list[Path]:
        return _write_files(case, folder, seed=seed, n_paths=n_paths, formats=formats, progress=progress,
                            result=result, first_number=first_number, paper=paper, report=bool(report),
                            author=author, workers=n_workers)

    return write_into(out, force, write)


def _write_files(case, folder: Path, *, seed, n_paths, formats, progress, result, first_number, paper, report,
                 author, workers: int = 1) -> list[Path]:
    """Assess (unless ``result`` is given) and write every file of the pack into the new ``folder``."""
    from tqdm.auto import tqdm

    from ..assess import assess, json_ready
    from .appendix import methodology_appendix, validation_report
    from .provenance import Provenance

    want_report = report
    folder = Path(folder)
    folder.mkdir()
    steps = 1 + len(EXHIBITS) + 4 + int(want_report)
    with tqdm(total=steps, desc="exhibit pack", unit="step", disable=not progress, leave=False) as bar:
        bar.set_postfix_str("assess")
        if result is None:
            result = assess(case, seed=seed, n_paths=n_paths)
        market_note = ("" if result.market_check is not None else
                       "no curated outcomes table, or the assessment was run with market_check=False")
        bar.update(1)
        prov = Provenance.for_assessment(result)
        listing: list[tuple[str, str, int | None, str]] = []  # (file, kind, exhibit number or None, title)
        built: list[Exhibit] = []
        job = _ExhibitJob(result, prov, folder, formats, first_number, paper, keep=want_report)
        n_workers = 1 if want_report else workers   # report.pdf needs every figure in this process
        for number, title, names, ex in _render_exhibits(job, n_workers, lambda key: bar.set_postfix_str(key),
                                                         lambda: bar.update(1)):
            listing += [(name, f"exhibit ({Path(name).suffix[1:]})", number, title) for name in names]
            if ex is not None:
                built.append(ex)

        bar.set_postfix_str("methodology")
        validation, reason = validation_report()
        titles = {n: t for (_, _, n, t) in listing}
        stems = [(first_number + i, titles[first_number + i], f"exhibit-{first_number + i:02d}-{key}")
                 for i, (key, _) in enumerate(EXHIBITS)]
        doc = methodology_appendix(result, prov, exhibits=stems, validation=validation, validation_reason=reason,
                                   market_note=market_note)
        if want_report:
            from .report import write_report

            bar.set_postfix_str("report.pdf")
            write_report(result, folder / REPORT, exhibits=built, appendix=doc, provenance=prov, paper=paper,
                         author=author)
            listing.append((REPORT, "filing-ready report (PDF): cover, exhibits, methodology appendix, sources",
                            None, doc.title))
            for ex in built:
                ex.figure.clear()
            bar.update(1)
        _write_text(folder / f"{APPENDIX}.md", doc.to_markdown())
        _write_text(folder / f"{APPENDIX}.html", doc.to_html())
        listing += [(f"{APPENDIX}.md", "methodology appendix (Markdown)", None, doc.title),
                    (f"{APPENDIX}.html", "methodology appendix (HTML)", None, doc.title)]
        bar.update(1)

        bar.set_postfix_str("assessment.json")
        _write_text(folder / ASSESSMENT_JSON, json.dumps(result.to_dict(), sort_keys=True, indent=2,
                                                         ensure_ascii=False, allow_nan=False) + "\n")
        listing.append((ASSESSMENT_JSON, "every number of the assessment (Assessment.to_dict())", None, ""))
        bar.update(1)

        bar.set_postfix_str("index")
        digests = {name: _sha256(folder / name) for name, *_ in listing}  # each file read once
        index = {
            "generator": "toolkit.exhibits.write_pack",
            "matter": case.name,
            "provenance": json_ready(prov.to_dict()),
            "validation_available": validation is not None,
            "files": [{"file": name, "kind": kind, "exhibit": number, "title": title,
                       "sha256": digests[name], "bytes": (folder / name).stat().st_size}
                      for name, kind, number, title in sorted(listing)],
        }
        _write_text(folder / INDEX, json.dumps(index, sort_keys=True, indent=2, ensure_ascii=False) + "\n")
        bar.update(1)

        names = sorted(p.name for p in folder.iterdir() if p.name != MANIFEST)
        _write_text(folder / MANIFEST, "".join(f"{digests.get(n) or _sha256(folder / n)}  {n}\n" for n in names))
        bar.update(1)
    return sorted(folder / name for name in names + [MANIFEST])


class _ExhibitJob:
    """What every process rendering exhibits of one pack needs (inherited by forked workers, never pickled)."""

    def __init__(self, result, prov, folder: Path, formats, first_number: int, paper, keep: bool):
        self.result, self.prov, self.folder, self.formats = result, prov, folder, formats
        self.first_number, self.paper, self.keep = first_number, paper, keep

    def run(self, indices, on_start=None, on_done=None) -> list[tuple[int, int, str, list[str], Exhibit | None]]:
        """Build and save the exhibits ``indices`` of :data:`EXHIBITS`: ``(index, number, title, file names, exhibit
        if kept)`` each."""
        out = []
        for i in indices:
            key, builder = EXHIBITS[i]
            if on_start is not None:
                on_start(key)
            ex = _build_one(builder, self.result, self.first_number + i, self.prov, paper=self.paper)
            names = [path.name for path in ex.save(self.folder, self.formats)]
            if not self.keep:
                ex.figure.clear()
            out.append((i, ex.number, ex.title, names, ex if self.keep else None))
            if on_done is not None:
                on_done()
        return out


_FORKED_JOB: _ExhibitJob | None = None   # the job a forked worker runs (set just before the fork)
_NEXT_EXHIBIT = None                     # shared counter: the next position of the render order to take

#: Rendered first when two processes share a pack: they take the longest (about twice the others in
#: ``benchmarks/bench_pack.py``), so the last exhibits each process takes are short ones.
_SLOWEST_FIRST = ("summary", "tornado")


def _render_order() -> list[int]:
    """Positions of :data:`EXHIBITS` in the order the processes of a pack take them."""
    first = [i for i, (key, _) in enumerate(EXHIBITS) if key in _SLOWEST_FIRST]
    return first + [i for i in range(len(EXHIBITS)) if i not in first]


def _take_turns(order: list[int]):
    """The positions of ``order`` this process renders: each is taken from the shared counter, once."""
    assert _NEXT_EXHIBIT is not None
    while True:
        with _NEXT_EXHIBIT.get_lock():
            k = _NEXT_EXHIBIT.value
            _NEXT_EXHIBIT.value = k + 1
        if k >= len(order):
            return
        yield order[k]


def _run_forked(order) -> list[tuple[int, int, str, list[str], Exhibit | None]]:
    assert _FORKED_JOB is not None
    return [(i, n, t, names, None) for i, n, t, names, _ in _FORKED_JOB.run(_take_turns(order))]


def _pack_workers(workers) -> int:
    """Processes that render a pack's exhibits: ``workers`` if given, else 2 when the process may fork safely.

    Automatic: 2 on a POSIX system other than macOS with fork and at least two usable cores, when this
    process runs no Python thread but the main one (and tqdm's monitor), as on the command line; in a
    Jupyter kernel (several threads) 1, so nothing forks a threaded process.
    """
    import multiprocessing
    import os
    import sys
    import threading

    if workers is not None:
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
            raise InputError("workers", workers, "a whole number >= 1 (processes rendering the exhibits), or None")
        return min(workers, 2) if "fork" in multiprocessing.get_all_start_methods() else 1
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    others = [t for t in threading.enumerate() if t is not threading.main_thread() and type(t).__name__ != "TMonitor"]
    return 2 if cores >= 2 and not others and threading.current_thread() is threading.main_thread() else 1


def _render_exhibits(job: _ExhibitJob, n_workers: int, on_start, on_done):
    """Build and save every exhibit of ``job``, in this process or shared with one forked worker.

    With two workers both processes take the next exhibit of the render order (the slowest first)
    from a shared counter until none is left, so neither waits long for the other; a file's bytes
    do not depend on the process that wrote it. Returns the exhibits in :data:`EXHIBITS` order. An
    error in either process is raised here, after both have stopped.
    """
    indices = list(range(len(EXHIBITS)))
    if n_workers < 2:
        return [r[1:] for r in job.run(indices, on_start, on_done)]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .figure import warm_up

    warm_up(job.formats)   # imports, fonts and font subsets: loaded once, inherited by the worker
    global _FORKED_JOB, _NEXT_EXHIBIT
    context = multiprocessing.get_context("fork")
    _FORKED_JOB, _NEXT_EXHIBIT = job, context.Value("i", 0)
    order = _render_order()
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            child = pool.submit(_run_forked, order)
            mine = job.run(_take_turns(order), on_start, on_done)
            theirs = child.result()
    finally:
        _FORKED_JOB, _NEXT_EXHIBIT = None, None
    for _ in theirs:
        on_done()
    return [r[1:] for r in sorted(mine + theirs, key=lambda r: r[0])]


def _sha256(path: Path) -> str:
    return str(file_sha256(path))


def _write_text(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))
