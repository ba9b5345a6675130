"""``CaseExplorer``: the no-code dashboard. Pick or bring a matter, edit its facts, move causation
and the governance factors; the headline ranges, liability, damages, fault and the settlement
chart move at once; save the matter and take the exhibits home.

Model and view are apart: :func:`toolkit.widgets.state.assess_state` (pure: matter + plain state
-> :class:`~toolkit.assess.Assessment`, by calling :func:`toolkit.assess` only) and
:class:`toolkit.widgets.view.AssessmentView` (drawing only, artists updated in place). The
explorer gathers widget values, applies a change to the last good matter, calls the first and
hands the result to the second. A value the matter refuses is shown next to its control and the
last good state stays.
"""
from __future__ import annotations

import base64
import html
import io
import re
import shutil
import tempfile
import weakref
import zipfile
from pathlib import Path
from typing import Mapping, cast

from ..case import MAX_DAYS, Case
from ..errors import InputError
from ..vocab import (
    AGGRAVATION,
    AUTHORITIES,
    CONTROLS,
    DATA_TYPES,
    GOVERNANCE,
    HARMS,
    HEADLINE_TRACK_LABELS,
    RESPONSE_DAYS,
    RESPONSE_FLAGS,
    SECTORS,
    SERVICE_MODELS,
)
from ._base import Explorer, label_for, tristate_toggle
from .state import (
    FIELDS,
    FORUMS,
    GROUPS,
    apply_state,
    assess_state,
    initial_state,
    jurisdiction_label,
    jurisdiction_options,
)
from .view import PANELS, TITLES, AssessmentView, _usd
from .warnings import lever_warnings

__all__ = ["CaseExplorer", "INTERACTIVE_N_PATHS", "DEFAULT_MATTER"]

#: Monte Carlo paths per interactive update: sized so that a control change is recomputed and
#: redrawn within the dashboard's budget on a 2-core machine (see benchmarks/bench_widgets.py);
#: the settlement quantiles move by well under 1% between seeds at this size.
INTERACTIVE_N_PATHS = 40_000

#: The matter the dashboard opens with.
DEFAULT_MATTER = "teaching_open_elasticsearch"

REVENUE_LOG_RANGE = (5.0, 12.5)   # $100K .. ~$3.2 trillion
YEARS = tuple(range(1995, 2031))
_LABEL = {"class_size": "Class size", "data_types": "Data types", "sector": "Sector", "service_model": "Service model",
          "incident_year": "Incident year", "jurisdictions": "Jurisdictions", "jurisdiction": "Governing law",
          "forum": "Forum", "regulators": "Regulators", "notified_regulator_on_time": "Regulator told on time",
          "cooperated_with_regulator": "Cooperated w/ regulator", "offered_credit_monitoring": "Credit monitoring",
          "corrected_within_30_days": "Fixed within 30 days", "emotional_distress_alleged": "Distress alleged",
          "identity_theft_reported": "Identity theft", "previous_infringements": "Earlier infringements"}
#: What each lever-block toggle asks (the hover text), in the words of toolkit.Case's documentation.
_HELP = {
    "risk_assessment": "A documented, current risk analysis",
    "change_management": "Configuration changes approved and reviewed",
    "security_program": "A formal security program with named risk owners and a process that remediates gaps",
    "independent_audit": "Regular independent assessments (third-party assessors, or an internal audit "
                         "reporting to the board's audit committee)",
    "executive_oversight": "The board or executives informed; security funded",
    "documentation": "Decisions and drills recorded",
    "training": "Staff trained for their role",
    "days_to_detect": "Days from the start of the exposure to its discovery (leave empty if unknown)",
    "days_to_contain": "Days from discovery to closing the exposure (leave empty if unknown)",
    "days_to_notify": "Days from discovery to the first notice to a regulator or the people affected "
                      "(leave empty if unknown)",
    "notified_regulator_on_time": "The regulator was notified within the deadline",
    "cooperated_with_regulator": "The defendant cooperated with the regulator",
    "offered_credit_monitoring": "Credit monitoring was offered to the people affected",
    "corrected_within_30_days": "The violation was corrected within 30 days of discovery "
                                "(45 C.F.R. § 160.404(b)(2))",
    "evidence_of_misuse": "Evidence that the exposed data was misused",
    "identity_theft_reported": "Class members report identity theft",
    "emotional_distress_alleged": "The class alleges emotional distress",
    "lost_time_alleged": "The class alleges time lost dealing with the breach",
    "previous_infringements": "An earlier finding, order or settlement against the defendant for a similar failure",
    "financial_benefit": "A finding that the business saved money by its lax security (GDPR Art. 83(2)(k))",
}
#: Sliders with a typed-value box beside them (its readout): field -> (low, high, format of the box).
_ENTRY = {"causation_strength": (0.0, 1.0, "{:.2f}"), "p_class_certification": (0.0, 1.0, "{:.2f}"),
          "defendant_revenue_usd": (10 ** REVENUE_LOG_RANGE[0], 10 ** REVENUE_LOG_RANGE[1], None)}
_SUFFIX = {"k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12}
_BLOCK_PREFIXES = ("controls.", "governance.", "response.", "harms.", "aggravation.")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "matter"


def _field_of(err: InputError) -> str | None:
    """The dashboard field an InputError is about (``controls.mfa`` -> ``mfa``, ``jurisdictions[0]`` -> ...)."""
    name = str(getattr(err, "field", "") or "")
    name = name.split("[")[0]
    for prefix in _BLOCK_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix):]
    return name if name in FIELDS else None


def _label(field: str) -> str:
    return _LABEL.get(field, label_for(field))


def parse_entry(field: str, text: str) -> float:
    """The number typed into a slider's box, or :class:`~toolkit.InputError` naming the field, the text
    and the slider's range. Accepts ``0.7``, ``1.2e9``, ``$1,200,000,000`` and ``1.2B`` (K, M, B, T).

    >>> parse_entry("causation_strength", " 0.7 ")
    0.7
    >>> parse_entry("defendant_revenue_usd", "$1.2B")
    1200000000.0
    >>> parse_entry("causation_strength", "-5")
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: causation_strength: got '-5'; allowed: a number between 0 and 1
    """
    low, high, fmt = _ENTRY[field]
    allowed = (f"a number between {low:g} and {high:g}" if fmt else
               f"an amount between {_usd(low)} and {_usd(high)} (the slider's range), e.g. 1.2e9 or 1.2B")
    raw = str(text).strip().replace(",", "").replace("_", "").lstrip("$").strip()
    scale = 1.0
    for suffix in sorted(_SUFFIX, key=len, reverse=True):
        if fmt is None and raw.lower().endswith(suffix):
            raw, scale = raw[:-len(suffix)].strip(), _SUFFIX[suffix]
            break
    try:
        value = float(raw) * scale
    except ValueError:
        raise InputError(field, text, allowed) from None
    if not (value == value and low <= value <= high):
        raise InputError(field, text, allowed)
    return value


def format_entry(field: str, value: float) -> str:
    """What a slider's box shows for ``value``."""
    fmt = _ENTRY[field][2]
    return fmt.format(value) if fmt else _usd(value)


def _data_link(data: bytes, filename: str, mime: str, text: str, css: str) -> str:
    href = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return (f"<a class='{css}' download='{html.escape(filename, quote=True)}' href='{href}' "
            f"style='display:inline-block;padding:4px 10px;border:1px solid #2e4057;border-radius:3px;"
            f"color:#2e4057;text-decoration:none;font-size:13px;white-space:nowrap'>{html.escape(text)}</a>")


class CaseExplorer(Explorer):
    """The dashboard: pick or upload a matter, vary it, see the numbers move, save it, export it.

    Parameters
    ----------
    case : toolkit.Case or str, optional
        The matter to open: a Case, or the name of a shipped matter
        (:func:`toolkit.datasets.list_matters`). Default: :data:`DEFAULT_MATTER`.
    seed : int, default=0
        Seed of the Monte Carlo draws (made once and reused by every update).
    n_paths : int, default=INTERACTIVE_N_PATHS
        Monte Carlo paths per update.
    parameters : dict, optional
        Stage-parameter overrides (``toolkit.litigation.parameters_table()``).
    market_check : bool, default=True
        Also show the market check (the empirical regression's range of comparable class
        settlements; a secondary check, not the headline). It can be switched off in the page
        (``market_toggle``). It is on by default because it fits the latency budget: with it, a
        change takes about 4 ms more CPU (the matter's row is featurised once and memoised;
        benchmarks/bench_widgets.py --market-check).
    export_dir : path, optional
        The session's folder for the exhibit pack (one pack, replaced on each export). Default:
        a private temporary folder, removed when the explorer is garbage-collected or the
        process ends.

    Attributes
    ----------
    controls : dict
        Field name (:data:`toolkit.widgets.state.FIELDS`) -> ipywidget. Assigning a control's
        ``value`` recomputes and redraws before the assignment returns; a value the matter refuses
        is reverted and explained in ``messages[name]``.
    messages : dict
        Field name -> ``ipywidgets.HTML`` next to the control (empty unless a value was refused).
    matter : ipywidgets.Dropdown
        Every shipped matter, and the matters uploaded in this session.
    upload : ipywidgets.FileUpload
        Takes a matter YAML; ``upload_message`` says why a file was refused.
    result : toolkit.assess.Assessment
        The latest good assessment.
    case : toolkit.Case
        The matter as the controls now state it.
    base_case : toolkit.Case
        The matter as loaded (picked or uploaded).
    warnings : list of str
        The lever warnings on screen (:func:`toolkit.widgets.warnings.lever_warnings`).
    view : AssessmentView
        The four figures (``view.figures``), updated in place.
    images : dict
        Panel name -> ``ipywidgets.Image`` showing that figure's background: axes, ticks, labels
        and legend (PNG at device-pixel ratio 2), sent again only when an axis or a label changes.
    overlays : dict
        Panel name -> ``ipywidgets.Image`` laid over the background: the artists that change
        (bars, spans, lines, value labels) on a transparent PNG the size of the axes, which is all
        an update sends (:meth:`AssessmentView.layers`).
    last_pack : list of Path
        The files of the session's exhibit pack (empty before the first export).

    Examples
    --------
    >>> import toolkit as tk
    >>> explorer = CaseExplorer("teaching_open_elasticsearch", n_paths=5_000, market_check=False)
    >>> before = explorer.result.liability.probability
    >>> explorer.controls["causation_strength"].value = 0.95
    >>> explorer.result.liability.probability > before
    True
    >>> explorer.controls["records_exposed"].value = -5
    >>> explorer.case.records_exposed, "refused" in explorer.messages["records_exposed"].value
    (250000, True)
    """

    def __init__(self, case: Case | str | None = None, *, seed: int = 0, n_paths: int = INTERACTIVE_N_PATHS,
                 parameters: Mapping | None = None, market_check: bool = True, export_dir=None):
        import ipywidgets as w

        from ..datasets import list_matters, load_matter
        from ..litigation import Draws

        if case is None:
            case = DEFAULT_MATTER
        if not isinstance(case, (Case, str)):
            raise InputError("case", type(case).__name__, "a toolkit.Case (e.g. Case.from_yaml(path)) or a matter name")
        self.seed, self.n_paths = seed, n_paths
        self.parameters = dict(parameters or {})
        self.market_check = market_check
        self._session = Path(export_dir) if export_dir is not None else Path(tempfile.mkdtemp(prefix="toolkit-dashboard-"))
        if export_dir is None:
            self._cleanup = weakref.finalize(self, shutil.rmtree, str(self._session), True)
        self.draws = Draws.make(n_paths, seed)
        self.view = AssessmentView()
        self.result = None
        self.warnings: list = []
        self.last_pack: list = []
        self._requested_law = None

        # ---- the matter: shipped ones by name, uploaded ones by position in this session
        self._matters: dict = {}
        options = []
        for name in list_matters():
            key = f"shipped:{name}"
            self._matters[key] = name
            options.append((name.replace("_", " "), key))
        initial_key = None
        if isinstance(case, str):
            initial_key = f"shipped:{case}" if f"shipped:{case}" in self._matters else None
            case = cast(Case, load_matter(case))
        else:
            for key, name in list(self._matters.items()):
                if load_matter(name) == case:
                    initial_key = key
                    break
        if initial_key is None:
            self._matters["given"] = case
            options.insert(0, (f"{case.name} (given)", "given"))
            initial_key = "given"
        self.matter = w.Dropdown(options=options, value=initial_key, description="Matter",
                                 style={"description_width": "55px"}, layout=w.Layout(width="300px", max_width="100%"))
        self.matter.add_class("ce-matter")
        self.upload = w.FileUpload(accept=".yaml,.yml", multiple=False, description="Upload matter (YAML)",
                                   layout=w.Layout(width="auto"))
        self.upload.add_class("ce-upload")
        self.upload_message = w.HTML()
        self.upload_message.add_class("ce-upload-message")
        self.title = w.HTML()
        self.title.add_class("ce-title")
        self.save_link = w.HTML()
        self.save_link.add_class("ce-save-box")

        # ---- controls, each with its message
        self.base_case = case
        self._case = case
        self._params = dict(self.parameters)
        self._initial = initial_state(case, self.parameters)
        self.controls = self._build_controls(self._initial)
        self.messages = {}
        for name in FIELDS:
            message = w.HTML(layout=w.Layout(margin="0 0 0 4px"))
            message.add_class("ce-message")
            message.add_class(f"ce-message-{name.replace('_', '-')}")
            self.messages[name] = message

        self.regulators_hint = w.HTML(layout=w.Layout(margin="0 0 0 4px"))
        self.regulators_hint.add_class("ce-regulators-hint")
        self.sensitive_note = w.HTML(layout=w.Layout(margin="0 0 4px 4px"))
        self.sensitive_note.add_class("ce-sensitive")

        # ---- view
        width = {name: int(round(cls.figsize[0] * 72)) for name, cls in AssessmentView.panel_classes().items()}
        self.images = {name: w.Image(format="png", layout=w.Layout(width="100%", max_width=f"{width[name]}px",
                                                                   height="auto"))
                       for name in PANELS}
        for name, image in self.images.items():
            image.add_class("ce-figure")
            image.add_class(f"ce-figure-{name}")
        self.overlays = {name: w.Image(format="png", layout=w.Layout(height="auto")) for name in PANELS}
        for name, image in self.overlays.items():
            image.add_class("ce-layer")
            image.add_class(f"ce-layer-{name}")
        self._stacks = {name: w.Box([self.images[name], self.overlays[name]],
                                    layout=w.Layout(width="100%", max_width=f"{width[name]}px"))
                        for name in PANELS}
        for stack in self._stacks.values():
            stack.add_class("ce-stack")
        self.captions = {name: w.HTML(layout=w.Layout(width="auto")) for name in PANELS}
        for name, caption in self.captions.items():
            caption.add_class(f"ce-caption-{name}")
        self.headline = w.HTML()
        self.headline.add_class("ce-headline")
        self.warning_box = w.HTML()
        self.warning_box.add_class("ce-warnings")
        self.comparables = w.HTML()
        self.comparables.add_class("ce-comparables")
        self.status = w.HTML()
        self.status.add_class("ce-status")
        self.export_button = w.Button(description="Export exhibits", icon="file-archive", button_style="primary",
                                      tooltip="Build the exhibit pack of the current view and offer it as one .zip",
                                      layout=w.Layout(width="auto"))
        self.export_button.add_class("ce-export")
        self.export_button.on_click(lambda _: self._export_clicked())
        self.download = w.HTML()
        self.download.add_class("ce-download-box")
        self.market_toggle = w.Checkbox(value=bool(market_check), indent=False, layout=w.Layout(width="auto"),
                                        description="Show the market check (a secondary regression on comparable "
                                                    "settlements, not the headline)")
        self.market_toggle.add_class("ce-market-toggle")
        self.market_toggle.observe(self._on_market_toggle, names="value")

        super().__init__()  # observes every control (-> _on_change); no error yet
        self.matter.observe(self._on_matter, names="value")
        self.upload.observe(self._on_upload, names="value")
        self._widget = None
        self.update()

    # ------------------------------------------------------------------ controls
    def _build_controls(self, s: dict) -> dict:
        import ipywidgets as w

        wide = {"description_width": "118px"}
        lay = w.Layout(width="auto", max_width="370px")
        c = {}
        c["causation_strength"] = w.FloatSlider(
            value=s["causation_strength"], min=0.0, max=1.0, step=0.01, description="Strength (0–1)",
            continuous_update=False, readout=False, style=wide, layout=lay)
        for name in (*CONTROLS, "prior_warnings", *GOVERNANCE, *RESPONSE_FLAGS, *HARMS, *AGGRAVATION):
            c[name] = tristate_toggle(name, s[name])
            c[name].style.button_width = "76px"  # "unknown" in full
            c[name].description = _label(name)  # on its own line above the buttons (CSS .ce-tristate)
            c[name].add_class("ce-tristate")
            if name in _HELP:
                c[name].tooltip = _HELP[name]
        for name in RESPONSE_DAYS:  # a number of days, or empty for "not stated"
            c[name] = w.Text(value=self._shown(name, s[name]), placeholder="unknown", description=_label(name),
                             continuous_update=False, tooltip=_HELP[name], style={"description_width": "150px"},
                             layout=w.Layout(width="260px", max_width="100%"))
        c["records_exposed"] = w.FloatText(value=s["records_exposed"], description=label_for("records_exposed"),
                                           style=wide, layout=lay)
        c["class_size"] = w.FloatText(value=s["class_size"], description="Class size", style=wide, layout=lay)
        c["data_types"] = w.SelectMultiple(options=list(DATA_TYPES), value=tuple(s["data_types"]), rows=4,
                                           description="Data types", style=wide, layout=lay)
        c["sector"] = w.Dropdown(options=list(SECTORS), value=s["sector"], description="Sector", style=wide, layout=lay)
        c["service_model"] = w.Dropdown(options=list(SERVICE_MODELS), value=s["service_model"],
                                        description="Service model", style=wide, layout=lay)
        c["incident_year"] = w.Dropdown(options=self._year_options(s["incident_year"]),
                                        value=self._shown("incident_year", s["incident_year"]),
                                        description="Incident year", style=wide, layout=lay)
        revenue = s["defendant_revenue_usd"]
        self._revenue_stated = revenue is not None
        self._revenue_placeholder = self._revenue_default() if revenue is None else float(revenue)
        c["defendant_revenue_usd"] = w.FloatLogSlider(
            value=max(self._revenue_placeholder, 10 ** REVENUE_LOG_RANGE[0]), base=10, min=REVENUE_LOG_RANGE[0],
            max=REVENUE_LOG_RANGE[1], step=0.01, description=label_for("defendant_revenue_usd"),
            continuous_update=False, readout=False, style=wide, layout=lay)
        c["jurisdictions"] = w.SelectMultiple(options=self._jurisdiction_options(s["jurisdictions"]),
                                              value=tuple(s["jurisdictions"]), rows=5, description="Jurisdictions",
                                              style=wide, layout=lay)
        c["jurisdiction"] = w.Dropdown(options=self._jurisdiction_options(s["jurisdictions"]), value=s["jurisdiction"],
                                       description="Governing law", style=wide, layout=lay)
        c["forum"] = w.Dropdown(options=self._forum_options(s["forum"]), value=s["forum"], description="Forum",
                                style=wide, layout=lay)
        c["regulators"] = w.SelectMultiple(options=self._regulator_options(), value=tuple(s["regulators"]), rows=5,
                                           description="Regulators", style=wide, layout=lay)
        c["p_class_certification"] = w.FloatSlider(
            value=s["p_class_certification"], min=0.0, max=1.0, step=0.01,
            description="P(class certified)", continuous_update=False, readout=False,
            style=wide, layout=lay)
        for name, control in c.items():
            control.add_class(f"ce-control-{name.replace('_', '-')}")
        c = {name: c[name] for name in FIELDS}
        # each slider has a box beside it: it shows the value and takes a typed one, refused
        # next to it when out of range (a slider's own readout would clamp it silently)
        self.entries = {}
        for name in _ENTRY:
            c[name].layout = w.Layout(width="auto", flex="1 1 auto", min_width="0")
            entry = w.Text(value=format_entry(name, c[name].value), continuous_update=False,
                           tooltip="Type a value and press Enter", layout=w.Layout(width="72px", flex="0 0 72px"))
            entry.add_class(f"ce-entry-{name.replace('_', '-')}")
            entry.observe(lambda change, name=name: self._on_entry(name, change["new"]), names="value")
            self.entries[name] = entry
        return c

    @staticmethod
    def _shown(name: str, value):
        """The widget value that shows a state value (a day count's box is empty when not stated)."""
        if name in RESPONSE_DAYS:
            return "" if value is None else f"{value:g}"
        if name == "incident_year":  # a Dropdown shows a None value as a blank box, not as "not stated"
            return "" if value is None else value
        if name in ("data_types", "jurisdictions", "regulators"):
            return tuple(value)
        return value

    @staticmethod
    def _revenue_default() -> float:
        from ..liability import LiabilityParams

        return float(LiabilityParams().default_revenue_usd)

    @staticmethod
    def _year_options(year):
        years = list(YEARS)
        if year is not None and year not in years:
            years.append(year)
        return [("not stated", "")] + [(str(y), y) for y in sorted(years)]

    @staticmethod
    def _jurisdiction_options(codes):
        return [(jurisdiction_label(code), code) for code in jurisdiction_options(extra=tuple(codes))]

    @staticmethod
    def _forum_options(forum):
        forums = list(FORUMS)
        if forum not in [v for _, v in forums]:
            forums.insert(0, (f"{forum} (the matter's forum)", forum))
        return forums

    @staticmethod
    def _regulator_options():
        return [(f"{code} · {a.name}", code) for code, a in AUTHORITIES.items()]

    def _read(self, name, control):
        value = control.value
        if name in ("records_exposed", "class_size") and isinstance(value, float) and value == value \
                and abs(value) != float("inf") and value == int(value):
            return int(value)
        if name == "defendant_revenue_usd" and not self._revenue_stated and value == self._revenue_placeholder:
            return None  # not stated in the matter and not moved: the engine's default applies
        if name == "defendant_revenue_usd" and not self._revenue_stated \
                and value == max(self._revenue_placeholder, 10 ** REVENUE_LOG_RANGE[0]):
            return None
        if name in ("data_types", "jurisdictions", "regulators"):
            return tuple(value)
        if name == "incident_year" and value == "":
            return None
        if name in RESPONSE_DAYS:  # empty means not stated; a number passes; other text goes to the Case to refuse
            text = str(value).strip()
            if text == "" or text.lower() == "unknown":
                return None
            try:
                number = float(text.replace(",", ""))
            except ValueError:
                return text
            return int(number) if number == number and abs(number) != float("inf") and number == int(number) \
                else number
        return value

    def _name_of(self, owner) -> str | None:
        for name, control in self.controls.items():
            if control is owner:
                return name
        return None

    def _show_state(self, case: Case) -> None:
        """Set every control to what ``case`` states (without recomputing)."""
        state = initial_state(case, self._params)
        if self._requested_law is not None:
            state["jurisdiction"] = self._requested_law
        self._batch = True
        try:
            # option lists are re-sent to the browser only when they change (a matter with new codes)
            self._set_options("jurisdictions", self._jurisdiction_options(state["jurisdictions"]))
            self._set_options("jurisdiction", self._jurisdiction_options(
                tuple(state["jurisdictions"]) + (state["jurisdiction"],)))
            self._set_options("forum", self._forum_options(state["forum"]))
            self._set_options("incident_year", self._year_options(state["incident_year"]))
            for name, value in state.items():
                control = self.controls[name]
                if name == "defendant_revenue_usd":
                    if value is None:
                        value = max(self._revenue_placeholder, 10 ** REVENUE_LOG_RANGE[0])
                if self._read(name, control) != value or control.value != self._shown(name, value):
                    value = self._shown(name, value)
                    if control.value != value:
                        control.value = value
            for name, entry in self.entries.items():
                text = format_entry(name, self.controls[name].value)
                if entry.value != text:
                    entry.value = text
        finally:
            self._batch = False

    def _set_options(self, name: str, options: list) -> None:
        control = self.controls[name]
        if [tuple(o) for o in getattr(self, "_options", {}).get(name, ())] != [tuple(o) for o in options]:
            control.options = options
            self._options = {**getattr(self, "_options", {}), name: list(options)}

    # ------------------------------------------------------------------ changes
    def _on_entry(self, name: str, text: str) -> None:
        """A value typed into a slider's box: moves the slider, or is refused next to it."""
        if self._batch:
            return
        try:
            value = parse_entry(name, text)
        except InputError as err:
            self.error = err
            self._refuse(name, text, err)
            self._show_state(self._case)
            return
        if value != self.controls[name].value:
            self.controls[name].value = value  # recomputes (or refuses) through _on_change
        else:
            self._show_state(self._case)

    def _refuse(self, field: str | None, shown, err: InputError) -> None:
        """Show why ``shown`` was refused next to the control of ``field`` (and clear every other message)."""
        for name in self.messages:
            self.messages[name].value = ""
        allowed = err.allowed
        if field in RESPONSE_DAYS:  # the box's own words: it is left empty, not omitted
            allowed = f"a number of days between 0 and {MAX_DAYS:,}, or an empty box for unknown"
        if field in self.messages:
            self.messages[field].value = (
                f"<span style='color:#b00020;font-size:12px'>{html.escape(_label(field))} "
                f"{html.escape(repr(shown) if isinstance(shown, str) else str(shown))} refused: "
                f"{html.escape(str(allowed))}"
                f"{' (' + html.escape(str(err.hint)) + ')' if getattr(err, 'hint', None) else ''}. "
                f"Kept the last good value.</span>")
        self.status.value = ""

    def _on_change(self, change=None):
        if self._batch:
            return
        name = self._name_of(change["owner"]) if change is not None else None
        if name is None:
            self.update()
            return
        value = self._read(name, self.controls[name])
        self._apply({name: value})

    def set_state(self, values: Mapping | None = None, **kwargs):
        """Set several fields at once (one recomputation); returns the new result.

        A refused value (unknown field, or a value the matter refuses) raises
        :class:`toolkit.InputError` and leaves the last good state on screen.
        """
        values = self._checked_state(values, kwargs)
        if not self._apply(values):
            raise self.error
        return self.result

    def _apply(self, changes: dict) -> bool:
        """Apply ``changes`` to the last good matter; show the result, or refuse next to the control."""
        if "jurisdiction" in changes:
            self._requested_law = changes["jurisdiction"]
        elif "jurisdictions" in changes:
            self._requested_law = None
        try:
            case, params = apply_state(self._case, changes, self._params)
            result = self._assess(case, params)
        except InputError as err:
            self.error = err
            field = _field_of(err) or next(iter(changes), None)
            self._refuse(field, changes.get(field, err.value), err)
            if "jurisdiction" in changes:
                self._requested_law = None
            self._show_state(self._case)  # the last good state stays on screen
            return False
        self.error = None
        for message in self.messages.values():
            message.value = ""
        self._case, self._params = case, params
        self.result = result
        self._show_state(case)
        self._render(result)
        return True

    def _assess(self, case: Case, params: dict):
        return assess_state(case, {}, seed=self.seed, n_paths=self.n_paths, parameters=params, draws=self.draws,
                            market_check=self.market_check, memo=True)

    def update(self):
        """Recompute the current matter and redraw; returns the result."""
        self._apply({})
        return self.result

    # ------------------------------------------------------------------ matters
    def load(self, case: Case, *, label: str | None = None):
        """Open ``case``: every control set to its values, the stage parameters to the explorer's; returns the result."""
        if not isinstance(case, Case):
            raise InputError("case", type(case).__name__, "a toolkit.Case")
        self.base_case = case
        self._case = case
        self._params = dict(self.parameters)
        self._requested_law = None
        revenue = case.defendant_revenue_usd
        self._revenue_stated = revenue is not None
        self._revenue_placeholder = self._revenue_default() if revenue is None else float(revenue)
        self._show_state(case)
        self.update()
        return self.result

    def _on_market_toggle(self, change):
        self.market_check = bool(change["new"])
        self.update()

    def _on_matter(self, change):
        from ..datasets import load_matter

        key = change["new"]
        value = self._matters.get(key)
        case = load_matter(value) if isinstance(value, str) else value
        self.upload_message.value = ""
        self.load(case)

    def _on_upload(self, change):
        files = change["new"]
        if not files:
            return
        item = files[0] if isinstance(files, (list, tuple)) else next(iter(files.values()))
        name = str(item.get("name") or "matter.yaml")
        content = bytes(item.get("content") or b"")
        try:
            case = self.read_upload(name, content)
        except InputError as err:
            self.upload_message.value = (f"<span style='color:#b00020;font-size:12px'>{html.escape(name)} refused: "
                                         f"{html.escape(str(err))}. Kept the current matter.</span>")
        else:
            key = f"upload:{len(self._matters)}"
            self._matters[key] = case
            label = f"{case.name} (uploaded: {name})"
            self.matter.unobserve(self._on_matter, names="value")
            try:
                self.matter.options = list(self.matter.options) + [(label, key)]
                self.matter.value = key
            finally:
                self.matter.observe(self._on_matter, names="value")
            self.upload_message.value = (f"<span style='color:#1b5e20;font-size:12px'>Loaded {html.escape(name)}."
                                         "</span>")
            self.load(case)
        finally:
            try:
                self.upload.value = ()
            except Exception:  # pragma: no cover - older ipywidgets
                pass

    def read_upload(self, filename: str, content: bytes) -> Case:
        """A matter from an uploaded file's bytes, validated by :class:`~toolkit.Case` (safe YAML only).

        Raises :class:`toolkit.InputError` naming the field, with the file's name (not a server path).
        """
        folder = self._session / "upload"
        folder.mkdir(parents=True, exist_ok=True)
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(filename).name)[:80] or "matter.yaml"
        path = folder / safe
        path.write_bytes(content)
        try:
            return Case.from_yaml(path)
        except InputError as err:
            text = lambda v: v.replace(str(path), filename) if isinstance(v, str) else v  # noqa: E731
            raise InputError(err.field, text(err.value), text(err.allowed), text(err.hint) if err.hint else None) \
                from None
        finally:
            path.unlink(missing_ok=True)

    # ------------------------------------------------------------------ view
    @property
    def case(self) -> Case:
        """The matter as the controls now state it."""
        return self._case

    @property
    def figures(self) -> dict:
        """Panel name -> matplotlib Figure (updated in place)."""
        return self.view.figures

    def _render(self, result):
        changed = self.view.draw(result)
        for name in changed:
            background, data, box = self.view.layers(name)
            self.images[name].value = background  # sent only when it differs (an axis or a label moved)
            self._place(name, box)
            self.overlays[name].value = data
            self.captions[name].value = (f"<div style='font-size:12.5px;line-height:1.3'><b>{html.escape(TITLES[name])}"
                                         f"</b><br>{html.escape(self.view.captions.get(name, ''))}</div>")
        self.warnings = lever_warnings(result, self._requested_law)
        self.headline.value = headline_html(result)
        self.warning_box.value = warnings_html(self.warnings)
        self.title.value = (f"<div style='font-size:18px;line-height:1.3'><b class='ce-matter-name'>"
                            f"{html.escape(result.case.name)}</b> <span style='color:#555'>·</span> "
                            f"<span class='ce-defendant'>{html.escape(result.case.defendant)}</span></div>")
        table = result.comparables
        if not (isinstance(getattr(self, "_shown_comparables", None), type(table))
                and self._shown_comparables.equals(table)):
            self.comparables.value = comparables_html(result)
            self._shown_comparables = table
        self._refresh_save_link(result.case)
        sensitive = result.case.sensitive_category
        self.sensitive_note.value = (
            "<span style='font-size:12px;color:#444'>Sensitive category (from the data types): "
            f"{html.escape(', '.join(sensitive) if sensitive else 'none')}.</span>")
        inferred = getattr(result, "regulators", None)
        self.regulators_hint.value = (
            f"<span style='font-size:12px;color:#444'>None selected: the model infers "
            f"{html.escape(', '.join(inferred) or 'none')} from the jurisdictions and sector.</span>"
            if result.case.regulators is None and inferred is not None else "")
        stale = self.download.value and getattr(self, "_exported", None) is not result
        self.status.value = ("<span style='font-size:12px;color:#8a5a00'>The zip holds the view as it was when "
                             "exported: export again for this one.</span>" if stale else "")

    def _place(self, name: str, box: tuple) -> None:
        """Lay the overlay of ``name`` over its background at ``box`` (figure pixels), in percent of the
        figure's width, so it scales with the background (a top margin in percent is of the width too)."""
        figure_width = self.view.figures[name].canvas.get_width_height(physical=True)[0]
        left, top, width, _ = box
        pct = lambda v: f"{100 * v / figure_width:.4f}%"  # noqa: E731
        layout = self.overlays[name].layout
        if layout.width != pct(width):
            layout.width, layout.left, layout.margin = pct(width), pct(left), f"{pct(top)} 0 0 0"

    def _refresh_save_link(self, case: Case) -> None:
        if getattr(self, "_saved_case", None) == case:
            return
        self._saved_case = case
        self.save_link.value = _data_link(case.to_yaml().encode("utf-8"), f"{_slug(case.name)}.yaml",
                                          "application/x-yaml", "Save matter (YAML)", "ce-save")

    def _layout(self):
        import ipywidgets as w

        def row(name):
            extra = [self.regulators_hint] if name == "regulators" else []
            control = self.controls[name]
            if name in self.entries:
                control = w.HBox([control, self.entries[name]], layout=w.Layout(width="auto", max_width="370px",
                                                                                 align_items="center"))
            return w.VBox([control, self.messages[name], *extra], layout=w.Layout(width="auto"))

        def note(text):
            return w.HTML(f"<div style='font-size:12px;color:#444;line-height:1.3;margin:0 0 4px'>{text}</div>")

        several = "Ctrl-click (⌘-click on a Mac) to pick several in a list."
        intro = {
            "Facts": note(f"The facts of the matter. {several}"),
            "Causation": note("How strongly the evidence ties the misconfiguration to the exposure and the harm: "
                              "0 = not at all, 1 = conclusively. Drag, or type a value and press Enter."),
            "Law": note(f"Where the matter is litigated and regulated. {several}"),
            "Controls": note("Was each technical control in place? <i>unknown</i> when the evidence is silent."),
            "Governance program": note("The security program around the controls: evidence of care, or its "
                                       "absence, and a penalty factor. <i>unknown</i> moves nothing."),
            "Incident response": note("How the incident was handled. Day counts: leave a box empty if not "
                                      "known. <i>unknown</i> moves nothing."),
            "Harms and aggravation": note("What the class alleges. <i>unknown</i> moves nothing."),
        }
        sections = []
        for group, names in GROUPS.items():
            children = [intro[group]] if group in intro else []
            for n in names:
                if n == AGGRAVATION[0]:
                    children += [w.HTML("<b style='font-size:13px'>Aggravation</b>"),
                                 note("Findings that move a penalty toward its cap; ignored warnings are "
                                      "under Controls."), ]
                children.append(row(n))
                if n == HARMS[-1]:
                    children.append(self.sensitive_note)
            sections.append(w.VBox(children, layout=w.Layout(width="auto", padding="2px 0")))
        groups = w.Accordion(children=sections, layout=w.Layout(width="auto"))
        for i, group in enumerate(GROUPS):
            groups.set_title(i, group)
        groups.selected_index = list(GROUPS).index("Causation")  # what the user moves most
        groups.add_class("ce-groups")
        self.groups = groups
        left = w.VBox([groups], layout=w.Layout(flex="0 1 340px", width="340px", max_width="100%", min_width="0"))
        left.add_class("ce-left")
        def card(name):
            return w.VBox([self.captions[name], self._stacks[name]], layout=w.Layout(min_width="0", width="auto"))

        first = w.Box([card("settlement"), card("liability")],
                      layout=w.Layout(display="grid", width="auto",
                                      grid_template_columns="repeat(auto-fit, minmax(min(380px, 100%), 1fr))",
                                      grid_gap="6px"))
        rest = w.Box([card("damages"), card("fault")],
                     layout=w.Layout(display="grid", width="auto",
                                     grid_template_columns="repeat(auto-fit, minmax(min(380px, 100%), 1fr))",
                                     grid_gap="6px"))
        right_children = [self.headline, self.warning_box, first, rest, self.market_toggle,
                          w.HTML("<b>Comparable outcomes</b>"), self.comparables]
        right = w.VBox(right_children, layout=w.Layout(flex="1 1 380px", min_width="0", width="auto"))
        right.add_class("ce-right")
        bar = w.HBox([self.matter, w.VBox([self.upload, self.upload_message], layout=w.Layout(min_width="0")),
                      self.save_link, self.export_button, self.download, self.status],
                     layout=w.Layout(flex_flow="row wrap", align_items="center", grid_gap="6px 10px", width="auto"))
        bar.add_class("ce-bar")
        body = w.HBox([left, right], layout=w.Layout(flex_flow="row wrap", align_items="flex-start", width="auto",
                                                     grid_gap="8px"))
        css = w.HTML("<style>"
                     ".ce-app{max-width:100%;box-sizing:border-box;overflow-wrap:anywhere}"
                     ".ce-app .widget-box{overflow:visible}"
                     ".ce-app img.ce-figure{margin:0;max-width:100%;height:auto}"
                     ".ce-app .ce-stack{position:relative;display:block;line-height:0}"
                     ".ce-app .ce-stack img.ce-figure{width:100%}"
                     ".ce-app img.ce-layer{position:absolute;top:0;max-width:none;pointer-events:none}"
                     ".ce-app .ce-table{border-collapse:collapse;width:100%;table-layout:fixed;font-size:12px}"
                     ".ce-app .ce-table td,.ce-app .ce-table th{padding:2px 4px;overflow-wrap:anywhere;"
                     "text-align:left}"
                     ".ce-app .widget-html-content{white-space:normal;line-height:1.35}"
                     ".ce-app .widget-select-multiple select{min-width:0}"
                     ".ce-app .ce-ranges th{white-space:nowrap;overflow-wrap:normal}"
                     ".ce-app .ce-market-toggle{height:auto}"
                     ".ce-app .ce-market-toggle .widget-label-basic{white-space:normal;overflow:visible;line-height:1.3}"
                     ".ce-app .ce-tristate{flex-wrap:wrap;height:auto}"
                     ".ce-app .ce-tristate>label{flex:0 0 100%;width:100%!important;max-width:100%;text-align:left}"
                     # the upload button's own text counts the files it holds ("(0)"): show only its name
                     ".ce-app .ce-upload{font-size:0!important}.ce-app .ce-upload i{font-size:13px}"
                     ".ce-app .ce-upload::after{content:'Upload matter (YAML)';font-size:13px;margin-left:4px}"
                     "</style>")
        app = w.VBox([css, self.title, bar, body], layout=w.Layout(width="auto", max_width="100%"))
        app.add_class("ce-app")
        return app

    # ------------------------------------------------------------------ export
    def _export_clicked(self):
        self.status.value = "<span style='font-size:12px'>Building the exhibit pack…</span>"
        self.download.value = ""
        try:
            self.export()
        except Exception as err:  # shown to the user, not swallowed
            self.status.value = (f"<span style='color:#b00020;font-size:12px'>Export failed: "
                                 f"{html.escape(str(err))}</span>")
            return
        self.status.value = (f"<span style='font-size:12px'>{len(self.last_pack)} files, "
                             f"{len(self._zip) / 1e6:.1f} MB</span>")

    def export(self, *, formats=("pdf", "png")) -> list:
        """Build the exhibit pack of the view on screen and offer it as one .zip; returns the pack's files.

        The pack is :func:`toolkit.exhibits.write_pack` of the assessment on screen (the matter as
        the controls state it, the same seed, paths and stage parameters; with ``report.pdf`` when
        ``write_pack`` can write it), written to the
        session's one pack folder (``<export_dir>/pack``), which each export replaces. The zip
        holds exactly the pack's files and is handed to the browser as a data URL on an anchor
        with a ``download`` attribute ("Download exhibits (zip)"); ``exhibits_zip`` keeps its bytes.
        """
        from ..exhibits import write_pack

        result = self.result
        folder = self._session / "pack"
        paths = write_pack(result.case, folder, seed=result.seed, n_paths=result.n_paths, result=result,
                           formats=formats, force=folder.exists(), report=True)
        paths = [Path(p) for p in paths]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(paths):
                zf.write(path, arcname=path.relative_to(folder).as_posix())
        self._zip = buffer.getvalue()
        self._exported = result
        self.last_pack = paths
        self.download.value = _data_link(self._zip, f"{_slug(result.case.name)}-exhibits.zip", "application/zip",
                                         "Download exhibits (zip)", "ce-download")
        return paths

    @property
    def exhibits_zip(self) -> bytes | None:
        """The bytes of the last export's zip (None before the first export)."""
        return getattr(self, "_zip", None)

    def __repr__(self) -> str:
        return f"<CaseExplorer {self.case.name!r}: {self.result!r}>"


def headline_html(result) -> str:
    """The key numbers: the three headline ranges, liability and the market check.

    The browser test reads ``.ce-probability`` and ``.ce-settlement``.
    """
    from ..plotting import usd

    liab = result.liability
    rows = []
    ranges = result.outcome_ranges
    for track in ranges.index:
        r = ranges.loc[track]
        css = " class='ce-settlement'" if track == "class_settlement" else f" class='ce-range-{track}'"
        if float(r["probability"]) > 0:
            amount = f"{usd(r['low'])} – {usd(r['high'])} (median {usd(r['median'])})"
        else:
            amount = "none expected"
        rows.append(f"<tr><td>{HEADLINE_TRACK_LABELS.get(track, track).capitalize()}</td><td style='text-align:right'>"
                    f"{float(r['probability']):.0%}</td><td{css}>{amount}</td></tr>")
    market = ""
    if result.market_check is not None:
        m = result.market_check
        market = (f"<div class='ce-market' style='font-size:12px;color:#444'>Market check (comparable class "
                  f"settlements): {usd(m['low'])} – {usd(m['high'])} (median {usd(m['median'])})</div>")
    notes = "".join(f"<li>{html.escape(str(n))}</li>" for n in result.notes)
    notes = (f"<details style='font-size:12px'><summary>Notes ({len(result.notes)})</summary><ol>{notes}</ol>"
             f"</details>" if notes else "")
    return (
        "<div style='font-size:14px;line-height:1.4'>"
        f"<div><b>Liability at trial:</b> <span class='ce-probability' style='font-size:17px;font-weight:bold'>"
        f"{liab.probability:.1%}</span> &nbsp;·&nbsp; survives dismissal: "
        f"<span class='ce-survive'>{liab.p_survive_dismissal:.1%}</span> &nbsp;·&nbsp; defendant pays "
        f"{liab.defendant_payable_share:.0%} of damages</div>"
        "<table class='ce-ranges' style='border-collapse:collapse;font-size:13px;margin:2px 0'>"
        "<tr style='color:#555'><th style='text-align:left;padding-right:10px'>outcome</th>"
        "<th style='padding-right:10px'>chance</th><th style='text-align:left'>80% range if it happens</th></tr>"
        + "".join(rows) + "</table>"
        f"{market}{notes}</div>"
    )


def warnings_html(warnings) -> str:
    """The lever warnings as an amber box (empty when there are none)."""
    if not warnings:
        return ""
    items = "".join(f"<li class='ce-warning'>{html.escape(w)}</li>" for w in warnings)
    return ("<div style='background:#fff4d6;border-left:4px solid #e0a800;padding:4px 8px;font-size:12.5px;"
            "margin:4px 0'><b>Outside the model's rules</b><ul style='margin:2px 0 2px 16px;padding:0'>"
            f"{items}</ul></div>")


def comparables_html(result, k: int = 10) -> str:
    """The comparable outcomes as an HTML table (escaped, fits the column)."""
    from ..plotting import usd

    table = result.comparables
    if table is None or len(table) == 0:
        return "<i>No comparable outcomes (market check off or no outcomes table).</i>"
    cols = [c for c in ("defendant", "outcome_type", "jurisdiction", "outcome_year", "records_exposed",
                        "amount_usd", "weight") if c in table.columns]
    shown = table[cols].head(k).copy()
    import pandas as pd

    def text(fmt):
        return lambda v: "" if pd.isna(v) else fmt(v)

    formats = {"amount_usd": usd, "records_exposed": lambda v: f"{int(v):,}", "weight": lambda v: f"{float(v):.2f}",
               "outcome_year": lambda v: f"{int(v)}", "outcome_type": lambda v: str(v).replace("_", " ")}
    for col, fmt in formats.items():
        if col in shown:
            shown[col] = [text(fmt)(v) for v in shown[col]]
    shown.columns = [c.replace("_", " ").replace("outcome ", "") for c in shown.columns]
    return shown.to_html(index=False, na_rep="", border=0, classes="ce-table")
