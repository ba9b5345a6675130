"""Scenario comparison: two or more matters, or what-ifs of one matter, in one table and one chart.

>>> import toolkit as tk
>>> base = tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml")
>>> cmp = tk.compare({"as filed": base, "MFA in place": base.replace(mfa="yes")}, n_paths=5_000)
>>> list(cmp.table.index)
['as filed', 'MFA in place']
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from .errors import InputError

__all__ = ["compare", "Comparison"]


@dataclass
class Comparison:
    """Assessments side by side.

    Attributes
    ----------
    results : list of Assessment
        In the order given.
    labels : list of str
        One unique label per scenario.
    table : pandas.DataFrame
        Indexed by label: ``matter``, ``defendant``, ``p_liability``, ``p_survive_dismissal``,
        ``seed``, ``n_paths`` and, for each headline track of ``outcome_ranges``,
        ``<track>_probability``, ``<track>_low``, ``<track>_median``, ``<track>_high`` (and
        ``<track>_median_se`` when the assessment states it). Every number is read from the
        assessments' ``outcome_ranges``, the same fields every exhibit reads.
    """

    results: list
    labels: list
    table: Any

    def plot(self, ax=None, **kwargs):
        """The chart: every scenario's 80% ranges per track (see :func:`toolkit.plotting.plot_comparison`)."""
        from .plotting import plot_comparison

        return plot_comparison(self, ax=ax, **kwargs)

    def to_frame(self):
        """The comparison table (a copy)."""
        return self.table.copy()

    def exhibit(self, number: int = 1, *, provenance=None, paper=None):
        """The comparison as one numbered exhibit (table and chart on one page)."""
        from .exhibits.views import comparison_exhibit

        return comparison_exhibit(self, number, provenance, paper=paper)

    def _repr_html_(self) -> str:
        from .exhibits.export import frame_html

        return frame_html(self.display_table(), caption=f"Scenario comparison ({len(self.labels)} scenarios)")

    def display_table(self):
        """The table formatted for reading (USD and percentages as text)."""
        import pandas as pd

        from .plotting import usd

        rows = {}
        for label, r in self.table.iterrows():
            row = {"matter": r["matter"], "P(liability)": f"{r['p_liability']:.1%}"}
            for track in _tracks(self.table):
                p = r[f"{track}_probability"]
                row[f"{track.replace('_', ' ')}"] = (f"{usd(r[f'{track}_median'])} ({usd(r[f'{track}_low'])}–"
                                                     f"{usd(r[f'{track}_high'])}), p={p:.0%}") if p > 0 else "—"
            rows[label] = row
        return pd.DataFrame.from_dict(rows, orient="index")


def _tracks(table) -> list[str]:
    return [c[: -len("_median")] for c in table.columns if c.endswith("_median") and not c.endswith("_se")]


def comparison_table(results: Sequence, labels: Sequence[str]):
    """The table of :class:`Comparison` from assessments (read from ``outcome_ranges``)."""
    import pandas as pd

    rows = []
    for label, r in zip(labels, results):
        row = {"scenario": label, "matter": r.case.name, "defendant": r.case.defendant,
               "p_liability": float(r.liability.probability),
               "p_survive_dismissal": float(r.liability.p_survive_dismissal), "seed": int(r.seed),
               "n_paths": int(r.n_paths)}
        ranges = r.outcome_ranges
        for track, values in ranges.iterrows():
            for col in ranges.columns:
                row[f"{track}_{col}"] = float(values[col])
        rows.append(row)
    return pd.DataFrame(rows).set_index("scenario")


def compare(scenarios, *, labels: Sequence[str] | None = None, seed: int = 0, n_paths: int = 50_000,
            **assess_kwargs) -> Comparison:
    """Compare two or more matters, or what-ifs of one matter.

    Parameters
    ----------
    scenarios : sequence or mapping
        Each item a :class:`~toolkit.Case` (assessed here with ``seed`` and ``n_paths``) or an
        :class:`~toolkit.assess.Assessment` (used as it is). A mapping gives ``label -> item``.
        What-ifs are cases changed with ``case.replace(...)``; with the same seed they share
        their random numbers, so differences come from the inputs, not from sampling noise.
    labels : sequence of str, optional
        One per scenario (default: the matter names, made unique with " (2)", " (3)", ...).
    seed : int, default=0
    n_paths : int, default=50_000
    **assess_kwargs
        Passed to :func:`toolkit.assess` for the cases assessed here.

    Returns
    -------
    Comparison

    Raises
    ------
    toolkit.InputError
        Fewer than two scenarios, an item that is neither a Case nor an Assessment, or labels
        that do not match the scenarios one to one.

    Examples
    --------
    >>> import toolkit as tk
    >>> case = tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml")
    >>> cmp = tk.compare([case, case.replace(causation_strength=0.9)], n_paths=5_000)
    >>> cmp.labels
    ['Open Elasticsearch cluster at a health-tech SaaS company (teaching hypothetical)', 'Open Elasticsearch cluster at a health-tech SaaS company (teaching hypothetical) (2)']
    >>> [c for c in cmp.table.columns if c.startswith("class_settlement")]
    ['class_settlement_probability', 'class_settlement_low', 'class_settlement_median', 'class_settlement_high', 'class_settlement_median_se']
    """
    from .assess import Assessment, assess
    from .case import Case

    if isinstance(scenarios, Mapping):
        if labels is not None:
            raise InputError("labels", labels, "no labels when the scenarios are a mapping (its keys are the labels)")
        labels = [str(k) for k in scenarios]
        items = list(scenarios.values())
    else:
        items = list(scenarios)
    if len(items) < 2:
        raise InputError("scenarios", len(items), "two or more matters or what-ifs")
    results = []
    for i, item in enumerate(items):
        if isinstance(item, Assessment):
            results.append(item)
        elif isinstance(item, Case):
            results.append(assess(item, seed=seed, n_paths=n_paths, **assess_kwargs))
        else:
            raise InputError(f"scenarios[{i}]", type(item).__name__, "a toolkit.Case or a toolkit.Assessment")
    if labels is None:
        seen: dict[str, int] = {}
        labels = []
        for r in results:
            name = r.case.name
            seen[name] = seen.get(name, 0) + 1
            labels.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    labels = [str(x) for x in labels]
    if len(labels) != len(results) or len(set(labels)) != len(labels):
        raise InputError("labels", labels, f"{len(results)} distinct labels, one per scenario")
    return Comparison(results=results, labels=labels, table=comparison_table(results, labels))
