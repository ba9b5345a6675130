"""Editable parameters of the liability engine, each with its source or stated assumption.

:class:`LiabilityParams` is a frozen dataclass: change values with
``params.replace(name=value)`` or pass a mapping of overrides to
:func:`toolkit.liability.assess_liability`. :func:`default_parameters` lists every
parameter (mapping-valued ones one key per row) with its value and source.
Tags follow sources (docs/sources.md): V (read in the cited page), V2 (read at second hand),
D (derived here by arithmetic), assumption (a stated modelling choice the analyst can change).
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

from ..errors import InputError, suggest
from ..vocab import DATA_TYPES, GOVERNANCE, MISCONFIGURATION_TYPES, SECTORS

__all__ = ["LiabilityParams", "default_parameters", "resolve_params", "logistic"]


def logistic(z: float) -> float:
    """The logistic function 1 / (1 + exp(-z)), safe for large |z|.

    >>> logistic(0.0)
    0.5
    """
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _p(default: Any, source: str, unit: str = "") -> Any:
    meta = {"source": source, "unit": unit}
    if isinstance(default, Mapping):
        frozen = MappingProxyType(dict(default))
        return field(default_factory=lambda: frozen, metadata=meta)
    return field(default=default, metadata=meta)


_IBM24 = "https://10guards.com/fr/blog/2024/07/31/ibm-average-breach-costs-hit-record-4-88m-in-2024-up-10-from-last-year/"
_ASSUME = "assumption"


@dataclass(frozen=True)
class LiabilityParams:
    """Every non-fitted number the liability engine uses, with its source.

    Attributes are documented by :func:`default_parameters` (name, value, unit,
    source_or_assumption). Mapping-valued parameters are read-only mappings; override them
    with a full or partial mapping through :meth:`replace` (missing keys keep their defaults).

    Examples
    --------
    >>> p = LiabilityParams()
    >>> p.loss_per_record_usd
    165.0
    >>> p.replace(plaintiff_fault=0.2).plaintiff_fault
    0.2
    >>> p.replace(defense_effect={"soc2": 0.1}).defense_effect["soc2"]
    0.1
    """

    # ---------------------------------------------------------------- loss default
    loss_per_record_usd: float = _p(
        165.0, "V: IBM/Ponemon Cost of a Data Breach 2023, cost per record $165 "
        "(https://bitsproof.com/blog-posts/according-to-ibm-data-breach-report-the-global-average-cost-of-a-data-breach-increased-to-4-45-million-in-2023); "
        "used only when no loss is given. Per-record models overstate large breaches (sources §1.3)", "USD/record")
    # ---------------------------------------------------------------- Hand formula
    p_breach_annual: float = _p(
        0.093, "V: Cyentia IRIS 2025, annual probability of a significant incident 9.3% in 2024 "
        "(https://reddogsecurity.substack.com/p/the-evolution-of-cyber-risks-over)", "1/year")
    vector_share: Mapping[str, float] = _p(
        {"public_bucket": 0.12, "open_database": 0.12, "iam_overprivilege": 0.12, "no_mfa": 0.12,
         "waf_ssrf": 0.12, "leaked_credentials": 0.16, "unpatched": 0.06, "other": 0.12},
        "IBM Cost of a Data Breach 2024, share of breaches by initial vector: cloud misconfiguration 12% (V, "
        + _IBM24 + ") for the cloud-configuration types; stolen or compromised credentials 16% (V, "
        "https://cybersecuritydive.com/news/ibm-data-breach-cost-credentials-phishing/722689); known unpatched "
        "vulnerability 6% (V2, sources §1.6); 'other' 12% is an assumption", "fraction")
    default_revenue_usd: float = _p(
        1e8, "assumption: annual revenue used to size control costs when the Case gives no defendant_revenue_usd",
        "USD/year")
    warning_multiplier: float = _p(
        5.0, "assumption: a specific, ignored warning multiplies the probability that the exposure is exploited "
        "(capped at 1)", "x")
    unknown_weight: float = _p(
        0.5, "assumption: a control whose status is unknown counts as this fraction of an absent one", "fraction")
    present_credit: float = _p(
        1.0, "assumption: a relevant control in place scores -present_credit (>= 1, so it never scores above an "
        "absent or unknown control)", "score")
    industry_standard_score: float = _p(
        0.3, "assumption on size; doctrine: industry custom is evidence of the standard of care but not conclusive "
        "(The T.J. Hooper, 60 F.2d 737 (2d Cir. 1932)). Added per absent control that a recognised framework "
        "(CIS AWS, NIST CSF 2.0, ISO 27001 Annex A) names", "score")
    breach_intercept: float = _p(-0.5, "assumption: logit of a breach finding with no control evidence", "logit")
    hand_slope: float = _p(
        3.0, "assumption: logit per unit of the relevance-weighted mean control score", "logit")
    warnings_logit: float = _p(
        1.0, "assumption: ignored prior warnings make the risk known (foreseeability), added to the breach logit",
        "logit")
    provider_default_logit: float = _p(
        0.3, "assumption: reliance on a provider's documented insecure default lowers the customer's breach logit "
        "(sources §3: shared, fact-specific)", "logit")
    governance_logit: Mapping[str, float] = _p(
        {"risk_assessment": 0.30, "change_management": 0.25, "security_program": 0.25, "independent_audit": 0.20,
         "executive_oversight": 0.15, "documentation": 0.10, "training": 0.10},
        "assumption on size (issue 18): evidence of care or its absence next to the Hand test; a governance factor "
        "absent adds its weight to the breach logit, in place subtracts it, unknown adds 0. Each is an element of a "
        "reasonable security program in the FTC Safeguards Rule, 16 C.F.R. § 314.4 ((a) a qualified individual "
        "overseeing the program, (b) a written risk assessment, (c)(7) change management, (d) regular testing, "
        "(e) staff training, (i) a written report to the board at least annually; "
        "https://fac.procurementexpress.com/findings/387187 ; https://worldoftaxonomy.com/system/reg_ftc_safeguards/node/change_mgmt), "
        "and the OCC's Capital One findings (2020: risk assessment before the cloud migration, internal audit, board "
        "oversight; https://www.occ.gov/news-issuances/news-releases/2020/nr-occ-2020-101.html). Risk assessment "
        "weighs most: it is the factor regulators cite most", "logit")
    # ---------------------------------------------------------------- duty
    duty_intercept: float = _p(-1.0, "assumption", "logit")
    duty_direct_logit: float = _p(
        1.0, "assumption; doctrine: a custodian that collects and stores sensitive data owes a duty of reasonable "
        "care (Dittman v. UPMC, 196 A.3d 1036 (Pa. 2018), https://law.justia.com/cases/pennsylvania/supreme-court/2018/43-wap-2017.html)",
        "logit")
    sector_direct: Mapping[str, float] = _p(
        {s: (0.0 if s in ("technology", "media", "other") else 1.0) for s in SECTORS},
        "assumption: 1 where the defendant usually deals with the data subjects directly (customers, patients, "
        "students, employees); 0 for sectors that mostly process others' data (processors, brokers)", "0/1")
    duty_sensitivity_slope: float = _p(1.5, "assumption", "logit")
    sensitivity: Mapping[str, float] = _p(
        {"ssn": 1.0, "health": 1.0, "biometric": 1.0, "financial": 0.9, "payment_card": 0.9, "government_id": 0.9,
         "minors": 0.9, "credentials": 0.8, "location": 0.6, "contact": 0.3, "other": 0.3},
        "assumption: ordering follows sources §2.10 (SSN, medical, financial > e-mail/contact); the Case "
        "uses the most sensitive type it lists", "0..1")
    duty_foreseeability_slope: float = _p(1.5, "assumption", "logit")
    foreseeability: Mapping[str, float] = _p(
        {"public_bucket": 1.0, "open_database": 1.0, "no_mfa": 0.9, "unpatched": 0.9, "leaked_credentials": 0.8,
         "iam_overprivilege": 0.7, "waf_ssrf": 0.7, "other": 0.5},
        "assumption: how publicly known the misconfiguration type is as a cause of breaches (cloud misconfiguration "
        "is a top-3 initial vector in IBM 2022-2024, sources §1.6)", "0..1")
    # ---------------------------------------------------------------- causation
    causation_intercept: float = _p(0.5, "assumption: logit of causation proven at causation_strength = 0.5", "logit")
    causation_slope: float = _p(4.0, "assumption: logit per unit of causation_strength (must be >= 0)", "logit")
    intervening_act_logit: float = _p(
        0.3, "assumption on size; doctrine: a foreseeable criminal act does not break the chain (Dittman v. UPMC, "
        "Pa. 2018), so the reduction is small", "logit")
    prior_exposure_logit: float = _p(
        1.0, "assumption: logit reduction per unit of Case.prior_exposure (same people's data exposed elsewhere)",
        "logit")
    attribution_floor: float = _p(
        0.5, "assumption: attribution fraction at causation_strength = 0 (linear to 1 at 1)", "fraction")
    prior_exposure_attribution: float = _p(
        0.5, "assumption: fraction of the damages of the previously exposed people attributed elsewhere", "fraction")
    # ---------------------------------------------------------------- standing
    standing_intercept: float = _p(-0.3, "assumption (no grant rate for motions to dismiss was found; "
                                         "sources §1.8)", "logit")
    circuit_stance_logit: Mapping[str, float] = _p(
        {"permissive": 0.5, "factor_test": 0.0, "restrictive": -0.5, "unsettled": 0.0, "state_court": 0.5,
         "non_us": 0.5},
        "assumption on size; categories from sources §2.10. Circuit split as of April 2021 (6th, 7th, 9th, "
        "D.C. found standing on risk of identity theft; 2d, 3d, 4th, 8th, 11th did not) per "
        "https://ucipclj.org/2021/04/29/an-increased-risk-of-identity-theft-should-be-sufficient-to-establish-standing-in-federal-courts/ ; "
        "since then the 2d (McMorris, 2021) and 3d (Clemens, 2022) Circuits apply factor tests. Each circuit's cases "
        "and the pages read: toolkit.liability.standing.CIRCUIT_STANCE / CIRCUIT_SOURCES (V). state_court and "
        "non_us: Article III does not apply", "logit")
    sensitive_data_logit: float = _p(
        0.8, "assumption; doctrine: SSNs or financial data support a substantial risk of misuse (Attias v. CareFirst, "
        "D.C. Cir. 2017; McMorris factor 3)", "logit")
    misuse_yes_logit: float = _p(2.0, "assumption; doctrine: actual misuse of part of the data (McMorris factor 2; "
                                      "Webb v. Injured Workers Pharmacy, 1st Cir. 2023)", "logit")
    misuse_no_logit: float = _p(-0.5, "assumption; doctrine: risk of future harm alone does not support damages "
                                      "(TransUnion v. Ramirez, 2021)", "logit")
    late_notice_logit: float = _p(
        0.3, "assumption on size; doctrine: delayed notice is pleaded as its own theory of harm (the class lost the "
        "chance to protect itself in the delay), e.g. under Cal. Civ. Code § 1798.84(b) for a violation of the "
        "notice duty of § 1798.82; read from toolkit.regimes.factors.late_notice (a missed deadline or "
        "notified_regulator_on_time = no)", "logit")
    lost_time_logit: float = _p(
        0.3, "assumption on size; doctrine: time and money spent mitigating a substantial risk is an injury "
        "(McMorris, 2d Cir. 2021; Webb, 1st Cir. 2023: targeted theft plus mitigation time), but costs incurred "
        "against a speculative harm are self-inflicted (Clapper, 2013): applied only when the risk is substantial "
        "(sensitive data, misuse or reported identity theft)", "logit")
    targeted_logit: float = _p(0.4, "assumption; doctrine: a targeted attack (McMorris factor 1); read from "
                                    "Case.intervening_criminal_act = yes", "logit")
    elr_bar_probability: Mapping[str, float] = _p(
        {"no_bar": 0.05, "unsettled": 0.15, "bar": 0.6},
        "assumption: probability that the economic-loss rule bars a consumer negligence claim, by the "
        "jurisdiction's economic_loss_rule (data/jurisdictions.csv; sources §2.11)", "probability")
    # ---------------------------------------------------------------- defenses
    defense_effect: Mapping[str, float] = _p(
        {"vendor_documentation": 0.15, "soc2": 0.05, "iso27001": 0.05, "sophisticated_attack": 0.10,
         "disclosed_risk": 0.05},
        "assumption: each raised defense multiplies the liability probability by (1 - effect). Certifications are "
        "evidence of process, not of the configuration that failed; cloud misconfigurations are rarely "
        "sophisticated attacks", "fraction")
    # ---------------------------------------------------------------- fault
    customer_share_customer_layer: float = _p(
        0.95, "V: Gartner (2015) 'through 2020, 95% of cloud security failures will be the customer's fault' "
        "(https://www.cio.co.uk/opinion/technology-productivity/are-cloud-security-fears-preventing-good-decision-making-3633908/), "
        "applied to layers the customer owns in the Azure shared-responsibility matrix "
        "(https://learn.microsoft.com/en-ca/Azure/security/fundamentals/shared-responsibility)", "fraction")
    customer_share_shared_layer: float = _p(0.5, "assumption: equal split of a shared layer (Azure matrix 'Shared')",
                                            "fraction")
    customer_share_provider_layer: float = _p(
        0.05, "assumption: mirror of customer_share_customer_layer for layers the provider owns", "fraction")
    insecure_default_shift: float = _p(
        0.25, "assumption: fraction of the customer's share moved to the provider when the provider's default was "
        "insecure (sources §3)", "fraction")
    integrator_takeover: float = _p(
        0.5, "assumption: fraction of the customer's share taken by an integrator that made the change under "
        "contract (sources §3)", "fraction")
    plaintiff_fault: float = _p(
        0.0, "assumption: data subjects rarely contribute to a cloud misconfiguration; set per matter", "fraction")
    economic_damages_fraction: float = _p(
        1.0, "assumption: the economic heads of breach-negligence damages (fraud, monitoring, lost time) are wholly "
        "economic; the emotional-distress head is non-economic and is taken out by its share of the per-person "
        "harm (toolkit.damages.economic_share), so the fraction used is this value x that share; it matters where "
        "the joint rule differs for economic and non-economic damages (Cal. Civ. Code s.1431.2)", "fraction")
    provider_collectible: float = _p(
        1.0, "assumption: the provider is joined and pays its share; set 0 when it is not sued, released or "
        "immune (its share then shifts only under joint liability)", "fraction")
    integrator_collectible: float = _p(1.0, "assumption: as provider_collectible, for the integrator", "fraction")

    # ------------------------------------------------------------------ API
    def replace(self, **changes: Any) -> "LiabilityParams":
        """A copy with some parameters changed (mappings are merged into the defaults)."""
        return resolve_params(changes, base=self)

    def to_frame(self):
        """The parameters as a DataFrame (see :func:`default_parameters`)."""
        return _frame(self)


_FRACTIONS = {
    "p_breach_annual", "unknown_weight", "attribution_floor", "prior_exposure_attribution",
    "customer_share_customer_layer", "customer_share_shared_layer", "customer_share_provider_layer",
    "insecure_default_shift", "integrator_takeover", "plaintiff_fault", "economic_damages_fraction",
    "provider_collectible", "integrator_collectible",
}
_FRACTION_MAPS = {"vector_share", "sector_direct", "sensitivity", "foreseeability", "elr_bar_probability",
                  "defense_effect"}
_NONNEG = {"loss_per_record_usd", "default_revenue_usd", "hand_slope", "causation_slope", "warnings_logit",
           "industry_standard_score", "duty_sensitivity_slope", "duty_foreseeability_slope", "misuse_yes_logit",
           "sensitive_data_logit", "targeted_logit", "intervening_act_logit", "prior_exposure_logit",
           "provider_default_logit", "duty_direct_logit", "late_notice_logit", "lost_time_logit"}
_MAP_KEYS = {
    "vector_share": MISCONFIGURATION_TYPES, "sector_direct": SECTORS, "sensitivity": DATA_TYPES,
    "foreseeability": MISCONFIGURATION_TYPES, "elr_bar_probability": ("no_bar", "unsettled", "bar"),
    "defense_effect": ("vendor_documentation", "soc2", "iso27001", "sophisticated_attack", "disclosed_risk"),
    "circuit_stance_logit": ("permissive", "factor_test", "restrictive", "unsettled", "state_court", "non_us"),
    "governance_logit": GOVERNANCE,
}


def _number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(float(value)):
        raise InputError(f"params.{name}", value, "a finite number")
    return float(value)


def _check(name: str, value: float) -> float:
    if name in _FRACTIONS and not 0.0 <= value <= 1.0:
        raise InputError(f"params.{name}", value, "a number between 0 and 1")
    if name in _NONNEG and value < 0:
        raise InputError(f"params.{name}", value, "a number >= 0 (the direction of the effect is fixed)")
    if name == "present_credit" and value < 1.0:
        raise InputError("params.present_credit", value, "a number >= 1 (a control in place must never score "
                                                         "above an absent one)")
    if name == "warning_multiplier" and value < 1.0:
        raise InputError("params.warning_multiplier", value, "a number >= 1 (a warning never lowers the risk)")
    if name == "misuse_no_logit" and value > 0:
        raise InputError("params.misuse_no_logit", value, "a number <= 0")
    return value


def resolve_params(params: Any = None, *, base: LiabilityParams | None = None) -> LiabilityParams:
    """Turn ``None``, a :class:`LiabilityParams` or a mapping of overrides into validated params.

    Raises
    ------
    toolkit.InputError
        Unknown names (with a "did you mean"), non-numbers, or values out of range.

    Examples
    --------
    >>> resolve_params({"plaintiff_fault": 0.3}).plaintiff_fault
    0.3
    >>> resolve_params({"plaintif_fault": 0.3})
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: params.plaintif_fault: got 'plaintif_fault'; allowed: a parameter name of LiabilityParams (did you mean 'plaintiff_fault'?)
    """
    base = base or _DEFAULT
    if params is None:
        return base
    if isinstance(params, LiabilityParams):
        if params is _DEFAULT or params is base:
            return params
        params = {f.name: getattr(params, f.name) for f in dataclasses.fields(params)}
        base = _DEFAULT
    if not isinstance(params, Mapping):
        raise InputError("params", type(params).__name__, "None, a LiabilityParams or a mapping of overrides")
    names = [f.name for f in dataclasses.fields(LiabilityParams)]
    changes: dict[str, Any] = {}
    for name, value in params.items():
        if name not in names:
            near = suggest(str(name), names)
            raise InputError(f"params.{name}", name, "a parameter name of LiabilityParams",
                             f"did you mean {near!r}?" if near else None)
        current = getattr(base, name)
        if isinstance(current, Mapping):
            if not isinstance(value, Mapping):
                raise InputError(f"params.{name}", value, "a mapping of " + ", ".join(_MAP_KEYS[name]))
            merged = dict(current)
            for key, v in value.items():
                if key not in _MAP_KEYS[name]:
                    near = suggest(str(key), _MAP_KEYS[name])
                    raise InputError(f"params.{name}.{key}", key, "one of " + ", ".join(_MAP_KEYS[name]),
                                     f"did you mean {near!r}?" if near else None)
                number = _number(f"{name}.{key}", v)
                if name == "governance_logit" and number < 0:
                    raise InputError(f"params.{name}.{key}", v, "a number >= 0 (the direction of the effect is fixed)")
                if name in _FRACTION_MAPS and not 0.0 <= number <= 1.0:
                    raise InputError(f"params.{name}.{key}", v, "a number between 0 and 1")
                merged[key] = number
            changes[name] = MappingProxyType(merged)
        else:
            changes[name] = _check(name, _number(name, value))
    return dataclasses.replace(base, **changes)


_DEFAULT = LiabilityParams()


def _frame(p: LiabilityParams):
    import pandas as pd

    rows = []
    for f in dataclasses.fields(p):
        value = getattr(p, f.name)
        source, unit = f.metadata.get("source", ""), f.metadata.get("unit", "")
        changed = value != getattr(_DEFAULT, f.name)
        if isinstance(value, Mapping):
            for key, v in value.items():
                rows.append((f"{f.name}[{key}]", float(v), unit,
                             ("analyst override; default: " if v != getattr(_DEFAULT, f.name).get(key) else "") + source))
        else:
            rows.append((f.name, float(value), unit, ("analyst override; default: " if changed else "") + source))
    return pd.DataFrame(rows, columns=["name", "value", "unit", "source_or_assumption"])


def default_parameters():
    """Every parameter of the liability engine with its value, unit and source or assumption.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``value``, ``unit``, ``source_or_assumption``; mapping-valued
        parameters give one row per key (``vector_share[public_bucket]``).

    Examples
    --------
    >>> table = default_parameters()
    >>> bool(table["source_or_assumption"].str.len().gt(0).all())
    True
    >>> table.set_index("name").loc["vector_share[public_bucket]", "value"]
    np.float64(0.12)
    """
    return _frame(_DEFAULT)
