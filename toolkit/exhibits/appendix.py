"""The methodology appendix of an exhibit pack, in Markdown and HTML.

The appendix is built once as a list of blocks (headings, paragraphs, lists, tables) and
rendered twice, so the two files cannot disagree. It lists the data used (rows, dates,
sources, sha256), each model and its parameters with their sources, the validation error
rates of the empirical model (:func:`toolkit.damages.validate`), the assumptions and
limitations, and how each Daubert factor is addressed. Nothing in it depends on the clock.
"""
from __future__ import annotations

import functools
import html
from dataclasses import dataclass, field
from typing import Any

from ..datasets.jurisdictions import ECONOMIC_LOSS_LABELS
from ..errors import InputError

__all__ = ["Appendix", "methodology_appendix", "validation_report", "VALIDATION_PLACEHOLDER"]

#: Written instead of numbers when the damages validation cannot be run. Never a fake figure.
VALIDATION_PLACEHOLDER = ("PLACEHOLDER: validation error rates not available ({reason}). No error rate is "
                          "reported for the empirical model in this pack.")


# --------------------------------------------------------------------------- document model
@dataclass
class Appendix:
    """A document as blocks: ``("h1"|"h2"|"h3"|"p"|"ul"|"table"|"code", payload)``.

    Tables are ``(headers, rows)`` with every cell a string.

    Examples
    --------
    >>> doc = Appendix("Demo")
    >>> doc.add("p", "One | two")
    >>> doc.add("table", (["a", "b"], [["1", "x|y"]]))
    >>> print(doc.to_markdown())
    # Demo
    <BLANKLINE>
    One | two
    <BLANKLINE>
    | a | b |
    | --- | --- |
    | 1 | x\\|y |
    <BLANKLINE>
    >>> "<td>x|y</td>" in doc.to_html()
    True
    """

    title: str
    blocks: list = field(default_factory=list)

    def add(self, kind: str, payload: Any) -> None:
        if kind not in {"h1", "h2", "h3", "p", "ul", "table", "code"}:
            raise ValueError(kind)
        self.blocks.append((kind, payload))

    # ------------------------------------------------------------------ Markdown
    def to_markdown(self) -> str:
        out = [f"# {self.title}", ""]
        for kind, payload in self.blocks:
            if kind in ("h1", "h2", "h3"):
                out += ["#" * int(kind[1]) + " " + payload, ""]
            elif kind == "p":
                out += [payload, ""]
            elif kind == "ul":
                out += [f"- {item}" for item in payload] + [""]
            elif kind == "code":
                out += ["```", payload, "```", ""]
            elif kind == "table":
                headers, rows = payload

                def cell(text):
                    return str(text).replace("|", "\\|").replace("\n", " ")

                out.append("| " + " | ".join(cell(h) for h in headers) + " |")
                out.append("| " + " | ".join("---" for _ in headers) + " |")
                out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
                out.append("")
        return "\n".join(out)

    # ------------------------------------------------------------------ HTML
    def to_html(self) -> str:
        e = html.escape
        body = [f"<h1>{e(self.title)}</h1>"]
        for kind, payload in self.blocks:
            if kind in ("h1", "h2", "h3"):
                body.append(f"<{kind}>{e(payload)}</{kind}>")
            elif kind == "p":
                body.append(f"<p>{_linkify(e(payload))}</p>")
            elif kind == "ul":
                body.append("<ul>" + "".join(f"<li>{_linkify(e(i))}</li>" for i in payload) + "</ul>")
            elif kind == "code":
                body.append(f"<pre><code>{e(payload)}</code></pre>")
            elif kind == "table":
                headers, rows = payload
                head = "".join(f"<th>{e(str(h))}</th>" for h in headers)
                trs = "".join("<tr>" + "".join(f"<td>{_linkify(e(str(c)))}</td>" for c in row) + "</tr>"
                              for row in rows)
                body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{trs}</tbody></table>")
        return _HTML.format(title=e(self.title), body="\n".join(body))


def _linkify(escaped: str) -> str:
    import re

    return re.sub(r"(https?://[^\s<>;,)]+)", r'<a href="\1">\1</a>', escaped)


_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: "Liberation Sans", Arial, "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.45;
       color: #222; max-width: 7.5in; margin: 0.6in auto; }}
h1 {{ font-size: 17pt; margin-bottom: 0.2em; }}
h2 {{ font-size: 13pt; border-bottom: 1px solid #bfbfbf; padding-bottom: 2px; margin-top: 1.6em; }}
h3 {{ font-size: 11pt; margin-top: 1.2em; }}
table {{ border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 0.6em 0 1em; }}
th {{ text-align: left; border-bottom: 1.5px solid #222; padding: 3px 5px; vertical-align: bottom; }}
td {{ border-bottom: 0.5px solid #d9d9d9; padding: 3px 5px; vertical-align: top; overflow-wrap: anywhere; }}
tbody tr:nth-child(even) {{ background: #f2f4f7; }}
pre {{ background: #f2f4f7; padding: 6px 8px; font-size: 8.5pt; white-space: pre-wrap; }}
a {{ color: #00798c; overflow-wrap: anywhere; }}
@media print {{ body {{ margin: 0; max-width: none; }} h2 {{ page-break-after: avoid; }} tr {{ page-break-inside: avoid; }} }}
</style>
</head>
<body>
{body}
</body>
</html>
"""


# --------------------------------------------------------------------------- formatting
def _usd(v) -> str:
    from ..plotting import usd

    try:
        f = float(v)
    except (TypeError, ValueError):
        return "n/a"
    return "n/a" if f != f else usd(f)


def _num(v, digits: int = 4) -> str:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if f != f:
        return "n/a"
    if f == int(f) and abs(f) < 1e15:
        return f"{int(f):,}"
    return f"{f:,.{digits}g}" if abs(f) >= 1e-3 else f"{f:.3g}"


def _pct(v) -> str:
    return f"{float(v):.1%}"


# --------------------------------------------------------------------------- data facts
def data_files(data_dir=None) -> list[dict]:
    """Facts about every curated table the assessment read: file, rows, years, source, licence, sha256."""
    import pandas as pd

    from ..datasets import SOURCES
    from ..datasets import data_dir as _data_dir
    from .provenance import file_sha256

    folder = _data_dir(data_dir)
    out = []
    for src in SOURCES.values():
        if not src.file:
            continue
        path = folder / src.file
        sha = file_sha256(path)
        facts: dict[str, Any] = {"name": src.name, "file": f"data/{src.file}", "sha256": sha, "rows": None, "years": "",
                 "source": src.source, "licence": src.licence, "unit": src.unit}
        if sha is not None:
            table = pd.read_csv(path, dtype=str, keep_default_na=False)
            facts["rows"] = len(table)
            for col in ("outcome_year", "year"):
                if col in table.columns:
                    years = pd.to_numeric(table[col], errors="coerce").dropna()
                    if len(years):
                        facts["years"] = f"{int(years.min())}–{int(years.max())} ({col})"
                    break
        out.append(facts)
    return out


# --------------------------------------------------------------------------- validation
@functools.lru_cache(maxsize=4)
def _validation_cached(sha: str):
    from ..damages import load_validation, validate
    from ..damages.validation import SHIPPED_PARAMETERS
    from ..datasets import load_outcomes

    shipped = load_validation(sha, **SHIPPED_PARAMETERS)
    return shipped if shipped is not None else validate(load_outcomes(), **SHIPPED_PARAMETERS)


def validation_report():
    """``(report, reason)``: the damages validation on the curated outcomes, or ``(None, why it is unavailable)``.

    The shipped table (``data/market_check_error_rates.csv``, :func:`toolkit.damages.load_validation`)
    is read when it holds the run for this outcomes file's sha256; otherwise (custom outcomes) the
    validation is computed, once a process per file hash. Never invents numbers."""
    from ..datasets import data_dir
    from .provenance import file_sha256

    sha = file_sha256(data_dir() / "outcomes.csv")
    if sha is None:
        return None, "data/outcomes.csv is absent"
    try:
        return _validation_cached(sha), ""
    except ImportError as exc:  # the validation module is not installed in this build
        return None, f"toolkit.damages.validate is unavailable: {exc}"


# --------------------------------------------------------------------------- the appendix
def methodology_appendix(result, provenance, *, exhibits=(), validation=None, validation_reason: str = "",
                         market_note: str = "") -> Appendix:
    """The methodology appendix of an assessment.

    Parameters
    ----------
    result : Assessment
    provenance : Provenance
    exhibits : sequence of (number, title, file stem)
        The exhibits of the pack, listed in §7.
    validation : ValidationReport, optional
        :func:`toolkit.damages.validate` on the curated outcomes; when None a clearly marked
        placeholder (with ``validation_reason``) is written instead of error rates.
    market_note : str
        Why the market check is absent, if it is.
    """
    from .. import __version__

    case, L = result.case, result.liability
    doc = Appendix(f"Methodology appendix: {case.name}")
    doc.add("p", "Prepared with the Breach Liability Toolkit. This appendix states the data, models, parameters, "
                 "error rates, assumptions and limitations behind the numbered exhibits of this pack, so that each "
                 "figure can be traced and reproduced. It quantifies stated assumptions and curated public outcomes; "
                 "it is not legal advice.")
    doc.add("table", (["item", "value"], [
        ["matter", case.name], ["defendant", case.defendant], ["matter sha256 (normalised facts)", provenance.case_sha256],
        ["toolkit version", __version__], ["seed", str(result.seed)], ["Monte Carlo paths", f"{result.n_paths:,}"],
        ["outcomes.csv sha256", provenance.data_sha256 or "absent"], ["date of the data (latest outcome_year)",
                                                                      provenance.data_date],
        ["exhibit font", provenance.font or "n/a"],
    ]))

    # 1. data ----------------------------------------------------------------------------------
    doc.add("h2", "1. Data used")
    files = data_files()
    doc.add("table", (["table", "file", "rows", "years", "source", "licence", "sha256"],
                      [[f["name"], f["file"], "absent" if f["rows"] is None else f"{f['rows']:,}", f["years"] or "—",
                        f["source"], f["licence"], f["sha256"] or "absent"] for f in files]))
    from .provenance import outcomes_facts

    facts = outcomes_facts()
    if facts["rows"]:
        kinds = ", ".join(f"{k} {v}" for k, v in facts["outcome_types"].items())
        doc.add("p", f"The outcomes table holds {facts['rows']:,} legal outcomes decided {facts['first_year']}–"
                     f"{facts['latest_year']} ({facts['verified_rows']:,} verified in a cited source; by type: {kinds}). "
                     "Every row carries its public source URLs (column source_urls).")
    doc.add("h3", "The matter's facts")
    doc.add("p", "The facts are those stated in the matter file, validated on load (toolkit.Case). Controls the "
                 "sources do not state are recorded as 'unknown' (see §4 for how they are scored).")
    facts_rows = [[k, _fmt_fact(v)] for k, v in case.to_dict().items() if k not in ("sources",)]
    doc.add("table", (["field", "value"], facts_rows))
    if case.sources:
        doc.add("p", "Sources of the facts:")
        doc.add("ul", list(case.sources))

    # 2. models and parameters -----------------------------------------------------------------
    doc.add("h2", "2. Models and parameters")
    doc.add("h3", "2.1 Liability (toolkit.liability)")
    doc.add("p", "Negligence is modelled element by element: duty, breach of the standard of care (the Learned Hand "
                 "test B < ΔP·L for each control relevant to the misconfiguration type, United States v. Carroll "
                 "Towing Co., 159 F.2d 169 (2d Cir. 1947)), causation and defenses; the probability that negligence "
                 "is found is their product. Surviving the motion to dismiss combines Article III standing in the "
                 "forum's circuit with the economic-loss rule of the jurisdiction. Fault is allocated between "
                 "customer, provider and integrator by the shared-responsibility layer that failed, under the "
                 "jurisdiction's comparative-fault and joint-and-several rules (data/jurisdictions.csv).")
    doc.add("table", (["element", "probability", "what drove it"],
                      [[str(r.element), _pct(r.probability), str(r.driver)] for r in L.elements.itertuples()]))
    loss = getattr(L, "loss", None)
    if loss is not None:
        doc.add("p", f"Loss L used in the Hand test: {_usd(loss)} (defendant's breach costs plus class damages, "
                     "medians of the damages model).")
    rule = getattr(L, "rule", None)
    if rule is not None:
        doc.add("p", f"Jurisdiction rule applied: {getattr(rule, 'name', '')} ({getattr(rule, 'jurisdiction', '')}): "
                     f"{rule.describe()}; {ECONOMIC_LOSS_LABELS.get(rule.economic_loss_rule, rule.economic_loss_rule)}"
                     f"; {getattr(L, 'rule_reason', '')}. Sources: {getattr(rule, 'source_urls', '')}")
    params = getattr(L, "parameters", None)
    if params is not None and hasattr(params, "itertuples") and len(params):
        doc.add("p", "Liability parameters (value, unit, source or stated assumption):")
        doc.add("table", (["parameter", "value", "unit", "source or assumption"],
                          [[str(r.name), _num(r.value), str(r.unit), str(r.source_or_assumption)]
                           for r in params.itertuples()]))
    else:
        doc.add("p", "The liability engine reported no parameter table.")

    doc.add("h3", "2.2 Damages (toolkit.damages)")
    d = result.damages_estimate
    doc.add("p", f"Cost components of the breach for the defendant, and class damages (per-person cognizable harm x "
                 f"class size of {d.class_size:,}). Low/median/high are read as the 10th/50th/90th percentiles.")
    table = d.table
    doc.add("table", (["component", "low", "median", "high", "basis", "tag", "source"],
                      [[str(r["component"]), _usd(r["low"]), _usd(r["median"]), _usd(r["high"]),
                        str(r.get("basis", "")), str(r.get("tag", "")), str(r.get("source", ""))]
                       for _, r in table.iterrows()]))
    doc.add("p", f"Total of the components (median): {_usd(d.total['median'])}; class damages: "
                 f"{_usd(d.class_damages['low'])} – {_usd(d.class_damages['median'])} – {_usd(d.class_damages['high'])} "
                 "(low – median – high).")
    if result.regulatory is not None and len(result.regulatory):
        doc.add("p", "Regulatory exposure if a penalty is imposed (USD):")
        doc.add("table", (["regime", "low", "median", "high", "basis"],
                          [[str(r["regime"]), _usd(r["low"]), _usd(r["median"]), _usd(r["high"]), str(r.get("basis", ""))]
                           for _, r in result.regulatory.iterrows()]))

    doc.add("h3", "2.3 Litigation stage tree and bargaining zone (toolkit.litigation)")
    doc.add("p", "A vectorised Monte Carlo of the class-action track (motion to dismiss, class certification, summary "
                 "judgment, trial, appeal), with costs and durations per stage discounted to present value. The "
                 "settlement range is the bargaining zone between the plaintiffs' certainty equivalent and the "
                 "defendant's expected cost, split by the bargaining-power band. Tag V: read in the cited source; "
                 "V2: second hand; A: stated assumption; analyst: overridden for this matter.")
    doc.add("table", (["parameter", "value", "unit", "tag", "source"],
                      [[str(r.parameter), _num(r.value), str(r.unit), str(r.tag), str(r.source)]
                       for r in result.parameters.itertuples()]))
    s = result.settlement
    doc.add("p", "Headline ranges (Assessment.outcome_ranges; every exhibit and the summary quote these fields): "
                 "the probability that each outcome happens and the 80% range of its amount if it does.")
    doc.add("table", (["track", "probability", "low", "median", "high"],
                      [[str(track).replace("_", " "), _pct(r["probability"]), _usd(r["low"]), _usd(r["median"]),
                        _usd(r["high"])] for track, r in result.outcome_ranges.iterrows()]))
    doc.add("p", f"Result: plaintiffs' reservation value {_usd(s.plaintiff_reservation)}, defendant's "
                 f"{_usd(s.defendant_reservation)}; recommended range {_usd(s.low)} – {_usd(s.high)} (median "
                 f"{_usd(s.median)}), present value. The class recovers nothing on "
                 f"{result.simulation['p_zero_recovery']:.1%} of the {result.n_paths:,} simulated paths.")

    doc.add("h3", "2.4 Market check (toolkit.damages.OutcomeRegressor)")
    if result.market_check is not None:
        m = result.market_check
        doc.add("p", "A ridge regression on log10 amounts of the curated outcomes (features: records, class size, data "
                     "types, sector, outcome type, regime, forum, cloud provider, misconfiguration type, service model, "
                     "governance flags, year), with grouped split-conformal 80% ranges (folds by incident). "
                     f"For a class settlement like this matter: {_usd(m['low'])} – {_usd(m['median'])} – "
                     f"{_usd(m['high'])} (low – median – high). Parameters: coverage=0.8, alpha=1.0, random_state=0.")
    else:
        doc.add("p", "The market check was not run" + (f": {market_note}." if market_note else "."))

    # 3. validation ----------------------------------------------------------------------------
    doc.add("h2", "3. Validation error rates")
    if validation is None:
        doc.add("p", VALIDATION_PLACEHOLDER.format(reason=validation_reason or "not computed"))
    else:
        v = validation
        doc.add("p", f"Grouped {v.n_splits}-fold cross-validation (GroupKFold by incident_id, random_state="
                     f"{v.random_state}) of the empirical model and its baselines on the {v.n_rows:,} monetary outcomes "
                     f"of {v.n_incidents:,} incidents in data/outcomes.csv (toolkit.damages.validate). mae_log10: median "
                     "absolute error of the predicted median in log10 USD (0.3 = a factor of 2); coverage: share of "
                     f"held-out outcomes inside the nominal {v.coverage:.0%} range; median width in orders of magnitude.")
        doc.add("table", (["model", "held-out rows", "median abs. error (log10 USD)", "factor", "coverage",
                           "median width (log10)"],
                          [[str(name), f"{int(r['n']):,}", f"{r['mae_log10']:.3f}", f"x{10 ** r['mae_log10']:.2f}",
                            _pct(r["coverage"]), f"{r['median_width']:.2f}"] for name, r in v.table.iterrows()]))
        doc.add("p", "Meets the project's targets (beats the outcome-type median baseline; coverage within "
                     "[0.70, 0.92]; median width at most 2.2): " + ("yes" if v.meets_targets() else "NO") + ".")
        for note in v.notes:
            doc.add("p", f"Note: {note}")
    rates, rates_reason = headline_error_rates()  # read once: §3 renders it, §5 quotes it
    _headline_error_section(doc, result, rates, rates_reason)

    # 4. assumptions and limitations -----------------------------------------------------------
    doc.add("h2", "4. Assumptions and limitations")
    n_assumed = int((result.parameters["tag"] == "A").sum())
    items = [
        f"{n_assumed} of the {len(result.parameters)} litigation stage parameters are stated assumptions (tag A in "
        "§2.3), not published rates; the tornado (sensitivity) exhibit shows how much the result depends on the main "
        "ones.",
        "Liability parameters marked 'assumption' in §2.1 are analyst judgement; each is editable and the effect of "
        "each factor on the liability probability is shown in the liability waterfall exhibit.",
        "The curated outcomes are public outcomes only: confidential settlements, and suits never reported, are absent, "
        "so the sample over-represents large and newsworthy matters.",
        "Amounts are nominal USD unless stated; non-USD outcomes were converted at the annual average rate of the "
        "outcome year (data/fx_rates.csv).",
        "Class damages count out-of-pocket fraud and monitoring costs, plus lost time and emotional distress "
        "(non-economic) where the matter's harms allege them; statutory damages are not included unless a "
        "statutory regime is listed in §2.2.",
        "Controls recorded as 'unknown' are scored at a fraction (unknown_weight, §2.1) of what an absent control "
        "would score in the Hand test; facts about them change the result (see the tornado exhibit).",
        "The model values the class-action track; individual suits, regulator settlements and insurance are outside "
        "the settlement range unless listed as regulatory exposure.",
    ]
    items += [f"Note from the assessment: {n}" for n in result.notes]
    doc.add("ul", items)

    # 5. Daubert -------------------------------------------------------------------------------
    doc.add("h2", "5. Daubert factors")
    doc.add("p", "Daubert v. Merrell Dow Pharmaceuticals, Inc., 509 U.S. 579 (1993), and Fed. R. Evid. 702 ask whether "
                 "a method can be and has been tested, has been subject to peer review and publication, has a known "
                 "or potential error rate, has standards controlling its operation, and is generally accepted. How "
                 "this pack addresses each:")
    if validation is not None:
        reg = validation.table.loc["OutcomeRegressor"]
        error_text = (f"The empirical model's held-out error is a median {reg['mae_log10']:.3f} log10 USD (a factor of "
                      f"{10 ** reg['mae_log10']:.2f}) with {reg['coverage']:.1%} of held-out outcomes inside its nominal "
                      f"80% ranges (§3), compared with baselines on the same folds.")
    else:
        error_text = "PLACEHOLDER: the validation error rates were not available for this pack (§3)."
    if rates is not None and len(rates):
        pick = rates[(rates["track"] == "class_settlement") & (rates["group"] == "all")]
        head = (pick if len(pick) else rates).iloc[0]
        error_text = (f"Headline ranges, backtested on the curated outcomes (§3): {str(head.track).replace('_', ' ')} "
                      f"({head.group}, n = {int(head.n):,}): coverage {_pct(head.coverage)} of the nominal 80% range, "
                      f"median absolute error {float(head.median_abs_log10_error):.3f} log10 USD. ") + error_text
    else:
        error_text = "PLACEHOLDER: the headline backtest error rates are not available (§3 says why). " + error_text
    doc.add("table", (["factor", "how it is met", "limits"], [
        ["Testability", "Every step is a deterministic function of the stated facts, parameters and seed: the same "
                        "inputs reproduce every file byte for byte (the pack's MANIFEST.sha256). Each parameter can "
                        "be changed and the effect re-measured (tornado exhibit). The toolkit's test suite checks the "
                        "calculators against hand calculations and worked examples.",
         "Results are conditional on the stated facts; contested facts should be run as alternative matter files."],
        ["Peer review and publication", "The components are published methods: the Learned Hand formula (Carroll "
                                       "Towing, 1947) and the reasonable-security test of The Sedona Conference (2021); "
                                       "decision-tree valuation of litigation with a bargaining zone; ridge regression "
                                       "with split-conformal intervals. Each parameter cites its published source "
                                       "(§2).",
         "The toolkit's implementation and its combination of these methods have not been published in a "
         "peer-reviewed venue."],
        ["Known or potential error rate", error_text + " The Monte Carlo error is controlled by the number of paths "
                                                       "and the seed (§3).",
         "Liability probabilities cannot be validated against verdicts: data-breach class actions almost never reach "
         "one."],
        ["Standards controlling the operation", "Relevant controls and the industry-standard score come from "
                                                "recognised frameworks (CIS AWS Foundations Benchmark, NIST CSF 2.0, "
                                                "ISO/IEC 27001:2022 Annex A identifiers in data/controls.csv). Inputs are "
                                                "validated against fixed vocabularies; data tables against schemas; "
                                                "each value carries a source or is tagged as an assumption.",
         "Control costs and risk reductions are estimates with stated sources, not measured for this defendant."],
        ["General acceptance", "Cost-benefit negligence analysis (Hand), probability-weighted valuation of "
                               "litigation stages, and grouped cross-validation of predictive models are standard in "
                               "law-and-economics and applied statistics.",
         "General acceptance attaches to the methods, not to this toolkit's parameter values; an opposing expert "
         "may contest the assumptions in §4."],
    ]))

    # 6. reproduce -------------------------------------------------------------------------------
    doc.add("h2", "6. Reproducing this pack")
    doc.add("code", f"python -m toolkit assess MATTER.yaml --out DIR --seed {result.seed} --paths {result.n_paths}")
    doc.add("p", f"with toolkit {__version__}, the matter whose normalised facts hash to {provenance.case_sha256}, and "
                 f"data/outcomes.csv with sha256 {provenance.data_sha256 or '(absent)'}. The files of the pack and their "
                 "sha256 are listed in MANIFEST.sha256 (check with `sha256sum -c MANIFEST.sha256`) and index.json; "
                 "every number is in assessment.json.")
    if exhibits:
        doc.add("h2", "7. Exhibits in this pack")
        doc.add("table", (["exhibit", "title", "files"], [[f"Exhibit {n}", t, f"{stem}.*"] for n, t, stem in exhibits]))
    _add_sources(doc)
    return doc


#: Sources every appendix cites in its own text (the Hand test, the Daubert factors).
_ALWAYS_CITED = ("2.9",)


def _block_texts(payload) -> list[str]:
    if isinstance(payload, str):
        return [payload]
    if isinstance(payload, tuple) and len(payload) == 2:  # a table
        headers, rows = payload
        return [str(h) for h in headers] + [str(c) for row in rows for c in row]
    return [str(x) for x in payload]


def _add_sources(doc: Appendix) -> None:
    """Rewrite every citation into the shipped source notes, then list the cited sources with URLs."""
    from .sources import DOC_PATH, REFERENCES, cite, cited_sections

    def fix(payload):
        if isinstance(payload, str):
            return cite(payload)
        if isinstance(payload, tuple) and len(payload) == 2:
            headers, rows = payload
            return ([cite(h) for h in headers], [[cite(c) for c in row] for row in rows])
        return [cite(x) for x in payload]

    doc.blocks = [(kind, fix(payload)) for kind, payload in doc.blocks]
    texts = [t for _, payload in doc.blocks for t in _block_texts(payload)]
    cited = set(cited_sections(texts)) | set(_ALWAYS_CITED)
    sections = [s for s in REFERENCES if s in cited]
    doc.add("h2", "8. Sources")
    doc.add("p", "Parameters above cite these notes as \"sources §N\"; each names the primary source (statute, "
                 "guideline, case or paper) and where to read it. The same notes ship with the toolkit as "
                 f"{DOC_PATH}. Each outcome row of data/outcomes.csv carries its own source URLs, and each row of "
                 "data/controls.csv and data/jurisdictions.csv its sources. Also cited: Daubert v. Merrell Dow "
                 "Pharmaceuticals, Inc., 509 U.S. 579 (1993), https://supreme.justia.com/cases/federal/us/509/579/ ; "
                 "Fed. R. Evid. 702, https://www.law.cornell.edu/rules/fre/rule_702 .")
    for sec in sections:
        ref = REFERENCES[sec]
        doc.add("h3", f"§{ref.section} {ref.title}")
        doc.add("p", ref.note)
        doc.add("ul", [f"{c}: {url}" for c, url in ref.citations])


def headline_error_rates():
    """``(table, reason)``: the backtest error rates of the headline ranges, or ``(None, why not)``.

    The table is :func:`toolkit.calibration.load_error_rates` (columns track, group, n, coverage,
    median_abs_log10_error, bias_log10, median_width_log10): every monetary outcome run through
    ``assess`` with everything fitted without its incident. Only an absent table (the
    :class:`~toolkit.errors.InputError` the loader raises, e.g. a data folder without
    ``backtest_error_rates.csv``) is reported as unavailable, with the loader's message; any
    other error propagates.
    """
    from ..calibration.backtest import load_error_rates

    try:
        return load_error_rates(), ""
    except InputError as exc:
        return None, str(exc)


def _headline_error_section(doc: Appendix, result, rates, reason: str) -> None:
    """Monte Carlo standard error of the medians, and the headline backtest error rates
    (``rates, reason`` from :func:`headline_error_rates`)."""
    ranges = result.outcome_ranges
    if "median_se" in ranges.columns:
        def se_cells(r):
            med, se = float(r["median"]), float(r["median_se"])
            if not med > 0:
                return ["n/a", "n/a"]
            if se == 0:
                return ["0 (closed form: no sampling error)", "0%"]
            return [_usd(se), f"{se / med:.2%}"]

        rows = [[str(t).replace("_", " "), _usd(r["median"]), *se_cells(r)] for t, r in ranges.iterrows()]
        doc.add("p", f"Monte Carlo error: {result.n_paths:,} simulated paths, seed {result.seed}. The standard error "
                     "of each median (how far another seed would typically move it):")
        doc.add("table", (["track", "median", "Monte Carlo s.e.", "relative"], rows))
    else:
        doc.add("p", f"Monte Carlo error: {result.n_paths:,} simulated paths, seed {result.seed}; the same seed "
                     "reproduces every figure exactly. PLACEHOLDER: this build's Assessment.outcome_ranges does not "
                     "state the standard error of the medians (column median_se), so no figure is given.")
    doc.add("h3", "Backtest of the headline ranges")
    if rates is None:
        doc.add("p", f"PLACEHOLDER: headline backtest error rates not available ({reason}). No error rate is "
                     "reported here for the headline ranges; the market-check model's cross-validated rates above "
                     "are a side model's, not the headline's.")
        return
    doc.add("p", "Every monetary outcome in data/outcomes.csv was run through assess() as a matter, with everything "
                 "fitted without its incident; the table compares the quoted ranges with what happened. coverage: "
                 "share of outcomes inside the nominal 80% range; errors in log10 USD (0.3 = a factor of 2); bias > 0: "
                 "the median is too high.")
    doc.add("table", (["track", "group", "n", "coverage", "median abs. error (log10)", "factor", "bias (log10)",
                       "median width (log10)"],
                      [[str(r.track).replace("_", " "), str(r.group), f"{int(r.n):,}", _pct(r.coverage),
                        f"{float(r.median_abs_log10_error):.3f}", f"x{10 ** float(r.median_abs_log10_error):.2f}",
                        f"{float(r.bias_log10):+.3f}", f"{float(r.median_width_log10):.2f}"]
                       for r in rates.itertuples()]))


def _fmt_fact(v) -> str:
    if isinstance(v, dict):
        return "; ".join(f"{k}: {x}" for k, x in v.items())
    if isinstance(v, (list, tuple)):
        return ", ".join(str(x) for x in v)
    if isinstance(v, float):
        return _num(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    return str(v)
