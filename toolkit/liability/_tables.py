"""Plain-Python views of the controls and jurisdictions tables, cached for the hot path."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..vocab import MISCONFIGURATION_TYPES

__all__ = ["ControlRow", "Rule", "control_rows", "jurisdiction_rules", "clear_cache"]


@dataclass(frozen=True)
class ControlRow:
    control: str
    role: str
    relevance: dict
    cost_fixed_usd: float
    cost_revenue_fraction: float
    risk_reduction: float
    frameworks: tuple        # (cis_aws, nist_csf_2, iso27001_2022_annex_a), ';'-joined ids
    cost_source: str
    risk_reduction_source: str

    @property
    def in_framework(self) -> bool:
        """True if a recognised framework names the control."""
        return any(self.frameworks)


@dataclass(frozen=True)
class Rule:
    jurisdiction: str
    name: str
    comparative_rule: str
    joint_several: str
    js_threshold: float | None
    federal_circuit: str
    economic_loss_rule: str
    source_urls: str
    verified: bool
    rule_basis: str = "sourced"

    def describe(self) -> str:
        """The comparative-fault and joint-and-several rules in words (:func:`toolkit.datasets.describe_rule`)."""
        from ..datasets import describe_rule

        return describe_rule(self.comparative_rule, self.joint_several, self.js_threshold)


@lru_cache(maxsize=1)
def control_rows() -> dict:
    """``{control: ControlRow}`` for the rows the engine uses (role control or warnings)."""
    from ..datasets.controls import load_controls

    out = {}
    for rec in load_controls().to_dict("records"):
        if rec["role"] == "reference":
            continue
        out[rec["control"]] = ControlRow(
            rec["control"], rec["role"], {t: float(rec[f"relevance_{t}"]) for t in MISCONFIGURATION_TYPES},
            float(rec["cost_fixed_usd"]), float(rec["cost_revenue_fraction"]), float(rec["risk_reduction"]),
            (rec["cis_aws"], rec["nist_csf_2"], rec["iso27001_2022_annex_a"]), rec["cost_source"],
            rec["risk_reduction_source"])
    return out


@lru_cache(maxsize=1)
def jurisdiction_rules() -> dict:
    """``{code: Rule}`` from ``data/jurisdictions.csv``."""
    import math

    from ..datasets.jurisdictions import load_jurisdictions

    out = {}
    for rec in load_jurisdictions().to_dict("records"):
        thr = rec["js_threshold"]
        out[rec["jurisdiction"]] = Rule(rec["jurisdiction"], rec["name"], rec["comparative_rule"],
                                        rec["joint_several"], None if thr is None or math.isnan(thr) else float(thr),
                                        rec["federal_circuit"], rec["economic_loss_rule"], rec["source_urls"],
                                        bool(rec["verified"]), str(rec.get("rule_basis", "sourced")))
    return out


def clear_cache() -> None:
    """Forget the cached tables (after editing the CSV files in a session)."""
    control_rows.cache_clear()
    jurisdiction_rules.cache_clear()
