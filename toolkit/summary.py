"""One report table for every result: :class:`Summary`.

Every result object's ``.summary()`` (:class:`toolkit.Assessment`,
:class:`toolkit.liability.LiabilityAssessment`, :class:`toolkit.damages.DamagesEstimate`,
:class:`toolkit.damages.Calculation`, the regressor's validation report) returns a
:class:`Summary`: one pandas DataFrame fit for a report (the design contract), with the same
columns everywhere and a typed ``kind`` column, so that code selects rows by what they are
(``s[s.kind == "note"]``) and never by the text they start with.

As statsmodels' ``iolib.summary.Summary`` it holds facts, tables and notes and renders itself
(:meth:`Summary.as_text`, :meth:`Summary.as_html`, ``_repr_html_`` in Jupyter); unlike it, it
*is* the DataFrame, so filtering, ``to_csv`` and ``assert_frame_equal`` work unchanged. Wide
tables that do not fit the long layout (a damages table of low / median / high per component)
ride along in :attr:`Summary.tables` and are rendered after the facts.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

__all__ = ["Summary", "COLUMNS", "KINDS"]

#: The columns of every summary, in order.
COLUMNS = ("section", "item", "value", "unit", "source", "kind")
#: What a row is. ``fact``: a number or label about the matter or the run; ``element``, ``control``,
#: ``fault``, ``parameter``: the liability engine's elements, Hand tests, shares and sourced weights;
#: ``component``, ``amount``: damages components and totals; ``step``: a statutory calculator's
#: working; ``penalty``, ``statutory_claim``, ``private_right``: the regulatory-exposure rows (as
#: ``toolkit.regimes.KINDS``); ``headline``: the calibrated outcome ranges; ``simulation``: the
#: stage tree; ``market_check``: the OutcomeRegressor's comparables; ``metric``, ``check``: a
#: validation's scores and targets; ``note``: a caveat, numbered in ``item``.
KINDS = ("fact", "element", "control", "governance", "fault", "parameter", "component", "amount", "step", "penalty",
         "statutory_claim", "private_right", "headline", "simulation", "market_check", "metric", "check", "note")


class Summary(pd.DataFrame):
    """A result's report table: a DataFrame with columns :data:`COLUMNS` and a typed ``kind``.

    Build one with :meth:`Summary.build`; slicing and filtering keep the type (and the title and
    extra tables), so ``s[s.kind != "note"]`` is still a :class:`Summary`.

    Attributes
    ----------
    title : str
        What the summary is about (the first line of :meth:`as_text`).
    tables : dict of str to pandas.DataFrame
        Wide tables shown after the facts (e.g. the damages components with low / median / high).

    Examples
    --------
    >>> s = Summary.build([("Matter", "records exposed", 1000, "people", "", "fact")],
    ...                   notes=["Illustrative."], title="Example")
    >>> list(s.columns)
    ['section', 'item', 'value', 'unit', 'source', 'kind']
    >>> s.notes
    ['Illustrative.']
    >>> print(s.as_text().splitlines()[0])
    Example
    """

    _metadata = ["title", "tables"]

    @property
    def _constructor(self):
        return Summary

    # ------------------------------------------------------------------ building
    @classmethod
    def build(cls, rows: Iterable[Any], *, notes: Iterable[str] = (), tables: Mapping[str, pd.DataFrame] | None = None,
              title: str = "", notes_section: str = "Notes") -> Summary:
        """A summary from rows and notes.

        Parameters
        ----------
        rows : iterable of tuple or mapping
            Each a ``(section, item, value, unit, source, kind)`` tuple or a mapping with those keys
            (``unit`` and ``source`` default to ``""``, ``kind`` to ``"fact"``).
        notes : iterable of str, default=()
            Caveats, appended as ``kind == "note"`` rows numbered 1, 2, ... in ``item``.
        tables : mapping of str to pandas.DataFrame, optional
            Wide tables kept in :attr:`tables`.
        title : str, default=""
            Shown first by :meth:`as_text` and :meth:`as_html`.
        notes_section : str, default="Notes"
            The ``section`` of the note rows.

        Returns
        -------
        Summary

        Raises
        ------
        ValueError
            If a row's ``kind`` is not one of :data:`KINDS`.
        """
        records = []
        for row in rows:
            if isinstance(row, Mapping):
                rec = {"unit": "", "source": "", "kind": "fact", **row}
            else:
                rec = dict(zip(COLUMNS, row))
                rec.setdefault("unit", "")
                rec.setdefault("source", "")
                rec.setdefault("kind", "fact")
            records.append({c: rec.get(c) for c in COLUMNS})
        records += [{"section": notes_section, "item": str(i), "value": note, "unit": "", "source": "",
                     "kind": "note"} for i, note in enumerate(notes, 1)]
        bad = sorted({str(r["kind"]) for r in records} - set(KINDS))
        if bad:
            raise ValueError(f"The 'kind' of a summary row must be one of {list(KINDS)}. Got {bad} instead.")
        out = cls(pd.DataFrame(records, columns=list(COLUMNS)))
        out.title = title
        out.tables = dict(tables or {})
        return out

    def __finalize__(self, other, method=None, **kwargs):
        super().__finalize__(other, method=method, **kwargs)
        source = getattr(other, "objs", [other])[0] if method == "concat" else other
        for name, default in (("title", ""), ("tables", {})):  # concat: the first frame's
            value = getattr(self, name, None)
            if value is None:
                value = getattr(source, name, None)
            object.__setattr__(self, name, default if value is None else value)
        return self

    # ------------------------------------------------------------------ parts
    @property
    def notes(self) -> list[str]:
        """The caveats, in order (the ``value`` of the ``kind == "note"`` rows)."""
        return [str(v) for v in self.loc[self["kind"] == "note", "value"]]

    @property
    def facts(self) -> pd.DataFrame:
        """Every row but the notes, as a plain DataFrame."""
        return pd.DataFrame(self[self["kind"] != "note"]).reset_index(drop=True)

    def of_kind(self, *kinds: str) -> Summary:
        """The rows of the given kinds (e.g. ``s.of_kind("penalty", "statutory_claim")``)."""
        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            raise ValueError(f"The 'kinds' of Summary.of_kind must be among {list(KINDS)}. Got {unknown} instead.")
        return self[self["kind"].isin(kinds)]

    # ------------------------------------------------------------------ rendering
    @staticmethod
    def _fmt(value: Any, unit: str) -> str:
        if isinstance(value, bool) or value is None:
            return "" if value is None else str(value)
        if isinstance(value, (int, float)):
            if value != value:  # NaN
                return ""
            if str(unit).startswith("USD"):
                return f"{value:,.0f}"
            if unit in ("probability", "share"):
                return f"{value:.3f}"
            return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
        return str(value)

    def _display(self) -> pd.DataFrame:
        facts = self.facts
        return pd.DataFrame({"section": facts["section"].astype(str), "item": facts["item"].astype(str),
                             "value": [self._fmt(v, u) for v, u in zip(facts["value"], facts["unit"])],
                             "unit": facts["unit"].fillna("").astype(str),
                             "source": facts["source"].fillna("").astype(str)})

    def as_text(self) -> str:
        """The summary as plain text: title, facts, extra tables, numbered notes."""
        parts = [getattr(self, "title", "") or ""]
        parts.append(self._display().to_string(index=False))
        for name, table in (getattr(self, "tables", None) or {}).items():
            parts += ["", name, pd.DataFrame(table).to_string(index=False)]
        notes = self.notes
        if notes:
            parts += ["", "Notes"] + [f"[{i}] {n}" for i, n in enumerate(notes, 1)]
        return "\n".join(p for p in parts if p is not None).strip("\n")

    def as_html(self) -> str:
        """The summary as HTML: title, facts, extra tables, numbered notes."""
        parts = []
        title = getattr(self, "title", "") or ""
        if title:
            parts.append(f"<h4>{html.escape(title)}</h4>")
        parts.append(self._display().to_html(index=False, escape=True))
        for name, table in (getattr(self, "tables", None) or {}).items():
            parts.append(f"<h5>{html.escape(str(name))}</h5>" + pd.DataFrame(table).to_html(index=False, escape=True))
        notes = self.notes
        if notes:
            parts.append("<ol>" + "".join(f"<li>{html.escape(n)}</li>" for n in notes) + "</ol>")
        return "\n".join(parts)

    def _repr_html_(self) -> str:  # Jupyter
        return self.as_html()
