"""The jurisdictions table (``data/jurisdictions.csv``): loader and pandera schema.

One row per jurisdiction code (as in the outcomes table: ``US``, ``US-CA``, ``GB``,
``EU-IE``): its comparative-fault rule, its joint-and-several rule, the federal circuit
that hears its federal cases (US states), how its courts treat the economic-loss rule in
breach negligence, and the sources. ``verified`` is true only where every rule in the row
was read in a cited page; the ``notes`` say which parts are stated assumptions.

Rules (``comparative_rule``):

- ``contributory``: any plaintiff fault bars recovery;
- ``pure``: damages reduced by the plaintiff's share, never barred;
- ``modified_50``: reduced; barred when the plaintiff's share is 50% or more;
- ``modified_51``: reduced; barred when the plaintiff's share is more than 50%.

``joint_several``: ``joint`` (every defendant liable for the whole; an unrecoverable share is
borne by the others), ``several`` (each pays only its own share), ``joint_above`` (joint for a
defendant whose share is greater than ``js_threshold``), ``joint_at_or_above`` (joint at or
above ``js_threshold``), ``joint_if_plaintiff_fault_free`` (joint only when the plaintiff bears
no fault), ``economic_joint`` (joint for economic damages, several for non-economic).

Every jurisdiction of :data:`toolkit.vocab.JURISDICTIONS` has its own row (the US states and DC,
GB, each EU/EEA member state, and every country with an authority in the vocabulary), so no
country's rule is ever borrowed for another. ``rule_basis`` says how each row is known:
``sourced`` (every rule read in a cited page), ``partial`` (the comparative rule from a cited
multi-state survey; the joint-and-several and economic-loss rules are defaults the notes state)
or ``default`` (a documented default for the legal family: civil-law proportional reduction
and solidary liability as in the Principles of European Tort Law, or the common-law
apportionment model; the notes name the national provisions to check).
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..errors import DataError, InputError
from ..vocab import JURISDICTION_PATTERN
from ._registry import data_dir
from ._validation import LazySchema

__all__ = ["JURISDICTIONS_SCHEMA", "JURISDICTIONS_COLUMNS", "COMPARATIVE_RULES", "JOINT_SEVERAL_RULES",
           "ECONOMIC_LOSS_RULES", "COMPARATIVE_RULE_LABELS", "JOINT_SEVERAL_LABELS", "ECONOMIC_LOSS_LABELS", "CIRCUITS",
           "RULE_BASES", "describe_rule", "load_jurisdictions", "validate_jurisdictions"]

#: ``comparative_rule`` code -> the rule in words, for text a reader sees (exhibits, notes, widgets).
COMPARATIVE_RULE_LABELS = {
    "contributory": "contributory negligence (any fault of the plaintiff bars recovery)",
    "pure": "pure comparative fault",
    "modified_50": "modified comparative fault (barred at 50% fault of the plaintiff)",
    "modified_51": "modified comparative fault (barred above 50% fault of the plaintiff)",
}
#: ``joint_several`` code -> the rule in words; ``{threshold}`` is the row's ``js_threshold``.
JOINT_SEVERAL_LABELS = {
    "joint": "joint and several liability",
    "several": "several liability only",
    "joint_above": "joint and several liability for a defendant with more than {threshold} of the fault",
    "joint_at_or_above": "joint and several liability for a defendant with {threshold} of the fault or more",
    "joint_if_plaintiff_fault_free": "joint and several liability only when the plaintiff bears no fault",
    "economic_joint": "joint and several liability for economic damages, several for non-economic",
}
#: ``economic_loss_rule`` code -> the rule in words.
ECONOMIC_LOSS_LABELS = {
    "no_bar": "the economic-loss rule does not bar the claim",
    "unsettled": "whether the economic-loss rule bars the claim is unsettled",
    "bar": "the economic-loss rule bars purely economic claims",
}
COMPARATIVE_RULES = tuple(COMPARATIVE_RULE_LABELS)
JOINT_SEVERAL_RULES = tuple(JOINT_SEVERAL_LABELS)
ECONOMIC_LOSS_RULES = tuple(ECONOMIC_LOSS_LABELS)


def describe_rule(comparative_rule: str, joint_several: str, js_threshold: float | None = None) -> str:
    """A jurisdiction's fault rules in words (what reports and widgets print instead of the codes).

    Parameters
    ----------
    comparative_rule : str
        One of :data:`COMPARATIVE_RULES`.
    joint_several : str
        One of :data:`JOINT_SEVERAL_RULES`.
    js_threshold : float, optional
        The share of fault above (or at) which joint liability applies, for the threshold rules.

    Returns
    -------
    str

    Raises
    ------
    InputError
        If a code is not in the vocabulary.

    Examples
    --------
    >>> describe_rule("modified_51", "joint_above", 0.5)
    'modified comparative fault (barred above 50% fault of the plaintiff); joint and several liability for a \
defendant with more than 50% of the fault'
    """
    if comparative_rule not in COMPARATIVE_RULE_LABELS:
        raise InputError("comparative_rule", comparative_rule, ", ".join(COMPARATIVE_RULES))
    if joint_several not in JOINT_SEVERAL_LABELS:
        raise InputError("joint_several", joint_several, ", ".join(JOINT_SEVERAL_RULES))
    threshold = "a threshold share" if js_threshold is None else f"{js_threshold:.0%}"
    return f"{COMPARATIVE_RULE_LABELS[comparative_rule]}; {JOINT_SEVERAL_LABELS[joint_several].format(threshold=threshold)}"
CIRCUITS = tuple(str(i) for i in range(1, 12)) + ("DC",)
RULE_BASES = ("sourced", "partial", "default")
JURISDICTIONS_COLUMNS = ("jurisdiction", "name", "comparative_rule", "joint_several", "js_threshold",
                         "federal_circuit", "economic_loss_rule", "source_urls", "verified", "rule_basis", "notes")


def _urls_ok(series: pd.Series) -> pd.Series:
    return series.map(lambda text: bool(text.split()) and all(u.startswith(("http://", "https://"))
                                                              for u in text.split()))


def _threshold_consistent(df: pd.DataFrame) -> pd.Series:
    needs = df["joint_several"].isin(["joint_above", "joint_at_or_above"])
    return needs == df["js_threshold"].notna()


def _build_jurisdictions_schema():
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "jurisdiction": pa.Column(str, pa.Check.str_matches(JURISDICTION_PATTERN), unique=True,
                                      description="code as in the outcomes table (US, US-CA, GB, EU-IE)"),
            "name": pa.Column(str, description="plain name"),
            "comparative_rule": pa.Column(str, pa.Check.isin(COMPARATIVE_RULES),
                                          description="one of " + ", ".join(COMPARATIVE_RULES)),
            "joint_several": pa.Column(str, pa.Check.isin(JOINT_SEVERAL_RULES),
                                       description="one of " + ", ".join(JOINT_SEVERAL_RULES)),
            "js_threshold": pa.Column(float, [pa.Check.gt(0), pa.Check.lt(1)], nullable=True,
                                      description="defendant share (fraction) for joint_above / joint_at_or_above; "
                                                  "empty otherwise"),
            "federal_circuit": pa.Column(str, pa.Check.isin(CIRCUITS + ("",)),
                                         description="federal court of appeals circuit (1-11, DC); empty outside US states"),
            "economic_loss_rule": pa.Column(str, pa.Check.isin(ECONOMIC_LOSS_RULES),
                                            description="consumer breach-negligence claims: no_bar / unsettled / bar"),
            "source_urls": pa.Column(str, pa.Check(_urls_ok, element_wise=False, error="whitespace-separated URLs"),
                                     description="whitespace-separated public URLs; at least one"),
            "verified": pa.Column(bool, description="every rule in the row was read in a cited page"),
            "rule_basis": pa.Column(str, pa.Check.isin(RULE_BASES),
                                    description="sourced (every rule read in a cited page), partial (the comparative rule "
                                                "from a cited survey, the rest documented defaults), default (a documented "
                                                "default for the legal family, flagged in the notes)"),
            "notes": pa.Column(str, pa.Check.str_length(min_value=10), description="the rule in words, and caveats"),
        },
        checks=[pa.Check(_threshold_consistent, element_wise=False,
                         error="js_threshold is given exactly for joint_above / joint_at_or_above",
                         name="threshold")],
        strict=True, ordered=False, name="jurisdictions",
    )


JURISDICTIONS_SCHEMA = LazySchema(_build_jurisdictions_schema)


def validate_jurisdictions(df: pd.DataFrame, *, table: str = "jurisdictions.csv") -> pd.DataFrame:
    """Validate lazily; raise one :class:`~toolkit.errors.DataError` listing every problem."""
    from ._validation import validate_table

    return validate_table(df, JURISDICTIONS_SCHEMA, JURISDICTIONS_COLUMNS, table=table, what="the jurisdictions schema (toolkit.datasets.jurisdictions)")


def load_jurisdictions(*, data_dir_: str | os.PathLike | None = None) -> pd.DataFrame:
    """The fault and damages rules per jurisdiction, validated.

    One row is one jurisdiction of :data:`toolkit.vocab.JURISDICTIONS` (102 rows: the US default,
    the 50 states and DC, GB, the 30 EU/EEA states and 19 other jurisdictions). See the module
    docstring for the rule vocabularies and ``rule_basis``.

    Parameters
    ----------
    data_dir_ : path, optional
        Folder holding ``jurisdictions.csv`` (default: :func:`toolkit.datasets.data_dir`).

    Returns
    -------
    pandas.DataFrame
        ``js_threshold`` float (NaN where not used), ``verified`` bool, the rest ``str``.

    Examples
    --------
    >>> rules = load_jurisdictions().set_index("jurisdiction")
    >>> rules.loc["US-VA", "comparative_rule"], float(rules.loc["US-TX", "js_threshold"])
    ('contributory', 0.5)

    References
    ----------
    Per-row ``source_urls``; see also sources §2.12 (comparative fault and
    joint-and-several liability).
    """
    path = Path(data_dir(data_dir_)) / "jurisdictions.csv"
    if not path.is_file():
        raise InputError("jurisdictions file", str(path), "an existing data/jurisdictions.csv")
    from ._validation import read_table, validated_file

    return validated_file(path, lambda: _jurisdictions_from_table(read_table(path, what="the jurisdictions table"),
                                                                  table=str(path)))


def _jurisdictions_from_table(raw: pd.DataFrame, *, table: str) -> pd.DataFrame:
    """Type and validate a jurisdictions table already read as text (:func:`~._validation.read_table`).

    ``raw`` is left as it is; ``table`` names the file in the :class:`~toolkit.errors.DataError`.
    """
    frame = raw.copy()
    problems = []
    if "js_threshold" in frame.columns:
        text = frame["js_threshold"].str.strip()
        converted = pd.to_numeric(text.replace("", None), errors="coerce")
        for i in frame.index[converted.isna() & (text != "")]:
            problems.append(f"line {i + 2}, column js_threshold: got {raw.at[i, 'js_threshold']!r}; allowed: a number")
        frame["js_threshold"] = converted.astype(float)
    if "verified" in frame.columns:
        low = frame["verified"].str.strip().str.lower()
        for i in frame.index[~low.isin(["true", "false"])]:
            problems.append(f"line {i + 2}, column verified: got {raw.at[i, 'verified']!r}; allowed: true or false")
        frame["verified"] = low == "true"
    if problems:
        raise DataError(table, f"{len(problems)} problem(s)", "the jurisdictions schema",
                        "\n  " + "\n  ".join(problems))
    return validate_jurisdictions(frame, table=table)[list(JURISDICTIONS_COLUMNS)]
