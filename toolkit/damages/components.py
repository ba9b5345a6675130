"""Cost components of a data breach and the per-record benchmark models.

:func:`estimate_damages` turns a :class:`toolkit.Case` into a table of cost components (low,
median, high in nominal USD) with the basis and source of each, a total, and the class damages a
class could claim at trial (per-person cognizable harm x class size), with a vectorised sampler for
the litigation Monte Carlo.

Every parameter lives in :data:`DEFAULT_PARAMS` with its source and provenance tag, and can be
overridden per call (``params={"monitoring_price_per_year": (2, 6, 30)}``). Tags follow
sources (docs/sources.md): **V** verified in a retrieved public page, **V2** second hand, **D** derived by
arithmetic from V figures, **A** a stated assumption (no published figure found; edit it).

Components
----------
- notification and call centre: people notified x cost per notice (**A**, vendor calculators);
- credit and identity monitoring: class x enrolment rate x price per enrollee-year x years;
- forensics and remediation: IBM Cost of a Data Breach detection / post-breach means (**V**);
- fraud losses by data type: people x misuse rate x loss per misused record;
- lost business: IBM Cost of a Data Breach lost-business means (**V**).

Per-record benchmarks (reported beside the components, not added to the total): Jacobs (2014)
log-log fit (valid for about 2,000-100,000 records), IBM cost per record (breaches under 1M
records) and the IBM mega-breach points (1M-50M records), Verizon DBIR 2015 (100-1e8 records).
Outside its range a model is still computed but flagged (``flag`` column) and warned about.
"""
from __future__ import annotations

import functools
import math
import warnings
from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..errors import InputError
from ..summary import Summary
from ..vocab import SENSITIVE_CATEGORIES
from ._common import check_number, sample_lognormal

__all__ = ["DEFAULT_PARAMS", "DamagesEstimate", "estimate_damages", "per_person_harm", "economic_share",
           "per_record_models",
           "jacobs_loglog", "OutOfRangeWarning", "MONITORED_DATA_TYPES"]


class OutOfRangeWarning(UserWarning):
    """A per-record model was applied outside the record counts it was fitted on."""


# --------------------------------------------------------------------------- parameters
_IBM_SOURCES = ("IBM/Ponemon Cost of a Data Breach, as reported: https://therecord.media/ibm-data-breach-report-us-losses ; "
                "https://riskandinsurance.com/global-average-cost-of-a-data-breach-reaches-4-88m-in-2023 ; "
                "https://ibm.com/think/topics/data-breach (sources §1.6)")

#: name -> (low, median, high, unit, tag, source). Edit per call with ``params=``.
DEFAULT_PARAMS: dict[str, tuple] = {
    "notice_cost_per_person": (
        0.50, 1.50, 5.00, "USD per person notified", "A",
        "Stated assumption. Vendor calculators: $1.50 per notice (https://breachcostlab.com/compliance-cost/"
        "breach-notification-cost/), '$1-5 per affected user' (checkyourvibe.dev); low end for e-mail-only notice."),
    "monitoring_enrolment_rate": (
        0.03, 0.05, 0.10, "share of class", "V",
        "Texas Comptroller breach: 100,000 of 3.5M enrolled, <3% (https://www.databreaches.net/follow-up-tx-comptrollers"
        "-breach-few-sign-up-for-credit-monitoring/); FTC 2019 claims rates, weighted mean 4%, median 9% "
        "(https://classifiedclassaction.com/take-notice-ftc-reports-on-claims-rates-and-settlement-notices); Experian: "
        "fewer than 1 in 10 (https://securityledger.com/2015/05/amid-rampant-data-theft-consumers-left-breached-and-burned-out/)."),
    "monitoring_price_per_year": (
        2.00, 6.00, 30.00, "USD per enrollee-year", "V/D",
        "$0.25-$2.00 per consumer-year for bulk services (http://www.mondaq.com/unitedstates/x/593622/Data+Protection+Privacy/"
        "Credit+Monitoring+Services+A+HowTo+Guide); Texas Comptroller $600,480 / 100,000 enrollees = $6.00 (D, databreaches.net); "
        "Ponemon $15-$30 per person (http://www.govexec.com/technology/2006/10/business-data-breaches-found-to-be-more-costly-"
        "than-thought/22991/)."),
    "monitoring_years": (
        1.0, 2.0, 3.0, "years", "A",
        "Stated assumption. California requires 12 months when identity protection is offered (https://www.creditcards.com/"
        "credit-card-news/breach-enroll-credit-id-monitoring-1282.php); Equifax 2019 settlement offered 10 years "
        "(sources §2.7), an outlier."),
    "forensics_remediation": (
        2.0e5, 1.47e6, 3.10e6, "USD per breach", "V/D",
        "Low: IRIS 20/20 typical (median) total loss $200K (https://www.helpnetsecurity.com/2020/03/18/fortune-1000-breach/); "
        "median: IBM 2025 detection and escalation $1.47M; high: IBM 2024 detection $1.63M + post-breach response $1.47M "
        "= $3.10M (D). " + _IBM_SOURCES),
    "lost_business": (
        1.30e6, 1.38e6, 1.47e6, "USD per breach", "V",
        "IBM lost-business cost means 2023 $1.30M, 2025 $1.38M, 2024 $1.47M (spread across years, not a loss "
        "distribution; means over surveyed organisations, mega breaches excluded). " + _IBM_SOURCES),
    "misuse_rate_payment_card": (
        0.010, 0.026, 0.050, "share of exposed people", "D/A",
        "Median: Neiman Marcus, 9,200 of 350,000 cards with fraud = 2.6% (D; Remijas v. Neiman Marcus, 794 F.3d 688 (7th Cir. "
        "2015), http://www.mondaq.com/unitedstates/x/417470/data+protection/Hacked+Class+Can+Sue+Pre+Injury); low/high: assumption."),
    "misuse_rate_identity": (
        0.002, 0.010, 0.050, "share of exposed people", "A",
        "Stated assumption for SSN / government ID / financial account data (no published rate in sources (docs/sources.md))."),
    "misuse_rate_other": (
        0.0, 0.001, 0.005, "share of exposed people", "A",
        "Stated assumption for health, credentials, contact and other data."),
    "lifecycle_cost_ratio_short": (
        0.883, 0.883, 0.883, "x per-breach costs", "D",
        "IBM Cost of a Data Breach 2023: breaches identified and contained in under 200 days cost $3.93M against a "
        "$4.45M global mean (3.93 / 4.45 = 0.883, D), as reported at https://abnormalsecurity.com/blog/4-45-million-"
        "the-cost-of-a-data-breach-in-2023-says-ibm ; applied to forensics and lost business when "
        "days_to_detect + days_to_contain <= 200."),
    "lifecycle_cost_ratio_long": (
        1.112, 1.112, 1.112, "x per-breach costs", "D",
        "IBM Cost of a Data Breach 2023: over 200 days $4.95M against the $4.45M mean (4.95 / 4.45 = 1.112, D), "
        "https://abnormalsecurity.com/blog/4-45-million-the-cost-of-a-data-breach-in-2023-says-ibm ; applied when the "
        "known days already exceed 200."),
    "lost_time_hours": (
        0.5, 1.0, 10.0, "hours per class member", "A",
        "Stated assumption, applied when harms.lost_time_alleged = yes. Anchors: half of identity-theft victims who "
        "resolved their problems did so in a day or less (BJS, Victims of Identity Theft, 2014, NCJ 248991, "
        "https://www.ojp.gov/ncjrs/virtual-library/abstracts/victims-identity-theft-2014); the Equifax settlement let "
        "claimants self-certify up to 10 hours (https://www.washingtonpost.com/technology/2019/07/22/equifax-will-set-"
        "aside-up-million-data-breach-victims-getting-share-payout-could-be-tricky/)."),
    "lost_time_rate": (
        25.0, 25.0, 25.0, "USD per hour", "V",
        "Equifax data-breach settlement (2019): $25 per hour for up to 20 hours of time spent on the breach "
        "(https://cbs8.com/article/news/nation-world/wednesday-is-deadline-to-file-equifax-data-breach-claim/"
        "507-8ade503e-1838-46b8-8f30-1f5fadcecbc0)."),
    "emotional_distress_per_person": (
        0.0, 10.0, 100.0, "USD per class member", "A",
        "Stated assumption (no published per-person award for breach distress was found), applied when "
        "harms.emotional_distress_alleged = yes. Many states refuse emotional-distress damages in negligence "
        "without physical injury, hence the zero low end; 36% of identity-theft victims reported moderate or severe "
        "emotional distress (BJS, Victims of Identity Theft, 2014). Non-economic: several liability where the "
        "jurisdiction splits economic and non-economic damages (Cal. Civ. Code § 1431.2)."),
    "sensitive_distress_multiplier": (
        2.0, 2.0, 2.0, "x", "A",
        "Stated assumption: distress weighs more for the special categories (health, minors, biometric data; "
        "Case.sensitive_category)."),
    "identity_theft_rate_multiplier": (
        2.0, 2.0, 2.0, "x misuse rate", "A",
        "Stated assumption: identity theft already reported among the class (harms.identity_theft_reported = yes) "
        "doubles the expected misuse rate."),
    "fraud_loss_per_victim": (
        100.0, 300.0, 1000.0, "USD per misused record", "A",
        "Stated assumption: unreimbursed out-of-pocket loss per victim (card fraud is largely reimbursed to consumers)."),
}

#: Data types for which identity/credit monitoring is typically offered (design choice, see module docstring).
MONITORED_DATA_TYPES = ("ssn", "government_id", "financial", "health")
_IDENTITY_TYPES = ("ssn", "government_id", "financial")

# Per-record models -----------------------------------------------------------------
#: Jacobs (2014), pooled Ponemon 2013+2014 US observations, n = 115 (sources §1.3, tag V).
JACOBS_2014: dict[str, Any] = {"a": 7.6799625, "b": 0.7583576, "resid_sd": 0.523, "range": (2_000, 100_000),
               "source": "Jacobs (2014), 'Analyzing Ponemon Cost of Data Breach', http://datadrivensecurity.info/blog/"
                         "posts/2014/Dec/ponemon/ : ln(loss) = 7.68 + 0.7584 ln(records), resid. SE 0.523 (V)"}
#: Verizon DBIR 2015 expected-loss series, log-log fit to the 7 published points (D).
DBIR_2015: dict[str, Any] = {"a": 8.194, "b": 0.4236, "range": (100, 100_000_000),
             "source": "Verizon DBIR 2015 loss model (NetDiligence claims, n=191), https://www.dataprivacyandsecurityinsider.com/"
                       "2015/05/verizon-2015-data-breach-investigations-report-out/ ; ln E = 8.194 + 0.4236 ln(records) (D)"}
#: IBM cost per record 2022 $164 / 2023 $165 (V); breaches over 1M records are excluded from the survey.
IBM_PER_RECORD: dict[str, Any] = {"low": 146.0, "median": 164.0, "high": 165.0, "range": (1, 1_000_000),
                  "source": "IBM Cost of a Data Breach per-record cost: 2020 $146, 2022 $164, 2023 $165 (V; sources §1.6)"}
#: IBM mega-breach points: 1M records ~ $42M, 50M records ~ $388M (2019 report, V).
IBM_MEGA: dict[str, Any] = {"points": ((1_000_000, 42e6), (50_000_000, 388e6)), "range": (1_000_000, 50_000_000),
            "source": "IBM 2019 mega-breach estimates, https://www.myce.com/news/data-breach-cost-up-4-million-per-incident-"
                      "says-ibm-report-88313/ (V); log-log interpolation between the points (D)"}


#: The per-record benchmark models and the record counts each was fitted on, in table order.
_BENCHMARK_RANGES = (("Jacobs (2014) log-log", JACOBS_2014["range"]), ("IBM cost per record", IBM_PER_RECORD["range"]),
                     ("IBM mega-breach interpolation", IBM_MEGA["range"]), ("Verizon DBIR 2015", DBIR_2015["range"]))


def jacobs_loglog(records, *, coverage: float = 0.8) -> pd.DataFrame:
    """Jacobs (2014) log-log cost model: median and a prediction band, per record count.

    ln(loss) = 7.68 + 0.7584 ln(records), residual SD 0.523 on the log scale (fitted on
    about 2,000-100,000 records; the ``in_range`` column flags extrapolation).

    Parameters
    ----------
    records : int or array-like of int
        Records exposed (> 0).
    coverage : float, default=0.8
        Central coverage of the (low, high) band.

    Returns
    -------
    pandas.DataFrame
        Columns records, low, median, high (USD), in_range.

    References
    ----------
    Jacobs, J. (2014), "Analyzing Ponemon Cost of Data Breach", Data Driven Security blog.

    Examples
    --------
    >>> round(float(jacobs_loglog(10_000)["median"].iloc[0]))
    2337737
    """
    from scipy.stats import norm

    coverage = check_number("coverage", coverage, minimum=0.01, maximum=0.99)
    arr = np.atleast_1d(np.asarray(records, dtype=float))
    if np.any(~np.isfinite(arr)) or np.any(arr <= 0):
        raise InputError("records", records, "record counts greater than 0")
    z = norm.ppf(0.5 + coverage / 2)
    med = np.exp(JACOBS_2014["a"] + JACOBS_2014["b"] * np.log(arr))
    lo, hi = JACOBS_2014["range"]
    return pd.DataFrame({"records": arr, "low": med * np.exp(-z * JACOBS_2014["resid_sd"]), "median": med,
                         "high": med * np.exp(z * JACOBS_2014["resid_sd"]), "in_range": (arr >= lo) & (arr <= hi)})


def per_record_models(records: int, *, warn: bool = True) -> pd.DataFrame:
    """The per-record benchmark models for one record count, with their validity ranges.

    Returns a DataFrame with component, low, median, high (USD), basis, source, valid_from,
    valid_to, flag (empty when the record count lies inside the model's range). A model outside
    its range is still computed; with ``warn=True`` an :class:`OutOfRangeWarning` is issued.

    Examples
    --------
    >>> t = per_record_models(50_000, warn=False)
    >>> list(t["component"])
    ['Jacobs (2014) log-log', 'IBM cost per record', 'IBM mega-breach interpolation', 'Verizon DBIR 2015']
    >>> bool(t.loc[0, "flag"] == "")
    True
    """
    records = check_number("records", records, minimum=1, integer=True)
    rows = []
    j = jacobs_loglog(records).iloc[0]
    rows.append(("Jacobs (2014) log-log", j["low"], j["median"], j["high"],
                 "exp(7.68 + 0.7584 ln n); 10th-90th pct from resid. SD 0.523", JACOBS_2014["source"], *JACOBS_2014["range"]))
    rows.append(("IBM cost per record", IBM_PER_RECORD["low"] * records, IBM_PER_RECORD["median"] * records,
                 IBM_PER_RECORD["high"] * records, "n x $146-$165 per record (survey means)", IBM_PER_RECORD["source"],
                 *IBM_PER_RECORD["range"]))
    (x1, y1), (x2, y2) = IBM_MEGA["points"]
    slope = math.log(y2 / y1) / math.log(x2 / x1)
    mega = y1 * (records / x1) ** slope
    rows.append(("IBM mega-breach interpolation", mega, mega, mega,
                 f"$42M x (n / 1M)^{slope:.3f} (log-log through two published points)", IBM_MEGA["source"],
                 *IBM_MEGA["range"]))
    dbir = math.exp(DBIR_2015["a"] + DBIR_2015["b"] * math.log(records))
    rows.append(("Verizon DBIR 2015", dbir, dbir, dbir, "exp(8.194 + 0.4236 ln n) (expected loss)", DBIR_2015["source"],
                 *DBIR_2015["range"]))
    table = pd.DataFrame(rows, columns=["component", "low", "median", "high", "basis", "source", "valid_from", "valid_to"])
    inside = (records >= table["valid_from"]) & (records <= table["valid_to"])
    table["flag"] = np.where(inside, "", "outside the record range the model was fitted on")
    if warn:
        for name in table.loc[~inside, "component"]:
            warnings.warn(f"{name}: {records:,} records is outside the range the model is valid for",
                          OutOfRangeWarning, stacklevel=2)
    return table


# --------------------------------------------------------------------------- estimate
def _resolve_params(params: Mapping | None) -> dict[str, tuple[float, float, float]]:
    out = {k: v[:3] for k, v in DEFAULT_PARAMS.items()}
    if params is None:
        return out
    if not isinstance(params, Mapping):
        raise InputError("params", params, "a mapping of parameter name to (low, median, high)")
    from ..errors import suggest

    for key, value in params.items():
        if key not in DEFAULT_PARAMS:
            near = suggest(str(key), DEFAULT_PARAMS)
            raise InputError(f"params.{key}", key, "one of " + ", ".join(DEFAULT_PARAMS),
                             f"did you mean {near!r}?" if near else None)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = (value, value, value)
        if not isinstance(value, (tuple, list)) or len(value) != 3:
            raise InputError(f"params.{key}", value, "a number or a (low, median, high) triple")
        triple = tuple(check_number(f"params.{key}", v, minimum=0) for v in value)
        if not triple[0] <= triple[1] <= triple[2]:
            raise InputError(f"params.{key}", value, "low <= median <= high")
        out[key] = triple
    return out


class DamagesEstimate:
    """Cost components, total and class damages for one matter (from :func:`estimate_damages`).

    :func:`estimate_damages` computes the numbers; the tables (``table``, ``benchmarks``,
    ``per_person``) are built on first access, so an assessment that reads only the amounts never
    pays for them.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per cost component: component, low, median, high (USD), basis, tag, source.
    benchmarks : pandas.DataFrame
        The per-record models (Jacobs, IBM, DBIR) for the matter's record count, with a ``flag``
        column for models applied outside their range. Not added to the total.
    total : pandas.Series
        low, median, high: sums of the component columns (a conservative band: sums of
        percentiles are not percentiles of the sum).
    class_damages : pandas.Series
        low, median, high: per-person cognizable harm (out-of-pocket fraud loss + cost of
        monitoring, plus lost time and emotional distress where the matter's ``harms`` allege them)
        x class size: what a class could claim at trial.
    per_person : pandas.DataFrame
        The per-person harm by head: low, median, high.
    class_size : int
    notes : list of str
    """

    _BANDS = ["low", "median", "high"]

    def __init__(self, *, components: list, heads: list, records: int, class_size: int, notes: list):
        #: (component, low, median, high, basis, params) per cost component
        self._components = components
        #: (head, (low, median, high)) per head of the per-person harm
        self._heads = heads
        self._records = records
        self.class_size = class_size
        self.notes = notes
        # the sums as pandas takes them (numpy's sum of each contiguous column), without a table
        bands = np.array([c[1:4] for c in components], dtype=float).T.copy()
        self.total = pd.Series([float(np.sum(b)) for b in bands], index=self._BANDS, name="total")
        # the per-person total row as pandas adds the heads (one after the other, as per_person_harm does)
        person = [float(sum(h[k] for _, h in heads)) for k in range(3)]
        self.class_damages = pd.Series(person, index=self._BANDS, name="class_damages") * class_size

    @functools.cached_property
    def table(self) -> pd.DataFrame:
        table = pd.DataFrame(self._components, columns=["component", "low", "median", "high", "basis", "params"])
        table["tag"] = [_tags(names) for names in table["params"]]
        table["source"] = [_sources(names) for names in table["params"]]
        return table.drop(columns="params")

    @functools.cached_property
    def benchmarks(self) -> pd.DataFrame:
        records = self._records
        return per_record_models(max(records, 1), warn=False) if records > 0 else \
            per_record_models(1, warn=False).iloc[:0]

    @functools.cached_property
    def per_person(self) -> pd.DataFrame:
        heads = self._heads
        per_person = pd.DataFrame([h for _, h in heads], columns=self._BANDS, index=[n for n, _ in heads])
        per_person.loc["total"] = per_person.sum()
        return per_person

    def sample(self, n: int, rng=None) -> np.ndarray:
        """n draws of class damages (USD) from a lognormal fitted to low/median/high.

        The median is matched exactly; low/high are read as the 10th/90th percentiles.

        Parameters
        ----------
        n : int
            Number of draws.
        rng : int, numpy.random.Generator or None
            Seed or generator (``numpy.random.default_rng(rng)``).
        """
        c = self.class_damages
        return sample_lognormal(c["low"], c["median"], c["high"], n, rng)

    def amounts(self) -> pd.DataFrame:
        """Components, total and class damages in one table (USD): component, low, median, high, tag."""
        rows = [(c[0], c[1], c[2], c[3], _tags(c[5])) for c in self._components]
        rows.append(("TOTAL (sum of components)", *self.total.to_list(), ""))
        rows.append((f"Class damages ({self.class_size:,} people x per-person harm)", *self.class_damages.to_list(), ""))
        return pd.DataFrame(rows, columns=["component", "low", "median", "high", "tag"])

    def summary(self) -> Summary:
        """Components, total and class damages, with numbered notes (a :class:`toolkit.summary.Summary`).

        One row per component (``kind == "component"``) and for the total and the class damages
        (``kind == "amount"``): ``value`` is the median in USD, ``source`` the range and tag. The
        low / median / high table itself is ``tables["amounts"]`` (as :meth:`amounts`).
        """
        amounts = self.amounts()
        n = len(self.table)
        rows = [("Damages", r.component, float(r.median), "USD",
                 f"range {r.low:,.0f}-{r.high:,.0f}" + (f"; {r.tag}" if r.tag else ""),
                 "component" if i < n else "amount") for i, r in enumerate(amounts.itertuples())]
        return Summary.build(rows, notes=self.notes, tables={"amounts": amounts}, title="Damages estimate")

    def plot(self, ax=None, **kwargs):
        """Horizontal range bars (low-high, median marked) for each component and the total; returns the axes."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(7, 0.5 * (len(self.table) + 3)))
        labels = list(self.table["component"]) + ["Total", "Class damages"]
        lows = list(self.table["low"]) + [self.total["low"], self.class_damages["low"]]
        meds = list(self.table["median"]) + [self.total["median"], self.class_damages["median"]]
        highs = list(self.table["high"]) + [self.total["high"], self.class_damages["high"]]
        y = np.arange(len(labels))[::-1]
        floor = max(min([v for v in lows + meds if v > 0] or [1.0]) / 10, 1.0)
        lows_p = [max(v, floor) for v in lows]
        ax.hlines(y, lows_p, [max(h, floor) for h in highs], lw=6, alpha=0.5, **kwargs)
        ax.plot([max(m, floor) for m in meds], y, "k|", ms=14)
        ax.set_yticks(y, labels)
        ax.set_xscale("log")
        ax.set_xlabel("USD (log scale)")
        ax.set_title("Damages components: low-high range, median marked")
        return ax

    def __repr__(self) -> str:
        return (f"<DamagesEstimate: total median ${self.total['median']:,.0f}; class damages median "
                f"${self.class_damages['median']:,.0f} for {self.class_size:,} people>")


def estimate_damages(case, *, params: Mapping | None = None) -> DamagesEstimate:
    """Cost components and class damages for a matter.

    Parameters
    ----------
    case : toolkit.Case
        The matter: uses ``records_exposed``, ``class_size`` and ``data_types``.
    params : mapping, optional
        Overrides of :data:`DEFAULT_PARAMS`: name -> number or (low, median, high).

    Returns
    -------
    DamagesEstimate

    Examples
    --------
    >>> from toolkit import Case
    >>> case = Case(name="demo", defendant="Example Co", records_exposed=100_000, data_types=["ssn", "contact"],
    ...             sector="finance", misconfiguration_type="public_bucket", jurisdictions=["US"])
    >>> est = estimate_damages(case)
    >>> est.table.loc[est.table.component == "Credit and identity monitoring", "median"].item()
    60000.0
    >>> est.sample(3, rng=0).shape
    (3,)
    """
    for attr in ("records_exposed", "data_types"):
        if not hasattr(case, attr):
            raise InputError("case", type(case).__name__, "a toolkit.Case (or an object with the Case fields)")
    p = _resolve_params(params)
    records = int(case.records_exposed)
    class_size = int(case.class_size if getattr(case, "class_size", None) is not None else records)
    types = set(case.data_types)
    notes: list[str] = []

    def trip(name):
        return np.array(p[name], dtype=float)

    response = getattr(case, "response", {}) or {}
    harms = getattr(case, "harms", {}) or {}
    offered = response.get("offered_credit_monitoring", "unknown")
    rows = []
    notice = records * trip("notice_cost_per_person")
    rows.append(("Notification and call centre", *notice, "records x cost per notice", "notice_cost_per_person"))
    monitored = bool(types & set(MONITORED_DATA_TYPES))
    # Offered (response.offered_credit_monitoring): the defendant bears the cost whatever the data types; not
    # offered: no cost to the defendant; unknown: offered when the data types call for it (as before issue 18).
    defendant_pays = offered == "yes" or (offered == "unknown" and monitored)
    if defendant_pays:
        mon = class_size * trip("monitoring_enrolment_rate") * trip("monitoring_price_per_year") * trip("monitoring_years")
        basis = "class x enrolment rate x price per enrollee-year x years" + (" (offered)" if offered == "yes" else "")
    else:
        mon = np.zeros(3)
        basis = ("not offered (response.offered_credit_monitoring = no)" if offered == "no"
                 else "not offered: no SSN, government ID, financial or health data")
    rows.append(("Credit and identity monitoring", *mon, basis,
                 "monitoring_enrolment_rate; monitoring_price_per_year; monitoring_years"))
    lifecycle, life_name, life_basis = _lifecycle(response, p)
    rows.append(("Forensics and remediation", *(trip("forensics_remediation") * lifecycle),
                 "per breach (survey means)" + life_basis, "forensics_remediation" + life_name))
    fraud_pp, fraud_names = _fraud_per_person(types, harms, p)
    rows.append(("Fraud losses", *(records * fraud_pp), "records x misuse rate (by data type) x loss per victim",
                 fraud_names))
    rows.append(("Lost business", *(trip("lost_business") * lifecycle), "per breach (survey means)" + life_basis,
                 "lost_business" + life_name))

    heads = _person_heads(types, harms, offered, p, fraud_pp)
    flagged = [] if records <= 0 else [name for name, (lo, hi) in _BENCHMARK_RANGES if not lo <= records <= hi]
    if flagged:
        notes.append(f"{records:,} records is outside the fitted range of: {', '.join(flagged)} (flagged in "
                     "the per-record benchmarks, not used in the total).")
    if records > 1_000_000:
        notes.append("IBM per-breach figures (forensics, lost business) are means over breaches under 1M records; "
                     "a mega breach costs more (see the IBM mega-breach benchmark).")
    assumed = sorted({n for n, v in DEFAULT_PARAMS.items() if v[4] == "A"}
                     & set(";".join(r[5] for r in rows).replace(" ", "").split(";")))
    if assumed:
        notes.append("Stated assumptions (no published figure; the parameters table lists them and a caller can "
                     "replace them): " + ", ".join(n.replace("_", " ") for n in assumed) + ".")
    heads_in = ["out-of-pocket fraud", "monitoring costs"]
    left_out: list[str] = []
    for name, key in (("lost time", "lost_time_alleged"), ("emotional distress", "emotional_distress_alleged")):
        (heads_in if harms.get(key) == "yes" else left_out).append(name if harms.get(key) != "yes" or
                                                                   name == "lost time" else name + " (non-economic)")
    notes.append("Class damages count " + ", ".join(heads_in) + "; "
                 + "".join(f"{n} (not alleged in harms) and " for n in left_out)
                 + "statutory damages (see toolkit.damages.statutory) are not included.")
    if offered == "yes":
        notes.append("Credit monitoring was offered: its cost is the defendant's, and the class has no monitoring cost "
                     "to claim (mitigation).")
    return DamagesEstimate(components=rows, heads=heads, records=records, class_size=class_size, notes=notes)


def _person_heads(types: set, harms: Mapping, offered: str, p, fraud_pp: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """The per-person heads of class damages: (name, (low, median, high))."""
    def trip(name):
        return np.array(p[name], dtype=float)

    monitored = bool(types & set(MONITORED_DATA_TYPES))
    # The class claims the cost of monitoring it must buy; offered free by the defendant, there is none to claim
    # (mitigation: Romanosky, Hoffman & Acquisti (2014), J. Empirical Legal Stud. 11(1): 74-104, found the odds of
    # suit over six times lower when free credit monitoring was offered).
    monitoring_pp = (trip("monitoring_price_per_year") * trip("monitoring_years")) if monitored and offered != "yes" \
        else np.zeros(3)
    heads = [("out-of-pocket fraud loss (expected)", fraud_pp), ("cost of credit/identity monitoring", monitoring_pp)]
    if harms.get("lost_time_alleged") == "yes":
        heads.append(("lost time (hours x rate)", trip("lost_time_hours") * trip("lost_time_rate")))
    if harms.get("emotional_distress_alleged") == "yes":
        factor = trip("sensitive_distress_multiplier") if types & set(SENSITIVE_CATEGORIES) else np.ones(3)
        heads.append((NON_ECONOMIC_HEADS[0], trip("emotional_distress_per_person") * factor))
    return heads


def _fraud_per_person(types: set, harms: Mapping, p) -> tuple[np.ndarray, str]:
    """Expected fraud loss per person (low, median, high) and the names of the parameters it uses.

    The highest misuse rate of the data types, raised by ``identity_theft_rate_multiplier``
    (capped at 1) where identity theft is reported, times the loss per victim.
    """
    rate, names = _misuse_rate(types, p)
    if harms.get("identity_theft_reported") == "yes":
        rate = np.minimum(rate * np.array(p["identity_theft_rate_multiplier"], dtype=float), 1.0)
        names += "; identity_theft_rate_multiplier"
    return rate * np.array(p["fraud_loss_per_victim"], dtype=float), names + "; fraud_loss_per_victim"


def _case_heads(case, params: Mapping | None) -> list[tuple[str, np.ndarray]]:
    """The per-person heads of ``case`` (see :func:`_person_heads`), for the light paths below."""
    p = _resolve_params(params)
    types = set(case.data_types)
    harms = getattr(case, "harms", {}) or {}
    offered = (getattr(case, "response", {}) or {}).get("offered_credit_monitoring", "unknown")
    return _person_heads(types, harms, offered, p, _fraud_per_person(types, harms, p)[0])


def per_person_harm(case, *, params: Mapping | None = None) -> float:
    """Median per-person cognizable harm of the class (USD): the ``total`` row of ``estimate_damages(case).per_person``.

    A light path for the calibrated headline's class ratio (no tables built).

    >>> from toolkit import Case
    >>> case = Case(name="demo", defendant="Example Co", records_exposed=100_000, data_types=["ssn", "contact"],
    ...             sector="finance", misconfiguration_type="public_bucket", jurisdictions=["US"])
    >>> per_person_harm(case) == float(estimate_damages(case).per_person.loc["total", "median"])
    True
    """
    heads = _case_heads(case, params)
    return float(sum(h[1] for _, h in heads))


#: The per-person heads that are non-economic (the rest, fraud loss, monitoring and lost time, are economic).
NON_ECONOMIC_HEADS = ("emotional distress (non-economic)",)


def economic_share(case, *, params: Mapping | None = None) -> float:
    """The economic share of the class's per-person harm (medians): 1 unless emotional distress is alleged.

    Out-of-pocket fraud loss, the cost of monitoring and lost time are economic damages; emotional
    distress is non-economic. Where a jurisdiction splits the two (California keeps joint and several
    liability for economic damages only, Cal. Civ. Code § 1431.2), fault allocation applies the
    joint rule to this share and several liability to the rest
    (:func:`toolkit.liability.fault.allocate_fault` ``economic_fraction``).

    >>> from toolkit import Case
    >>> case = Case(name="demo", defendant="Example Co", records_exposed=100_000, data_types=["ssn", "contact"],
    ...             sector="finance", misconfiguration_type="public_bucket", jurisdictions=["US"])
    >>> economic_share(case)
    1.0
    >>> 0 < economic_share(case.replace(emotional_distress_alleged="yes")) < 1
    True
    """
    heads = _case_heads(case, params)
    total = sum(float(h[1]) for _, h in heads)
    non_economic = sum(float(h[1]) for name, h in heads if name in NON_ECONOMIC_HEADS)
    return 1.0 if total <= 0 else (total - non_economic) / total


def _lifecycle(response: Mapping, p) -> tuple[np.ndarray, str, str]:
    """Multiplier of the per-breach costs for the breach lifecycle (days to detect + contain), 1 when unknown.

    The days are :func:`toolkit.regimes.factors.response_window`'s: long over ``DURATION_LONG_DAYS``
    (the IBM long-lifecycle ratio), otherwise the short ratio once both days are known.
    """
    from ..regimes.factors import DURATION_LONG_DAYS, response_window

    known = {key: response.get(key) for key in ("days_to_detect", "days_to_contain")}
    days, window = response_window(known)
    if window == "long":
        return np.array(p["lifecycle_cost_ratio_long"]), "; lifecycle_cost_ratio_long", \
            f"; lifecycle over {DURATION_LONG_DAYS} days"
    if None not in known.values():
        return np.array(p["lifecycle_cost_ratio_short"]), "; lifecycle_cost_ratio_short", \
            f"; lifecycle {days:g} days (under {DURATION_LONG_DAYS})"
    return np.ones(3), "", ""


def _misuse_rate(types: set, p) -> tuple[np.ndarray, str]:
    """Highest applicable misuse rate among the data types (a person is defrauded at most once here)."""
    candidates = []
    if "payment_card" in types:
        candidates.append(("misuse_rate_payment_card", np.array(p["misuse_rate_payment_card"])))
    if types & set(_IDENTITY_TYPES):
        candidates.append(("misuse_rate_identity", np.array(p["misuse_rate_identity"])))
    if not candidates:
        candidates.append(("misuse_rate_other", np.array(p["misuse_rate_other"])))
    name, rate = max(candidates, key=lambda c: c[1][1])
    return rate, name


def _tags(names: str) -> str:
    tags = []
    for n in names.split(";"):
        for t in DEFAULT_PARAMS[n.strip()][4].split("/"):
            if t not in tags:
                tags.append(t)
    return "/".join(tags)


def _sources(names: str) -> str:
    return " | ".join(f"{n.strip()}: {DEFAULT_PARAMS[n.strip()][5]}" for n in names.split(";"))
