"""The matter under analysis: :class:`Case`, its validation and its YAML form.

A :class:`Case` holds the facts of one matter as an analyst states them: what was exposed,
how, where it is litigated, which governance controls were in place and how strongly the
evidence ties the misconfiguration to the harm. Every field is validated when the Case is
built; bad input raises :class:`toolkit.InputError` naming the field, the value and what is
allowed.

YAML is read with a safe loader only: Python tags are refused (never executed), documents
with many aliases ("billion laughs") are refused before they are expanded, and YAML 1.1
booleans (``yes``/``no``/``true``/``false``) are accepted for the yes/no/unknown fields.
"""
from __future__ import annotations

import dataclasses
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .errors import InputError, suggest
from .vocab import (
    AGGRAVATION, AUTHORITY_CODES, CLOUD_PROVIDERS, CONTROLS, DATA_TYPES, GOVERNANCE, HARMS, MISCONFIGURATION_TYPES,
    RESPONSE_DAYS, RESPONSE_FLAGS, RESPONSE_KEYS, SECTORS, SENSITIVE_CATEGORIES, SERVICE_MODELS, TRISTATE,
    is_jurisdiction,
)

__all__ = ["Case", "DEFENSES", "LAYERS", "BLOCKS", "load_yaml"]

#: Affirmative defenses a defendant can raise (see ``toolkit.liability.defenses``).
DEFENSES = ("vendor_documentation", "soc2", "iso27001", "sophisticated_attack", "disclosed_risk")
#: The layer of the stack that was misconfigured (shared-responsibility model).
LAYERS = ("data", "identity", "network", "platform", "physical", "unknown")

#: The default misconfigured layer for each misconfiguration type.
DEFAULT_LAYER = {
    "public_bucket": "data",
    "open_database": "network",
    "iam_overprivilege": "identity",
    "leaked_credentials": "identity",
    "no_mfa": "identity",
    "waf_ssrf": "network",
    "unpatched": "platform",
    "other": "unknown",
}

MAX_YAML_BYTES = 1_000_000
MAX_YAML_ALIASES = 100
MAX_YAML_NODES = 100_000  # nodes after alias expansion: refuses "billion laughs" before building it
MAX_YAML_DEPTH = 20
MAX_RECORDS = 10**11  # more than every person on Earth ten times over: a typo, not a breach

_PARTY_KEYS = ("customer", "provider", "integrator")


# --------------------------------------------------------------------------- validators
def _str(field_name: str, value: Any, *, required: bool = True, max_len: int = 500) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError(field_name, value, "a non-empty text")
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(field_name, value, "a text")
    text = str(value).strip()
    if len(text) > max_len:
        raise InputError(field_name, text, f"a text of at most {max_len} characters")
    return text


def _number(field_name: str, value: Any, allowed: str) -> float:
    if isinstance(value, bool) or value is None:
        raise InputError(field_name, value, allowed)
    if isinstance(value, str):
        try:
            value = float(value.replace("_", "").strip())
        except ValueError:
            raise InputError(field_name, value, allowed) from None
    if not isinstance(value, (int, float)):
        raise InputError(field_name, value, allowed)
    try:
        number = float(value)
    except OverflowError:
        raise InputError(field_name, value, allowed) from None
    if not math.isfinite(number):
        raise InputError(field_name, value, allowed)
    return number


def _count(field_name: str, value: Any, *, maximum: int = MAX_RECORDS) -> int:
    allowed = f"a whole number between 0 and {maximum:,}"
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        as_float = _number(field_name, value, allowed)
        if as_float != int(as_float):
            raise InputError(field_name, value, allowed)
        number = int(as_float)
    if number < 0 or number > maximum:
        raise InputError(field_name, value, allowed)
    return int(number)


def _fraction(field_name: str, value: Any) -> float:
    allowed = "a number between 0 and 1"
    number = _number(field_name, value, allowed)
    if not 0.0 <= number <= 1.0:
        raise InputError(field_name, value, allowed)
    return number


def _choice(field_name: str, value: Any, options: tuple[str, ...]) -> str:
    allowed = "one of " + ", ".join(options)
    if not isinstance(value, str):
        raise InputError(field_name, value, allowed)
    key = value.strip().lower()
    if key not in options:
        near = suggest(key, options)
        raise InputError(field_name, value, allowed, f"did you mean {near!r}?" if near else None)
    return key


def _tristate(field_name: str, value: Any) -> str:
    """yes / no / unknown; YAML booleans (``yes``, ``true``, ``on``) and None are accepted."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value.strip().lower() in ("true", "on", "y"):
        return "yes"
    if isinstance(value, str) and value.strip().lower() in ("false", "off", "n"):
        return "no"
    return _choice(field_name, value, TRISTATE)


def _list(field_name: str, value: Any) -> list:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [value]  # a single value written without brackets
    if not isinstance(value, (list, tuple)):
        raise InputError(field_name, value, "a list")
    return list(value)


def _choices(field_name: str, value: Any, options: tuple[str, ...], *, non_empty: bool) -> tuple[str, ...]:
    items = _list(field_name, value)
    if non_empty and not items:
        raise InputError(field_name, value, "a non-empty list of " + ", ".join(options))
    out: list[str] = []
    for i, item in enumerate(items):
        code = _choice(f"{field_name}[{i}]", item, options)
        if code not in out:
            out.append(code)
    return tuple(out)


def _jurisdictions(value: Any) -> tuple[str, ...]:
    allowed = "a non-empty list of codes such as US, US-CA, GB, EU-IE"
    items = _list("jurisdictions", value)
    if not items:
        raise InputError("jurisdictions", value, allowed)
    out: list[str] = []
    for i, item in enumerate(items):
        if isinstance(item, bool):
            # YAML 1.1 reads a bare NO (Norway) as False.
            raise InputError(f"jurisdictions[{i}]", item, allowed, "quote country codes, e.g. 'NO'")
        code = item.strip().upper() if isinstance(item, str) else item
        if not is_jurisdiction(code):
            raise InputError(f"jurisdictions[{i}]", item, allowed)
        if code not in out:
            out.append(code)
    return tuple(out)


def _regulators(value: Any) -> tuple[str, ...] | None:
    """Authority codes of :data:`toolkit.vocab.AUTHORITIES`; None (omitted) means "infer them"."""
    if value is None:
        return None
    items = _list("regulators", value)
    out: list[str] = []
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise InputError(f"regulators[{i}]", item, "an authority code such as US-FTC, GB-ICO, EU-IE-DPA, US-NY-AG")
        code = item.strip().upper()
        if code not in AUTHORITY_CODES:
            near = suggest(code, AUTHORITY_CODES)
            raise InputError(f"regulators[{i}]", item,
                             "an authority code of toolkit.vocab.AUTHORITIES (US-FTC, GB-ICO, EU-IE-DPA, US-NY-AG, ...)",
                             f"did you mean {near!r}?" if near else None)
        if code not in out:
            out.append(code)
    return tuple(out)


_INCIDENT_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _incident_id(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _INCIDENT_ID.match(value.strip()) or len(value) > 120:
        raise InputError("incident_id", value, "a lower-case slug as in the outcomes table, e.g. capital-one-2019")
    return value.strip()


def _urls(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = _list("sources", value)
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip().lower().startswith(("http://", "https://")):
            raise InputError(f"sources[{i}]", item, "a public URL starting with http:// or https://")
        if any(ch.isspace() for ch in item.strip()):
            raise InputError(f"sources[{i}]", item, "a URL without spaces")
        out.append(item.strip())
    return tuple(out)


def _mapping(field_name: str, value: Any) -> Mapping:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InputError(field_name, value, "a mapping of name: value")
    return value


def _check_keys(field_name: str, mapping: Mapping, allowed: tuple[str, ...]) -> None:
    for key in mapping:
        if not isinstance(key, str) or key not in allowed:
            near = suggest(key, allowed) if isinstance(key, str) else None
            where = f"{field_name}.{key}" if field_name else str(key)
            raise InputError(
                where, key, "one of the keys " + ", ".join(allowed),
                f"did you mean {near!r}?" if near else "unknown key",
            )


# --------------------------------------------------------------------------- lever blocks (issue 18)
#: The lever blocks of a matter and the keys each accepts (``Case.replace`` takes these keys directly).
BLOCKS = {"governance": GOVERNANCE, "response": RESPONSE_KEYS, "harms": HARMS, "aggravation": AGGRAVATION}
MAX_DAYS = 36_500  # a hundred years: a typo, not an incident timeline


def _days(field_name: str, value: Any) -> int | float | None:
    """An optional number of days (>= 0); None or "unknown" means not stated."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "unknown")):
        return None
    allowed = f"a number of days between 0 and {MAX_DAYS:,}, or unknown (omit it)"
    number = _number(field_name, value, allowed)
    if not 0 <= number <= MAX_DAYS:
        raise InputError(field_name, value, allowed)
    return int(number) if number == int(number) else number


def _tristate_block(name: str, value: Any, keys: tuple[str, ...]) -> dict[str, str]:
    block = _mapping(name, value)
    _check_keys(name, block, keys)
    return {k: _tristate(f"{name}.{k}", block.get(k)) for k in keys}


def _response(value: Any) -> dict[str, Any]:
    block = _mapping("response", value)
    _check_keys("response", block, RESPONSE_KEYS)
    out: dict[str, Any] = {k: _days(f"response.{k}", block.get(k)) for k in RESPONSE_DAYS}
    out.update({k: _tristate(f"response.{k}", block.get(k)) for k in RESPONSE_FLAGS})
    return out


def _harms(value: Any, top_level_misuse: Any) -> tuple[dict[str, str], str]:
    """The harms block (with ``evidence_of_misuse`` mirrored) and the top-level ``evidence_of_misuse``."""
    block = _mapping("harms", value)
    if "sensitive_category" in block:
        raise InputError("harms.sensitive_category", block["sensitive_category"],
                         "nothing here: it is derived from data_types (list health, minors or biometric there)")
    _check_keys("harms", block, HARMS)
    misuse = _tristate("evidence_of_misuse", top_level_misuse)
    if "evidence_of_misuse" in block:
        inner = _tristate("harms.evidence_of_misuse", block["evidence_of_misuse"])
        if misuse != "unknown" and inner != misuse:
            raise InputError("harms.evidence_of_misuse", block["evidence_of_misuse"],
                             "the same value as the top-level evidence_of_misuse (or leave one of them out)")
        misuse = inner
    out = {k: _tristate(f"harms.{k}", block.get(k)) for k in HARMS if k != "evidence_of_misuse"}
    return {"evidence_of_misuse": misuse, **out}, misuse


# --------------------------------------------------------------------------- Case
@dataclass(frozen=True)
class Case:
    """A matter: the facts of one data exposure, as the analyst states them.

    Build it from a YAML file (:meth:`from_yaml`), a mapping (:meth:`from_dict`) or keyword
    arguments; every field is validated and normalised. ``case.to_dict()`` round-trips.

    Parameters
    ----------
    name : str
        Short title of the matter.
    defendant : str
        The organisation whose data was exposed (the cloud customer).
    records_exposed : int
        People or records affected, as reported (>= 0).
    data_types : tuple of str
        Non-empty subset of :data:`toolkit.vocab.DATA_TYPES`.
    sector : str
        One of :data:`toolkit.vocab.SECTORS`.
    misconfiguration_type : str
        One of :data:`toolkit.vocab.MISCONFIGURATION_TYPES`.
    jurisdictions : tuple of str
        Non-empty; codes as in the outcomes table (``US``, ``US-CA``, ``GB``, ``EU-IE``).
    class_size : int, optional
        Size of the putative class; defaults to ``records_exposed``.
    cloud_provider : str, default="unknown"
        One of :data:`toolkit.vocab.CLOUD_PROVIDERS`.
    service_model : str, default="unknown"
        ``iaas``, ``paas``, ``saas``, ``onprem`` or ``unknown``.
    forum : str, optional
        The court or authority, e.g. ``"E.D. Va."``.
    defendant_revenue_usd : float, optional
        Worldwide annual turnover, for turnover-based fines (GDPR Art. 83).
    causation_strength : float, default=0.5
        How strongly the evidence ties the misconfiguration to the exposure and to the harms, in [0, 1].
    controls : dict, optional
        Each of :data:`toolkit.vocab.CONTROLS` mapped to ``yes``/``no``/``unknown``; missing means unknown.
    prior_warnings : str, default="unknown"
        ``yes`` if the defendant had been warned (audit, researcher, prior incident) and did not act.
    parties : dict, optional
        Names of the ``customer``, ``provider`` and ``integrator`` (None where there is none).
    sources : tuple of str, optional
        Public URLs the facts come from.
    misconfigured_layer : str, optional
        One of :data:`LAYERS`; defaults from ``misconfiguration_type`` (e.g. a public bucket is the data layer).
    evidence_of_misuse : str, default="unknown"
        ``yes`` if exposed data has been shown to be misused (fraud, dark-web sale); matters for standing.
    intervening_criminal_act : str, default="yes"
        ``yes`` when a third party's criminal act (intrusion, exfiltration) intervened.
    prior_exposure : float, default=0.0
        Share of the class whose same data had already been exposed elsewhere, in [0, 1].
    provider_insecure_default : str, default="unknown"
        ``yes`` if the provider's documented default for the service was itself insecure.
    defenses : tuple of str, optional
        Affirmative defenses raised, from :data:`DEFENSES`.
    incident_year : int, optional
        Year the exposure happened or became public; decides which statutes were in force (e.g.
        CCPA § 1798.150 from 2020) and dates the market check. Unknown when omitted.
    regulators : tuple of str, optional
        Authority codes of :data:`toolkit.vocab.AUTHORITIES` expected to act (``US-OCC``, ``GB-ICO``,
        ``EU-IE-DPA``, ``US-NY-AG``, ...). Attorneys general feed the ``ag_settlement`` headline,
        every other authority ``regulatory_fine``. When omitted, :func:`toolkit.regimes.infer_regulators`
        infers them from the jurisdictions and sector (and the assessment's notes say so).
    incident_id : str, optional
        The incident's slug in the outcomes table (``capital-one-2019``): the market check and the
        calibration leave that incident's outcomes out. When omitted, outcomes of the same defendant
        within a year of ``incident_year`` are left out.
    governance : dict, optional
        The security program around the controls, each ``yes``/``no``/``unknown`` (missing means
        unknown): ``risk_assessment`` (a documented, current risk analysis), ``change_management``
        (configuration changes approved and reviewed), ``security_program`` (a formal program with
        named risk owners and a process that remediates gaps), ``independent_audit`` (regular
        independent assessments: third-party assessors, or an internal audit reporting to the board's
        audit committee), ``executive_oversight`` (the board or executives informed; security funded),
        ``documentation`` (decisions and drills recorded), ``training`` (staff trained for their role).
    response : dict, optional
        Incident handling: ``days_to_detect`` (exposure began -> discovered), ``days_to_contain``
        (discovered -> closed), ``days_to_notify`` (discovered -> first notice to a regulator or the people
        affected), each a number of days or omitted; ``notified_regulator_on_time``,
        ``cooperated_with_regulator``, ``offered_credit_monitoring`` and ``corrected_within_30_days`` (the
        violation was corrected within 30 days of discovery, 45 C.F.R. § 160.404(b)(2)(iii)-(iv)), each
        ``yes``/``no``/``unknown``.
    harms : dict, optional
        What the class alleges: ``evidence_of_misuse`` (the same as the top-level field; either place),
        ``identity_theft_reported``, ``emotional_distress_alleged``, ``lost_time_alleged``, each
        ``yes``/``no``/``unknown``. The sensitive categories are derived (:attr:`sensitive_category`).
    aggravation : dict, optional
        ``previous_infringements`` (an earlier finding, order or settlement against the defendant for a
        similar failure) and ``financial_benefit`` (a finding that the business saved money by its lax
        security, GDPR Art. 83(2)(k)), each ``yes``/``no``/``unknown``. Ignored warnings are the top-level
        ``prior_warnings``; together they make :attr:`willful_disregard`.

    Notes
    -----
    **Unknown is neutral, the same way for every lever of the governance, response, harms and
    aggravation blocks.** An unknown factor (or an omitted day count) contributes exactly nothing:
    a logit term of 0, a penalty share of 0 (a multiplier of 1), no damages component, and the
    statutory tier the calculator used before the factor existed. A matter whose blocks are all
    unknown therefore gives the same numbers as one written without them, and it is the reference
    matter of the calibrated headline (:func:`toolkit.calibration.structural.reference_case` resets
    every block to unknown), so an unknown lever also leaves the structural ratio at 1. Only ``yes``
    or ``no`` (or a stated day count) moves a number, each by its own sourced or stated parameter.
    (The nine technical controls keep their older convention: an unknown control scores
    ``unknown_weight`` of an absent one in the Hand test; in the structural ratio it is the reference.)

    Examples
    --------
    >>> case = Case.from_dict({
    ...     "name": "Open bucket", "defendant": "Example Inc.", "records_exposed": 250_000,
    ...     "data_types": ["health", "contact"], "sector": "healthcare",
    ...     "misconfiguration_type": "public_bucket", "jurisdictions": ["US", "US-CA"],
    ...     "controls": {"mfa": True, "config_scanning": False}})
    >>> case.controls["mfa"], case.controls["config_scanning"], case.controls["logging_monitoring"]
    ('yes', 'no', 'unknown')
    >>> case.class_size
    250000
    >>> Case.from_dict(case.to_dict()) == case
    True
    >>> case.replace(risk_assessment="no", days_to_contain=12).governance["risk_assessment"]
    'no'
    >>> case.sensitive_category
    ('health',)
    """

    name: str
    defendant: str
    records_exposed: int
    data_types: tuple[str, ...]
    sector: str
    misconfiguration_type: str
    jurisdictions: tuple[str, ...]
    class_size: int | None = None
    cloud_provider: str = "unknown"
    service_model: str = "unknown"
    forum: str | None = None
    defendant_revenue_usd: float | None = None
    causation_strength: float = 0.5
    controls: Mapping[str, str] = field(default_factory=dict)
    prior_warnings: str = "unknown"
    parties: Mapping[str, str | None] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    misconfigured_layer: str | None = None
    evidence_of_misuse: str = "unknown"
    intervening_criminal_act: str = "yes"
    prior_exposure: float = 0.0
    provider_insecure_default: str = "unknown"
    defenses: tuple[str, ...] = ()
    incident_year: int | None = None
    regulators: tuple[str, ...] | None = None
    incident_id: str | None = None
    governance: Mapping[str, str] = field(default_factory=dict)
    response: Mapping[str, Any] = field(default_factory=dict)
    harms: Mapping[str, str] = field(default_factory=dict)
    aggravation: Mapping[str, str] = field(default_factory=dict)

    # ------------------------------------------------------------------ validation
    def __post_init__(self) -> None:
        set_ = lambda name, value: object.__setattr__(self, name, value)  # noqa: E731 (frozen)
        set_("name", _str("name", self.name))
        set_("defendant", _str("defendant", self.defendant))
        set_("records_exposed", _count("records_exposed", self.records_exposed))
        set_("class_size", self.records_exposed if self.class_size is None
             else _count("class_size", self.class_size))
        set_("data_types", _choices("data_types", self.data_types, DATA_TYPES, non_empty=True))
        set_("sector", _choice("sector", self.sector, SECTORS))
        set_("misconfiguration_type", _choice("misconfiguration_type", self.misconfiguration_type,
                                              MISCONFIGURATION_TYPES))
        set_("jurisdictions", _jurisdictions(self.jurisdictions))
        set_("cloud_provider", _choice("cloud_provider", "unknown" if self.cloud_provider is None
                                       else self.cloud_provider, CLOUD_PROVIDERS))
        set_("service_model", _choice("service_model", "unknown" if self.service_model is None
                                      else self.service_model, SERVICE_MODELS))
        set_("forum", _str("forum", self.forum, required=False))
        if self.defendant_revenue_usd is not None:
            revenue = _number("defendant_revenue_usd", self.defendant_revenue_usd,
                              "a finite amount in USD >= 0")
            if revenue < 0 or revenue > 1e14:
                raise InputError("defendant_revenue_usd", self.defendant_revenue_usd,
                                 "a finite amount in USD between 0 and 1e14")
            set_("defendant_revenue_usd", revenue)
        set_("causation_strength", _fraction("causation_strength", self.causation_strength))
        controls = _mapping("controls", self.controls)
        _check_keys("controls", controls, CONTROLS + ("prior_warnings",))
        prior = self.prior_warnings
        if "prior_warnings" in controls:  # tolerated inside controls, as the design lists it with them
            if prior not in (None, "unknown") and _tristate("prior_warnings", prior) != _tristate(
                    "controls.prior_warnings", controls["prior_warnings"]):
                raise InputError("controls.prior_warnings", controls["prior_warnings"],
                                 "the same value as the top-level prior_warnings")
            prior = controls["prior_warnings"]
        set_("controls", {c: _tristate(f"controls.{c}", controls.get(c)) for c in CONTROLS})
        set_("prior_warnings", _tristate("prior_warnings", prior))
        parties = _mapping("parties", self.parties)
        _check_keys("parties", parties, _PARTY_KEYS)
        normal = {k: _str(f"parties.{k}", parties.get(k), required=False) for k in _PARTY_KEYS}
        if normal["customer"] is None:
            normal["customer"] = self.defendant
        set_("parties", normal)
        set_("sources", _urls(self.sources))
        layer = self.misconfigured_layer
        set_("misconfigured_layer", DEFAULT_LAYER[self.misconfiguration_type] if layer is None
             else _choice("misconfigured_layer", layer, LAYERS))
        harms, misuse = _harms(self.harms, self.evidence_of_misuse)
        set_("evidence_of_misuse", misuse)
        set_("harms", harms)
        set_("intervening_criminal_act", _tristate("intervening_criminal_act", self.intervening_criminal_act))
        set_("prior_exposure", _fraction("prior_exposure", self.prior_exposure))
        set_("provider_insecure_default", _tristate("provider_insecure_default",
                                                    self.provider_insecure_default))
        set_("defenses", _choices("defenses", self.defenses or [], DEFENSES, non_empty=False))
        if self.incident_year is not None:
            year = _count("incident_year", self.incident_year, maximum=2100)
            if year < 1970:
                raise InputError("incident_year", self.incident_year, "a year between 1970 and 2100")
            set_("incident_year", year)
        set_("regulators", _regulators(self.regulators))
        set_("incident_id", _incident_id(self.incident_id))
        set_("governance", _tristate_block("governance", self.governance, GOVERNANCE))
        set_("response", _response(self.response))
        set_("aggravation", _tristate_block("aggravation", self.aggravation, AGGRAVATION))

    __hash__ = None

    # ------------------------------------------------------------------ derived facts
    @property
    def sensitive_category(self) -> tuple[str, ...]:
        """The special categories among ``data_types`` (health, minors, biometric), in vocabulary order."""
        return tuple(c for c in SENSITIVE_CATEGORIES if c in self.data_types)

    @property
    def willful_disregard(self) -> str:
        """``yes`` when warnings were ignored (``prior_warnings``) or there were previous infringements;
        ``no`` when both are ``no``; else ``unknown``.

        >>> case = Case(name="x", defendant="y", records_exposed=1, data_types=["contact"], sector="retail",
        ...             misconfiguration_type="open_database", jurisdictions=["US"])
        >>> case.willful_disregard, case.replace(previous_infringements="yes").willful_disregard
        ('unknown', 'yes')
        """
        values = (self.prior_warnings, self.aggravation["previous_infringements"])
        if "yes" in values:
            return "yes"
        return "no" if all(v == "no" for v in values) else "unknown"  # mutable-looking mappings inside; compare with ==

    # ------------------------------------------------------------------ constructors
    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The names accepted by :meth:`from_dict`, in declaration order."""
        return tuple(f.name for f in dataclasses.fields(cls))

    @classmethod
    def from_dict(cls, data: Any) -> "Case":
        """Build a Case from a mapping (as read from YAML or JSON).

        Unknown keys are refused, with a "did you mean" hint for near misses; missing
        required keys are named.
        """
        if not isinstance(data, Mapping):
            raise InputError("matter", type(data).__name__,
                             "a mapping of field: value (see the Case fields)")
        names = cls.field_names()
        _check_keys("", data, names)
        required = [f.name for f in dataclasses.fields(cls)
                    if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
        for name in required:
            if name not in data or data[name] is None:
                raise InputError(name, None, "a value: this field is required")
        return cls(**{k: data[k] for k in names if k in data})

    @classmethod
    def from_yaml(cls, path: str | os.PathLike) -> "Case":
        """Read a matter from a YAML file (safe loader only)."""
        data = load_yaml(path)
        if data is None:
            raise InputError("file", str(path), "a YAML mapping of field: value (the file is empty)")
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON- and YAML-ready mapping; ``Case.from_dict(case.to_dict()) == case``."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, Mapping):
                value = dict(value)
            out[f.name] = value
        out["harms"].pop("evidence_of_misuse", None)  # carried by the top-level field
        return out

    def replace(self, **changes: Any) -> "Case":
        """A copy with some fields changed (validated like any Case).

        Control names (``mfa``, ``least_privilege``, ...) and the keys of the governance, response,
        harms and aggravation blocks (``risk_assessment``, ``days_to_contain``, ...) may be passed directly.

        >>> case = Case(name="x", defendant="y", records_exposed=1, data_types=["contact"],
        ...             sector="retail", misconfiguration_type="open_database", jurisdictions=["US"])
        >>> case.replace(mfa="no", causation_strength=0.9).controls["mfa"]
        'no'
        """
        data = self.to_dict()
        controls = dict(data["controls"])
        blocks = {name: dict(data[name]) for name in BLOCKS}
        for key in list(changes):
            if key in CONTROLS:
                controls[key] = changes.pop(key)
                continue
            for name, keys in BLOCKS.items():
                if key in keys and key != "evidence_of_misuse":
                    blocks[name][key] = changes.pop(key)
                    break
        data["controls"] = controls
        data.update(blocks)
        if "records_exposed" in changes and "class_size" not in changes \
                and self.class_size == self.records_exposed:
            data["class_size"] = None  # keep following the records count
        _check_keys("", changes, self.field_names())
        data.update(changes)
        return type(self).from_dict(data)

    def to_yaml(self) -> str:
        """The normalised matter as YAML text."""
        import yaml

        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True)


# --------------------------------------------------------------------------- YAML
def _safe_loader():
    import yaml

    class _Loader(yaml.SafeLoader):
        """SafeLoader that refuses alias bombs and deep nesting before building objects."""

        def __init__(self, stream):
            super().__init__(stream)
            self._aliases = 0
            self._depth = 0

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                self._aliases += 1
                if self._aliases > MAX_YAML_ALIASES:
                    raise InputError("file", f"more than {MAX_YAML_ALIASES} YAML aliases",
                                     "a plain matter file (alias-heavy YAML is refused)")
            self._depth += 1
            try:
                if self._depth > MAX_YAML_DEPTH:
                    raise InputError("file", f"nesting deeper than {MAX_YAML_DEPTH}",
                                     "a plain matter file")
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

        def get_single_node(self):
            node = super().get_single_node()
            if node is not None and _expanded_size(node) > MAX_YAML_NODES:
                raise InputError("file", f"more than {MAX_YAML_NODES:,} YAML nodes once aliases are expanded",
                                 "a plain matter file (alias bombs are refused)")
            return node

    return _Loader


def _expanded_size(root) -> int:
    """Number of nodes the document would have with every alias expanded (memoised, fast)."""
    memo: dict[int, int] = {}

    def size(node, depth=0) -> int:
        key = id(node)
        if key in memo:
            return memo[key]
        if depth > MAX_YAML_DEPTH:
            raise InputError("file", f"nesting deeper than {MAX_YAML_DEPTH}", "a plain matter file")
        total = 1
        value = node.value
        if isinstance(value, list):
            for item in value:
                if isinstance(item, tuple):  # mapping: (key node, value node)
                    total += size(item[0], depth + 1) + size(item[1], depth + 1)
                else:
                    total += size(item, depth + 1)
                if total > MAX_YAML_NODES:
                    break
        memo[key] = total
        return total

    return size(root)


def load_yaml(path: str | os.PathLike) -> Any:
    """Read one YAML document with a safe loader; every failure is an :class:`InputError`.

    Python object tags (``!!python/object``...) are refused, never executed; documents with
    more than ``MAX_YAML_ALIASES`` aliases or deeper than ``MAX_YAML_DEPTH`` are refused.
    """
    import yaml

    p = Path(path)
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise InputError("file", str(path), "a readable matter file (this is not a file)")
        if size > MAX_YAML_BYTES:
            raise InputError("file", f"{path} ({size:,} bytes)", f"a matter file under {MAX_YAML_BYTES:,} bytes")
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError("file", str(path), "an existing matter file") from None
    except OSError as exc:
        raise InputError("file", str(path), f"a readable matter file ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("file", str(path), "a UTF-8 text file in YAML (this looks binary)") from None
    if "\x00" in text:
        raise InputError("file", str(path), "a UTF-8 text file in YAML (this looks binary)")
    try:
        return yaml.load(text, Loader=_safe_loader())  # noqa: S506 - SafeLoader subclass
    except InputError:
        raise
    except yaml.constructor.ConstructorError as exc:
        tag = getattr(exc, "problem", "") or "an unsupported tag"
        raise InputError("file", str(path), "plain YAML without tags", f"refused: {tag}".strip()) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise InputError("file", str(path), "valid YAML", f"{problem}{where}") from None
    except RecursionError:
        raise InputError("file", str(path), "a plain matter file (nesting too deep)") from None
