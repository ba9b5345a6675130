"""``assess(case)``: liability, damages, fault, regulatory exposure and the settlement range.

The one entry point the widgets, notebooks, exhibits and the command line call. It chains the
pure pieces: damages (:mod:`toolkit.damages`) → liability with the Hand test against that loss
(:mod:`toolkit.liability`) → the stage tree Monte Carlo and bargaining zone
(:mod:`toolkit.litigation`) → the empirical market check (:class:`toolkit.damages.OutcomeRegressor`
fitted on the curated outcomes).
"""
from __future__ import annotations

import functools
import hashlib
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .case import Case
from .errors import InputError
from .litigation import Draws, TrackInputs, parameters_table, settlement_range, simulate, stage_parameters
from .litigation.bargaining import SettlementRange
from .vocab import CONTROLS

__all__ = ["assess", "Assessment", "simulation_inputs", "market_check_model", "case_to_outcome_row", "penalty_rows"]

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
    from .datasets import _registry

    path = _registry.DATA_DIR / "outcomes.csv"
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


@functools.lru_cache(maxsize=4)
def _fitted_model(sha: str, coverage: float):
    from .damages import OutcomeRegressor
    from .datasets import load_outcomes

    return OutcomeRegressor(coverage=coverage, random_state=0).fit(load_outcomes())


def market_check_model(coverage: float = 0.8):
    """The :class:`~toolkit.damages.OutcomeRegressor` fitted on the curated outcomes (cached), or None."""
    sha = _outcomes_sha256()
    if sha is None:
        return None
    return _fitted_model(sha, coverage)


@functools.lru_cache(maxsize=2)
def _median_lag(sha: str | None) -> dict:
    """Median years from disclosure to the outcome, per outcome type, in the curated table."""
    if sha is None:
        return {}
    from .datasets import load_outcomes

    df = load_outcomes()
    lag = (df["outcome_year"] - df["year_disclosed"]).astype("Float64")
    return {k: int(round(float(v))) for k, v in lag.groupby(df["outcome_type"]).median().dropna().items()}


def case_to_outcome_row(case: Case, outcome_type: str = "class_settlement"):
    """The matter as one row of the outcomes schema (features only), for the market check.

    With ``case.incident_year`` the row is dated by it (``year_disclosed``) and the outcome year is
    that plus the median lag of that outcome type in the curated table; without it both stay empty
    and the model fills them with its fitted median year.
    """
    import pandas as pd

    disclosed = outcome = None
    if case.incident_year is not None:
        disclosed = case.incident_year
        outcome = disclosed + _median_lag(_outcomes_sha256()).get(outcome_type, 0)
    row = {
        "records_exposed": case.records_exposed, "class_size": case.class_size,
        "data_types": ";".join(case.data_types), "sector": case.sector,
        "cloud_provider": case.cloud_provider, "misconfiguration_type": case.misconfiguration_type,
        "service_model": case.service_model, "jurisdiction": case.jurisdictions[-1],
        "forum": case.forum or "", "outcome_type": outcome_type, "year_disclosed": disclosed,
        "outcome_year": outcome, "defendant": case.defendant, "prior_warnings": case.prior_warnings,
        **{c: case.controls[c] for c in CONTROLS},
    }
    frame = pd.DataFrame([row])
    for column in ("year_disclosed", "outcome_year"):
        frame[column] = frame[column].astype("Float64")
    return frame


# --------------------------------------------------------------------------- inputs
#: Resident population, 2020 Census apportionment counts (U.S. Census Bureau, "2020 Census
#: Apportionment Results", Table 1, https://www.census.gov/data/tables/2020/dec/2020-apportionment-data.html).
#: Used to estimate how many members of a nationwide class live in a state whose statute applies.
CENSUS_2020 = {"US": 331_449_281, "US-CA": 39_538_223, "US-NY": 20_201_249, "US-IL": 12_812_508}


#: CCPA § 1798.150 took effect on 2020-01-01 (Cal. Civ. Code § 1798.198).
CCPA_IN_FORCE = 2020


def state_residents(case: Case) -> dict[str, int]:
    """Estimated class members resident in California, New York and Illinois.

    A matter pleaded only in a state's courts (``jurisdictions`` holds ``US-CA`` but not ``US``)
    is taken as a class of that state's residents; a nationwide matter (``US`` too) is apportioned by
    the state's share of the 2020 Census population.

    >>> case = Case(name="x", defendant="y", records_exposed=1_000_000, data_types=["ssn"], sector="retail",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US", "US-CA"])
    >>> state_residents(case)["ca_residents"]
    119288
    """
    nationwide = "US" in case.jurisdictions
    out = {}
    for code, key in (("US-CA", "ca_residents"), ("US-NY", "ny_residents"), ("US-IL", "il_persons")):
        if code in case.jurisdictions:
            share = CENSUS_2020[code] / CENSUS_2020["US"] if nationwide else 1.0
            out[key] = int(case.class_size * share)
    return out


def _fx_to_usd(year: int = 2023) -> dict[str, float] | None:
    """EUR and GBP in USD from data/fx_rates.csv (annual averages, sourced), or None if absent.

    Cached per file version: this runs on every assessment, including each dashboard update.
    """
    from .datasets import _registry

    path = _registry.data_dir() / "fx_rates.csv"
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None  # the damages module then uses its documented defaults
    return _fx_cached(str(path), stamp, year)


@functools.lru_cache(maxsize=4)
def _fx_cached(path: str, stamp: int, year: int) -> dict[str, float] | None:
    from .datasets.fx import fx_rate

    try:
        return {cur: float(fx_rate(cur, year)) for cur in ("EUR", "GBP")}
    except InputError:  # a table without these rows: the damages module's documented defaults apply
        return None


def penalty_rows(regulatory):
    """The rows of a regulatory-exposure table that are penalties (not the class's statutory claims)."""
    if not len(regulatory):
        return regulatory
    return regulatory[~regulatory["basis"].astype(str).str.startswith("class claim")]


def simulation_inputs(case: Case, *, parameters: dict | None = None, loss: float | None = None):
    """Liability, damages and regulatory exposure for a matter, reduced to :class:`TrackInputs`.

    Returns ``(inputs, liability, damages_estimate, regulatory)``.
    """
    from .damages import estimate_damages, regulatory_exposure
    from .liability import assess_liability

    params = stage_parameters(parameters)
    damages = estimate_damages(case)
    if loss is None:
        loss = float(damages.total["median"] + damages.class_damages["median"])
    liability = assess_liability(case, loss=loss)
    regulatory = regulatory_exposure(case, fx=_fx_to_usd(), **state_residents(case))
    if case.incident_year is not None and case.incident_year < CCPA_IN_FORCE and len(regulatory):
        regulatory = regulatory[~regulatory["regime"].astype(str).str.startswith("CCPA")].reset_index(drop=True)
    d_median, d_sigma = _lognormal_from_band(*(float(damages.class_damages[k]) for k in ("low", "median", "high")))
    # Statutory damages (CCPA, BIPA) are claims of the class, not penalties: they stay in the table for
    # the analyst but do not enter the regulatory track (nor, by default, the class's trial damages).
    penalties = penalty_rows(regulatory)
    if len(penalties):
        f_median, f_sigma = _lognormal_from_band(float(penalties["low"].sum()), float(penalties["median"].sum()),
                                                 float(penalties["high"].sum()))
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
        ``.low``, ``.median``, ``.high``, ``.zone_low``, ``.zone_high`` (present-value USD).
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
    _tornado: Any = field(default=None, repr=False)
    _sim: Any = field(default=None, repr=False)

    # ------------------------------------------------------------------ tables
    @property
    def penalties(self):
        """The regulatory table without the class's statutory claims (what the regulatory track draws)."""
        return penalty_rows(self.regulatory)

    @property
    def outcome_ranges(self):
        """The headline ranges (contract): one row per track of :data:`toolkit.vocab.HEADLINE_TRACKS`.

        Columns ``probability`` (that the outcome happens at all), ``low``, ``median``, ``high``
        (the nominal 80% range of the amount given that it happens, USD).
        """
        import pandas as pd

        s = self.settlement
        pen = self.penalties
        rows = {"class_settlement": (float(self.simulation.get("p_settle", 1.0)) if isinstance(self.simulation, dict)
                                     else 1.0, s.low, s.median, s.high)}
        if len(pen):
            rows["regulatory_fine"] = (1.0, float(pen["low"].sum()), float(pen["median"].sum()),
                                       float(pen["high"].sum()))
        else:
            rows["regulatory_fine"] = (0.0, 0.0, 0.0, 0.0)
        rows["ag_settlement"] = (0.0, 0.0, 0.0, 0.0)
        return pd.DataFrame.from_dict(rows, orient="index", columns=["probability", "low", "median", "high"])

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

    def summary(self):
        """One table fit for a report: section, item, value, unit, source or note."""
        import pandas as pd

        s = self.settlement
        rows = [
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
            ("Regulatory", "penalties if imposed (median, all regimes)", self.inputs.fine_median, "USD",
             "toolkit.damages.fines"),
            ("Simulation", "expected class recovery at trial", self.simulation["award"]["mean"], "USD (PV)",
             f"{self.n_paths:,} paths, seed {self.seed}"),
            ("Simulation", "probability of zero recovery", self.simulation["p_zero_recovery"], "probability", ""),
            ("Settlement", "plaintiffs' reservation value", s.plaintiff_reservation, "USD (PV)", ""),
            ("Settlement", "defendant's reservation value", s.defendant_reservation, "USD (PV)", ""),
            ("Settlement", "recommended range: low", s.low, "USD (PV)", ""),
            ("Settlement", "recommended range: median", s.median, "USD (PV)", ""),
            ("Settlement", "recommended range: high", s.high, "USD (PV)", ""),
        ]
        if self.market_check is not None:
            for k in ("low", "median", "high"):
                rows.append(("Market check", f"comparable class settlements: {k}", float(self.market_check[k]), "USD",
                             "OutcomeRegressor on data/outcomes.csv (see its validation error rates)"))
        if self.market_check_regulatory is not None:
            for k in ("low", "median", "high"):
                rows.append(("Market check", f"comparable regulatory fines: {k}",
                             float(self.market_check_regulatory[k]), "USD",
                             "OutcomeRegressor on data/outcomes.csv (see its validation error rates)"))
        table = pd.DataFrame(rows, columns=["section", "item", "value", "unit", "source"])
        if self.notes:
            notes = pd.DataFrame([("Notes", f"{i + 1}", n, "", "") for i, n in enumerate(self.notes)],
                                 columns=table.columns)
            table = pd.concat([table, notes], ignore_index=True)
        return table

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
        """The rolled-back litigation stage tree, one row per node (see toolkit.plotting.decision_tree)."""
        from .plotting import decision_tree

        return decision_tree(self)

    def plot_decision_tree(self, ax=None, **kwargs):
        """The litigation decision tree with probabilities, costs and rolled-back values."""
        from .plotting import plot_decision_tree

        return plot_decision_tree(self, ax=ax, **kwargs)

    def exceedance(self, x=None):
        """P(amount > x) for each headline track (see toolkit.plotting.exceedance)."""
        from .plotting import exceedance

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


# --------------------------------------------------------------------------- entry point
def _check_int(name, value, low, high):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not low <= value <= high:
        raise InputError(name, value, f"a whole number between {low:,} and {high:,}")
    return int(value)


def assess(case: Case, *, seed: int = 0, n_paths: int = 200_000, parameters: dict | None = None,
           loss: float | None = None, market_check: bool = True, draws: Draws | None = None) -> Assessment:
    """Assess a matter: liability, damages, fault, regulatory exposure and settlement range.

    Parameters
    ----------
    case : Case
        The matter.
    seed : int, default=0
        Seed of every random draw; the same seed and inputs give the same numbers.
    n_paths : int, default=200_000
        Monte Carlo paths of the stage tree.
    parameters : dict, optional
        Overrides of the stage parameters (see ``toolkit.litigation.parameters_table()``).
    loss : float, optional
        The loss L used in the Hand-formula test; defaults to the damages estimate
        (defendant's breach costs plus class damages, medians).
    market_check : bool, default=True
        Fit (once per process) the empirical OutcomeRegressor on the curated outcomes and report
        the range of comparable class settlements and the comparables.
    draws : Draws, optional
        Pre-drawn random numbers to reuse (widgets pass theirs so updates are fast and
        differences reflect inputs, not noise); must match ``n_paths`` and ``seed``.

    Returns
    -------
    Assessment

    Examples
    --------
    >>> import toolkit as tk
    >>> case = tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml")
    >>> result = tk.assess(case, seed=7, n_paths=20_000, market_check=False)
    >>> 0.0 <= result.liability.probability <= 1.0
    True
    >>> result.settlement.low <= result.settlement.median <= result.settlement.high
    True
    """
    if not isinstance(case, Case):
        raise InputError("case", type(case).__name__, "a toolkit.Case (e.g. Case.from_yaml(path))")
    seed = _check_int("seed", seed, 0, 2**63 - 1)
    n_paths = _check_int("n_paths", n_paths, 1_000, 20_000_000)
    if draws is None:
        draws = Draws.make(n_paths, seed)
    elif draws.n != n_paths or draws.seed != seed:
        raise InputError("draws", f"Draws(n={draws.n}, seed={draws.seed})",
                         f"draws made with n_paths={n_paths} and seed={seed}")
    inputs, liability, damages_estimate, regulatory = simulation_inputs(case, parameters=parameters, loss=loss)
    sim = simulate(inputs, draws)
    settlement = settlement_range(sim)
    notes = list(getattr(damages_estimate, "notes", []) or [])
    if case.incident_year is not None and case.incident_year < CCPA_IN_FORCE and "US-CA" in case.jurisdictions:
        notes.append(f"CCPA § 1798.150 statutory damages are left out: the incident ({case.incident_year}) predates "
                     f"the section's entry into force on {CCPA_IN_FORCE}-01-01.")
    if len(regulatory) and regulatory["basis"].astype(str).str.startswith("class claim").any():
        notes.append("Statutory damages claims (CCPA, BIPA) in the regulatory table are the class's, not penalties; "
                     "they are not added to the simulated trial damages (which count out-of-pocket harm). Check "
                     "the statute's effective date against the incident's.")
    model = market_check_model() if market_check else None
    band = comparables = reg_band = None
    if model is not None:
        row = case_to_outcome_row(case)
        band = model.predict_interval(row).iloc[0]
        reg_band = model.predict_interval(case_to_outcome_row(case, "regulatory_fine")).iloc[0]
        comparables = model.comparables(row, k=10)
        if not (band["low"] <= settlement.median <= band["high"]):
            notes.append("The bargaining-zone median lies outside the market-check range of comparable "
                         "class settlements: review the inputs that drive the difference.")
    elif market_check:
        notes.append("No curated outcomes table was found: market check skipped.")
    import pandas as pd

    damages_table = damages_estimate.summary()
    damages_table = damages_table[~damages_table["component"].astype(str).str.startswith("Note ")]
    damages_table = damages_table[["component", "low", "median", "high"]].reset_index(drop=True)
    return Assessment(
        case=case, liability=liability, damages=damages_table, damages_estimate=damages_estimate,
        regulatory=regulatory, fault=liability.fault, settlement=settlement, market_check=band,
        comparables=comparables if comparables is not None else pd.DataFrame(),
        simulation=sim.stats(), parameters=parameters_table(parameters), seed=seed, n_paths=n_paths,
        inputs=inputs, notes=notes, market_check_regulatory=reg_band, _sim=sim,
    )


# --------------------------------------------------------------------------- sensitivity
def _settlement_median(case: Case, draws: Draws, parameters: dict | None) -> float:
    inputs, *_ = simulation_inputs(case, parameters=parameters)
    return settlement_range(simulate(inputs, draws)).median


def sensitivity(case: Case, *, seed: int = 0, n_paths: int = 50_000, parameters: dict | None = None,
                progress: bool = False):
    """Tornado of the median settlement: causation, each absent control, certification, records, forum.

    Every scenario reuses the same draws (common random numbers).
    """
    from .litigation import tornado

    draws = Draws.make(n_paths, seed)
    params = dict(parameters or {})
    variations: dict[str, tuple] = {}
    cs = case.causation_strength
    variations["causation strength (0.2 / 0.9)"] = (case.replace(causation_strength=min(cs, 0.2)),
                                                    case.replace(causation_strength=max(cs, 0.9)))
    for control in CONTROLS:
        if case.controls[control] != "yes":
            variations[f"{control} (in place / absent)"] = (case.replace(**{control: "yes"}),
                                                            case.replace(**{control: "no"}))
    variations["prior warnings (none / ignored)"] = (case.replace(prior_warnings="no"),
                                                     case.replace(prior_warnings="yes"))
    variations["records exposed (x0.1 / x10)"] = (
        case.replace(records_exposed=max(1, case.records_exposed // 10), class_size=max(1, case.class_size // 10)),
        case.replace(records_exposed=min(case.records_exposed * 10, 10**11),
                     class_size=min(case.class_size * 10, 10**11)))
    variations["evidence of misuse (no / yes)"] = (case.replace(evidence_of_misuse="no"),
                                                   case.replace(evidence_of_misuse="yes"))
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
