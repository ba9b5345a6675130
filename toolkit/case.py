"""The matter under analysis: :class:`Case`, its validation and its YAML form.

A :class:`Case` holds the facts of one matter as an analyst states them: what was exposed,
how, where it is litigated, which governance controls were in place and how strongly the
evidence ties the misconfiguration to the harm. Every field is validated when the Case is
built; bad input raises :class:`toolkit.InputError` naming the field, the value and what is
allowed.

YAML is read with a safe loader only: explicit tags (``!!int``, ``!!timestamp``,
``!!python/object``...) are refused, never executed; duplicate keys are refused (no value
silently wins); YAML 1.1 base-60 numbers (``1:00:00``) are text, refused by the field;
documents with many aliases ("billion laughs") are refused before they are expanded; and YAML
1.1 booleans (``yes``/``no``/``true``/``false``) are accepted for the yes/no/unknown fields.
Validation reports every problem of a matter at once (:class:`toolkit.errors.InputErrors`).
"""
from __future__ import annotations

import dataclasses
import math
import numbers
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .errors import InputError, InputErrors, suggest
from .vocab import (
    AGGRAVATION, AUTHORITY_CODES, CLOUD_PROVIDERS, CONTROLS, DATA_TYPES, DEFAULT_LAYER, DEFENSES, EU_EEA_STATES,
    GOVERNANCE, HARMS, JURISDICTIONS, LAYERS, MISCONFIGURATION_TYPES, OTHER_JURISDICTIONS, RESPONSE_DAYS,
    RESPONSE_FLAGS, RESPONSE_KEYS, SECTORS, SENSITIVE_CATEGORIES, SERVICE_MODELS, TRISTATE, suggest_term,
)

__all__ = ["Case", "DEFENSES", "LAYERS", "BLOCKS", "load_yaml"]  # DEFENSES, LAYERS: re-exported from vocab

MAX_YAML_BYTES = 1_000_000
MAX_YAML_ALIASES = 100
MAX_YAML_NODES = 100_000  # nodes after alias expansion: refuses "billion laughs" before building it
MAX_YAML_DEPTH = 20
MAX_RECORDS = 10**11  # more than every person on Earth ten times over: a typo, not a breach
MAX_ERRORS = 50  # validation reports at most this many problems at once
MIN_YEAR, MAX_YEAR = 1970, 2100
_JURISDICTION_SET = frozenset(JURISDICTIONS)
_EEA_BARE = frozenset(EU_EEA_STATES)
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")

_PARTY_KEYS = ("customer", "provider", "integrator")


# --------------------------------------------------------------------------- validators
def _str(field_name: str, value: Any, *, required: bool = True, max_len: int = 500) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError(field_name, value, "a non-empty text")
        return None
    if isinstance(value, bool) or not isinstance(value, (str, numbers.Real)):
        raise InputError(field_name, value, "a text")
    if isinstance(value, numbers.Integral) and int(value).bit_length() > 4 * max_len:
        raise InputError(field_name, int(value), f"a text of at most {max_len} characters")
    text = str(value).strip()
    if len(text) > max_len:
        raise InputError(field_name, text, f"a text of at most {max_len} characters")
    return text


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool) or type(value).__name__ == "bool_"  # numpy.bool_ too


def _number(field_name: str, value: Any, allowed: str) -> float:
    if _is_bool(value) or value is None:
        raise InputError(field_name, value, allowed)
    original = value
    if isinstance(value, str):
        text = value.replace("_", "").strip()
        if _SEXAGESIMAL.match(value.strip()):
            raise InputError(field_name, value, allowed,
                             "YAML 1.1 would read this as a base-60 number; write the number as plain digits")
        if len(text) > 400:
            raise InputError(field_name, value, allowed)
        try:
            value = float(text)
        except ValueError:
            raise InputError(field_name, value, allowed) from None
    if not isinstance(value, numbers.Real):
        raise InputError(field_name, value, allowed)
    try:
        number = float(value)
    except (OverflowError, ValueError, TypeError):
        raise InputError(field_name, original, allowed) from None
    if not math.isfinite(number):
        raise InputError(field_name, original, allowed)
    return number


def _count(field_name: str, value: Any, *, maximum: int = MAX_RECORDS, minimum: int = 0,
           allowed: str | None = None) -> int:
    """A whole number in [minimum, maximum]; Python and numpy integers, and integral floats, are accepted."""
    allowed = allowed or f"a whole number between {minimum:,} and {maximum:,}"
    if isinstance(value, numbers.Integral) and not _is_bool(value):
        number = int(value)
    else:
        as_float = _number(field_name, value, allowed)
        if as_float != int(as_float):
            raise InputError(field_name, value, allowed)
        number = int(as_float)
    if number < minimum or number > maximum:
        raise InputError(field_name, value, allowed)
    return number


def _revenue(value: Any) -> float | None:
    if value is None:
        return None
    allowed = "a finite amount in USD between 0 and 1e14"
    revenue = _number("defendant_revenue_usd", value, allowed)
    if revenue < 0 or revenue > 1e14:
        raise InputError("defendant_revenue_usd", value, allowed)
    return revenue


def _fraction(field_name: str, value: Any) -> float:
    allowed = "a number between 0 and 1"
    number = _number(field_name, value, allowed)
    if not 0.0 <= number <= 1.0:
        raise InputError(field_name, value, allowed)
    return number


def _field_of(field_name: str) -> str:
    """``data_types[3]`` -> ``data_types`` (the vocabulary a hint is looked up in)."""
    return field_name.split("[", 1)[0]


def _choice(field_name: str, value: Any, options: tuple[str, ...]) -> str:
    allowed = "one of " + ", ".join(options)
    if not isinstance(value, str):
        raise InputError(field_name, value, allowed)
    key = value.strip().lower()
    if key not in options:
        near = suggest_term(_field_of(field_name), key, options)
        raise InputError(field_name, value, allowed, f"did you mean {near!r}?" if near else None)
    return key


def _tristate(field_name: str, value: Any) -> str:
    """yes / no / unknown; YAML booleans (``yes``, ``true``, ``on``) and None are accepted."""
    if value is None:
        return "unknown"
    if _is_bool(value):
        return "yes" if value else "no"
    if isinstance(value, str) and value.strip().lower() in ("true", "on", "y"):
        return "yes"
    if isinstance(value, str) and value.strip().lower() in ("false", "off", "n"):
        return "no"
    return _choice(field_name, value, TRISTATE)


def _list(field_name: str, value: Any) -> list:
    if isinstance(value, (str, numbers.Real)) and not _is_bool(value):
        return [value]  # a single value written without brackets
    if not isinstance(value, (list, tuple)):
        raise InputError(field_name, value, "a list")
    return list(value)


def _choices(field_name: str, value: Any, options: tuple[str, ...], *, non_empty: bool) -> tuple[str, ...]:
    items = _list(field_name, value)
    if non_empty and not items:
        raise InputError(field_name, value, "a non-empty list of " + ", ".join(options))
    out: dict[str, None] = {}  # ordered set: de-duplication in constant time per item
    for i, item in enumerate(items):
        out.setdefault(_choice(f"{field_name}[{i}]", item, options))
    return tuple(out)


def _jurisdictions(value: Any) -> tuple[str, ...]:
    """Supported jurisdiction codes (:data:`toolkit.vocab.JURISDICTIONS`), de-duplicated in order."""
    allowed = ("a non-empty list of supported jurisdiction codes: US, US-XX (the 50 states and DC), GB, "
               "EU-XX (each EU/EEA member state), " + ", ".join(OTHER_JURISDICTIONS))
    items = _list("jurisdictions", value)
    if not items:
        raise InputError("jurisdictions", value, allowed)
    out: dict[str, None] = {}
    for i, item in enumerate(items):
        if _is_bool(item):
            # YAML 1.1 reads a bare NO (Norway) as False.
            raise InputError(f"jurisdictions[{i}]", item, allowed, "quote country codes, e.g. 'EU-NO' for Norway")
        if not isinstance(item, str):
            raise InputError(f"jurisdictions[{i}]", item, allowed)
        code = item.strip().upper()
        if code in _EEA_BARE:  # a member state's ISO code is that state: NO is written EU-NO
            code = f"EU-{code}"
        if code not in _JURISDICTION_SET:
            hint = None
            if isinstance(code, str):
                if code in ("UK", "GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR", "EN"):
                    hint = "did you mean 'GB'?"
                elif code in ("EU", "EEA"):
                    hint = "name the member state, e.g. 'EU-IE'"
                else:
                    near = suggest(code, JURISDICTIONS)
                    hint = (f"did you mean {near!r}? " if near else "") + \
                        "no rule is applied for an unsupported jurisdiction (see toolkit.vocab.JURISDICTIONS)"
            raise InputError(f"jurisdictions[{i}]", item, allowed, hint)
        out.setdefault(code)
    return tuple(out)


def _regulators(value: Any) -> tuple[str, ...] | None:
    """Authority codes of :data:`toolkit.vocab.AUTHORITIES`; None (omitted) means "infer them"."""
    if value is None:
        return None
    items = _list("regulators", value)
    out: dict[str, None] = {}
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise InputError(f"regulators[{i}]", item, "an authority code such as US-FTC, GB-ICO, EU-IE-DPA, US-NY-AG")
        code = item.strip().upper()
        if code not in AUTHORITY_CODES:
            near = suggest(code, AUTHORITY_CODES)
            raise InputError(f"regulators[{i}]", item,
                             "an authority code of toolkit.vocab.AUTHORITIES (US-FTC, GB-ICO, EU-IE-DPA, US-NY-AG, ...)",
                             f"did you mean {near!r}?" if near else None)
        out.setdefault(code)
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


def _key_errors(field_name: str, mapping: Mapping, allowed: tuple[str, ...]) -> list[InputError]:
    """One error per key of ``mapping`` not in ``allowed`` (with a "did you mean" hint)."""
    errors = []
    for key in mapping:
        if not isinstance(key, str) or key not in allowed:
            near = suggest(key, allowed) if isinstance(key, str) else None
            label = key if isinstance(key, str) else _short_text(key)
            where = f"{field_name}.{label}" if field_name else str(label)
            errors.append(InputError(
                _short_text(where, 120), key, "one of the keys " + ", ".join(allowed),
                f"did you mean {near!r}?" if near else "unknown key",
            ))
    return errors


def _check_keys(field_name: str, mapping: Mapping, allowed: tuple[str, ...]) -> None:
    errors = _key_errors(field_name, mapping, allowed)
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors[:MAX_ERRORS])


def _short_text(value: Any, limit: int = 60) -> str:
    from .errors import _short

    text = value if isinstance(value, str) else _short(value, limit)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Missing:
    """Marks a required field absent from a mapping (already reported by :meth:`Case.from_dict`)."""

    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()


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
        Non-empty; supported codes (:data:`toolkit.vocab.JURISDICTIONS`): ``US``, ``US-XX`` (the 50
        states and DC), ``GB``, ``EU-XX`` (each EU/EEA member state; a bare ISO code such as ``NO``
        is the same state and is written ``EU-NO``), and the other countries with an authority in
        the vocabulary (``SG``, ``AU``, ``CA``, ``JP``, ...). Any other code is refused.
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
        errors: list[InputError] = []
        bad: set[str] = set()

        def put(name: str, compute) -> None:
            """Validate one field; on failure record the error and go on (every problem at once)."""
            if getattr(self, name) is _MISSING:
                bad.add(name)
                return
            try:
                object.__setattr__(self, name, compute())  # frozen dataclass
            except InputErrors as exc:
                errors.extend(exc.errors)
                bad.add(name)
            except InputError as exc:
                errors.append(exc)
                bad.add(name)

        put("name", lambda: _str("name", self.name))
        put("defendant", lambda: _str("defendant", self.defendant))
        put("records_exposed", lambda: _count("records_exposed", self.records_exposed))
        if self.class_size is None:
            object.__setattr__(self, "class_size", None if "records_exposed" in bad else self.records_exposed)
        else:
            put("class_size", lambda: _count("class_size", self.class_size))
        put("data_types", lambda: _choices("data_types", self.data_types, DATA_TYPES, non_empty=True))
        put("sector", lambda: _choice("sector", self.sector, SECTORS))
        put("misconfiguration_type", lambda: _choice("misconfiguration_type", self.misconfiguration_type,
                                                     MISCONFIGURATION_TYPES))
        put("jurisdictions", lambda: _jurisdictions(self.jurisdictions))
        put("cloud_provider", lambda: _choice("cloud_provider", "unknown" if self.cloud_provider is None
                                              else self.cloud_provider, CLOUD_PROVIDERS))
        put("service_model", lambda: _choice("service_model", "unknown" if self.service_model is None
                                             else self.service_model, SERVICE_MODELS))
        put("forum", lambda: _str("forum", self.forum, required=False))
        put("defendant_revenue_usd", lambda: _revenue(self.defendant_revenue_usd))
        put("causation_strength", lambda: _fraction("causation_strength", self.causation_strength))

        def controls_and_prior():
            controls = _mapping("controls", self.controls)
            problems = _key_errors("controls", controls, CONTROLS + ("prior_warnings",))
            prior = self.prior_warnings
            if "prior_warnings" in controls:  # tolerated inside controls, as the design lists it with them
                if prior not in (None, "unknown") and _tristate("prior_warnings", prior) != _tristate(
                        "controls.prior_warnings", controls["prior_warnings"]):
                    problems.append(InputError("controls.prior_warnings", controls["prior_warnings"],
                                               "the same value as the top-level prior_warnings"))
                prior = controls["prior_warnings"]
            values = {}
            for c in CONTROLS:
                try:
                    values[c] = _tristate(f"controls.{c}", controls.get(c))
                except InputError as exc:
                    problems.append(exc)
            try:
                object.__setattr__(self, "prior_warnings", _tristate("prior_warnings", prior))
            except InputError as exc:
                problems.append(exc)
            if problems:
                raise problems[0] if len(problems) == 1 else InputErrors(problems)
            return values

        put("controls", controls_and_prior)

        def parties():
            mapping = _mapping("parties", self.parties)
            problems = _key_errors("parties", mapping, _PARTY_KEYS)
            normal = {}
            for k in _PARTY_KEYS:
                try:
                    normal[k] = _str(f"parties.{k}", mapping.get(k), required=False)
                except InputError as exc:
                    problems.append(exc)
            if problems:
                raise problems[0] if len(problems) == 1 else InputErrors(problems)
            if normal["customer"] is None:
                normal["customer"] = None if "defendant" in bad else self.defendant
            return normal

        put("parties", parties)
        put("sources", lambda: _urls(self.sources))
        layer = self.misconfigured_layer
        if layer is None:
            object.__setattr__(self, "misconfigured_layer",
                               None if "misconfiguration_type" in bad else DEFAULT_LAYER[self.misconfiguration_type])
        else:
            put("misconfigured_layer", lambda: _choice("misconfigured_layer", layer, LAYERS))

        def harms_and_misuse():  # issue 18: evidence_of_misuse is accepted at the top level or in harms
            harms, misuse = _harms(self.harms, self.evidence_of_misuse)
            object.__setattr__(self, "evidence_of_misuse", misuse)
            return harms

        put("harms", harms_and_misuse)
        put("intervening_criminal_act", lambda: _tristate("intervening_criminal_act", self.intervening_criminal_act))
        put("prior_exposure", lambda: _fraction("prior_exposure", self.prior_exposure))
        put("provider_insecure_default", lambda: _tristate("provider_insecure_default",
                                                           self.provider_insecure_default))
        put("defenses", lambda: _choices("defenses", self.defenses or [], DEFENSES, non_empty=False))
        if self.incident_year is not None:
            put("incident_year", lambda: _count("incident_year", self.incident_year, minimum=MIN_YEAR,
                                                maximum=MAX_YEAR,
                                                allowed=f"a year between {MIN_YEAR} and {MAX_YEAR}"))
        put("regulators", lambda: _regulators(self.regulators))
        put("incident_id", lambda: _incident_id(self.incident_id))
        # issue 18: the governance program, incident handling and aggravation blocks
        put("governance", lambda: _tristate_block("governance", self.governance, GOVERNANCE))
        put("response", lambda: _response(self.response))
        put("aggravation", lambda: _tristate_block("aggravation", self.aggravation, AGGRAVATION))
        if errors:
            raise errors[0] if len(errors) == 1 else InputErrors(errors[:MAX_ERRORS])

    __hash__ = None  # type: ignore[assignment]  # mutable-looking mappings inside; compare with ==

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
        if data and not any(isinstance(k, str) and (k in names or suggest(k, names)) for k in data):
            # Not a matter at all (another kind of file): say so without echoing its content.
            raise InputError("matter", f"a mapping of {len(data):,} key(s), none of them a matter field",
                             "a matter: a mapping of the Case fields (name, defendant, records_exposed, ...); "
                             "python -m toolkit new-matter writes a template")
        errors = _key_errors("", data, names)
        required = [f.name for f in dataclasses.fields(cls)
                    if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
        values = {k: data[k] for k in names if k in data}
        for name in required:
            if name not in data or data[name] is None:
                errors.append(InputError(name, None, "a value: this field is required"))
                values[name] = _MISSING
        try:
            case = cls(**values)
        except InputErrors as exc:
            errors.extend(exc.errors)
        except InputError as exc:
            errors.append(exc)
        else:
            if not errors:
                return case
        order = {name: i for i, name in enumerate(names)}
        errors.sort(key=lambda e: order.get(re.split(r"[.\[]", str(e.field), maxsplit=1)[0], len(order)))
        raise errors[0] if len(errors) == 1 else InputErrors(errors[:MAX_ERRORS])

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
        """The normalised matter as YAML text (safe YAML; libyaml's emitter when available, a few times faster).

        >>> case = Case(name="x", defendant="y", records_exposed=1, data_types=["contact"],
        ...             sector="retail", misconfiguration_type="open_database", jurisdictions=["US"])
        >>> case.to_yaml().splitlines()[0]
        'name: x'
        """
        import yaml

        dumper = getattr(yaml, "CSafeDumper", None) or yaml.SafeDumper
        return yaml.dump(self.to_dict(), Dumper=dumper, sort_keys=False, allow_unicode=True)


# --------------------------------------------------------------------------- YAML
# YAML 1.1 numbers without the base-60 forms (``1:00:00`` is text here, refused by the field).
_INT_RE = re.compile(r"""^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$""")
_FLOAT_RE = re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"""
                       r"""|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""")
_MAX_INT_DIGITS = 1000  # longer digit strings stay text; the field's validator refuses them


def _safe_loader():
    """The safe loader whose parser :func:`_read_events` runs: libyaml's when available (fast).

    Only its parser is used: ``yaml.parse`` yields events, never resolves or constructs a node,
    so every plain scalar is read by :func:`_plain_scalar` (YAML 1.1 without base 60, long
    integers left as text) and no resolver or constructor is attached here.
    """
    import yaml

    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


_NULLS = {"": None, "~": None, "null": None, "Null": None, "NULL": None}
_BOOLS = {v: True for v in ("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")}
_BOOLS.update({v: False for v in ("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF")})
_TIMESTAMP_RE = re.compile(r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
                           r"(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
                           r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$")


def _plain_scalar(text: str):
    """A plain (unquoted) scalar as YAML 1.1 reads it, without base-60 numbers; long integers stay text."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    first = text[0]
    if first in "-+0123456789.":
        if _INT_RE.match(text):
            if len(text) > _MAX_INT_DIGITS:
                return text
            digits = text.replace("_", "")
            sign = -1 if digits[0] == "-" else 1
            if digits[0] in "+-":
                digits = digits[1:]
            if digits.startswith("0b"):
                return sign * int(digits[2:], 2)
            if digits.startswith("0x"):
                return sign * int(digits[2:], 16)
            if digits != "0" and digits.startswith("0"):
                return sign * int(digits, 8)
            return sign * int(digits)
        if _FLOAT_RE.match(text):
            low = text.replace("_", "").lower()
            if low.endswith(".inf"):
                return -math.inf if low.startswith("-") else math.inf
            if low.endswith(".nan"):
                return math.nan
            return float(low)
        if _TIMESTAMP_RE.match(text):
            import yaml

            return yaml.constructor.SafeConstructor().construct_yaml_timestamp(
                yaml.ScalarNode("tag:yaml.org,2002:timestamp", text))
    return text


class _Frame:
    __slots__ = ("kind", "value", "path", "key", "expect_key", "size", "anchor", "line")

    def __init__(self, kind, value, path, anchor, line):
        self.kind, self.value, self.path, self.anchor, self.line = kind, value, path, anchor, line
        self.key = None
        self.expect_key = True
        self.size = 1


def _path_of(stack) -> str:
    """The field path of the node about to be read (``controls.mfa``, ``jurisdictions[3]``)."""
    if not stack:
        return "file"
    top = stack[-1]
    if top.kind == "seq":
        return f"{top.path}[{len(top.value)}]"
    if top.expect_key:
        return top.path or "file"
    key = _short_text(top.key, 60) if top.key is not None else "?"
    return f"{top.path}.{key}" if top.path else key


def _read_events(text: str, loader_cls):
    """Build the document from the parser's events in one flat pass, refusing what a matter must not hold.

    Refused, each as an :class:`InputError` naming the field path and the line: explicit tags
    (``!!int abc``, ``!!timestamp x``, ``!!python/object``), duplicate keys, nesting deeper
    than ``MAX_YAML_DEPTH``, more than ``MAX_YAML_ALIASES`` aliases and documents larger than
    ``MAX_YAML_NODES`` nodes once aliases are expanded ("billion laughs"). No recursion, so deep
    input cannot overflow the stack; libyaml's parser is used when available (fast).
    """
    import yaml

    scalar_t, alias_t = yaml.ScalarEvent, yaml.AliasEvent
    seq_t, map_t = yaml.SequenceStartEvent, yaml.MappingStartEvent
    end_t = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    aliases = 0
    total = 0
    documents = 0
    root = None

    def line_of(event):
        return event.start_mark.line + 1 if event.start_mark is not None else "?"

    def add(value, size, event):
        """Attach a finished node to its parent (or make it the root)."""
        nonlocal root, total
        if not stack:
            root = value
            return
        top = stack[-1]
        top.size += size
        if top.kind == "seq":
            top.value.append(value)
            return
        if top.expect_key:
            try:
                hash(value)
            except TypeError:
                raise InputError(_path_of(stack), "a list or mapping used as a key",
                                 "plain text keys (field names)", f"line {line_of(event)}") from None
            if value in top.value and value != "<<":
                field = f"{top.path}.{value}" if top.path else str(value)
                raise InputError(_short_text(field, 120), value, "each key once in a mapping",
                                 f"duplicate key at line {line_of(event)}; remove one of them")
            top.key = value
            top.expect_key = False
            return
        if top.key == "<<" and isinstance(value, (dict, list)):  # YAML merge key
            for source in (value if isinstance(value, list) else [value]):
                if isinstance(source, dict):
                    for k, v in source.items():
                        top.value.setdefault(k, v)
        else:
            top.value[top.key] = value
        top.expect_key = True

    for event in yaml.parse(text, Loader=loader_cls):
        kind = type(event)
        if kind is scalar_t:
            tag = event.tag
            if tag is not None and tag != "!":
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                raise InputError(_path_of(stack), f"{shown} {_short_text(event.value, 40)}".strip(),
                                 "a plain value without a YAML tag (write 250000, yes, 2024, not !!int / !!str / ...)",
                                 f"explicit tags are refused (line {line_of(event)})")
            value = _plain_scalar(event.value) if event.implicit[0] else event.value  # quoted: text
            total += 1
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
            add(value, 1, event)
        elif kind is alias_t:
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                raise InputError("file", f"more than {MAX_YAML_ALIASES} YAML aliases",
                                 "a plain matter file (alias-heavy YAML is refused)")
            if event.anchor not in anchors:
                raise InputError(_path_of(stack), f"*{_short_text(event.anchor, 40)}", "an alias of an earlier anchor",
                                 f"unknown alias at line {line_of(event)}")
            value, size = anchors[event.anchor]
            total += size
            add(value, size, event)
        elif kind is seq_t or kind is map_t:
            tag = event.tag
            if tag is not None and tag != "!":
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                raise InputError(_path_of(stack), shown, "a plain list or mapping without a YAML tag",
                                 f"explicit tags are refused (line {line_of(event)})")
            if len(stack) >= MAX_YAML_DEPTH:
                raise InputError("file", f"nesting deeper than {MAX_YAML_DEPTH}", "a plain matter file")
            path = _path_of(stack) if stack else ""
            if path == "file":
                path = ""
            total += 1
            stack.append(_Frame("seq" if kind is seq_t else "map", [] if kind is seq_t else {}, path,
                                event.anchor, line_of(event)))
        elif isinstance(event, end_t):
            frame = stack.pop()
            if frame.kind == "map" and not frame.expect_key:  # a key without a value cannot happen; be safe
                frame.value[frame.key] = None
            if frame.anchor is not None:
                anchors[frame.anchor] = (frame.value, frame.size)
            add(frame.value, frame.size, event)
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise InputError("file", "more than one YAML document", "valid YAML with one matter per file (no '---' separators)")
        if total > MAX_YAML_NODES:
            raise InputError("file", f"more than {MAX_YAML_NODES:,} YAML nodes once aliases are expanded",
                             "a plain matter file (alias bombs are refused)")
    return root


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
    loader_cls = _safe_loader()
    try:
        return _read_events(text, loader_cls)
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
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
        # A scalar the YAML constructors cannot convert; never an internal error.
        raise InputError("file", str(path), "plain YAML values (numbers, text, yes/no, lists, mappings)",
                         f"a value could not be read ({type(exc).__name__})") from None
