"""Rich display and export of an assessment: a compact HTML summary for Jupyter, every table as
one long DataFrame, CSV, and an Excel workbook with each table on its own sheet (openpyxl)."""
from __future__ import annotations

import html
from pathlib import Path

__all__ = ["assessment_tables", "assessment_frame", "assessment_html", "to_excel", "to_csv", "frame_html"]


def assessment_tables(result) -> dict:
    """Every table of an assessment, by sheet name (31 characters at most), as DataFrames.

    Examples
    --------
    >>> import toolkit as tk
    >>> r = tk.assess(tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml"), n_paths=5_000,
    ...               market_check=False)
    >>> list(assessment_tables(r))[:3]
    ['headline_ranges', 'summary', 'liability_elements']
    """
    import pandas as pd

    ranges = result.outcome_ranges.copy()
    ranges.index.name = "track"
    tables = {
        "headline_ranges": ranges.reset_index(),
        "summary": result.summary(),
        "liability_elements": result.liability.elements,
        "hand_formula": result.liability.controls,
        "damages": result.damages,
        "regulatory": result.regulatory,
        "fault": result.fault,
        "settlement": pd.DataFrame([result.settlement.to_dict()]),
        "comparables": result.comparables,
        "stage_parameters": result.parameters,
    }
    from ..litigation import decision_tree

    tables["decision_tree"] = decision_tree(result)
    return {k: (v.copy() if v is not None else pd.DataFrame()) for k, v in tables.items()}


def assessment_frame(result):
    """Every table in one long DataFrame: ``table, row, column, value`` (values as text or numbers).

    >>> import toolkit as tk
    >>> r = tk.assess(tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml"), n_paths=5_000,
    ...               market_check=False)
    >>> f = assessment_frame(r)
    >>> list(f.columns)
    ['table', 'row', 'column', 'value']
    """
    import pandas as pd

    parts = []
    for name, table in assessment_tables(result).items():
        if not len(table):
            continue
        t = table.reset_index(drop=True).astype(object)
        long = t.stack(future_stack=True).reset_index()
        long.columns = ["row", "column", "value"]
        long.insert(0, "table", name)
        parts.append(long)
    frame = pd.concat(parts, ignore_index=True)
    frame["value"] = frame["value"].map(lambda v: v if isinstance(v, (int, float, str)) or v is None else str(v))
    return frame


def to_csv(result, path) -> Path:
    """Write :func:`assessment_frame` as CSV (UTF-8); returns the path."""
    path = Path(path)
    assessment_frame(result).to_csv(path, index=False, lineterminator="\n")
    return path


def to_excel(result, path) -> Path:
    """Write every table of the assessment to an Excel workbook, one sheet per table (openpyxl).

    The first sheet, ``about``, states the matter, seed, paths and toolkit version.

    Examples
    --------
    >>> import tempfile, pathlib, toolkit as tk
    >>> r = tk.assess(tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml"), n_paths=5_000,
    ...               market_check=False)
    >>> out = to_excel(r, pathlib.Path(tempfile.mkdtemp()) / "assessment.xlsx")
    >>> import openpyxl
    >>> openpyxl.load_workbook(out).sheetnames[:3]
    ['about', 'headline_ranges', 'summary']
    """
    import pandas as pd

    from .. import __version__

    path = Path(path)
    about = pd.DataFrame({"item": ["matter", "defendant", "seed", "Monte Carlo paths", "toolkit version"],
                          "value": [result.case.name, result.case.defendant, result.seed, result.n_paths,
                                    __version__]})
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        about.to_excel(writer, sheet_name="about", index=False)
        for name, table in assessment_tables(result).items():
            clean = table.copy()
            for col in clean.columns:
                if clean[col].dtype == object:
                    clean[col] = clean[col].map(lambda v: v if v is None or isinstance(v, (int, float, str, bool))
                                                else str(v))
            clean.to_excel(writer, sheet_name=name[:31], index=False)
    return path


def frame_html(frame, caption: str = "") -> str:
    """A small, escaped HTML table (for ``_repr_html_``)."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in [""] + list(frame.columns))
    body = "".join("<tr><th>" + html.escape(str(i)) + "</th>" + "".join(
        f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for i, row in zip(frame.index, frame.values))
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f'<table class="toolkit">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def assessment_html(result) -> str:
    """Compact HTML summary of an assessment: the headline ranges, liability, and the run's facts.

    Examples
    --------
    >>> import toolkit as tk
    >>> r = tk.assess(tk.Case.from_yaml("data/matters/teaching_open_elasticsearch.yaml"), n_paths=5_000,
    ...               market_check=False)
    >>> "class settlement" in assessment_html(r)
    True
    """
    import pandas as pd

    from ..plotting import usd
    from ..plotting.exceedance import TRACK_LABELS

    e = html.escape
    rows = {}
    for track, r in result.outcome_ranges.iterrows():
        happens = float(r["probability"]) > 0 and float(r["median"]) > 0
        rows[TRACK_LABELS.get(track, track)] = {
            "probability": f"{float(r['probability']):.0%}",
            "low": usd(r["low"]) if happens else "—", "median": usd(r["median"]) if happens else "—",
            "high": usd(r["high"]) if happens else "—",
        }
    table = frame_html(pd.DataFrame.from_dict(rows, orient="index"),
                       caption="Headline ranges (80% range of the amount if it happens, USD)")
    L = result.liability
    facts = (f"P(negligence found at trial) {L.probability:.1%} · P(survive the motion to dismiss) "
             f"{L.p_survive_dismissal:.1%} · defendant's payable share {L.defendant_payable_share:.0%}")
    notes = f"<li>{len(result.notes)} note(s) from the models: see <code>.summary()</code></li>" if result.notes else ""
    return (f'<div class="toolkit-assessment"><p><b>Assessment: {e(result.case.name)}</b><br>'
            f"defendant: {e(result.case.defendant)} · seed {result.seed} · {result.n_paths:,} simulated paths</p>"
            f"{table}<p>{e(facts)}</p><ul>{notes}<li>Every table: <code>.to_excel(path)</code>, "
            f"<code>.to_frame()</code>, <code>.to_csv(path)</code>; exhibits: <code>python -m toolkit assess</code>"
            f"</li></ul></div>")
