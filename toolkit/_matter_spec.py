"""What a matter file may say, field by field, generated from :class:`toolkit.Case`.

One table (:func:`field_specs`) drives the commented template (``python -m toolkit
new-matter``), the JSON Schema for editors (``python -m toolkit schema``, shipped as
``toolkit/schema/matter.schema.json``) and the README's vocabulary list, so none of them can
drift from the validator: the descriptions are read from the ``Case`` docstring and the allowed
values from :mod:`toolkit.vocab`.
"""
from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["FieldSpec", "field_specs", "matter_template", "json_schema", "SCHEMA_FILE", "vocabulary_markdown"]

#: Where the generated schema is shipped, relative to the package.
SCHEMA_FILE = "schema/matter.schema.json"
_SCHEMA_ID = "breach-liability-toolkit/matter.schema.json"


@dataclass(frozen=True)
class FieldSpec:
    """One field of a matter: its description, what is allowed, its default and an example."""

    name: str
    required: bool
    description: str
    allowed: str
    default: Any
    example: Any
    schema: dict


def _descriptions() -> dict[str, str]:
    """``{field: description}`` from the numpydoc Parameters section of ``Case``."""
    from .case import Case

    doc = Case.__doc__ or ""
    section = doc.split("Parameters\n    ----------\n", 1)[1].split("\n\n    Examples", 1)[0]
    section = section.split("\n\n    Notes", 1)[0]
    out: dict[str, str] = {}
    name = None
    for line in section.splitlines():
        head = re.match(r"^    (\w+) : ", line)
        if head:
            name = head.group(1)
            out[name] = ""
        elif name and line.strip():
            out[name] = (out[name] + " " + line.strip()).strip()
    return {k: re.sub(r":data:`(?:toolkit\.vocab\.)?([^`]+)`", r"\1", v).replace("``", "") for k, v in out.items()}


def field_specs() -> list[FieldSpec]:
    """Every field of :class:`toolkit.Case`, in declaration order, with what is allowed.

    Examples
    --------
    >>> from toolkit import Case
    >>> [s.name for s in field_specs()] == list(Case.field_names())
    True
    """
    from .case import BLOCKS, DEFENSES, LAYERS, MAX_DAYS, MAX_RECORDS, MAX_YEAR, MIN_YEAR, Case
    from .vocab import RESPONSE_DAYS
    from .vocab import (AUTHORITY_CODES, CLOUD_PROVIDERS, CONTROLS, DATA_TYPES, JURISDICTIONS,
                        MISCONFIGURATION_TYPES, SECTORS, SERVICE_MODELS, TRISTATE)

    tristate = {"anyOf": [{"enum": list(TRISTATE)}, {"type": "boolean"}, {"type": "null"}]}
    text = {"type": "string", "minLength": 1, "maxLength": 500}
    # YAML 1.1 reads 28.6e9 (no sign in the exponent) as text; Case accepts such numbers, so does the schema.
    numeric_text = {"type": "string", "pattern": "^\\s*[-+]?(?:[0-9][0-9_]*)?(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?\\s*$"}
    count = {"anyOf": [{"type": "integer", "minimum": 0, "maximum": MAX_RECORDS}, numeric_text]}
    fraction = {"anyOf": [{"type": "number", "minimum": 0, "maximum": 1}, numeric_text]}

    def enum(values):
        return {"type": "string", "enum": list(values)}

    def listof(values, min_items=0):
        return {"type": "array", "items": enum(values), "minItems": min_items}

    one_of = lambda values: "one of " + ", ".join(values)  # noqa: E731
    yn = "yes, no or unknown (YAML yes/no/true/false accepted)"
    table: dict[str, tuple[str, Any, dict]] = {
        "name": ("a text", "Open bucket at Example Health", text),
        "defendant": ("a text", "Example Health Analytics Inc.", text),
        "records_exposed": (f"a whole number between 0 and {MAX_RECORDS:,}", 250000, count),
        "data_types": ("a non-empty list of " + ", ".join(DATA_TYPES), ["health", "contact"], listof(DATA_TYPES, 1)),
        "sector": (one_of(SECTORS), "healthcare", enum(SECTORS)),
        "misconfiguration_type": (one_of(MISCONFIGURATION_TYPES), "public_bucket", enum(MISCONFIGURATION_TYPES)),
        "jurisdictions": ("a non-empty list of supported codes: US, US-XX (50 states and DC), GB, EU-XX (EU/EEA "
                          "member states), AU, BR, CA, CA-XX, CH, HK, IL, IN, JP, KR, NZ, PH, SG, TH, TR, ZA",
                          ["US", "US-CA"], listof(JURISDICTIONS, 1)),
        "class_size": (f"a whole number between 0 and {MAX_RECORDS:,}; 0 means no class", None,
                       {"anyOf": [count, {"type": "null"}]}),
        "cloud_provider": (one_of(CLOUD_PROVIDERS), "aws", enum(CLOUD_PROVIDERS)),
        "service_model": (one_of(SERVICE_MODELS), "iaas", enum(SERVICE_MODELS)),
        "forum": ("a text, e.g. N.D. Cal.", None, {"anyOf": [text, {"type": "null"}]}),
        "defendant_revenue_usd": ("an amount in USD between 0 and 1e14", None,
                                  {"anyOf": [{"type": "number", "minimum": 0, "maximum": 1e14}, numeric_text, {"type": "null"}]}),
        "causation_strength": ("a number between 0 and 1", 0.5, fraction),
        "controls": ("a mapping of " + ", ".join(CONTROLS) + " to " + yn, {"mfa": "unknown"},
                     {"type": "object", "properties": {c: tristate for c in CONTROLS + ("prior_warnings",)},
                      "additionalProperties": False}),
        "prior_warnings": (yn, "unknown", tristate),
        "parties": ("a mapping of customer, provider, integrator to a name (or null)",
                    {"customer": None, "provider": None, "integrator": None},
                    {"type": "object", "properties": {k: {"anyOf": [text, {"type": "null"}]}
                                                      for k in ("customer", "provider", "integrator")},
                     "additionalProperties": False}),
        "sources": ("a list of public URLs (http:// or https://)", [],
                    {"type": "array", "items": {"type": "string", "pattern": "^https?://\\S+$"}}),
        "misconfigured_layer": (one_of(LAYERS), None, {"anyOf": [enum(LAYERS), {"type": "null"}]}),
        "evidence_of_misuse": (yn, "unknown", tristate),
        "intervening_criminal_act": (yn, "yes", tristate),
        "prior_exposure": ("a number between 0 and 1", 0.0, fraction),
        "provider_insecure_default": (yn, "unknown", tristate),
        "defenses": ("a list of " + ", ".join(DEFENSES), [], listof(DEFENSES)),
        "incident_year": (f"a year between {MIN_YEAR} and {MAX_YEAR}", None,
                          {"anyOf": [{"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}, {"type": "null"}]}),
        "regulators": ("a list of authority codes of toolkit.vocab.AUTHORITIES (US-FTC, GB-ICO, EU-IE-DPA, "
                       "US-NY-AG, ...); inferred when omitted", None,
                       {"anyOf": [listof(AUTHORITY_CODES), {"type": "null"}]}),
        "incident_id": ("a lower-case slug as in the outcomes table, e.g. capital-one-2019", None,
                        {"anyOf": [{"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$", "maxLength": 120},
                                   {"type": "null"}]}),
        # issue 18: the lever blocks (each key yes / no / unknown; the response day counts are numbers or null)
        **{name: ("a mapping of " + ", ".join(keys) + " to " + (yn if name != "response" else
                                                                  "days (a number >= 0, or null) or " + yn),
                  None, {"type": "object", "additionalProperties": False,
                         "properties": {k: ({"anyOf": [{"type": "number", "minimum": 0, "maximum": MAX_DAYS},
                                                       numeric_text, {"type": "null"}]}
                                            if k in RESPONSE_DAYS else tristate) for k in keys}})
           for name, keys in BLOCKS.items()},
    }
    docs = _descriptions()
    specs = []
    for f in dataclasses.fields(Case):
        allowed, example, schema = table[f.name]  # KeyError here: a new Case field needs its line above
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if required:
            default = None
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = f.default
        if f.name == "controls":
            default = {c: "unknown" for c in CONTROLS}
        if f.name in BLOCKS:
            default = {k: None if k in RESPONSE_DAYS else "unknown" for k in BLOCKS[f.name]}
        specs.append(FieldSpec(f.name, required, docs.get(f.name, ""), allowed, default, example,
                               dict(schema, description=docs.get(f.name, ""))))
    return specs


def _default_words(spec: FieldSpec) -> str:
    special = {"class_size": "records_exposed", "misconfigured_layer": "from misconfiguration_type",
               "regulators": "inferred from the jurisdictions and sector", "parties": "customer = the defendant",
               "controls": "every control unknown", "governance": "every factor unknown",
               "response": "every factor unknown", "harms": "every harm unknown", "aggravation": "every factor unknown"}
    if spec.name in special:
        return special[spec.name]
    if spec.default in (None, [], (), {}):
        return "none"
    return str(spec.default)


def _wrap(text: str, width: int = 96, prefix: str = "# ") -> list[str]:
    import textwrap

    return [prefix + line for line in textwrap.wrap(text, width - len(prefix))] or [prefix.rstrip()]


def matter_template() -> str:
    """A commented matter template: every field, what it means, what is allowed and its default.

    Required fields carry an example value; optional ones are written with their default, so
    the template validates as it is (``python -m toolkit new-matter > m.yaml``).

    Examples
    --------
    >>> import yaml
    >>> from toolkit import Case
    >>> case = Case.from_dict(yaml.safe_load(matter_template()))
    >>> case.records_exposed
    250000
    """
    import yaml

    from .vocab import CONTROLS

    lines = ["# A matter for the Breach Liability Toolkit (python -m toolkit new-matter).",
             "# Fill in the facts, then: python -m toolkit validate THIS.yaml",
             "# Required fields come first; every other field shows its default.",
             "# JSON Schema for editors: python -m toolkit schema > matter.schema.json", ""]
    for spec in field_specs():
        lines += _wrap(spec.description)
        lines += _wrap("allowed: " + spec.allowed, prefix="#   ")
        lines.append(f"#   {'REQUIRED' if spec.required else 'default: ' + _default_words(spec)}")
        if spec.name == "controls":
            lines.append("controls:")
            for c in CONTROLS:
                lines.append(f"  {c}: unknown")
        elif isinstance(spec.default, dict) and spec.name != "parties":  # the issue-18 lever blocks
            lines.append(f"{spec.name}:")
            for k, v in spec.default.items():
                lines.append(f"  {k}: {'null' if v is None else v}")
        else:
            value = spec.example if spec.required else spec.default
            if spec.name == "parties":
                value = {"customer": None, "provider": None, "integrator": None}
            dumped = yaml.safe_dump({spec.name: value}, default_flow_style=True, sort_keys=False,
                                    allow_unicode=True, width=1000).strip()
            if dumped.startswith("{") and dumped.endswith("}"):
                dumped = dumped[1:-1]
            lines.append(dumped)
        lines.append("")
    return "\n".join(lines)


def json_schema() -> dict:
    """JSON Schema (draft 2020-12) of a matter, generated from :class:`toolkit.Case`.

    Editors (VS Code's YAML extension, JetBrains) use it to complete and check matter files:
    add ``# yaml-language-server: $schema=matter.schema.json`` at the top of a matter.

    Examples
    --------
    >>> schema = json_schema()
    >>> schema["required"][:3]
    ['name', 'defendant', 'records_exposed']
    >>> schema["additionalProperties"]
    False
    """
    specs = field_specs()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _SCHEMA_ID,
        "title": "Breach Liability Toolkit matter (toolkit.Case)",
        "description": "A matter as an analyst writes it in data/matters/*.yaml. Generated from toolkit.Case "
                       "by python -m toolkit schema; the Case validator is the authority.",
        "type": "object",
        "properties": {s.name: s.schema for s in specs},
        "required": [s.name for s in specs if s.required],
        "additionalProperties": False,
    }


def schema_text() -> str:
    """:func:`json_schema` as the text shipped in ``toolkit/schema/matter.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def vocabulary_markdown() -> str:
    """The README's vocabulary list, generated from :mod:`toolkit.vocab` (a test keeps it current)."""
    from .vocab import (CLOUD_PROVIDERS, CONTROLS, DATA_TYPES, JURISDICTIONS, MISCONFIGURATION_TYPES, OUTCOME_TYPES,
                        SECTORS, SERVICE_MODELS, TRISTATE, US_STATES, EU_EEA_STATES, OTHER_JURISDICTIONS)

    def code(values):
        return ", ".join(f"`{v}`" for v in values)

    rows = [
        ("`data_types`", code(DATA_TYPES)),
        ("`sector`", code(SECTORS)),
        ("`misconfiguration_type`", code(MISCONFIGURATION_TYPES)),
        ("`cloud_provider`", code(CLOUD_PROVIDERS)),
        ("`service_model`", code(SERVICE_MODELS)),
        ("`controls`", code(CONTROLS) + " (each " + " / ".join(TRISTATE) + ")"),
        ("`jurisdictions`", f"`US`, `US-XX` ({len([s for s in US_STATES if s != 'DC'])} states and DC), `GB`, `EU-XX` "
                            f"({len(EU_EEA_STATES)} EU/EEA states), " + code(OTHER_JURISDICTIONS)
                            + f": {len(JURISDICTIONS)} codes, each with its own row in `data/jurisdictions.csv`"),
        ("outcome types", code(OUTCOME_TYPES)),
    ]
    out = ["| field | allowed values |", "| --- | --- |"]
    out += [f"| {a} | {b} |" for a, b in rows]
    return "\n".join(out) + "\n"
