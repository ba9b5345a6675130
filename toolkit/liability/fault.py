"""Fault allocation: shared responsibility by service model and layer, then the jurisdiction's rule.

Step 1, default shares. The layer that was misconfigured (``Case.misconfigured_layer``) is
owned by the customer, shared, or owned by the provider under the service model
(:data:`OWNERSHIP`, from the Azure shared-responsibility matrix). The customer's share is
``customer_share_customer_layer`` (0.95), ``customer_share_shared_layer`` (0.5) or
``customer_share_provider_layer`` (0.05); the provider has the rest. An ``unknown`` layer
averages the five layers; an ``unknown`` service model averages IaaS, PaaS and SaaS;
on-premises (or a self-hosted provider) gives the customer everything.

Step 2, shifts. A documented insecure provider default (``Case.provider_insecure_default ==
"yes"``) moves ``insecure_default_shift`` of the customer's share to the provider; an
integrator (``Case.parties["integrator"]``) takes ``integrator_takeover`` of what remains
with the customer. Step 3, the plaintiff's fault (``plaintiff_fault``) scales the parties'
shares by ``1 - plaintiff_fault``; shares then sum to one with the plaintiff's.

Step 4, the rule (:func:`allocate_fault`, rules in ``data/jurisdictions.csv``): recovery is
barred under contributory negligence if the plaintiff bears any fault, under a 50% bar at
``plaintiff_fault >= 0.5`` and under a 51% bar above 0.5; otherwise each party's
``payable_share`` (of the plaintiff's total damages) is its own share (several), plus, for
jointly liable parties, a pro-rata part of what cannot be collected from the others.

References
----------
Microsoft, "Shared responsibility in the cloud",
https://learn.microsoft.com/en-ca/Azure/security/fundamentals/shared-responsibility ;
sources §2.12, 3; Restatement (Third) of Torts: Apportionment of
Liability s.10 (joint and several liability).
"""
from __future__ import annotations

from ..errors import InputError
from ._params import LiabilityParams

__all__ = ["OWNERSHIP", "PARTIES", "default_shares", "allocate_fault", "select_rule"]

PARTIES = ("customer", "provider", "integrator")
_MODELS = ("onprem", "iaas", "paas", "saas")
#: Owner of each layer under each service model (Azure matrix: data = "customer data" and
#: "configurations and settings"; identity = "identities and users"; network = "network
#: controls"; platform = "operating system"; physical = "physical hosts/network/datacenter").
OWNERSHIP = {
    "data": dict(onprem="customer", iaas="customer", paas="customer", saas="customer"),
    "identity": dict(onprem="customer", iaas="customer", paas="customer", saas="customer"),
    "network": dict(onprem="customer", iaas="customer", paas="shared", saas="provider"),
    "platform": dict(onprem="customer", iaas="customer", paas="provider", saas="provider"),
    "physical": dict(onprem="customer", iaas="provider", paas="provider", saas="provider"),
}


def _customer_share(layer: str, model: str, p: LiabilityParams) -> float:
    if model == "onprem":
        return 1.0
    if model == "unknown":
        return sum(_customer_share(layer, m, p) for m in ("iaas", "paas", "saas")) / 3.0
    if layer == "unknown":
        return sum(_customer_share(lay, model, p) for lay in OWNERSHIP) / len(OWNERSHIP)
    owner = OWNERSHIP[layer][model]
    return {"customer": p.customer_share_customer_layer, "shared": p.customer_share_shared_layer,
            "provider": p.customer_share_provider_layer}[owner]


def default_shares(case, p: LiabilityParams) -> tuple[dict, list[str]]:
    """Fault shares of customer, provider and integrator (sum 1, before the plaintiff's fault).

    Returns the shares and the reasons (one line per step).

    Examples
    --------
    >>> from toolkit import Case
    >>> from toolkit.liability import LiabilityParams
    >>> case = Case(name="x", defendant="y", records_exposed=1, data_types=["contact"], sector="retail",
    ...             misconfiguration_type="public_bucket", jurisdictions=["US"], service_model="iaas")
    >>> shares, _ = default_shares(case, LiabilityParams())
    >>> {k: round(v, 3) for k, v in shares.items()}
    {'customer': 0.95, 'provider': 0.05, 'integrator': 0.0}
    """
    model = case.service_model
    if case.cloud_provider == "self_hosted":
        model = "onprem"
    layer = case.misconfigured_layer
    customer = _customer_share(layer, model, p)
    owner = OWNERSHIP.get(layer, {}).get(model, "mixed") if model not in ("unknown",) else "mixed"
    why = [f"{layer} layer under {model}: owner {owner}; customer {customer:.2f}, provider {1 - customer:.2f}"]
    provider = 1.0 - customer
    if case.provider_insecure_default == "yes" and model != "onprem":
        moved = p.insecure_default_shift * customer
        customer, provider = customer - moved, provider + moved
        why.append(f"insecure provider default: {moved:.2f} moved from customer to provider")
    integrator = 0.0
    if case.parties.get("integrator"):
        integrator = p.integrator_takeover * customer
        customer -= integrator
        why.append(f"integrator {case.parties['integrator']!r}: takes {integrator:.2f} of the customer's share")
    return {"customer": customer, "provider": provider, "integrator": integrator}, why


def _barred(rule: str, pf: float) -> bool:
    if rule == "contributory":
        return pf > 0.0
    if rule == "modified_50":
        return pf >= 0.5
    if rule == "modified_51":
        return pf > 0.5
    if rule == "pure":
        return pf >= 1.0
    raise InputError("comparative_rule", rule, "contributory, pure, modified_50 or modified_51")


def _joint_set(rule: str, threshold, fault: dict, pf: float) -> set:
    parties = {k for k, v in fault.items() if v > 0}
    if rule == "joint" or rule == "economic_joint":
        return parties
    if rule == "several":
        return set()
    if rule == "joint_above":
        return {k for k in parties if fault[k] > threshold}
    if rule == "joint_at_or_above":
        return {k for k in parties if fault[k] >= threshold - 1e-12}
    if rule == "joint_if_plaintiff_fault_free":
        return parties if pf == 0.0 else set()
    raise InputError("joint_several", rule, "joint, several, joint_above, joint_at_or_above, "
                                            "joint_if_plaintiff_fault_free or economic_joint")


def _payable(fault: dict, collectible: dict, joint: set) -> dict:
    pay = {k: v * collectible[k] for k, v in fault.items()}
    uncollected = sum(v * (1.0 - collectible[k]) for k, v in fault.items())
    absorbers = {k: pay[k] for k in joint if pay[k] > 0}
    base = sum(absorbers.values())
    if uncollected > 0 and base > 0:
        for k, w in absorbers.items():
            pay[k] += uncollected * w / base
    return pay


def allocate_fault(shares: dict, *, plaintiff_fault: float = 0.0, comparative_rule: str = "pure",
                   joint_several: str = "joint", js_threshold: float | None = None,
                   collectible: dict | None = None, economic_fraction: float = 1.0) -> dict:
    """Apply a jurisdiction's comparative-fault and joint-and-several rules.

    Parameters
    ----------
    shares : dict
        Fault shares of the defendants' side (``customer``, ``provider``, ``integrator``),
        summing to 1 before the plaintiff's fault.
    plaintiff_fault : float, default=0.0
        The plaintiff's share of the total fault, in [0, 1].
    comparative_rule : {"contributory", "pure", "modified_50", "modified_51"}, default="pure"
    joint_several : str, default="joint"
        One of the rules of :mod:`toolkit.datasets.jurisdictions`.
    js_threshold : float, optional
        Share of the total fault for ``joint_above`` / ``joint_at_or_above``.
    collectible : dict, optional
        Fraction of each party's share that can be collected from it (default: all 1).
    economic_fraction : float, default=1.0
        Share of damages that are economic (``economic_joint``: joint for those only).

    Returns
    -------
    dict
        ``fault`` (party -> share of total fault, plaintiff included, sums to 1),
        ``payable`` (party -> share of the plaintiff's total damages it pays),
        ``barred`` (bool) and ``recovery`` (share of its damages the plaintiff recovers).

    Examples
    --------
    Texas (CPRC ss.33.001, 33.013): plaintiff 20% at fault, customer 60%, provider 20% but
    not collectible. The customer is over 50%, so jointly liable, and pays 60% + 20%:

    >>> out = allocate_fault({"customer": 0.75, "provider": 0.25}, plaintiff_fault=0.2,
    ...                      comparative_rule="modified_51", joint_several="joint_above", js_threshold=0.5,
    ...                      collectible={"customer": 1.0, "provider": 0.0})
    >>> {k: round(v, 3) for k, v in out["payable"].items()}, out["barred"]
    ({'customer': 0.8, 'provider': 0.0}, False)
    """
    pf = float(plaintiff_fault)
    if not 0.0 <= pf <= 1.0:
        raise InputError("plaintiff_fault", plaintiff_fault, "a number between 0 and 1")
    total = sum(shares.values())
    if total <= 0:
        raise InputError("shares", shares, "non-negative fault shares with a positive sum")
    fault = {k: (1.0 - pf) * v / total for k, v in shares.items()}
    collectible = {k: 1.0 for k in fault} | dict(collectible or {})
    barred = _barred(comparative_rule, pf)
    if barred:
        payable = {k: 0.0 for k in fault}
    else:
        several = _payable(fault, collectible, set())
        joint = _payable(fault, collectible, _joint_set(joint_several, js_threshold, fault, pf))
        if joint_several == "economic_joint":
            e = float(economic_fraction)
            payable = {k: e * joint[k] + (1.0 - e) * several[k] for k in fault}
        else:
            payable = joint
    return {"fault": fault | {"plaintiff": pf}, "payable": payable,
            "barred": barred, "recovery": sum(payable.values())}


def select_rule(case, rules: dict):
    """The jurisdiction rule that governs the negligence claim, and why.

    The first state-level code of ``case.jurisdictions`` found in the table wins; else the
    first code found. Every supported jurisdiction has its own row, so one country's rule is
    never borrowed for another: a table without a row for any of the matter's codes (an
    edited or partial data folder) is an error, not a silent US default.

    Raises
    ------
    toolkit.DataError
        When none of the matter's jurisdictions has a row in ``jurisdictions.csv``.
    """
    listed = [j for j in case.jurisdictions if j in rules]
    sub = [j for j in listed if "-" in j and not j.startswith("EU")]
    if sub:
        code = sub[0]
        why = f"{code}: first state-level jurisdiction of the matter"
    elif listed:
        code = listed[0]
        why = f"{code}: first jurisdiction of the matter found in data/jurisdictions.csv"
    else:
        from ..errors import DataError

        raise DataError("jurisdictions.csv", ", ".join(case.jurisdictions),
                        "a row for at least one of the matter's jurisdictions (every code of "
                        "toolkit.vocab.JURISDICTIONS has one in the shipped table)",
                        "the data folder in use lacks them; run python -m toolkit data check")
    basis = getattr(rules[code], "rule_basis", "sourced")
    if basis != "sourced":
        why += f" (rule basis: {basis}; see the row's notes)"
    return rules[code], why
