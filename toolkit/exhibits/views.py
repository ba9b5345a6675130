"""The exhibits of the views peers offer: the litigation decision tree, the exceedance curves and
the scenario comparison. Each draws with the matching ``toolkit.plotting.plot_*`` function into a
numbered :class:`~toolkit.exhibits.Exhibit`."""
from __future__ import annotations

from ._text import wrap_text as wrap_label
from .figure import TEXT_WIDTH_IN, Column, Exhibit, draw_table, table_height

__all__ = ["decision_tree_exhibit", "exceedance_exhibit", "comparison_exhibit"]


def _subtitle(result, extra: str = "") -> str:
    text = f"{result.case.name} · defendant: {result.case.defendant}"
    return f"{text} · {extra}" if extra else text


def _plot_exhibit(plot, result, number, prov, *, title: str, extra: str, source: str, height: float, slug: str,
                  **layout) -> Exhibit:
    """A numbered exhibit holding one ``toolkit.plotting`` figure of ``result`` (``plot(result, ax=...)``)."""
    ex = Exhibit(number, title, subtitle=_subtitle(result, extra), source=source, provenance=prov, height=height,
                 slug=slug, **layout)
    plot(result, ax=ex.ax)
    return ex


def decision_tree_exhibit(result, number, prov, **layout) -> Exhibit:
    """Exhibit: the stage tree with branch probabilities, costs and the rolled-back value at every node."""
    from ..litigation import decision_tree
    from ..plotting import plot_decision_tree, usd

    root = decision_tree(result).iloc[0]
    return _plot_exhibit(
        plot_decision_tree, result, number, prov,
        title="Litigation decision tree: stages, probabilities, costs and the value at every node",
        extra=(f"expected award {usd(root['award'])}; expected cost to the defendant {usd(root['defendant_cost'])}; "
               f"expected net to the class {usd(root['plaintiff_net'])} (risk-neutral, present value)"),
        source="toolkit.litigation stage tree (the tree the Monte Carlo samples): probabilities of "
               "surviving dismissal and of liability from toolkit.liability, the other branch "
               "probabilities, stage costs (per side) and durations from the stage parameters (methodology "
               "appendix §2.3); values rolled back from the leaves as probability-weighted averages. The "
               "recommended settlement range also prices each side's attitude to risk, so it differs from "
               "these expected values.",
        height=3.9, slug="decision-tree", **layout)


def exceedance_exhibit(result, number, prov, **layout) -> Exhibit:
    """Exhibit: P(amount > x) for the class track, the penalties and AG settlements."""
    from ..plotting import plot_exceedance, usd

    c = result.outcome_ranges.loc["class_settlement"]
    return _plot_exhibit(
        plot_exceedance, result, number, prov,
        title="Exceedance curves: the probability that each track costs more than a given amount",
        extra=(f"class settlement median {usd(c['median'])} (80% range {usd(c['low'])}–{usd(c['high'])}, happens "
               f"with probability {float(c['probability']):.0%})"),
        source="Assessment.outcome_ranges (the headline ranges every exhibit quotes): each track happens "
               "with its probability, and its amount is lognormal with the stated median and the 80% range as "
               "its 10th and 90th percentiles. Nominal USD.",
        height=3.6, slug="exceedance-curves", **layout)


def comparison_exhibit(comparison, number, prov=None, **layout) -> Exhibit:
    """Exhibit: two or more scenarios in one table and one chart (the chart above the table)."""
    from ..plotting import plot_comparison, usd

    table = comparison.table
    tracks = [t for t in ("class_settlement", "regulatory_fine", "ag_settlement") if f"{t}_median" in table.columns]
    cols = [Column("Scenario"), Column("P(liability)", align="right")]
    cols += [Column(f"{t.replace('_', ' ')}: median (80% range), probability") for t in tracks]
    rows = []
    for label, r in table.iterrows():
        row = [str(label), f"{r['p_liability']:.1%}"]
        for t in tracks:
            p = float(r[f"{t}_probability"])
            row.append(f"{usd(r[f'{t}_median'])} ({usd(r[f'{t}_low'])}–{usd(r[f'{t}_high'])}), {p:.0%}"
                       if p > 0 else "does not arise")
        rows.append(row)
    t_h = table_height(cols, rows)
    chart_h = 0.45 * max(len(table), 2) * max(len(tracks), 1) + 1.3
    names = "; ".join(dict.fromkeys(str(r.case.name) for r in comparison.results))
    ex = Exhibit(number, "Scenario comparison: the headline ranges of each matter or what-if, side by side",
                 subtitle=names, source="Assessment.outcome_ranges of each scenario (the headline ranges every "
                                        "exhibit quotes); seeds and paths as in each scenario's assessment",
                 provenance=prov, height=chart_h + t_h + 0.3, slug="scenario-comparison", **layout)
    fig = ex.figure
    ex.ax.remove()
    # chart on top, table below, both inside the body (positions in figure fractions)
    from .figure import MARGIN_IN, WIDTH_IN

    table_top = ex.header_in + chart_h + 0.3
    ax_table = fig.add_axes((ex._fx(MARGIN_IN), ex._fy(table_top + t_h), ex._fx(WIDTH_IN - MARGIN_IN)
                             - ex._fx(MARGIN_IN), ex._fy(table_top) - ex._fy(table_top + t_h)))
    draw_table(ax_table, cols, rows, width_in=TEXT_WIDTH_IN)
    ax_chart = fig.add_axes((ex._fx(2.0), ex._fy(ex.header_in + chart_h - 0.45),
                             ex._fx(WIDTH_IN - 0.5) - ex._fx(2.0), ex._fy(ex.header_in + 0.1)
                             - ex._fy(ex.header_in + chart_h - 0.45)))
    plot_comparison(comparison, ax=ax_chart)
    ax_chart.set_title("")
    ax_chart.set_yticks(ax_chart.get_yticks(), ["\n".join(wrap_label(t.get_text(), 1.6, 8.5))
                                                for t in ax_chart.get_yticklabels()])
    ex.ax = ax_chart
    ex.table = "fixed"  # positions are set here; no tight layout over the table
    return ex
