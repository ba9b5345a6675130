"""``assess(case)``: liability, damages, fault, regulatory exposure and the settlement range.

The one entry point the widgets, notebooks, exhibits and the command line call. It chains the
pure pieces: damages (:mod:`toolkit.damages`) → liability with the Hand test against that loss
(:mod:`toolkit.liability`) → the stage tree Monte Carlo and bargaining zone
(:mod:`toolkit.litigation`) → the empirical market check (:class:`toolkit.damages.OutcomeRegressor`
fitted on the curated outcomes).
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from .case import Case
from .errors import InputError
from .litigation import Draws, TrackInputs, parameters_table, settlement_range, simulate, stage_parameters
from .litigation.bargaining import SettlementRange
from .vocab import CONTROL_LABELS, CONTROLS

if TYPE_CHECKING:
    from .summary import Summary

__all__ = ["assess", "Assessment", "headline", "Headline", "simulation_inputs", "market_check_model", "case_to_outcome_row", "case_to_outcome_record",
           "penalty_rows", "matter_regulators", "sensitivity"]

Z90 = 1.2815515655446004  # standard normal quantile at 0.90: low/high bands are P10/P90


def _lognormal_from_band(low: float, median: float, high: float) -> tuple[float, float]:
    """Median and log-sd of a lognormal whose P10/P90 are ``low``/``high``."""
    if not (median > 0):
        return 0.0, 0.0
    low = max(low, median * 1e-6)
    high = max(high, median)
    sigma = (math.log(high) - math.log(low)) / (2 * Z90)
    return float(median), float(min(max(sigma, 0.0), 5.0))


# --------------------------------------------------------------------------- market check
def _outcomes_sha256() -> str | None:
    from .calibration.fitted import outcomes_sha256

    return outcomes_sha256()


def market_check_model(coverage: float = 0.8, exclude: tuple[str, ...] = ()):
    """The market-check :class:`~toolkit.damages.OutcomeRegressor` fitted on the curated outcomes
    without the ``exclude`` incidents (cached), or None without a table."""
    from .calibration.fitted import market_check_model as fitted_market

    return fitted_market(exclude, coverage)


def case_to_outcome_record(case: Case, outcome_type: str = "class_settlement") -> dict:
    """The matter as one outcomes-schema record (a dict, features only): what the market check reads."""
    from .calibration.fitted import median_lag

    disclosed = outcome = None
    if case.incident_year is not None:
        disclosed = case.incident_year
        outcome = disclosed + median_lag().get(outcome_type, 0)
    return {
        "records_exposed": case.records_exposed, "class_size": case.class_size,
        "data_types": ";".join(case.data_types), "sector": case.sector,
        "cloud_provider": case.cloud_provider, "misconfiguration_type": case.misconfiguration_type,
        "service_model": case.service_model, "jurisdiction": case.jurisdictions[-1],
        "forum": case.forum or "", "outcome_type": outcome_type, "year_disclosed": disclosed,
        "outcome_year": outcome, "defendant": case.defendant, "prior_warnings": case.prior_warnings,
        **{c: case.controls[c] for c in CONTROLS},
    }


def case_to_outcome_row(case: Case, outcome_type: str = "class_settlement"):
    """The matter as one row of the outcomes schema (features only), for the market check.

    With ``case.incident_year`` the row is dated by it (``year_disclosed``) and the outcome year is
    that plus the median lag of that outcome type in the curated table; without it both stay empty
    and the model fills them with its fitted median year.
    """
    import pandas as pd

    frame = pd.DataFrame([case_to_outcome_record(case, outcome_type)])
    for column in ("year_disclosed", "outcome_year"):
        frame[column] = frame[column].astype("Float64")
    return frame


# --------------------------------------------------------------------------- inputs
def _fx_to_usd(year: int = 2023) -> dict[str, float] | None:
    """EUR and GBP in USD from data/fx_rates.csv (annual averages, sourced), or None if absent.

    Cached per file version: this runs on every assessment, including each dashboard update.
    """
    from .datasets import data_dir

    path = data_dir() / "fx_rates.csv"
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None  # the regimes then use their documented defaults
    return _fx_cached(str(path), stamp, year)


@functools.lru_cache(maxsize=4)
def _fx_cached(path: str, stamp: int, year: int) -> dict[str, float] | None:
    from .datasets.fx import fx_rate

    from .errors import DataError

    try:
        return {cur: float(fx_rate(cur, year)) for cur in ("EUR", "GBP")}
    except DataError:
        raise  # a broken table is an error, never a silent fallback to the defaults
    except InputError:  # a table without these rows: the regimes' documented defaults apply
        return None


def penalty_rows(regulatory):
    """The rows of a regulatory-exposure table that are penalties (``kind == "penalty"``)."""
    if not len(regulatory):
        return regulatory
    return regulatory[regulatory["kind"] == "penalty"]


def matter_regulators(case: Case) -> tuple[tuple[str, ...], list[str]]:
    """The authorities acting on a matter (:func:`toolkit.regimes.matter_regulators`; imported when first used)."""
    from .regimes import matter_regulators as of_matter

    return of_matter(case)


def simulation_inputs(case: Case, *, parameters: dict | None = None, loss: float | None = None):
    """Liability, damages and regulatory exposure for a matter, reduced to :class:`TrackInputs`.

    The Hand test's loss L (when ``loss`` is None) is the defendant's breach costs, the class's
    actual damages, its statutory damages claims and the penalties the calculators put on the
    matter (medians): what the precaution would have avoided. ``parameters`` (stage-parameter
    overrides) reach the regimes too, so ``penalty_share_*`` and ``ccpa_award_position_willful``
    move the calculators' table.

    Returns ``(inputs, liability, damages_estimate, regulatory)``.
    """
    from .calibration.structural import state_residents
    from .damages import estimate_damages
    from .liability import assess_liability
    from .regimes import regulatory_exposure

    params = stage_parameters(parameters)
    damages = estimate_damages(case)
    regulators, _ = matter_regulators(case)
    regulatory = regulatory_exposure(case, regulators=regulators, fx=_fx_to_usd(), residents=state_residents(case),
                                     parameters=parameters)
    # column sums as pandas takes them (missing values as 0), read from the columns without filtering the table
    kind = regulatory["kind"].to_numpy()
    penalty = kind == "penalty"

    def column_sum(column: str, rows) -> float:
        values = regulatory[column].to_numpy(dtype=float)[rows]
        return float(np.where(np.isnan(values), 0.0, values).sum())

    if loss is None:
        money = column_sum("median", penalty | (kind == "statutory_claim"))
        loss = float(damages.total["median"] + damages.class_damages["median"] + money)
    liability = assess_liability(case, loss=loss)
    d_median, d_sigma = _lognormal_from_band(*(float(damages.class_damages[k]) for k in ("low", "median", "high")))
    if penalty.any():
        f_median, f_sigma = _lognormal_from_band(*(column_sum(k, penalty) for k in ("low", "median", "high")))
    else:
        f_median, f_sigma = 0.0, 0.0
    inputs = TrackInputs(
        p_survive_dismissal=float(liability.p_survive_dismissal), p_liability=float(liability.probability),
        attribution=float(liability.attribution), payable_share=float(liability.defendant_payable_share),
        damages_median=d_median, damages_sigma=d_sigma, fine_median=f_median, fine_sigma=f_sigma,
        parameters=params,
    )
    return inputs, liability, damages, regulatory


# --------------------------------------------------------------------------- result
@dataclass
class Assessment:
    """Everything :func:`assess` found for one matter.

    Attributes
    ----------
    case : Case
    liability : LiabilityAssessment
        ``.probability``, ``.elements``, ``.controls`` (Hand table), ``.fault``.
    damages : pandas.DataFrame
        component, low, median, high (USD), including total and class damages.
    damages_estimate : DamagesEstimate
        The full damages object (per-person harm, per-record benchmarks, notes).
    regulatory : pandas.DataFrame
        regime, low, median, high (USD), basis.
    fault : pandas.DataFrame
        party, share (sums to 1), payable_share.
    settlement : SettlementRange
        ``.low``, ``.median``, ``.high``: the calibrated class-settlement range (the
        ``class_settlement`` row of ``outcome_ranges``); ``.zone_low``, ``.zone_high``,
        ``.plaintiff_reservation``, ``.defendant_reservation``: the stage tree's bargaining zone
        (structural and uncalibrated: it shows the litigation economics, not the headline).
    outcome_ranges : pandas.DataFrame
        The headline (contract): indexed ``class_settlement``, ``regulatory_fine``,
        ``ag_settlement``; columns ``probability`` (that it happens at all), ``low``, ``median``,
        ``high`` (nominal 80% range of the amount if it happens, USD) and ``median_se`` (Monte
        Carlo standard error of the median). Calibrated on the curated outcomes; its measured
        error rate is :func:`toolkit.calibration.load_error_rates`.
    authorities : pandas.DataFrame
        One row per authority acting on the matter: its track, P(any money), calibrated range,
        statutory ceiling and how many of its outcomes the data hold.
    regulators : tuple of str
        The authority codes used (the matter's own, or inferred: see ``notes``).
    structural_ratios : dict
        Per track, how the matter's levers move the empirical level (1 = reference levers).
    excluded_incidents : tuple of str
        The matter's own incidents, left out of every fit.
    market_check : pandas.Series or None
        low, median, high of the empirical OutcomeRegressor for a class settlement like this one.
    market_check_regulatory : pandas.Series or None
        The same for a regulatory fine after a matter like this one (a check on the regulatory track,
        which covers only the regimes with a calculator).
    comparables : pandas.DataFrame
        The most similar past outcomes, with weights.
    simulation : dict
        Means, P10/P50/P90 per side, probability of zero recovery, probability of reaching each stage.
    parameters : pandas.DataFrame
        Stage parameters with their sources.
    seed, n_paths : int
    """

    case: Case
    liability: Any
    damages: Any
    damages_estimate: Any
    regulatory: Any
    fault: Any
    settlement: SettlementRange
    market_check: Any
    comparables: Any
    simulation: dict
    parameters: Any
    seed: int
    n_paths: int
    inputs: TrackInputs
    notes: list = field(default_factory=list)
    market_check_regulatory: Any = None
    outcome_ranges: Any = None
    authorities: Any = None
    regulators: tuple = ()
    structural_ratios: dict = field(default_factory=dict)
    excluded_incidents: tuple = ()
    _tornado: Any = field(default=None, repr=False)
    _sim: Any = field(default=None, repr=False)

    # ------------------------------------------------------------------ tables
    @property
    def penalties(self):
        """The regulatory table without the class's statutory claims (what the regulatory track draws)."""
        return penalty_rows(self.regulatory)

    @property
    def tornado(self):
        """Sensitivity of the median settlement to the main inputs (computed on first use)."""
        if self._tornado is None:
            self._tornado = sensitivity(self.case, seed=self.seed, n_paths=min(self.n_paths, 50_000),
                                        parameters=self._overrides())
        return self._tornado

    def _overrides(self) -> dict:
        defaults = stage_parameters()
        return {k: v for k, v in self.inputs.parameters.items() if defaults[k] != v}

    def summary(self) -> Summary:
        """One table fit for a report (a :class:`toolkit.summary.Summary`, a DataFrame).

        Columns section, item, value, unit, source and ``kind``: ``fact``, ``penalty``,
        ``statutory_claim``, ``private_right`` (one row per regulatory-exposure row with a median),
        ``headline``, ``simulation``, ``market_check`` and ``note``.
        """
        import pandas as pd

        from .summary import Summary

        s = self.settlement
        rows: list[tuple] = [
            ("Matter", "name", self.case.name, "", ""),
            ("Matter", "records exposed", self.case.records_exposed, "people/records", ""),
            ("Liability", "probability negligence is found at trial", self.liability.probability, "probability",
             "toolkit.liability (duty x breach x causation, with defenses)"),
            ("Liability", "probability of surviving the motion to dismiss", self.liability.p_survive_dismissal,
             "probability", "toolkit.liability.standing"),
            ("Liability", "causation attribution of damages", self.liability.attribution, "share", ""),
            ("Fault", "defendant's payable share", self.liability.defendant_payable_share, "share",
             "toolkit.liability.fault"),
            ("Damages", "class damages at trial (median)", float(self.damages_estimate.class_damages["median"]),
             "USD", "toolkit.damages.components"),
            ("Damages", "defendant's breach costs (median total)", float(self.damages_estimate.total["median"]),
             "USD", "toolkit.damages.components"),
            ("Regulatory", "penalties under the statutory calculators (median, if imposed)", self.inputs.fine_median,
             "USD", "toolkit.regimes (GDPR, UK GDPR, HIPAA, NY SHIELD, FTC, SEC)"),
            ("Regulatory", "authorities acting", ", ".join(self.regulators) or "none", "", "Case.regulators or inferred"),
        ]
        rows += [("Regulatory", f"{r.regime}: median", float(r.median), "USD", str(r.basis), r.kind)
                 for r in self.regulatory.itertuples() if pd.notna(r.median)]
        from .vocab import HEADLINE_TRACK_LABELS as labels

        for track, r in self.outcome_ranges.iterrows():
            source = "calibrated on data/outcomes.csv (empirical level x structural ratio; grouped conformal range)"
            rows += [("Headline", f"{labels[track]}: probability it happens", float(r["probability"]), "probability",
                      "toolkit.calibration.ranges", "headline"),
                     ("Headline", f"{labels[track]}: low (P10, if it happens)", float(r["low"]), "USD", source,
                      "headline"),
                     ("Headline", f"{labels[track]}: median (if it happens)", float(r["median"]), "USD", source,
                      "headline"),
                     ("Headline", f"{labels[track]}: high (P90, if it happens)", float(r["high"]), "USD", source,
                      "headline"),
                     ("Headline", f"{labels[track]}: Monte Carlo standard error of the median",
                      float(r["median_se"]), "USD", f"{self.n_paths:,} paths, seed {self.seed}", "headline")]
        rows += [
            ("Stage tree", "expected class recovery at trial", self.simulation["award"]["mean"], "USD (PV)",
             f"{self.n_paths:,} paths, seed {self.seed}", "simulation"),
            ("Stage tree", "probability of zero recovery at trial", self.simulation["p_zero_recovery"], "probability", "",
             "simulation"),
            ("Stage tree", "plaintiffs' reservation value", s.plaintiff_reservation, "USD (PV)", "structural, uncalibrated",
             "simulation"),
            ("Stage tree", "defendant's reservation value", s.defendant_reservation, "USD (PV)", "structural, uncalibrated",
             "simulation"),
        ]
        if self.market_check is not None:
            for k in ("low", "median", "high"):
                rows.append(("Market check", f"comparable class settlements: {k}", float(self.market_check[k]), "USD",
                             "OutcomeRegressor on data/outcomes.csv (see its validation error rates)", "market_check"))
        if self.market_check_regulatory is not None:
            for k in ("low", "median", "high"):
                rows.append(("Market check", f"comparable regulatory fines: {k}",
                             float(self.market_check_regulatory[k]), "USD",
                             "OutcomeRegressor on data/outcomes.csv (see its validation error rates)", "market_check"))
        return Summary.build(rows, notes=self.notes, title=f"Assessment of {self.case.name} (seed {self.seed})")

    def to_dict(self) -> dict:
        """Every number, JSON-ready (floats, strings, lists, dicts)."""
        def frame(df):
            return None if df is None else json_ready(df.to_dict(orient="records"))

        return json_ready({
            "case": self.case.to_dict(), "seed": self.seed, "n_paths": self.n_paths,
            "liability": {"probability": self.liability.probability,
                          "p_survive_dismissal": self.liability.p_survive_dismissal,
                          "attribution": self.liability.attribution,
                          "defendant_payable_share": self.liability.defendant_payable_share,
                          "elements": frame(self.liability.elements), "controls": frame(self.liability.controls)},
            "damages": frame(self.damages), "regulatory": frame(self.regulatory), "fault": frame(self.fault),
            "settlement": self.settlement.to_dict(),
            "market_check": None if self.market_check is None else dict(self.market_check),
            "market_check_regulatory": None if self.market_check_regulatory is None
            else dict(self.market_check_regulatory),
            "comparables": frame(self.comparables), "simulation": self.simulation,
            "outcome_ranges": json_ready(self.outcome_ranges.reset_index().to_dict(orient="records")),
            "authorities": frame(self.authorities), "regulators": list(self.regulators),
            "structural_ratios": self.structural_ratios, "excluded_incidents": list(self.excluded_incidents),
            "parameters": frame(self.parameters), "notes": list(self.notes),
        })

    # ------------------------------------------------------------------ plots
    def plot_settlement(self, ax=None, **kwargs):
        """Distribution of the defendant's cost of litigating, the bargaining zone, the range and the market check."""
        from .plotting import plot_settlement

        return plot_settlement(self, ax=ax, **kwargs)

    def plot_tornado(self, ax=None, **kwargs):
        """Tornado of the median settlement over the main inputs."""
        from .plotting import plot_tornado

        return plot_tornado(self.tornado, ax=ax, **kwargs)

    def plot_fault(self, ax=None, **kwargs):
        """Fault shares and payable shares of customer, provider and integrator."""
        from .plotting import plot_fault

        return plot_fault(self.fault, ax=ax, **kwargs)

    def plot_waterfall(self, ax=None, **kwargs):
        """How each factor moved the liability probability."""
        return self.liability.plot_waterfall(ax=ax, **kwargs)

    def plot_hand(self, ax=None, **kwargs):
        """The Hand-formula test of each relevant control."""
        return self.liability.plot_hand(ax=ax, **kwargs)

    def plot_damages(self, ax=None, **kwargs):
        """Damages components, total and class damages."""
        return self.damages_estimate.plot(ax=ax, **kwargs)

    def __repr__(self) -> str:
        s = self.settlement
        return (f"<Assessment {self.case.name!r}: P(liability)={self.liability.probability:.2f}; settlement "
                f"${s.low:,.0f}–${s.high:,.0f} (median ${s.median:,.0f}); seed {self.seed}, {self.n_paths:,} paths>")

    # ------------------------------------------------------------------ presentation (issue 13)
    # Thin delegates only: the implementations live in toolkit.plotting and toolkit.exhibits.
    def _repr_html_(self) -> str:
        """Compact summary in Jupyter (headline ranges, liability, the run's facts)."""
        from .exhibits.export import assessment_html

        return assessment_html(self)

    def to_frame(self):
        """Every table of the assessment as one long DataFrame (table, row, column, value)."""
        from .exhibits.export import assessment_frame

        return assessment_frame(self)

    def to_csv(self, path):
        """Write :meth:`to_frame` as CSV; returns the path."""
        from .exhibits.export import to_csv

        return to_csv(self, path)

    def to_excel(self, path):
        """Write every table to an Excel workbook, one sheet per table (openpyxl); returns the path."""
        from .exhibits.export import to_excel

        return to_excel(self, path)

    def decision_tree(self):
        """The rolled-back litigation stage tree, one row per node (see toolkit.litigation.decision_tree)."""
        from .litigation import decision_tree

        return decision_tree(self)

    def plot_decision_tree(self, ax=None, **kwargs):
        """The litigation decision tree with probabilities, costs and rolled-back values."""
        from .plotting import plot_decision_tree

        return plot_decision_tree(self, ax=ax, **kwargs)

    def exceedance(self, x=None):
        """P(amount > x) for each headline track (see toolkit.calibration.exceedance.exceedance)."""
        from .calibration.exceedance import exceedance

        return exceedance(self, x)

    def plot_exceedance(self, ax=None, **kwargs):
        """Exceedance curves of the class settlement, the penalties and AG settlements."""
        from .plotting import plot_exceedance

        return plot_exceedance(self, ax=ax, **kwargs)


def json_ready(value):
    """Convert numpy/pandas scalars and containers into plain JSON types (NaN -> None)."""
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return None if not math.isfinite(value) else value
    if value is None or isinstance(value, (int, str)):
        return value
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return str(value)


# --------------------------------------------------------------------------- the headline
@dataclass
class Headline:
    """What the calibrated headline of one matter rests on (:func:`headline`): the part of
    :func:`assess` that :func:`toolkit.assess_many` keeps (no stage tree, market check or tables)."""

    inputs: TrackInputs
    liability: Any
    damages_estimate: Any
    regulatory: Any
    regulators: tuple
    inferred: list
    ratios: dict
    excluded: tuple
    model: Any
    p_class: float
    ranges: Any
    authorities: Any


def headline(case: Case, draws: Draws, *, parameters: dict | None = None, loss: float | None = None,
             headline_model=None) -> Headline:
    """The calibrated headline of a matter (``Assessment.outcome_ranges``) and what it rests on.

    :func:`assess` calls it and adds the stage tree, the market check and the tables;
    :func:`toolkit.assess_many` calls it alone, so its rows are the numbers ``assess`` reports.
    ``draws`` must already match the seed and the number of paths (``assess`` checks them).
    """
    from .calibration import fitted
    from .calibration.ranges import headline_ranges
    from .calibration.structural import statutory_ratio, structural_ratio
    from .regimes import ceilings

    inputs, liability, damages_estimate, regulatory = simulation_inputs(case, parameters=parameters, loss=loss)
    regulators, inferred = matter_regulators(case)
    has_statutory = bool((regulatory["kind"] == "statutory_claim").any()) if len(regulatory) else False
    class_median = float(damages_estimate.class_damages["median"])
    stat = statutory_ratio(case, class_median, parameters) if has_statutory else 0.0
    ratios = structural_ratio(case, stage=parameters, statutory_ratio=stat)
    excluded = fitted.own_incidents(case)
    model = headline_model if headline_model is not None else fitted.headline_predictor(excluded)
    if model is None:
        raise InputError("data", "no outcomes table", "the curated data/outcomes.csv (see toolkit.datasets)")
    assert case.class_size is not None  # a validated Case always has one (records_exposed by default)
    p_class = float(liability.p_survive_dismissal) if case.class_size > 0 else 0.0
    ranges, authorities = headline_ranges(
        case, model=model, ratios=ratios, regulators=regulators, ceilings=ceilings(regulatory), p_class=p_class,
        parameters=inputs.parameters, class_z=draws.damages_z, seed=draws.seed)
    return Headline(inputs=inputs, liability=liability, damages_estimate=damages_estimate, regulatory=regulatory,
                    regulators=regulators, inferred=inferred, ratios=ratios, excluded=excluded, model=model,
                    p_class=p_class, ranges=ranges, authorities=authorities)


# --------------------------------------------------------------------------- entry point
def _check_int(name, value, low, high):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not low <= value <= high:
        raise InputError(name, value, f"a whole number between {low:,} and {high:,}")
    return int(value)


def assess(case: Case, *, seed: int = 0, n_paths: int = 200_000, parameters: dict | None = None,
           loss: float | None = None, market_check: bool = True, draws: Draws | None = None,
           headline_model=None, market_model=None) -> Assessment:
    """Assess a matter: liability, damages, fault, regulatory exposure and the calibrated headline ranges.

    Parameters
    ----------
    case : Case
        The matter.
    seed : int, default=0
        Seed of every random draw; the same seed and inputs give the same numbers.
    n_paths : int, default=200_000
        Monte Carlo paths (stage tree and headline ranges).
    parameters : dict, optional
        Overrides of the stage parameters (see ``toolkit.litigation.parameters_table()``),
        including the calibration's elasticities and the authorities' ``p_money_*`` probabilities.
    loss : float, optional
        The loss L used in the Hand-formula test; defaults to the defendant's breach costs, the
        class's actual damages, its statutory damages claims and the calculators' penalties (medians).
    market_check : bool, default=True
        Also report the market check: the empirical OutcomeRegressor's range of comparable class
        settlements and regulatory fines (a secondary check, not the headline).
    draws : Draws, optional
        Pre-drawn random numbers to reuse (widgets pass theirs so updates are fast and
        differences reflect inputs, not noise); must match ``n_paths`` and ``seed``.
    headline_model : HeadlineModel, optional
        A fitted :class:`toolkit.calibration.HeadlineModel` (or its ``predictor_``) to use instead of
        the one fitted on the curated outcomes without the matter's own incident (the backtest passes
        its fold's). By default the cached fit's predictor (:func:`toolkit.calibration.fitted.headline_predictor`).
    market_model : OutcomeRegressor, optional
        A fitted market-check model (or its ``predictor_``) to use instead of the one fitted without
        the matter's own incident (the dashboard passes that same model behind a per-row memo, so a slider move
        does not re-run its featurisation).

    Returns
    -------
    Assessment
        ``outcome_ranges`` holds the headline; ``settlement.low/median/high`` equal its
        ``class_settlement`` row.

    Examples
    --------
    >>> import toolkit as tk
    >>> case = tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml")
    >>> result = tk.assess(case, seed=7, n_paths=20_000, market_check=False)
    >>> 0.0 <= result.liability.probability <= 1.0
    True
    >>> ranges = result.outcome_ranges
    >>> bool((ranges["low"] <= ranges["median"]).all() and (ranges["median"] <= ranges["high"]).all())
    True
    >>> bool(result.settlement.median == ranges.loc["class_settlement", "median"])
    True
    """
    import pandas as pd

    from .calibration import fitted

    if not isinstance(case, Case):
        raise InputError("case", type(case).__name__, "a toolkit.Case (e.g. Case.from_yaml(path))")
    seed = _check_int("seed", seed, 0, 2**63 - 1)
    n_paths = _check_int("n_paths", n_paths, 1_000, 20_000_000)
    if draws is None:
        draws = Draws.make(n_paths, seed)
    elif draws.n != n_paths or draws.seed != seed:
        raise InputError("draws", f"Draws(n={draws.n}, seed={draws.seed})",
                         f"draws made with n_paths={n_paths} and seed={seed}")
    h = headline(case, draws, parameters=parameters, loss=loss, headline_model=headline_model)
    inputs, liability, damages_estimate, regulatory = h.inputs, h.liability, h.damages_estimate, h.regulatory
    params, ratios, excluded, model, p_class = inputs.parameters, h.ratios, h.excluded, h.model, h.p_class
    ranges, authorities, regulators = h.ranges, h.authorities, h.regulators
    sim = simulate(inputs, draws)
    zone = settlement_range(sim)
    notes = list(getattr(damages_estimate, "notes", []) or [])
    if h.inferred:
        notes.append("Authorities inferred from the jurisdictions and sector (list them in `regulators` to "
                     "override): " + "; ".join(h.inferred) + ".")
    statutory = [regime for regime, kind in zip(regulatory["regime"], regulatory["kind"]) if kind == "statutory_claim"]
    if case.incident_year is not None and case.incident_year < 2020 and "US-CA" in case.jurisdictions:
        notes.append(f"CCPA § 1798.150 statutory damages are left out: the incident ({case.incident_year}) predates "
                     "the section's entry into force on 2020-01-01.")
    if len(statutory):
        notes.append(f"Statutory damages claims ({', '.join(statutory)}) enter the class track: the "
                     f"calibrated median is raised by the share of statutory exposure settlements pay "
                     f"(statutory_settlement_share = {params['statutory_settlement_share']:g}).")
    if excluded and headline_model is None:
        notes.append("Left out of the calibration, the comparables and the market check as the matter's own "
                     f"incident: {', '.join(excluded)}.")
    if case.class_size == 0:
        notes.append("No class (class_size 0): no class settlement.")
    thin = [f"{code} ({rows})" for code, rows in zip(authorities["authority"], authorities["rows_in_data"]) if rows < 3]
    if thin:
        notes.append("Few outcomes of " + ", ".join(thin)
                     + " in the data: their level is pooled towards their region and the global level, and their "
                       "ranges are wider.")
    row = ranges.loc["class_settlement"]
    settlement = SettlementRange(
        plaintiff_reservation=zone.plaintiff_reservation, defendant_reservation=zone.defendant_reservation,
        zone_low=zone.zone_low, zone_high=zone.zone_high, low=float(row["low"]), median=float(row["median"]),
        high=float(row["high"]), has_zone=zone.has_zone)
    comparables = model.comparables(case, "class_settlement")
    band = reg_band = None
    if market_check:
        market = market_model if market_model is not None else fitted.market_check_predictor(excluded)
        if market is not None:
            band = market.predict_interval(case_to_outcome_record(case)).iloc[0]
            reg_band = market.predict_interval(case_to_outcome_record(case, "regulatory_fine")).iloc[0]
            if p_class > 0 and not (band["low"] <= settlement.median <= band["high"]):
                notes.append("The calibrated class median lies outside the market check's range of comparable "
                             "class settlements: review the inputs that drive the difference.")
    damages_table = damages_estimate.amounts()[["component", "low", "median", "high"]].reset_index(drop=True)
    return Assessment(
        case=case, liability=liability, damages=damages_table, damages_estimate=damages_estimate,
        regulatory=regulatory, fault=liability.fault, settlement=settlement, market_check=band,
        comparables=comparables if comparables is not None else pd.DataFrame(),
        simulation=sim.stats(), parameters=parameters_table(parameters), seed=seed, n_paths=n_paths,
        inputs=inputs, notes=notes, market_check_regulatory=reg_band, outcome_ranges=ranges,
        authorities=authorities, regulators=regulators, structural_ratios={k: v for k, v in ratios.items()
                                                                         if k != "liability"},
        excluded_incidents=excluded, _sim=sim,
    )


# --------------------------------------------------------------------------- sensitivity
def _settlement_median(case: Case, draws: Draws, parameters: dict | None) -> float:
    """The calibrated class-settlement median of a scenario (the headline the tornado explains)."""
    ranges = headline(case, draws, parameters=parameters or None).ranges  # the part of assess that makes it
    return float(ranges.loc["class_settlement", "median"])


def sensitivity(case: Case, *, seed: int = 0, n_paths: int = 50_000, parameters: dict | None = None,
                progress: bool = False):
    """Tornado of the calibrated median class settlement: causation, each absent control, warnings,
    records, misuse, certification, and (issue 18) the governance program, incident response, credit
    monitoring and the harms alleged.

    Every scenario reuses the same draws (common random numbers); the centre is the matter's own
    headline median (``assess(case).settlement.median``), which has a closed form, so it does not
    depend on ``n_paths``.
    """
    from .litigation import tornado

    draws = Draws.make(n_paths, seed)
    params = dict(parameters or {})
    variations: dict[str, tuple] = {}
    assert case.class_size is not None  # a validated Case always has one
    cs = case.causation_strength
    variations["causation strength (0.2 / 0.9)"] = (case.replace(causation_strength=min(cs, 0.2)),
                                                    case.replace(causation_strength=max(cs, 0.9)))
    for control in CONTROLS:
        if case.controls[control] != "yes":
            variations[f"{CONTROL_LABELS[control]} (in place / absent)"] = (case.replace(**{control: "yes"}),
                                                            case.replace(**{control: "no"}))
    variations["prior warnings (none / ignored)"] = (case.replace(prior_warnings="no"),
                                                     case.replace(prior_warnings="yes"))
    variations["records exposed (x0.1 / x10)"] = (
        case.replace(records_exposed=max(1, case.records_exposed // 10), class_size=max(1, case.class_size // 10)),
        case.replace(records_exposed=min(case.records_exposed * 10, 10**11),
                     class_size=min(case.class_size * 10, 10**11)))
    variations["evidence of misuse (no / yes)"] = (case.replace(evidence_of_misuse="no"),
                                                   case.replace(evidence_of_misuse="yes"))
    # issue 18: the governance program, incident handling and harms levers
    from .vocab import GOVERNANCE

    variations["governance program (all in place / all absent)"] = (
        case.replace(**{k: "yes" for k in GOVERNANCE}), case.replace(**{k: "no" for k in GOVERNANCE}))
    variations["incident response (fast, on time / slow, late)"] = (
        case.replace(days_to_detect=7, days_to_contain=2, notified_regulator_on_time="yes"),
        case.replace(days_to_detect=250, days_to_contain=60, notified_regulator_on_time="no"))
    variations["credit monitoring offered (yes / no)"] = (case.replace(offered_credit_monitoring="yes"),
                                                          case.replace(offered_credit_monitoring="no"))
    variations["lost time and distress alleged (no / yes)"] = (
        case.replace(lost_time_alleged="no", emotional_distress_alleged="no"),
        case.replace(lost_time_alleged="yes", emotional_distress_alleged="yes"))
    cert = stage_parameters(params)["p_class_certification"]
    scenarios = {"class certification (0.05 / 0.40)": ({**params, "p_class_certification": min(cert, 0.05)},
                                                         {**params, "p_class_certification": max(cert, 0.40)})}

    def metric(scenario):
        if isinstance(scenario, tuple):  # (case, parameters)
            return _settlement_median(scenario[0], draws, scenario[1])
        return _settlement_median(scenario, draws, params)

    all_variations = {k: v for k, v in variations.items()}
    all_variations.update({k: ((case, lo), (case, hi)) for k, (lo, hi) in scenarios.items()})
    return tornado(metric, case, all_variations, progress=progress)
