"""The primary sources behind the toolkit's parameters, written in our own words, with URLs.

The parameter tables cite these notes by section ("sources §1.8"). The same text ships as
``docs/sources.md`` (generated from :data:`REFERENCES` by ``python -m toolkit.exhibits.sources``;
a test keeps the two identical) and is printed in the Sources section of every methodology
appendix and ``report.pdf``, so a reader can always follow a citation to the statute, guideline,
case or paper itself.

:func:`cite` rewrites the development-time citations some parameter tables still carry (notes
files that are not part of the project) into citations of these sections.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Reference", "REFERENCES", "cite", "cited_sections", "sources_markdown", "DOC_PATH"]

#: Where the notes ship in the repository.
DOC_PATH = "docs/sources.md"


@dataclass(frozen=True)
class Reference:
    """One section of the source notes: a title, what it supports (our words), and its citations."""

    section: str
    title: str
    note: str
    citations: tuple[tuple[str, str], ...]   # (citation, URL)


_R = Reference
REFERENCES: dict[str, Reference] = {r.section: r for r in [
    _R("1.1", "Which breaches are litigated, and which suits settle",
       "The first large study of federal data-breach suits (dockets 2000–2010) found that about one reported breach "
       "in twenty-five reaches federal court, that suits are more likely when individuals suffer financial harm, and "
       "that defence fees average about $2.1M per suit; its 2011 workshop draft reports a mean duration of 15 months. "
       "Used for the litigation costs and durations (stated assumptions anchored on these figures).",
       (("Romanosky, Hoffman & Acquisti, Empirical Analysis of Data Breach Litigation, J. Empirical Legal Stud. "
         "11(1):74–104 (2014), doi:10.1111/jels.12035", "https://doi.org/10.1111/jels.12035"),
        ("Same authors, 2011 draft (SSRN 1884499)", "http://ssrn.com/abstract=1884499"),
        ("Summary of the fee figure (McDonald Hopkins, 2013)",
         "https://mcdonaldhopkins.com/insights/blog/data-privacy-solutions/2013/08/19/companies-must-take-preemptive-"
         "measures-to-avoid-a-data-breach-or-pay-big-bucks-to-clean-up-the-mess"),
        ("2011 workshop abstract (PLSC)", "https://sites.law.berkeley.edu/privacylaw/tag/sasha-romanosky/"))),
    _R("1.2", "Costs of cyber incidents",
       "Across more than 12,000 incidents the typical cost is below $200,000, about 0.4% of annual revenue.",
       (("Romanosky, Examining the costs and causes of cyber incidents, J. Cybersecurity 2(2):121–135 (2016), "
         "doi:10.1093/cybsec/tyw001", "https://doi.org/10.1093/cybsec/tyw001"),)),
    _R("1.3", "Breach cost against records exposed",
       "A log-log regression of Ponemon breach costs on records (ln cost = 7.68 + 0.758 ln records, residual sd 0.523, "
       "n = 115, fitted on roughly 2,000–100,000 records) and the Verizon DBIR 2015 claims-based model. The toolkit "
       "uses them only as per-record benchmarks and as a yardstick in the validation.",
       (("Jacobs, Analyzing Ponemon Cost of Data Breach, Data Driven Security (11 Dec 2014)",
         "http://datadrivensecurity.info/blog/posts/2014/Dec/ponemon/"),
        ("Verizon 2015 DBIR loss model, summarised by Data Privacy + Security Insider",
         "https://www.dataprivacyandsecurityinsider.com/2015/05/verizon-2015-data-breach-investigations-report-out/"))),
    _R("1.4", "Heavy tails of breach sizes",
       "Breach sizes are close to log-normal (Edwards et al.) or have a power-law tail (Wheatley et al.); the two "
       "disagree about the extreme tail.",
       (("Edwards, Hofmeyr & Forrest, Hype and heavy tails, J. Cybersecurity 2(1):3–14 (2016), doi:10.1093/cybsec/tyw003",
         "https://doi.org/10.1093/cybsec/tyw003"),
        ("Wheatley, Maillart & Sornette, The extreme risk of personal data breaches and the erosion of privacy, "
         "Eur. Phys. J. B 89(1) (2016), doi:10.1140/epjb/e2015-60754-4; preprint arXiv:1505.07684",
         "http://www.arxiv.org/abs/1505.07684"))),
    _R("1.5", "Loss distributions of cyber events (Cyentia IRIS)",
       "The typical loss per event is about $200,000; about one event in ten exceeds $20M.",
       (("Cyentia Institute, Information Risk Insights Study 20/20", "https://www.cyentia.com/2020-information-risk-insights-study/"),)),
    _R("1.6", "Cost of a data breach by cause and control (IBM / Ponemon)",
       "Annual survey means of breach cost (global mean $4.88M in 2024) with effects of incident-response planning, "
       "automation and detection, and the cost of breaches whose initial vector was a cloud misconfiguration "
       "($3.98M, 12% of breaches, in 2024). Survey means of about 600 organisations, excluding breaches over one "
       "million records: benchmarks, not a loss distribution. Figures were read in press coverage of the reports.",
       (("IBM Security, Cost of a Data Breach Report 2024", "https://www.ibm.com/reports/data-breach"),
        ("Coverage of the 2024 report (10guards)",
         "https://10guards.com/fr/blog/2024/07/31/ibm-average-breach-costs-hit-record-4-88m-in-2024-up-10-from-last-year/"),
        ("Coverage of the 2022 report (Security Magazine)",
         "https://www.securitymagazine.com/articles/98486-435-million-the-average-cost-of-a-data-breach"))),
    _R("1.7", "Cyber-insurance claims",
       "Insurance claims put the median cost per record far below the mean (about $13 against $964 in 2015).",
       (("NetDiligence Cyber Claims Study 2015, summarised by Digital Guardian",
         "https://digitalguardian.com/blog/insurance-claim-data-paints-fuzzy-picture-cost-breach"),)),
    _R("1.8", "Class actions: filings, certification, settlements, claims and fees",
       "Certification was granted in 14% of the data-breach cases decided in 2023 (Duane Morris Class Action "
       "Review); no data-breach class action had reached a verdict by 2024 (Edgeworth Economics); percentage-method "
       "fee awards average about 25% of the fund (Fitzpatrick 2010); median claims rate 9% (FTC staff report 2019).",
       (("Duane Morris Class Action Review (2024 and 2025 editions)",
         "https://blogs.duanemorris.com/classactiondefense/category/duane-morris-class-action-review-2025/"),
        ("Edgeworth Economics, The value of personal information in data-breach class actions (2024)",
         "https://www.edgewortheconomics.com/insight-value-personal-info-data-breach-class-action"),
        ("Fitzpatrick, An Empirical Study of Class Action Settlements and Their Fee Awards, J. Empirical Legal Stud. "
         "7(4):811–846 (2010)", "https://doi.org/10.1111/j.1740-1461.2010.01196.x"),
        ("FTC staff report, Consumers and Class Actions: A Retrospective and Analysis of Settlement Campaigns (2019)",
         "https://www.ftc.gov/system/files/documents/reports/consumers-class-actions-retrospective-analysis-"
         "settlement-campaigns/class_action_fairness_report_0.pdf"))),
    _R("2.1", "California Consumer Privacy Act, private right of action (Cal. Civ. Code § 1798.150)",
       "A consumer whose nonencrypted personal information is exposed through a failure to maintain reasonable "
       "security may recover $100–$750 per consumer per incident (adjusted to $107–$799 from 2025) or actual "
       "damages, after a 30-day notice to cure; in force from 1 January 2020.",
       (("Cal. Civ. Code § 1798.150",
         "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=CIV&sectionNum=1798.150"),
        ("CPPA 2025 adjustment, reported by Orrick (JD Supra)",
         "https://production.jdsupra.com/legalnews/california-privacy-protection-agency-7046701"))),
    _R("2.2", "GDPR fines (Art. 83) and the EDPB method of calculation",
       "Security failures (Art. 32) are fined up to €10M or 2% of worldwide turnover, principle breaches (Art. 5) up "
       "to €20M or 4%; the EDPB's five steps fix a starting point by seriousness (0–10%, 10–20%, 20–100% of the "
       "maximum) and the size of the undertaking, then adjust for the Art. 83(2) factors.",
       (("Regulation (EU) 2016/679, Art. 83", "https://eur-lex.europa.eu/eli/reg/2016/679/oj"),
        ("EDPB Guidelines 04/2022 on the calculation of administrative fines, v2.1 (24 May 2023)",
         "https://www.edpb.europa.eu/system/files/documents/2023-06/edpb_guidelines_042022_calculationofadministrative"
         "fines_en.pdf"))),
    _R("2.3", "UK GDPR and the ICO",
       "Maxima of £8.7M or 2% and £17.5M or 4% of turnover; British Airways (£20M) and Marriott (£18.4M) in 2020 "
       "calibrate security-breach penalties.",
       (("ICO penalty notices, summarised by TLT", "https://www.tltsolicitors.com/insights-and-events/insight/lessons-"
                                                   "from-icos-reduced-fines-for-ba-and-marriott/"),
        ("The penalty process under Schedule 16 of the Data Protection Act 2018, as the ICO described it in the "
         "Marriott and British Airways matters (The Register, 5 Aug 2020)",
         "https://www.theregister.com/2020/08/05/marriott_starwood_gdpr_fine_british_airways/"))),
    _R("2.4", "HIPAA civil money penalties (45 C.F.R. § 160.404)",
       "Four culpability tiers with per-violation minima and maxima and an annual cap, adjusted for inflation each "
       "year (2,190,294 USD cap from 28 January 2026, 91 FR 3665); OCR's 2019 notice of enforcement discretion sets "
       "lower annual caps for the first three tiers.",
       (("45 C.F.R. § 160.404", "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-160/subpart-D/"
                                "section-160.404"),
        ("HHS, Annual Civil Monetary Penalties Inflation Adjustment, 91 FR 3665 (28 Jan 2026)",
         "https://www.govinfo.gov/content/pkg/FR-2026-01-28/html/2026-01688.htm"),
        ("HHS, Notification of Enforcement Discretion, 84 FR 18151 (30 Apr 2019)",
         "https://www.federalregister.gov/documents/2019/04/30/2019-08530"))),
    _R("2.5", "Illinois Biometric Information Privacy Act (740 ILCS 14/20)",
       "Liquidated damages of $1,000 per negligent and $5,000 per intentional or reckless violation; since the "
       "August 2024 amendment repeated collection from one person by one method is one violation.",
       (("740 ILCS 14/20", "https://www.ilga.gov/legislation/ilcs/ilcs3.asp?ActID=3004&ChapterID=57"),
        ("Summary of the 2024 amendment (DL Firm)", "https://www.dl-firm.com/illinois-governor-pritzker-signs-"
                                                    "amendment-reducing-potential-damages-under-biometric-information-"
                                                    "privacy-act/"))),
    _R("2.6", "New York SHIELD Act (GBL §§ 899-aa, 899-bb)",
       "Failures to notify cost $20 per failed notice up to $250,000; failures of reasonable safeguards are "
       "enforced by the Attorney General (up to $5,000 per violation under GBL § 350-d); no private right of action.",
       (("N.Y. Gen. Bus. Law § 899-bb", "https://www.nysenate.gov/legislation/laws/GBS/899-BB"),
        ("N.Y. Gen. Bus. Law § 350-d", "https://www.nysenate.gov/legislation/laws/GBS/350-D"))),
    _R("2.7", "FTC Act § 5 data-security orders",
       "Consent orders require a security programme for 20 years with biennial assessments; civil penalties "
       "($53,088 per violation from 17 January 2025) apply mainly to violations of orders and rules.",
       (("15 U.S.C. § 45", "https://www.law.cornell.edu/uscode/text/15/45"),
        ("16 C.F.R. § 1.98 (civil penalty amounts)", "https://www.ecfr.gov/current/title-16/chapter-I/subchapter-A/"
                                                     "part-1/subpart-L/section-1.98"))),
    _R("2.8", "SEC cybersecurity disclosure",
       "Form 8-K Item 1.05 requires disclosure of a material incident within four business days of the materiality "
       "determination; 2023–2024 enforcement settlements ranged from about $1M to $4M.",
       (("SEC, Cybersecurity Risk Management, Strategy, Governance, and Incident Disclosure (2023)",
         "https://www.sec.gov/rules-regulations/2023/07/s7-09-22"),)),
    _R("2.9", "The standard of care: the Learned Hand test and reasonable security",
       "A precaution is owed when its burden B is less than the expected harm it averts, P·L; The Sedona Conference "
       "applies the test at the margin to security safeguards; Pennsylvania recognises a duty of reasonable care in "
       "storing employees' data.",
       (("United States v. Carroll Towing Co., 159 F.2d 169 (2d Cir. 1947) (case summary)",
         "https://www.quimbee.com/cases/united-states-v-carroll-towing-co"),
        ("The Sedona Conference, Commentary on a Reasonable Security Test, 22 Sedona Conf. J. 345 (2021)",
         "https://thesedonaconference.org/publications"),
        ("Dittman v. UPMC, 196 A.3d 1036 (Pa. 2018)",
         "https://law.justia.com/cases/pennsylvania/supreme-court/2018/43-wap-2017.html"))),
    _R("2.10", "Article III standing after a data breach",
       "Future harm must be certainly impending or a substantial risk (Clapper), concrete (Spokeo) and shown for "
       "every class member seeking damages (TransUnion); circuits weigh a targeted attack, misuse of part of the "
       "data and its sensitivity (McMorris, 2d Cir.).",
       (("Clapper v. Amnesty Int'l USA, 568 U.S. 398 (2013)", "https://supreme.justia.com/cases/federal/us/568/398/"),
        ("Spokeo, Inc. v. Robins, 578 U.S. 330 (2016)", "https://supreme.justia.com/cases/federal/us/578/13-1339/"),
        ("TransUnion LLC v. Ramirez, 594 U.S. 413 (2021)", "https://supreme.justia.com/cases/federal/us/594/20-297/"),
        ("McMorris v. Carlos Lopez & Assocs., 995 F.3d 295 (2d Cir. 2021)",
         "https://app.midpage.ai/case/mcmorris-v-carlos-lopez-assocs-4680983"))),
    _R("2.11", "The economic loss rule in breach negligence",
       "Pennsylvania allows purely economic negligence recovery where the duty is independent of contract; the "
       "Seventh Circuit bars issuing banks' negligence claims against a merchant inside the card networks' contracts.",
       (("Dittman v. UPMC, 196 A.3d 1036 (Pa. 2018)",
         "https://law.justia.com/cases/pennsylvania/supreme-court/2018/43-wap-2017.html"),
        ("Community Bank of Trenton v. Schnuck Markets, 887 F.3d 803 (7th Cir. 2018)",
         "https://app.midpage.ai/case/community-bank-of-trenton-v-4263179"))),
    _R("2.12", "Comparative fault and joint-and-several liability",
       "States bar a plaintiff at any fault (contributory), reduce recovery by the plaintiff's share (pure), or bar "
       "it above 50% or from 50% (modified); joint and several liability follows the state's statute (e.g. "
       "California keeps it for economic damages, Texas only above 50% responsibility). New York's CPLR 1601 and "
       "Illinois's § 2-1117 are written for personal-injury or property-damage actions, so their reach to a purely "
       "economic data-breach loss is uncertain.",
       (("Restatement (Third) of Torts: Apportionment of Liability § 10 (2000), via Wilson Elser's 50-state survey",
         "https://www.yumpu.com/en/document/view/42581557/joint-and-several-liability"),
        ("Cal. Civ. Code § 1431.2; DaFonte v. Up-Right, Inc., 2 Cal. 4th 593 (1992)",
         "https://scocal.stanford.edu/opinion/dafonte-v-right-inc-31427"),
        ("Tex. Civ. Prac. & Rem. Code §§ 33.001, 33.013",
         "https://statutes.capitol.texas.gov/Docs/CP/htm/CP.33.htm"),
        ("N.Y. CPLR 1601", "https://www.nysenate.gov/legislation/laws/CVP/1601"),
        ("735 ILCS 5/2-1117 (Code of Civil Procedure, Art. II Part 11)",
         "http://ilga.gov/legislation/ilcs/ilcs4.asp?ActID=2017&SeqEnd=14900000&SeqStart=12400000"))),
    _R("3", "The cloud shared-responsibility model",
       "Every major provider leaves the customer responsible for its data, identities, access management and the "
       "configuration of the services it uses; the provider answers for the physical infrastructure and, in "
       "managed services, the platform. The toolkit's fault allocation follows the layer that failed; where a "
       "provider default contributed, the share is fact-specific (a stated assumption).",
       (("Microsoft Learn, Shared responsibility in the cloud",
         "https://learn.microsoft.com/en-us/azure/security/fundamentals/shared-responsibility"),
        ("AWS, Shared Responsibility Model", "https://aws.amazon.com/compliance/shared-responsibility-model/"),
        ("Google Cloud, Shared responsibilities and shared fate",
         "https://cloud.google.com/architecture/framework/security/shared-responsibility-shared-fate"))),
    _R("5", "Open questions",
       "No published study gives the rate at which motions to dismiss are granted in data-breach class actions, nor "
       "a survival rate at summary judgment: those stage probabilities are stated assumptions, shown in the "
       "tornado exhibit.",
       (("Duane Morris Class Action Review 2023 (standing as the leading challenge at the motion to dismiss)",
         "https://paperturn-view.com/us/dmcar-2023/duane-morris-class-action-review-2023?p=134&pid=Mjk296527"),)),
]}

# Sections the development notes numbered below a heading we keep as one (3.1–3.3 -> 3).
_ALIASES = {"3.1": "3", "3.2": "3", "3.3": "3"}

_CITE = re.compile(
    r"`{0,2}literature\.md`{0,2}(?:,?\s*(?:§|s\.|sections?|section)\s*"
    r"(?P<sec>\d+(?:\.\d+)?(?:\s*(?:-|–|and|,)\s*\d+(?:\.\d+)?)*)(?P<item>\s+item\s+\d+)?)?")
_DESIGN = re.compile(r"(?:the\s+(?:contract\s+of\s+)?)?`{0,2}design\.md`{0,2}(?:\s+contract)?")


def _section(sec: str) -> str:
    sec = sec.strip()
    return _ALIASES.get(sec, sec)


def cite(text) -> str:
    """Rewrite citations of the development notes into citations of the shipped source notes.

    Examples
    --------
    >>> cite("Duane Morris (literature.md §1.8)")
    'Duane Morris (sources §1.8)'
    >>> cite("rules (literature.md sections 2.10-2.11)")
    'rules (sources §2.10–2.11)'
    >>> cite("allocation (literature.md s.3.3)")
    'allocation (sources §3)'
    >>> cite("Curated outcomes; the contract of design.md.")
    'Curated outcomes; the outcomes-table contract (data/README.md).'
    """
    text = str(text)

    def repl(m):
        sec = m.group("sec")
        if not sec:
            return "sources (docs/sources.md)"
        parts = [_section(p) for p in re.split(r"\s*(?:-|–|and|,)\s*", sec) if p.strip()]
        sep = "–" if ("-" in sec or "–" in sec) else ", "
        return "sources §" + sep.join(parts) + (m.group("item") or "")

    text = _CITE.sub(repl, text)
    return _DESIGN.sub("the outcomes-table contract (data/README.md)", text)


def cited_sections(texts) -> list[str]:
    """The sections of :data:`REFERENCES` that ``texts`` cite (after :func:`cite`), in numeric order.

    >>> cited_sections(["x (sources §1.8)", "y (sources §2.10–2.11)", "z"])
    ['1.8', '2.10', '2.11']
    """
    found = set()
    for text in texts:
        for m in re.finditer(r"sources §(\d+(?:\.\d+)?(?:(?:–|, )\d+(?:\.\d+)?)*)", cite(text)):
            raw = m.group(1)
            if "–" in raw:
                a, b = raw.split("–")[:2]
                keys = list(REFERENCES)
                if a in keys and b in keys:
                    found.update(keys[keys.index(a): keys.index(b) + 1])
                    continue
            found.update(p for p in re.split(r"–|, ", raw) if p)
    known = [s for s in REFERENCES if s in found]
    return known


def sources_markdown() -> str:
    """``docs/sources.md``: every section of :data:`REFERENCES` as Markdown."""
    out = ["# Sources", "",
           "The primary sources behind the toolkit's parameters, in our own words. Parameter tables, the "
           "methodology appendix and `report.pdf` cite these sections as \"sources §N\"; each entry names the "
           "statute, guideline, case or paper with a URL where it can be read. Figures marked as stated assumptions "
           "in the parameter tables are not in these sources: they are the analyst's, and editable.", "",
           "The URLs of the statutes, regulations, guidelines, cases and papers were checked against public copies "
           "in December 2026 (a case summary or court-opinion mirror is given where the official reporter page could "
           "not be checked); the secondary summaries (law-firm, press and vendor pages) were not re-checked then.",
           "",
           "This file is generated from `toolkit/exhibits/sources.py` (`python -m toolkit.exhibits.sources > "
           "docs/sources.md`).", ""]
    for ref in REFERENCES.values():
        out += [f"## §{ref.section} {ref.title}", "", ref.note, ""]
        out += [f"- {c}: <{url}>" for c, url in ref.citations]
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    print(sources_markdown(), end="")
