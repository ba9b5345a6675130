"""``CaseExplorer``: vary causation and the governance factors; liability, damages, fault and the
settlement range move at once.

Model and view are apart: :func:`toolkit.widgets.state.assess_state` (pure: base matter + plain
state -> :class:`~toolkit.assess.Assessment`) and :class:`toolkit.widgets.view.AssessmentView`
(drawing only, artists updated in place). The explorer only gathers widget values, calls the
first and hands the result to the second.
"""
from __future__ import annotations

import html
import math
import re
from pathlib import Path
from typing import Mapping

from ..case import Case
from ..errors import InputError
from ..vocab import CONTROLS, SERVICE_MODELS
from ._base import Explorer, label_for, tristate_toggle
from .state import FIELDS, FORUMS, assess_state, initial_state, jurisdiction_options
from .view import PANELS, TITLES, AssessmentView

__all__ = ["CaseExplorer", "INTERACTIVE_N_PATHS"]

#: Monte Carlo paths per interactive update: sized so that a control change is recomputed and
#: redrawn in well under 150 ms on a 2-core machine (see benchmarks/bench_widgets.py); the
#: settlement quantiles move by well under 1% between seeds at this size.
INTERACTIVE_N_PATHS = 40_000

RECORDS_LOG_RANGE = (0.0, 10.0)   # 1 record .. 10 billion records
REVENUE_LOG_RANGE = (5.0, 12.5)   # $100K .. ~$3.2 trillion


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "matter"


class CaseExplorer(Explorer):
    """Interactive what-if analysis of one matter.

    Parameters
    ----------
    case : toolkit.Case
        The base matter; every control starts at the matter's own value.
    seed : int, default=0
        Seed of the Monte Carlo draws (made once and reused by every update).
    n_paths : int, default=INTERACTIVE_N_PATHS
        Monte Carlo paths per update.
    parameters : dict, optional
        Stage-parameter overrides (``toolkit.litigation.parameters_table()``).
    market_check : bool, default=True
        Show the empirical range of comparable settlements and the comparables table.
    export_dir : path, default="exhibits"
        Where the "Export exhibits" button writes (one new numbered folder per export).

    Attributes
    ----------
    controls : dict
        Field name (:data:`toolkit.widgets.state.FIELDS`) -> ipywidget. Assigning a control's
        ``value`` recomputes and redraws before the assignment returns.
    result : toolkit.assess.Assessment
        The latest assessment.
    state : dict
        The current values of the controls, as plain values (see :mod:`toolkit.widgets.state`).
    case : toolkit.Case
        The matter as the controls now state it.
    view : AssessmentView
        The four figures (``view.figures``), updated in place.
    images : dict
        Panel name -> ``ipywidgets.Image`` showing that figure.

    Examples
    --------
    >>> import toolkit as tk
    >>> case = tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml")
    >>> explorer = CaseExplorer(case, n_paths=5_000, market_check=False)
    >>> before = explorer.result.liability.probability
    >>> explorer.controls["causation_strength"].value = 0.95
    >>> explorer.result.liability.probability > before
    True
    >>> explorer.controls["config_scanning"].value = "yes"
    >>> explorer.result.case.controls["config_scanning"]
    'yes'
    """

    def __init__(self, case: Case, *, seed: int = 0, n_paths: int = INTERACTIVE_N_PATHS,
                 parameters: Mapping | None = None, market_check: bool = True, export_dir="exhibits"):
        import ipywidgets as w

        from ..litigation import Draws

        if not isinstance(case, Case):
            raise InputError("case", type(case).__name__, "a toolkit.Case (e.g. Case.from_yaml(path))")
        self.base_case = case
        self.seed, self.n_paths = seed, n_paths
        self.parameters = dict(parameters or {})
        self.market_check = market_check
        self.export_dir = Path(export_dir)
        self.draws = Draws.make(n_paths, seed)
        self.view = AssessmentView()
        self.exports: list = []
        self.result = None
        self._initial = initial_state(case, self.parameters)
        self.controls = self._build_controls(self._initial)
        self.images = {name: w.Image(format="png", layout=w.Layout(width="100%", max_width="660px"))
                       for name in PANELS}
        for name, image in self.images.items():
            image.add_class(f"ce-figure-{name}")
        self.headline = w.HTML()
        self.headline.add_class("ce-headline")
        self.comparables = w.HTML()
        self.comparables.add_class("ce-comparables")
        self.status = w.HTML()
        self.status.add_class("ce-status")
        self.export_button = w.Button(description="Export exhibits", icon="file", button_style="primary",
                                      tooltip="Write the current view as numbered exhibits")
        self.export_button.on_click(lambda _: self._export_clicked())
        super().__init__()
        self.update()

    # ------------------------------------------------------------------ controls
    def _build_controls(self, s: dict) -> dict:
        import ipywidgets as w

        wide = {"description_width": "150px"}
        lay = w.Layout(width="400px")
        controls = {
            "causation_strength": w.FloatSlider(value=s["causation_strength"], min=0.0, max=1.0, step=0.01,
                                                description=label_for("causation_strength"),
                                                continuous_update=False, readout_format=".2f",
                                                style=wide, layout=lay),
        }
        for name in CONTROLS:
            controls[name] = tristate_toggle(name, s[name])
        controls["prior_warnings"] = tristate_toggle("prior_warnings", s["prior_warnings"])
        records = max(s["records_exposed"], 1)
        controls["records_exposed"] = w.FloatLogSlider(
            value=records, base=10, min=RECORDS_LOG_RANGE[0], max=RECORDS_LOG_RANGE[1], step=0.01,
            description=label_for("records_exposed"), continuous_update=False, readout_format=",.0f",
            style=wide, layout=lay)
        controls["service_model"] = w.Dropdown(options=list(SERVICE_MODELS), value=s["service_model"],
                                               description="Service model", style=wide, layout=lay)
        codes = list(jurisdiction_options())
        if s["jurisdiction"] not in codes:
            codes.insert(0, s["jurisdiction"])
        controls["jurisdiction"] = w.Dropdown(options=codes, value=s["jurisdiction"],
                                              description="Governing law", style=wide, layout=lay)
        forums = list(FORUMS)
        if s["forum"] not in [v for _, v in forums]:
            forums.insert(0, (f"{s['forum']} (the matter's forum)", s["forum"]))
        controls["forum"] = w.Dropdown(options=forums, value=s["forum"], description="Forum", style=wide,
                                       layout=lay)
        controls["p_class_certification"] = w.FloatSlider(
            value=s["p_class_certification"], min=0.0, max=1.0, step=0.01,
            description=label_for("p_class_certification"), continuous_update=False, readout_format=".2f",
            style=wide, layout=lay)
        revenue = s["defendant_revenue_usd"]
        self._revenue_stated = revenue is not None
        if revenue is None:
            from ..liability import LiabilityParams

            revenue = LiabilityParams().default_revenue_usd
        self._revenue_placeholder = float(revenue)
        controls["defendant_revenue_usd"] = w.FloatLogSlider(
            value=max(revenue, 10 ** REVENUE_LOG_RANGE[0]), base=10, min=REVENUE_LOG_RANGE[0],
            max=REVENUE_LOG_RANGE[1], step=0.01, description=label_for("defendant_revenue_usd"),
            continuous_update=False, readout_format=".3s", style=wide, layout=lay)
        for name, control in controls.items():
            control.add_class(f"ce-control-{name.replace('_', '-')}")
        assert tuple(controls) == FIELDS
        return controls

    def _read(self, name, control):
        value = control.value
        if name == "records_exposed":
            if not isinstance(value, (int, float)) or not math.isfinite(value):
                raise InputError("records_exposed", value, "a finite number of records (>= 0)")
            return int(round(value))
        if name == "defendant_revenue_usd" and not self._revenue_stated and value == self._revenue_placeholder:
            return None  # not stated in the matter and not moved: the engine's default applies
        return value

    # ------------------------------------------------------------------ model
    def _compute(self, state: dict):
        return assess_state(self.base_case, state, seed=self.seed, n_paths=self.n_paths,
                            parameters=self.parameters, draws=self.draws, market_check=self.market_check)

    @property
    def case(self) -> Case:
        """The matter as the controls now state it."""
        return self.result.case

    # ------------------------------------------------------------------ view
    @property
    def figures(self) -> dict:
        """Panel name -> matplotlib Figure (updated in place)."""
        return self.view.figures

    def _render(self, result):
        changed = self.view.draw(result)
        for name in changed:
            self.images[name].value = self.view.png(name)
        self.headline.value = headline_html(result)
        self.comparables.value = comparables_html(result)
        self.status.value = ""

    def _show_error(self, err):
        self.status.value = f"<span style='color:#b00020'>Not applied: {html.escape(str(err))}</span>"

    def _layout(self):
        import ipywidgets as w

        def section(title, names):
            return [w.HTML(f"<b>{html.escape(title)}</b>")] + [self.controls[n] for n in names]

        left = w.VBox(
            section("Causation", ["causation_strength"])
            + section("Governance controls (as the evidence shows them)", list(CONTROLS) + ["prior_warnings"])
            + section("Exposure, law and forum", ["records_exposed", "service_model", "jurisdiction", "forum"])
            + section("Litigation and fines", ["p_class_certification", "defendant_revenue_usd"])
            + [w.HBox([self.export_button]), self.status],
            layout=w.Layout(width="430px", min_width="430px"))
        grid = w.GridBox([w.VBox([w.HTML(f"<b>{TITLES[n]}</b>"), self.images[n]]) for n in PANELS],
                         layout=w.Layout(grid_template_columns="repeat(auto-fill, minmax(460px, 1fr))",
                                         grid_gap="8px"))
        right = w.VBox([self.headline, grid, w.HTML("<b>Comparable outcomes</b>"), self.comparables],
                       layout=w.Layout(flex="1 1 auto"))
        return w.HBox([left, right], layout=w.Layout(align_items="flex-start"))

    # ------------------------------------------------------------------ export
    def _export_clicked(self):
        self.status.value = "Writing the exhibits…"
        try:
            paths = self.export()
        except Exception as err:  # shown to the user, not swallowed
            self.status.value = f"<span style='color:#b00020'>Export failed: {html.escape(str(err))}</span>"
            return
        self.status.value = (f"Wrote {len(paths)} files to <code>{html.escape(str(self.exports[-1]))}</code>"
                             if paths else "Nothing written")

    def export(self, directory=None, *, formats=("pdf", "png")) -> list:
        """Write the current view as numbered exhibits; returns the paths written.

        Without ``directory``, every export of this explorer (one session) goes to the same
        folder ``<export_dir>/<matter>-<session>``: the next export replaces the pack there, so
        clicking Export again never piles up packs. The pack is
        :func:`toolkit.exhibits.write_pack` of the assessment on screen (the matter as the
        controls state it, the same seed, paths and stage parameters): the summary, liability
        waterfall, Hand-formula table, damages, fault, settlement range, comparables and tornado
        as numbered exhibits, the methodology appendix, every number as JSON and a sha256
        manifest. It is built beside the folder and swapped in whole; only an earlier exhibit
        pack is ever replaced (see ``python -m toolkit assess --force``).
        """
        from .. import _outdir

        directory = Path(directory) if directory is not None else self._session_dir()
        result = self.result

        def write(folder):
            from .. import exhibits

            return exhibits.write_pack(result.case, folder, seed=result.seed, n_paths=result.n_paths, result=result,
                                       formats=formats)

        directory.parent.mkdir(parents=True, exist_ok=True)
        paths = _outdir.write_into(directory, True, write)
        if directory not in self.exports:
            self.exports.append(directory)
        return paths

    def _session_dir(self) -> Path:
        """This explorer's one export folder: the matter's slug and a per-session token."""
        if getattr(self, "_session", None) is None:
            import secrets
            import time

            self._session = time.strftime("%Y%m%d-%H%M%S") + "-" + secrets.token_hex(2)
        return self.export_dir / f"{_slug(self.base_case.name)}-{self._session}"

    def __repr__(self) -> str:
        return f"<CaseExplorer {self.base_case.name!r}: {self.result!r}>"


def headline_html(result) -> str:
    """The numbers above the figures (the browser test reads ``.ce-probability``)."""
    from ..plotting import usd

    liab, s = result.liability, result.settlement
    market = ""
    if result.market_check is not None:
        m = result.market_check
        market = (f"<div class='ce-market'>Market check (comparable class settlements): "
                  f"{usd(m['low'])} – {usd(m['high'])} (median {usd(m['median'])})</div>")
    notes = "".join(f"<li>{html.escape(str(n))}</li>" for n in result.notes)
    notes = f"<details><summary>Notes ({len(result.notes)})</summary><ol>{notes}</ol></details>" if notes else ""
    return (
        "<div style='font-size:15px;line-height:1.5'>"
        f"<div><b>Probability of liability at trial:</b> <span class='ce-probability'>{liab.probability:.1%}</span>"
        f" &nbsp;·&nbsp; survives dismissal: <span class='ce-survive'>{liab.p_survive_dismissal:.1%}</span>"
        f" &nbsp;·&nbsp; defendant's payable share: {liab.defendant_payable_share:.0%}</div>"
        f"<div><b>Settlement range:</b> <span class='ce-settlement'>{usd(s.low)} – {usd(s.high)}"
        f" (median {usd(s.median)})</span> &nbsp;·&nbsp; bargaining zone {usd(s.zone_low)} – {usd(s.zone_high)}</div>"
        f"{market}{notes}</div>"
    )


def comparables_html(result, k: int = 10) -> str:
    """The comparable outcomes as an HTML table (escaped)."""
    from ..plotting import usd

    table = result.comparables
    if table is None or len(table) == 0:
        return "<i>No comparable outcomes (market check off or no outcomes table).</i>"
    cols = [c for c in ("defendant", "outcome_type", "jurisdiction", "forum", "outcome_year", "records_exposed",
                        "amount_usd", "weight") if c in table.columns]
    shown = table[cols].head(k).copy()
    import pandas as pd

    def text(fmt):
        return lambda v: "" if pd.isna(v) else fmt(v)

    formats = {"amount_usd": usd, "records_exposed": lambda v: f"{int(v):,}", "weight": lambda v: f"{float(v):.2f}",
               "outcome_year": lambda v: f"{int(v)}"}
    for col, fmt in formats.items():
        if col in shown:
            shown[col] = [text(fmt)(v) for v in shown[col]]
    shown.columns = [c.replace("_", " ") for c in shown.columns]
    return shown.to_html(index=False, na_rep="", border=0, classes="ce-table")
