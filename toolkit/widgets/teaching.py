"""Teaching explorers for the seminar: the Hand formula, causation, and the allocation of fault.

Each explorer is a thin view over pure functions of :mod:`toolkit.liability`:

- :class:`HandExplorer`: B, P and L -> :func:`toolkit.liability.hand_test` (B against P·L).
- :class:`CausationExplorer`: causation strength, an intervening criminal act and prior
  exposure -> P(causation) and the attribution of damages
  (:mod:`toolkit.liability.causation`), and P(liable) (:func:`toolkit.liability.assess_liability`).
- :class:`FaultExplorer`: service model x misconfigured layer x jurisdiction rule (and the
  plaintiff's own fault) -> fault and payable shares (:mod:`toolkit.liability.fault`, through
  :func:`toolkit.liability.assess_liability`).

As with :class:`~toolkit.widgets.CaseExplorer`, ``.controls`` maps names to widgets, ``.state``
reads them as plain values, assigning a ``value`` recomputes and redraws at once, and
``.result`` holds the latest answer; ``.figure`` is the matplotlib Figure shown.
"""
from __future__ import annotations

import numbers

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..case import LAYERS, Case
from ..errors import InputError
from ..plotting.png import encode_png
from ..vocab import SERVICE_MODELS
from ._base import Explorer, label_for
from .view import _new_figure, _style, _usd, figure_pixels

__all__ = ["HandExplorer", "HandResult", "CausationExplorer", "CausationResult", "FaultExplorer", "FaultResult"]


class _FigureExplorer(Explorer):
    """An explorer with one figure, one headline and its controls in a column."""

    figsize = (6.0, 3.2)

    def _init_view(self):
        import ipywidgets as w

        self.figure = _new_figure(self.figsize)
        self.image = w.Image(format="png", layout=w.Layout(width="100%", max_width="600px"))
        self.headline = w.HTML()
        self.status = w.HTML()

    def _render(self, result):
        with _style():
            self.figure.clear()
            self._draw(self.figure, result)
        self.image.value = encode_png(figure_pixels(self.figure))
        self.headline.value = self._headline(result)
        self.status.value = ""

    def _show_error(self, err):
        self.status.value = f"<span style='color:#b00020'>Not applied: {html.escape(str(err))}</span>"

    def _layout(self):
        import ipywidgets as w

        return w.HBox([w.VBox(list(self.controls.values()) + [self.status], layout=w.Layout(width="420px")),
                       w.VBox([self.headline, self.image])])


# --------------------------------------------------------------------------- Hand formula
@dataclass(frozen=True)
class HandResult:
    """The Hand test of one precaution: ``owed`` when B < P·L."""

    B: float
    P: float
    L: float
    PL: float
    margin: float
    verdict: str

    @property
    def owed(self) -> bool:
        """True if the precaution was owed (its burden is below the expected harm it averts)."""
        return self.PL > self.B


def hand_result(B: float, P: float, L: float) -> HandResult:
    """Pure: the Hand comparison for burden ``B``, probability ``P`` and loss ``L``.

    Each must be a positive finite number (``P`` at most 1); otherwise an
    :class:`~toolkit.InputError` names it (the explorer then keeps its last good state).

    >>> r = hand_result(100.0, 0.01, 50_000.0)
    >>> r.PL, r.owed, r.verdict
    (500.0, True, 'B < ΔP·L')
    """
    from ..liability import hand_test

    for name, value in (("B", B), ("P", P), ("L", L)):
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value) or value <= 0:
            raise InputError(name, value, "a positive finite number")
    if P > 1:
        raise InputError("P", P, "a probability in (0, 1]")
    pl, margin, verdict = hand_test(float(B), float(P), float(L))
    return HandResult(float(B), float(P), float(L), float(pl), float(margin), verdict)


class HandExplorer(_FigureExplorer):
    """Learned Hand's formula: was the precaution owed? (B < P·L)

    Parameters
    ----------
    B : float, default=50_000
        Burden: the annual cost of the precaution (USD).
    P : float, default=0.01
        The reduction in the probability of the harm that the precaution buys (per year).
    L : float, default=10_000_000
        The loss if the harm occurs (USD).

    Examples
    --------
    >>> explorer = HandExplorer(B=50_000, P=0.01, L=10_000_000)
    >>> explorer.result.owed        # 50,000 < 0.01 x 10,000,000 = 100,000
    True
    >>> explorer.controls["B"].value = 200_000
    >>> explorer.result.owed, explorer.result.verdict
    (False, 'B >= ΔP·L')

    References
    ----------
    United States v. Carroll Towing Co., 159 F.2d 169, 173 (2d Cir. 1947) (L. Hand, J.).
    """

    figsize = (6.0, 2.6)

    def __init__(self, *, B: float = 50_000.0, P: float = 0.01, L: float = 10_000_000.0):
        import ipywidgets as w

        hand_result(B, P, L)  # refuses a bad B, P or L by name before any widget is built
        style = {"description_width": "130px"}
        lay = w.Layout(width="400px")
        self.controls = {
            "B": w.FloatLogSlider(value=B, base=10, min=1, max=10, step=0.01, description=label_for("B"),
                                  readout_format=",.0f", continuous_update=False, style=style, layout=lay),
            "P": w.FloatLogSlider(value=P, base=10, min=-6, max=0, step=0.01, description=label_for("P"),
                                  readout_format=".2g", continuous_update=False, style=style, layout=lay),
            "L": w.FloatLogSlider(value=L, base=10, min=2, max=11, step=0.01, description=label_for("L"),
                                  readout_format=",.0f", continuous_update=False, style=style, layout=lay),
        }
        self._init_view()
        super().__init__()
        self.update()

    def _compute(self, state):
        return hand_result(state["B"], state["P"], state["L"])

    def _draw(self, fig, r: HandResult):
        ax = fig.add_axes((0.16, 0.22, 0.78, 0.62))
        values = [r.B, r.PL]
        ax.barh([1, 0], values, color=["#2e4057", "#d1495b"], height=0.6)
        ax.set_yticks([1, 0], ["B (burden)", "P·L (expected harm averted)"])
        ax.set_xscale("log")
        low = min(values) / 10 if min(values) > 0 else 1.0
        ax.set_xlim(max(low, 1e-3), max(values) * 10)
        from matplotlib.ticker import FuncFormatter

        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _usd(v)))
        for y, v in zip([1, 0], values):
            ax.text(v * 1.1, y, _usd(v), va="center", fontsize=8)
        ax.set_xlabel("USD per year (log scale)")
        verdict = "owed: not taking it is negligent" if r.owed else "not owed by this test"
        ax.text(0, 1.04, f"B {'<' if r.owed else '>='} P·L: the precaution was {verdict}", transform=ax.transAxes,
                fontsize=9.5, fontweight="bold")

    def _headline(self, r: HandResult) -> str:
        sign = "&lt;" if r.owed else "&ge;"
        return (f"<div style='font-size:15px'>B = {_usd(r.B)} {sign} P·L = {r.P:.3g} × {_usd(r.L)} = "
                f"<b>{_usd(r.PL)}</b>: <span class='hand-verdict'>{'owed' if r.owed else 'not owed'}</span></div>")


# --------------------------------------------------------------------------- causation
@dataclass(frozen=True)
class CausationResult:
    """P(causation), the attribution of damages and P(liable) for one set of causation facts."""

    p_causation: float
    attribution: float
    probability: float
    terms: dict
    curve_x: tuple
    curve_p: tuple
    curve_attribution: tuple


def causation_result(case: Case, loss: float | None = None, params=None) -> CausationResult:
    """Pure: the causation element of ``case`` (and the curve over causation strength).

    >>> case = Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml")
    >>> weak, strong = causation_result(case.replace(causation_strength=0.1)), causation_result(case)
    >>> strong.p_causation > weak.p_causation and strong.attribution > weak.attribution
    True
    """
    from ..liability import assess_liability, resolve_params
    from ..liability.causation import attribution_fraction, causation_probability

    p = resolve_params(params)
    liab = assess_liability(case, loss=loss, params=params)
    xs = tuple(float(x) for x in np.linspace(0.0, 1.0, 21))
    cases = [case.replace(causation_strength=x) for x in xs]
    return CausationResult(
        p_causation=float(liab.p_causation), attribution=float(liab.attribution),
        probability=float(liab.probability), terms=dict(liab.terms["causation"]), curve_x=xs,
        curve_p=tuple(causation_probability(c, p) for c in cases),
        curve_attribution=tuple(attribution_fraction(c, p) for c in cases))


class CausationExplorer(_FigureExplorer):
    """But-for causation and intervening acts: how the facts move P(causation) and the attribution.

    Parameters
    ----------
    case : toolkit.Case
        The matter; its other facts stay fixed.
    loss : float, optional
        L for the Hand test inside P(liable); by default the matter's damages estimate
        (defendant's breach costs plus class damages, medians), as :func:`toolkit.assess` uses.

    Examples
    --------
    >>> case = Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml")
    >>> explorer = CausationExplorer(case)
    >>> before = explorer.result.p_causation
    >>> explorer.controls["intervening_criminal_act"].value = "no"
    >>> explorer.result.p_causation >= before
    True
    """

    def __init__(self, case: Case, *, loss: float | None = None):
        import ipywidgets as w

        from ._base import tristate_toggle

        if not isinstance(case, Case):
            raise InputError("case", type(case).__name__, "a toolkit.Case (e.g. Case.from_yaml(path))")
        if loss is None:
            from ..damages import estimate_damages

            d = estimate_damages(case)
            loss = float(d.total["median"] + d.class_damages["median"])
        self.base_case, self.loss = case, float(loss)
        style = {"description_width": "150px"}
        lay = w.Layout(width="400px")
        self.controls = {
            "causation_strength": w.FloatSlider(value=case.causation_strength, min=0, max=1, step=0.01,
                                                description="Causation strength", continuous_update=False,
                                                style=style, layout=lay),
            "intervening_criminal_act": tristate_toggle("intervening_criminal_act", case.intervening_criminal_act),
            "prior_exposure": w.FloatSlider(value=case.prior_exposure, min=0, max=1, step=0.01,
                                            description="Prior exposure (share)", continuous_update=False,
                                            style=style, layout=lay),
        }
        self._init_view()
        super().__init__()
        self.update()

    def _compute(self, state):
        return causation_result(self.base_case.replace(**state), loss=self.loss)

    def _draw(self, fig, r: CausationResult):
        ax = fig.add_axes((0.10, 0.16, 0.86, 0.70))
        ax.plot(r.curve_x, r.curve_p, color="#2e4057", label="P(causation proven)")
        ax.plot(r.curve_x, r.curve_attribution, color="#d1495b", label="attribution of damages")
        x = self.state["causation_strength"]
        ax.plot([x, x], [r.p_causation, r.attribution], "o", color="black", ms=5)
        ax.axvline(x, color="0.5", lw=0.8, ls="--")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.02)
        ax.set_xlabel("causation strength (how strongly the evidence ties the misconfiguration to the harm)")
        ax.set_ylabel("probability / share")
        ax.legend(loc="lower right", fontsize=8)
        ax.text(0, 1.04, f"P(causation) {r.p_causation:.0%} · attribution {r.attribution:.0%} · "
                         f"P(liable) {r.probability:.0%}", transform=ax.transAxes, fontsize=9.5, fontweight="bold")

    def _headline(self, r: CausationResult) -> str:
        terms = ", ".join(f"{k} {v:+.2f}" for k, v in r.terms.items())
        return (f"<div style='font-size:15px'>P(causation proven): <b class='causation-p'>{r.p_causation:.1%}</b>"
                f" · attribution of damages: <b>{r.attribution:.1%}</b> · P(liable at trial): "
                f"<b>{r.probability:.1%}</b></div><div style='color:#555'>logit terms: {html.escape(terms)}</div>")


# --------------------------------------------------------------------------- fault
@dataclass(frozen=True)
class FaultResult:
    """Fault and payable shares under one service model, layer and jurisdiction rule."""

    table: pd.DataFrame    # party, name, share, payable_share
    rule: str
    jurisdiction: str
    barred: bool
    recovery: float
    reasons: tuple


def fault_result(case: Case, plaintiff_fault: float = 0.0) -> FaultResult:
    """Pure: the allocation of fault for ``case`` (via :func:`toolkit.liability.assess_liability`).

    >>> case = Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml")
    >>> r = fault_result(case.replace(service_model="iaas", misconfigured_layer="physical"))
    >>> bool(r.table.set_index("party").loc["provider", "share"] > 0.5)
    True
    """
    from ..liability import assess_liability

    liab = assess_liability(case, loss=1.0, params={"plaintiff_fault": float(plaintiff_fault)})
    rule = liab.rule
    return FaultResult(table=liab.fault, rule=rule.describe(),
                       jurisdiction=rule.jurisdiction, barred=bool(liab.allocation["barred"]),
                       recovery=float(liab.allocation["recovery"]), reasons=tuple(liab.fault_reasons))


class FaultExplorer(_FigureExplorer):
    """Shared responsibility: service model x misconfigured layer x jurisdiction rule -> who pays.

    Parameters
    ----------
    case : toolkit.Case
        The matter (its parties: customer, provider, integrator).

    Examples
    --------
    >>> case = Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml")
    >>> explorer = FaultExplorer(case)
    >>> shares = explorer.set_state(service_model="saas", misconfigured_layer="platform").table.set_index("party")
    >>> bool(shares.loc["provider", "share"] > 0.5)
    True
    >>> explorer.set_state(jurisdiction="US-VA", plaintiff_fault=0.1).barred   # contributory negligence
    True
    """

    def __init__(self, case: Case):
        import ipywidgets as w

        from .state import governing_jurisdiction, jurisdiction_options

        if not isinstance(case, Case):
            raise InputError("case", type(case).__name__, "a toolkit.Case (e.g. Case.from_yaml(path))")
        self.base_case = case
        style = {"description_width": "150px"}
        lay = w.Layout(width="400px")
        codes = list(jurisdiction_options())
        current = governing_jurisdiction(case)
        if current not in codes:
            codes.insert(0, current)
        self.controls = {
            "service_model": w.Dropdown(options=list(SERVICE_MODELS), value=case.service_model,
                                        description="Service model", style=style, layout=lay),
            "misconfigured_layer": w.Dropdown(options=list(LAYERS), value=case.misconfigured_layer,
                                              description="Misconfigured layer", style=style, layout=lay),
            "jurisdiction": w.Dropdown(options=codes, value=current, description="Governing law", style=style,
                                       layout=lay),
            "plaintiff_fault": w.FloatSlider(value=0.0, min=0.0, max=1.0, step=0.01, description="Plaintiff's fault",
                                             continuous_update=False, style=style, layout=lay),
        }
        self._init_view()
        super().__init__()
        self.update()

    def _compute(self, state):
        from .state import with_jurisdiction

        case = self.base_case.replace(service_model=state["service_model"],
                                      misconfigured_layer=state["misconfigured_layer"])
        case = with_jurisdiction(case, state["jurisdiction"])
        return fault_result(case, state["plaintiff_fault"])

    def _draw(self, fig, r: FaultResult):
        t = r.table
        ax = fig.add_axes((0.10, 0.16, 0.86, 0.70))
        x = np.arange(len(t))
        ax.bar(x - 0.2, t["share"], width=0.4, color="#2e4057", label="share of fault")
        ax.bar(x + 0.2, t["payable_share"], width=0.4, color="#f2c14e", label="payable share of damages")
        for i, (s, p) in enumerate(zip(t["share"], t["payable_share"])):
            ax.text(i - 0.2, s + 0.01, f"{s:.0%}", ha="center", fontsize=8)
            ax.text(i + 0.2, p + 0.01, f"{p:.0%}", ha="center", fontsize=8)
        ax.set_xticks(x, list(t["party"]))
        ax.set_ylim(0, 1.12)
        ax.legend(loc="upper right", fontsize=8)
        title = f"{r.jurisdiction}: {r.rule}" + (" — recovery barred" if r.barred else "")
        ax.text(0, 1.04, title, transform=ax.transAxes, fontsize=9.5, fontweight="bold")

    def _headline(self, r: FaultResult) -> str:
        reasons = "".join(f"<li>{html.escape(x)}</li>" for x in r.reasons)
        barred = " <b style='color:#b00020'>Recovery barred.</b>" if r.barred else ""
        return (f"<div style='font-size:15px'>Rule: {html.escape(r.jurisdiction)} — {html.escape(r.rule)}.{barred}"
                f" Plaintiffs recover {r.recovery:.0%} of their damages.</div><ul>{reasons}</ul>")
